package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 2: "an actor whose handler is suspended in ask/await moves with its execution
 * context and continues on the target". Three peers on loopback. An {@code Asker}'s handler waits
 * in {@code ask} for an {@code Oracle} that answers only once the test opens a {@code Gate}; the
 * Asker is migrated meanwhile. The move does not wait for the reply (the gate is still closed when
 * it returns): the handler is captured in its ask, continues on the target with the reply that
 * comes later (kept by the old host and fetched by the new one), and its own asker gets the
 * continued handler's reply. Mail queued behind the waiting handler is handled after it, in order,
 * on the target.
 */
class SuspendedAskMigrationTest {
  static final List<SwarmProgramTest.Peer> peers = new ArrayList<>();

  static final String PROGRAM =
      """
      actor Gate {
          var open: Bool = false
          var asked: i64 = 0
          receive Open { open = true }
          receive IsOpen -> Bool {
              asked += 1
              open
          }
          receive Asked -> i64 { asked }
      }
      actor Oracle {
          var answered: i64 = 0
          receive Slow(g: ActorRef<Gate>, k: i64) -> i64 {
              while !ask(g, IsOpen) { sleep(Duration::milliseconds(20)) }
              answered += 1
              k * 10
          }
          receive Answered -> i64 { answered }
      }
      async fn consult(o: ActorRef<Oracle>, g: ActorRef<Gate>, k: i64) -> i64 {
          let base = k * 1000
          base + ask(o, Slow(g, k))
      }
      actor Asker {
          var log: List<i64> = []
          receive Go(o: ActorRef<Oracle>, g: ActorRef<Gate>, k: i64) -> i64 {
              log.push(k)
              let r = ask(o, Slow(g, k))
              log.push(r)
              r + 1
          }
          receive GoWithin(o: ActorRef<Oracle>, g: ActorRef<Gate>, k: i64) -> i64 {
              log.push(k)
              let r = match ask(o, Slow(g, k), timeout: Duration::milliseconds(1500)) {
                  Ok(v) => v,
                  Err(_) => -1,
              }
              log.push(r)
              r
          }
          receive GoDurable(o: ActorRef<Oracle>, g: ActorRef<Gate>, k: i64) -> i64 {
              log.push(k)
              checkpoint()
              let r = ask(o, Slow(g, k))
              log.push(r)
              r + 1
          }
          receive GoAwait(o: ActorRef<Oracle>, g: ActorRef<Gate>, k: i64) -> i64 {
              log.push(k)
              let r = await consult(o, g, k)
              log.push(r)
              r
          }
          receive Note(n: i64) { log.push(n) }
          receive Log -> List<i64> { log }
      }
      fn main() {}
      """;

  @BeforeAll
  static void startPeers() {
    peers.addAll(ReplicaFailoverTest.startPeers("askmove", "q", 1, Duration.ofSeconds(20)));
  }

  @AfterAll
  static void stopPeers() {
    peers.forEach(SwarmProgramTest.Peer::close);
  }

  static int host(SwarmRef ref) {
    for (int i = 0; i < peers.size(); i++)
      if (peers.get(i).actors().local(ref).isPresent()) return i;
    return -1;
  }

  static SwarmRef spawn(String hash, String type) {
    SwarmProgramTest.Peer sender = peers.get(0);
    var args =
        new VmValue.SpawnArgs("askmove-run-" + System.nanoTime(), sender.id(), List.of(), Map.of());
    return sender
        .actors()
        .spawn(
            hash + ":" + type,
            new VmValue(hash, args),
            SpawnOptions.DEFAULT.withPlacement(PlacementHint.SPREAD));
  }

  static Object ask(SwarmRef to, String hash, String name, Object... args) {
    AskResult r =
        peers
            .get(0)
            .actors()
            .ask(to, SwarmResumeTest.msg(hash, name, args), Duration.ofSeconds(60));
    assertInstanceOf(AskResult.Reply.class, r, name + " answered");
    return ((AskResult.Reply) r).value();
  }

  /** Moves {@code ref} to a peer other than its host and returns that peer's index. */
  static int moveAway(SwarmRef ref) {
    int from = host(ref);
    int to = (from + 1) % peers.size();
    peers.get(0).actors().migrate(ref, peers.get(to).id());
    assertEquals(to, host(ref), "it lives on the target now");
    return to;
  }

  /** The three actors of {@link #PROGRAM} and the Asker's handler {@code go} under way. */
  record Scene(
      String hash,
      SwarmRef gate,
      SwarmRef oracle,
      SwarmRef asker,
      CompletableFuture<AskResult> going) {}

  /**
   * Spawns a Gate, an Oracle and an Asker, asks the Asker {@code go(oracle, gate, k)} and returns
   * once its handler waits in its ask (the Oracle has begun polling the Gate).
   */
  static Scene begin(String go, long k) {
    SwarmProgramTest.Peer sender = peers.get(0);
    SbcModule module = Programs.compile(PROGRAM);
    String hash = sender.vm().publish(SbcWriter.write(module));
    SwarmRef gate = spawn(hash, "Gate");
    SwarmRef oracle = spawn(hash, "Oracle");
    SwarmRef asker = spawn(hash, "Asker");
    CompletableFuture<AskResult> going =
        CompletableFuture.supplyAsync(
            () ->
                sender
                    .actors()
                    .ask(
                        asker,
                        SwarmResumeTest.msg(hash, go, oracle, gate, k),
                        Duration.ofSeconds(90)));
    waitInAsk(gate, hash);
    return new Scene(hash, gate, oracle, asker, going);
  }

