package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.grid.ActorCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Warm standby copies: who holds them, what travels, which copy a standby keeps. */
class ReplicasTest {
  private static final List<String> VIEW = List.of("p1", "p2", "p3", "p4", "p5");

  @Test
  void standbysAreTheBestRankedOtherPeersAndTheFirstIsTheFailoverOwner() {
    for (int i = 0; i < 50; i++) {
      String actor = "a/" + i;
      String primary = VIEW.get(i % VIEW.size());
      List<String> standbys = Replicas.choose(actor, 3, primary, VIEW);
      assertEquals(2, standbys.size());
      assertTrue(!standbys.contains(primary), "the primary is not its own standby");
      List<String> live = VIEW.stream().filter(p -> !p.equals(primary)).toList();
      assertEquals(Failover.owner(actor, live), standbys.getFirst(), "the survivor failover names");
      assertEquals(standbys, Replicas.choose(actor, 3, primary, VIEW.reversed()), "order-free");
    }
  }

  @Test
  void moreReplicasThanPeersUsesEveryOtherPeerAndOneReplicaNone() {
    assertEquals(
        Set.of("p2", "p3"), Set.copyOf(Replicas.choose("a", 9, "p1", List.of("p1", "p2", "p3"))));
    assertEquals(List.of(), Replicas.choose("a", 1, "p1", VIEW));
  }

  @Test
  void aStandbyThatLeavesIsReplacedAndTheOthersStay() {
    List<String> before = Replicas.choose("a/7", 3, "p1", VIEW);
    List<String> after =
        Replicas.choose(
            "a/7", 3, "p1", VIEW.stream().filter(p -> !p.equals(before.get(1))).toList());
    assertEquals(before.getFirst(), after.getFirst());
    assertTrue(!after.contains(before.get(1)));
    assertEquals(2, after.size());
  }

  @Test
  void aWarmCopyTravelsWhole() {
    var w = new Replicas.Warm(checkpoint(2, 5, new byte[] {7, 8}), "p1", List.of("p2", "p3"));
    var back = Replicas.decode(Replicas.encode(w));
    assertEquals(w.primary(), back.primary());
    assertEquals(w.standbys(), back.standbys());
    assertEquals(w.checkpoint().marks(), back.checkpoint().marks());
    assertArrayEquals(w.checkpoint().state(), back.checkpoint().state());
    assertArrayEquals(w.checkpoint().hints(), back.checkpoint().hints());
    assertEquals(w.checkpoint().version(), back.checkpoint().version());
  }

  @Test
  void malformedWarmCopiesAreRefused() {
    byte[] good =
        Replicas.encode(new Replicas.Warm(checkpoint(1, 1, new byte[3]), "p1", List.of("p2")));
    for (int cut = 0; cut < good.length; cut += 7) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(IllegalArgumentException.class, () -> Replicas.decode(truncated));
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class, () -> Replicas.decode(longer));
    byte[] badFormat = good.clone();
    badFormat[0] = 9;
    assertThrows(IllegalArgumentException.class, () -> Replicas.decode(badFormat));
  }

  @Test
  void aStandbyKeepsTheNewestCopyAndDropsOnlyWhatItsPrimaryWithdrew() {
    var r = new Replicas("p2", new NoWire(), type -> {});
    r.receive(
        "p1",
        Replicas.encode(new Replicas.Warm(checkpoint(1, 5, new byte[0]), "p1", List.of("p2"))));
    r.receive(
        "p1",
        Replicas.encode(new Replicas.Warm(checkpoint(1, 4, new byte[0]), "p1", List.of("p2"))));
    assertEquals(5, r.warm("a").orElseThrow().checkpoint().sequence(), "an older copy is ignored");
    r.receive(
        "p3",
        Replicas.encode(new Replicas.Warm(checkpoint(2, 1, new byte[0]), "p3", List.of("p2"))));
    assertEquals("p3", r.warm("a").orElseThrow().primary(), "a newer epoch's copy wins");
    r.onDrop("p1", drop("a", 1));
    assertTrue(r.warm("a").isPresent(), "the old primary's withdrawal leaves the newer copy");
    assertEquals(
        List.of("a"),
        r.orphaned(Set.of("p1", "p2")).stream().map(w -> w.checkpoint().actorId()).toList());
    r.onDrop("p3", drop("a", 2));
    assertTrue(r.warm("a").isEmpty());
  }

  @Test
  void aCopyNamingAnotherPrimaryThanItsSenderIsRefused() {
    var r = new Replicas("p2", new NoWire(), type -> {});
    byte[] body =
        Replicas.encode(new Replicas.Warm(checkpoint(1, 1, new byte[0]), "p1", List.of("p2")));
    assertThrows(IllegalArgumentException.class, () -> r.receive("p9", body));
    assertEquals(0, r.size());
  }

  @Test
  void thePrimaryPushesToItsStandbysAndWithdrawsFromOnesNoLongerChosen() {
    var wire = new NoWire();
    var r = new Replicas("p1", wire, type -> {});
    var system = new dev.simplex.peer.actor.ActorSystem();
    try {
      pushAndRechoose(r, wire, Activations.idle(system));
    } finally {
      system.shutdown();
    }
  }

  private static void pushAndRechoose(Replicas r, NoWire wire, Activation a) {
    a.hints = new RoutingFrame.Hints(Resources.NONE, 2);
    var c = checkpoint(0, 1, new byte[0]);
    assertEquals(1, r.push(a, c, Set.of("p1", "p2", "p3")));
    String first = a.standbys.getFirst();
    assertEquals(List.of(first + ":" + Replicas.WARM), wire.sent);
    wire.sent.clear();
    Set<String> without = new java.util.HashSet<>(Set.of("p1", "p2", "p3"));
    without.remove(first);
    without.add("p4");
    r.push(a, c, Set.copyOf(without));
    assertTrue(!a.standbys.contains(first));
    assertEquals(
        1, wire.sent.stream().filter(s -> s.endsWith(Replicas.WARM)).count(), wire.sent.toString());
  }

  private static byte[] drop(String actor, long epoch) {
    var b = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(b)) {
      out.writeUTF(actor);
      out.writeLong(epoch);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  private static ActorCheckpoint checkpoint(long epoch, long seq, byte[] state) {
    return new ActorCheckpoint(
        "a",
        "T",
        "named",
        new byte[] {1},
        epoch,
        seq,
        "p1",
        List.of(new ActorCheckpoint.Mark("p9", 3, 11)),
        state,
        42,
        new RoutingFrame.Hints(Resources.of(1, "1MB", 0), 3).bytes());
  }

  /** Answers every control at once and records what was sent. */
  private static final class NoWire implements Replicas.Wire {
    final List<String> sent = new ArrayList<>();

    @Override
    public CompletableFuture<byte[]> control(String peer, String topic, byte[] body, Duration t) {
      sent.add(peer + ":" + topic);
      return CompletableFuture.completedFuture(new byte[0]);
    }

    @Override
    public boolean notice(String peer, String topic, byte[] body) {
      sent.add(peer + ":" + topic);
      return true;
    }

    @Override
    public <T> T await(CompletableFuture<T> f) {
      return f.join();
    }
  }
}
