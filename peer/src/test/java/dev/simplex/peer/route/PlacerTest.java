package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacerTest {
  private static final ActorId ID = new ActorId("p/1");

  private static Placer.Candidate peer(String id, long actors, double cpu, long freeHeap) {
    return new Placer.Candidate(id, actors, cpu, freeHeap);
  }

  @Test
  void spreadPicksTheFewestActorsWhateverTheCpu() {
    var all = List.of(peer("a", 5, 0.0, -1), peer("b", 1, 0.9, -1), peer("c", 3, 0.0, -1));
    assertEquals("b", Placer.pick(ID, PlacementHint.SPREAD, Resources.DEFAULT, all));
  }

  @Test
  void anyPicksTheLeastBusyCpuThenTheFewestActors() {
    var all = List.of(peer("a", 5, 0.0, -1), peer("b", 1, 0.9, -1), peer("c", 3, 0.01, -1));
    assertEquals("c", Placer.pick(ID, PlacementHint.ANY, Resources.DEFAULT, all));
  }

  @Test
  void binPackingFillsTheBusiestPeerWithRoomAndFallsBackWhenNoneHasRoom() {
    var all =
        List.of(peer("a", 5, 0, 1L << 30), peer("b", 9, 0, 1L << 20), peer("c", 1, 0, 1L << 30));
    assertEquals("a", Placer.pick(ID, PlacementHint.BIN_PACKING, Resources.of(1, "256MB", 0), all));
    assertEquals("b", Placer.pick(ID, PlacementHint.BIN_PACKING, Resources.of(1, "4GB", 0), all));
  }

  @Test
  void aBurstOfSpawnsSpreadsBeforeTheNextLoadSample() {
    var placer = new Placer("a");
    Set<String> chosen = new HashSet<>();
    for (int i = 0; i < 3; i++)
      chosen.add(
          placer.choose(
              new ActorId("p/" + i),
              PlacementHint.SPREAD,
              Resources.DEFAULT,
              Set.of("a", "b", "c"),
              Map.of()));
    assertEquals(
        Set.of("a"), chosen, "without published loads only this peer is known to host actors");
  }

  @Test
  void resourcesParseTheLanguagesSizes() {
    assertEquals(256L << 20, Resources.of(1, "256MB", 0).memoryBytes());
    assertEquals(1L << 30, Resources.of(1, "1gb", 0).memoryBytes());
    assertEquals(12, Resources.of(1, "12", 0).memoryBytes());
    assertThrows(IllegalArgumentException.class, () -> Resources.of(1, "lots", 0));
    assertThrows(
        IllegalArgumentException.class, () -> Resources.of(1, "99999999999999999999TB", 0));
    assertThrows(IllegalArgumentException.class, () -> new Resources(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> SpawnOptions.DEFAULT.withReplicas(0));
    assertThrows(IllegalArgumentException.class, () -> SpawnOptions.DEFAULT.withName(" "));
  }
}