  @Test
  void aHandlerWaitingInAskMovesWithItsContextAndContinuesOnTheTarget() {
    SwarmProgramTest.Peer sender = peers.get(0);
    Scene scene = begin("Go", 7);
    String hash = scene.hash();
    SwarmRef gate = scene.gate(), oracle = scene.oracle(), asker = scene.asker();
    CompletableFuture<AskResult> going = scene.going();
    for (long n = 1; n <= 20; n++)
      sender.actors().send(asker, SwarmResumeTest.msg(hash, "Note", n));

    int from = host(asker);
    int to = moveAway(asker);
    assertNotEquals(from, to);
    // the move did not wait for the reply: the gate is still closed, so the Oracle cannot have
    // answered yet
    assertFalse(going.isDone(), "the asker still waits for the moved handler");

    sender.actors().send(gate, SwarmResumeTest.msg(hash, "Open"));
    AskResult reply = going.join();
    assertInstanceOf(AskResult.Reply.class, reply, "the asker got the continued handler's reply");
    assertEquals(71L, SwarmResumeTest.number(((AskResult.Reply) reply).value()));
    List<Long> expected = new ArrayList<>(List.of(7L, 70L));
    LongStream.rangeClosed(1, 20).forEach(expected::add);
    assertEquals(
        expected,
        SwarmResumeTest.numbers(ask(asker, hash, "Log")),
        "the handler continued once, on the target, and the mail behind it followed in order");
    assertEquals(to, host(asker));
    assertEquals(1L, SwarmResumeTest.number(ask(oracle, hash, "Answered")), "asked once");
  }

  @Test
  void anAskWithATimeoutThatPassesAfterTheMoveEndsInErrOnTheTarget() {
    SwarmProgramTest.Peer sender = peers.get(0);
    Scene scene = begin("GoWithin", 3);
    String hash = scene.hash();
    SwarmRef gate = scene.gate(), oracle = scene.oracle(), asker = scene.asker();
    CompletableFuture<AskResult> going = scene.going();
    moveAway(asker);
    AskResult reply = going.join();
    assertInstanceOf(AskResult.Reply.class, reply);
    assertEquals(-1L, SwarmResumeTest.number(((AskResult.Reply) reply).value()), "Err(Timeout)");
    assertEquals(List.of(3L, -1L), SwarmResumeTest.numbers(ask(asker, hash, "Log")));
    sender.actors().send(gate, SwarmResumeTest.msg(hash, "Open"));
  }

  @Test
  void aHandlerSuspendedInAwaitOfAnAsyncFunctionThatAsksMovesWithBothFrames() {
    SwarmProgramTest.Peer sender = peers.get(0);
    Scene scene = begin("GoAwait", 2);
    String hash = scene.hash();
    SwarmRef gate = scene.gate(), oracle = scene.oracle(), asker = scene.asker();
    CompletableFuture<AskResult> going = scene.going();
    int to = moveAway(asker);
    assertFalse(going.isDone());
    sender.actors().send(gate, SwarmResumeTest.msg(hash, "Open"));
    AskResult reply = going.join();
    assertInstanceOf(AskResult.Reply.class, reply);
    // consult's local `base` (2000) travelled in its own frame
    assertEquals(2020L, SwarmResumeTest.number(((AskResult.Reply) reply).value()));
    assertEquals(List.of(2L, 2020L), SwarmResumeTest.numbers(ask(asker, hash, "Log")));
    assertEquals(to, host(asker));
  }

  @Test
  void aMoveThatFailsAfterTheHandlerWasCapturedContinuesItWhereItWas() {
    SwarmProgramTest.Peer sender = peers.get(0);
    Scene scene = begin("GoDurable", 4);
    String hash = scene.hash();
    SwarmRef gate = scene.gate(), oracle = scene.oracle(), asker = scene.asker();
    CompletableFuture<AskResult> going = scene.going();
    for (long n = 1; n <= 5; n++) sender.actors().send(asker, SwarmResumeTest.msg(hash, "Note", n));
    // a durable actor's move stores its final snapshot first; a newer checkpoint in the grid (as
    // if another activation existed) makes that step refuse, after the handler was captured
    String id = asker.id().value();
    var stored = sender.grid().actorCheckpoints().latest(id).orElseThrow();
    sender
        .grid()
        .actorCheckpoints()
        .save(
            new dev.simplex.peer.grid.ActorCheckpoint(
                id,
                stored.typeName(),
                stored.name(),
                stored.args(),
                stored.epoch() + 5,
                1,
                "elsewhere",
                stored.marks(),
                stored.state(),
                0));
    int from = host(asker);
    int to = (from + 1) % peers.size();
    var refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.simplex.peer.route.MigrationFailedException.class,
            () -> sender.actors().migrate(asker, peers.get(to).id()));
    org.junit.jupiter.api.Assertions.assertTrue(
        refused.getMessage().contains("newer activation"), refused.getMessage());
    assertEquals(from, host(asker), "it stays where it was");
    assertFalse(going.isDone());

    sender.actors().send(gate, SwarmResumeTest.msg(hash, "Open"));
    AskResult reply = going.join();
    assertInstanceOf(AskResult.Reply.class, reply, "the handler continued in place");
    assertEquals(41L, SwarmResumeTest.number(((AskResult.Reply) reply).value()));
    assertEquals(
        List.of(4L, 40L, 1L, 2L, 3L, 4L, 5L),
        SwarmResumeTest.numbers(ask(asker, hash, "Log")),
        "once, and the mail behind it after it, in order");
  }

  /** Until the Oracle asks {@code gate}: it is handling the Asker's Slow, so the Asker waits. */
  private static void waitInAsk(SwarmRef gate, String hash) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> SwarmResumeTest.number(ask(gate, hash, "Asked")) > 0);
  }
}
