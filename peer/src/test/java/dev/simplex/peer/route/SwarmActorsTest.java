package dev.simplex.peer.route;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.PeerId;
import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ActorDiedException;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.actor.Behavior;
import dev.simplex.peer.actor.NameTakenException;
import dev.simplex.peer.swarm.PeerLoad;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three real peers in this JVM on loopback (JGroups TCP + Hazelcast), routing actor messages. */
class SwarmActorsTest {
  /** What each activation saw, by the peer it ran on and its start argument. */
  static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

  record Get() implements Serializable {}

  record Sleep(long millis) implements Serializable {}

  record Where() implements Serializable {}

  static List<SwarmPeers> peers;
  static SwarmPeers a;
  static SwarmPeers b;
  static SwarmPeers c;

  /**
   * A recorder: keeps every message under "peer/tag", answers Get with the count and Where with its
   * peer.
   */
  static Behavior recorder(String peer, Object tag) {
    String key = peer + "/" + tag;
    return new Behavior() {
      final List<Object> seen = SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());

      @Override
      public void start(ActorContext ctx) {
        if ("explode".equals(tag)) throw new IllegalStateException("boom in start");
      }

      @Override
      public Object handle(ActorContext ctx, Object message) {
        return switch (message) {
          case Get g -> seen.size();
          case Where w -> peer;
          case Sleep s -> {
            try {
              Thread.sleep(s.millis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            yield "slept";
          }
          case String text when text.equals("die") ->
              throw new IllegalStateException("asked to die");
          default -> {
            seen.add(message);
            yield null;
          }
        };
      }
    };
  }

  @BeforeAll
  static void startPeers() {
    peers =
        SwarmPeers.start(
            List.of("a", "b", "c"),
            (peer, r) ->
                r.register("Recorder", tag -> recorder(peer, tag))
                    .register("Other", tag -> recorder(peer, "other-" + tag)));
    a = peers.get(0);
    b = peers.get(1);
    c = peers.get(2);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                peers.stream()
                    .allMatch(p -> p.grid().memberCount() == 3 && p.node().view().size() == 3));
  }

  @AfterAll
  static void stopPeers() {
    if (peers != null) peers.reversed().forEach(SwarmPeers::close);
  }

  private static long loadSequence;

  /** Publishes actor counts as the peers' load (heap: 1 GiB, of which {@code used} in use). */
  private static void loads(long actorsA, long actorsB, long actorsC) {
    loadSequence++;
    long[] n = {actorsA, actorsB, actorsC};
    for (int i = 0; i < 3; i++) {
      String id = peers.get(i).id();
      a.grid()
          .<PeerLoad>load()
          .set(id, new PeerLoad(id, "", loadSequence, n[i], 0, 0, 0.1, 0, 1L << 30));
    }
  }

  /** An actor of type Recorder on peer b, spawned from {@code from}, by load. */
  private static SwarmRef onB(SwarmPeers from, String tag) {
    loads(1000, 0, 1000);
    SwarmRef ref = from.actors().spawn("Recorder", tag);
    assertEquals("b", from.actors().ask(ref, new Where()));
    return ref;
  }

  private static String tag(String what) {
    return what + "-" + System.nanoTime();
  }

  @Test
  void newActorsGoToTheLeastLoadedPeerAndLocalityFollowsTheRef() {
    SwarmRef ref = onB(a, tag("spread"));
    assertTrue(b.actors().local(ref).isPresent());
    assertFalse(a.actors().local(ref).isPresent());
    loads(0, 1000, 1000);
    SwarmRef near =
        c.actors()
            .spawn(
                "Recorder",
                tag("near"),
                SpawnOptions.DEFAULT.withPlacement(new PlacementHint.Locality(ref)));
    assertEquals("b", c.actors().ask(near, new Where()));
    SwarmRef byLoad = c.actors().spawn("Recorder", tag("any"));
    assertEquals("a", c.actors().ask(byLoad, new Where()));
  }

  @Test
  void binPackingFillsTheBusiestPeerThatHasRoom() {
    loadSequence++;
    long seq = loadSequence;
    a.grid().<PeerLoad>load().set("a", new PeerLoad("a", "", seq, 10, 0, 0, 0.1, 0, 1L << 30));
    a.grid()
        .<PeerLoad>load()
        .set("b", new PeerLoad("b", "", seq, 50, 0, 0, 0.1, (1L << 30) - (10L << 20), 1L << 30));
    a.grid().<PeerLoad>load().set("c", new PeerLoad("c", "", seq, 5, 0, 0, 0.1, 0, 1L << 30));
    SwarmRef packed =
        c.actors()
            .spawn(
                "Recorder",
                tag("packed"),
                SpawnOptions.DEFAULT
                    .withPlacement(PlacementHint.BIN_PACKING)
                    .withResources(Resources.of(1, "256MB", 0)));
    assertEquals("a", c.actors().ask(packed, new Where()), "b is busiest but has only 10 MB free");
  }

