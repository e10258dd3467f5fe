package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.swarm.PeerLoad;
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

  private static Placer.Candidate sized(String id, long actors, long heap, long cores, long gpus) {
    return new Placer.Candidate(id, actors, 0, heap, cores, gpus);
  }

  @Test
  void anActorAskingForAGpuGoesToThePeerWithOneFree() {
    var all = List.of(sized("a", 0, 1L << 30, 8, 0), sized("b", 50, 1L << 30, 8, 1));
    var choice = Placer.decide(ID, PlacementHint.ANY, Resources.of(1, "1MB", 1), all);
    assertEquals(new Placer.Choice("b", null), choice);
    assertEquals("a", Placer.pick(ID, PlacementHint.ANY, Resources.NONE, all), "by load otherwise");
  }

  @Test
  void whenNoPeerFitsTheActorIsPlacedByLoadAndTheChoiceSaysWhatDidNotFit() {
    var all = List.of(sized("a", 3, 2L << 30, 4, 0), sized("b", 1, 1L << 30, 2, 0));
    var choice = Placer.decide(ID, PlacementHint.SPREAD, Resources.of(8, "4GB", 2), all);
    assertEquals("b", choice.peerId(), "a hint, never a refusal: the fewest actors");
    assertTrue(choice.misfit().contains("cpu 8 (at most 4 free"), choice.misfit());
    assertTrue(choice.misfit().contains("memory 4096 MB (at most 2048 MB"), choice.misfit());
    assertTrue(choice.misfit().contains("gpu 2 (at most 0"), choice.misfit());
    var together =
        Placer.decide(
            ID,
            PlacementHint.ANY,
            Resources.of(4, "1536MB", 0),
            List.of(sized("a", 0, 1L << 30, 4, 0), sized("b", 0, 2L << 30, 2, 0)));
    assertTrue(together.misfit().contains("no single peer"), together.misfit());
  }

  @Test
  void resourcesReservedOnAPeerAndThosePlacedSinceItsSampleCountAgainstIt() {
    var placer = new Placer("a");
    // both peers: 4 cores; a has 3 reserved by its actors already
    Map<String, PeerLoad> loads =
        Map.of(
            "a", load("a", 0, 4, 3, 0),
            "b", load("b", 5, 4, 0, 0));
    Resources two = Resources.of(2, "1MB", 0);
    Set<String> view = Set.of("a", "b");
    assertEquals("b", placer.choose(new ActorId("p/1"), PlacementHint.ANY, two, view, loads));
    assertEquals("b", placer.choose(new ActorId("p/2"), PlacementHint.ANY, two, view, loads));
    var third = placer.decide(new ActorId("p/3"), PlacementHint.ANY, two, view, loads);
    assertTrue(third.misfit() != null, "b's 4 cores went to the first two: " + third);
    // a new sample of b publishes those reservations itself; nothing is counted twice
    Map<String, PeerLoad> next = Map.of("a", load("a", 0, 4, 3, 0), "b", load("b", 7, 4, 4, 1));
    assertTrue(
        placer.decide(new ActorId("p/4"), PlacementHint.ANY, two, view, next).misfit() != null);
    Map<String, PeerLoad> freed = Map.of("a", load("a", 0, 4, 3, 0), "b", load("b", 8, 4, 2, 2));
    assertEquals(
        new Placer.Choice("b", null),
        placer.decide(new ActorId("p/5"), PlacementHint.ANY, two, view, freed),
        "a stopped actor's reservation is released with the next sample");
  }

  private static PeerLoad load(String id, long actors, int cores, long reservedCpu, long seq) {
    return new PeerLoad(id, "", seq, actors, 0, 0, 0.1, 0, 1L << 30, cores, 0, reservedCpu, 0, 0);
  }
}
