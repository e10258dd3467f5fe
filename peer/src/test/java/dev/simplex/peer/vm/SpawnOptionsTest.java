package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.route.ActorId;
import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.Resources;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.RuntimePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code spawn .. with { .. }} options as the compiler hands them over (the prelude's {@code
 * Placement} enum and {@code Resources} struct, in their portable form) become the router's hints.
 */
class SpawnOptionsTest {
  private static PortableValue placement(String variant, PortableValue... payload) {
    return new PortableValue.Variant("Placement", variant, List.of(payload));
  }

  private static PortableValue resources(long cpu, String memory, long gpu) {
    return new PortableValue.Struct(
        "Resources",
        List.of(
            new PortableValue.Field("cpu", new PortableValue.Int(cpu)),
            new PortableValue.Field("memory", new PortableValue.Str(memory)),
            new PortableValue.Field("gpu", new PortableValue.Int(gpu))));
  }

  @Test
  void everyPlacementVariantBecomesItsHint() {
    assertEquals(
        PlacementHint.SPREAD,
        SpawnOptions.parse(Map.of("placement", placement("Spread"))).forSwarm().placement());
    assertEquals(
        PlacementHint.BIN_PACKING,
        SpawnOptions.parse(Map.of("placement", placement("BinPacking"))).forSwarm().placement());
    assertEquals(
        PlacementHint.ANY,
        SpawnOptions.parse(Map.of("placement", placement("Any"))).forSwarm().placement());
    assertEquals(PlacementHint.ANY, SpawnOptions.parse(Map.of()).forSwarm().placement());
  }

  @Test
  void localityCarriesTheSwarmRefOfTheActorToBePlacedNear() {
    SwarmRef near = new SwarmRef(new ActorId("p1/7"), "abc:Store");
    var opts =
        SpawnOptions.parse(
            Map.of("placement", placement("Locality", new PortableValue.Actor(near))));
    assertEquals(new PlacementHint.Locality(near), opts.forSwarm().placement());
  }

  @Test
  void localityNearALocalOnlyRefPlacesByLoad() {
    var opts =
        SpawnOptions.parse(
            Map.of("placement", placement("Locality", new PortableValue.Actor("local ref"))));
    assertEquals(PlacementHint.ANY, opts.forSwarm().placement());
    assertEquals("local ref", opts.near());
  }

  @Test
  void resourcesAndReplicasReachTheRouter() {
    var opts =
        SpawnOptions.parse(
                Map.of(
                    "resources", resources(2, "1GB", 1),
                    "replicas", new PortableValue.Int(3),
                    "name", new PortableValue.Str("store")))
            .forSwarm();
    assertEquals(new Resources(2, 1L << 30, 1), opts.resources());
    assertEquals(3, opts.replicas());
    assertEquals("store", opts.name());
  }

  @Test
  void withoutResourcesAnActorReservesNothing() {
    var opts = SpawnOptions.parse(Map.of());
    assertNull(opts.resources());
    assertEquals(Resources.NONE, opts.forSwarm().resources());
    assertEquals(1, opts.forSwarm().replicas());
  }

  @Test
  void badOptionsPanicWithAMessageNamingTheOption() {
    assertPanics(
        "resources memory \"lots\" is not a size", Map.of("resources", resources(1, "lots", 0)));
    assertPanics(
        "replicas must be at least 1, got 0", Map.of("replicas", new PortableValue.Int(0)));
    assertPanics("replicas must be at most", Map.of("replicas", new PortableValue.Int(1_000)));
    assertPanics("resources cpu must be between", Map.of("resources", resources(-1, "1MB", 0)));
    assertPanics("resources gpu must be between", Map.of("resources", resources(1, "1MB", -2)));
    assertPanics("Placement::Locality needs the ref", Map.of("placement", placement("Locality")));
    assertPanics("placement must be Any, Spread", Map.of("placement", placement("Everywhere")));
    assertPanics("placement must be a Placement", Map.of("placement", new PortableValue.Int(1)));
    assertPanics(
        "resources must be a Resources value", Map.of("resources", new PortableValue.Int(1)));
    assertPanics("an actor name must not be blank", Map.of("name", new PortableValue.Str(" ")));
  }

  private static void assertPanics(String start, Map<String, PortableValue> options) {
    var e = assertThrows(RuntimePort.Panic.class, () -> SpawnOptions.parse(options));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