  @Test
  void aThousandRemoteSendsArriveInSendOrder() {
    String tag = tag("order");
    SwarmRef ref = onB(a, tag);
    for (int i = 0; i < 1000; i++) a.actors().send(ref, i);
    assertEquals(
        1000,
        a.actors().ask(ref, new Get()),
        "an ask returns after every earlier send was handled");
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) expected.add(i);
    assertEquals(expected, SEEN.get("b/" + tag));
    assertEquals(0, b.actors().stats().duplicates());
  }

  @Test
  void remoteAskRepliesTimesOutAndFailsWhenTheActorDies() {
    SwarmRef ref = onB(c, tag("ask"));
    assertEquals("b", c.actors().ask(ref, new Where()));
    assertInstanceOf(
        AskResult.Timeout.class, c.actors().ask(ref, new Sleep(1500), Duration.ofMillis(100)));
    assertEquals(
        new AskResult.Reply("b"), c.actors().ask(ref, new Where(), Duration.ofSeconds(10)));
    assertThrows(ActorDiedException.class, () -> c.actors().ask(ref, "die"));
    long before = b.system().deadLetters().count();
    assertInstanceOf(
        AskResult.ActorDied.class, c.actors().ask(ref, new Where(), Duration.ofSeconds(10)));
    c.actors().send(ref, "after death");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.system().deadLetters().count() >= before + 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.actors().local(ref).isEmpty());
  }

  @Test
  void aNamedActorIsFoundFromAnyPeerAndSpawnedOnlyOnce() {
    String name = tag("store");
    loads(1000, 0, 1000);
    SwarmRef first = a.actors().spawn("Recorder", "named", SpawnOptions.DEFAULT.withName(name));
    assertEquals(first, c.actors().lookup(name, "Recorder").orElseThrow());
    assertTrue(c.actors().lookup(name, "Other").isEmpty());
    int hosted = b.actors().hostedCount();
    assertEquals(first, c.actors().spawn("Recorder", "again", SpawnOptions.DEFAULT.withName(name)));
    assertEquals(hosted, b.actors().hostedCount(), "spawning with a live name creates nothing");
    var taken =
        assertThrows(
            NameTakenException.class,
            () -> b.actors().spawn("Other", "x", SpawnOptions.DEFAULT.withName(name)));
    assertTrue(taken.getMessage().contains("Recorder"), taken.getMessage());
    c.actors().stop(first);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> a.actors().lookup(name, "Recorder").isEmpty());
    SwarmRef second = c.actors().spawn("Recorder", "reborn", SpawnOptions.DEFAULT.withName(name));
    assertFalse(second.equals(first), "a stopped actor's name is free for a new one");
  }

  @Test
  void aMessageOnAStaleRouteIsRedirectedToTheNewHost() {
    String tag = tag("stale");
    SwarmRef ref = onB(a, tag);
    for (int i = 0; i < 10; i++) a.actors().send(ref, i);
    assertEquals(10, a.actors().ask(ref, new Get()));
    assertEquals("b", a.actors().cachedRoute(ref).orElseThrow());
    long bounced = b.actors().stats().redirectsSent();

    String moved = tag + "-moved";
    c.actors().adopt(ref, moved);
    // The move is complete once the old host let its activation go (a migration pauses it first).
    await().atMost(Duration.ofSeconds(10)).until(() -> b.actors().local(ref).isEmpty());
    for (int i = 10; i < 20; i++) a.actors().send(ref, i);
    assertEquals(10, a.actors().ask(ref, new Get()), "the new activation got every later message");
    assertEquals("c", a.actors().ask(ref, new Where()));
    List<Object> expected = new ArrayList<>();
    for (int i = 10; i < 20; i++) expected.add(i);
    assertEquals(expected, SEEN.get("c/" + moved));
    assertEquals(
        "c", a.actors().cachedRoute(ref).orElseThrow(), "the sender's route cache was updated");
    assertTrue(b.actors().stats().redirectsSent() > bounced);
    assertTrue(a.actors().stats().redirectsFollowed() >= 1);
  }

  @Test
  void malformedRoutingEnvelopesAreCountedAndDropped() {
    long before = b.actors().stats().malformed();
    a.node()
        .send(
            new PeerId("b"),
            EnvelopeKind.ROUTING,
            RoutingFrame.KIND_VERSION,
            new byte[] {99, 1, 2});
    a.node().send(new PeerId("b"), EnvelopeKind.ROUTING, RoutingFrame.KIND_VERSION, new byte[0]);
    a.node().send(new PeerId("b"), EnvelopeKind.ROUTING, 7, new RoutingFrame.Ack("x", 1).encode());
    byte[] truncated = new RoutingFrame.Ack("x", 1).encode();
    a.node()
        .send(
            new PeerId("b"),
            EnvelopeKind.ROUTING,
            RoutingFrame.KIND_VERSION,
            java.util.Arrays.copyOf(truncated, 4));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.actors().stats().malformed() >= before + 4);
    SwarmRef ref = onB(a, tag("after-garbage"));
    assertEquals("b", a.actors().ask(ref, new Where()), "the peer still routes");
  }

  @Test
  void mailForAnActorWithoutActivationBecomesADeadLetterOnTheReceivingPeer() {
    String id = "ghost-" + System.nanoTime();
    a.grid().placements().place(id, "b");
    SwarmRef ghost = new SwarmRef(new ActorId(id), "Recorder");
    long before = b.system().deadLetters().count();
    a.actors().send(ghost, "boo");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.system().deadLetters().count() == before + 1);
    assertTrue(b.system().deadLetters().recent().getLast().target().contains(id));
    assertThrows(ActorDiedException.class, () -> a.actors().ask(ghost, new Get()));
    SwarmRef never = new SwarmRef(new ActorId("never-" + System.nanoTime()), "Recorder");
    assertThrows(ActorDiedException.class, () -> c.actors().ask(never, new Get()));
  }

  @Test
  void aSpawnThatCannotStartFailsWithItsReason() {
    loads(1000, 0, 1000);
    var unknown = assertThrows(SpawnFailedException.class, () -> a.actors().spawn("Nope", null));
    assertTrue(unknown.getMessage().contains("no actor type Nope"), unknown.getMessage());
    var panic =
        assertThrows(SpawnFailedException.class, () -> a.actors().spawn("Recorder", "explode"));
    assertTrue(panic.getMessage().contains("boom in start"), panic.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.actors().spawn("Recorder", new Object()));
    assertThrows(IllegalArgumentException.class, () -> a.actors().spawn(" ", null));
  }
}
