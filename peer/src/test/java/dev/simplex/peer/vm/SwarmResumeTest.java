package dev.simplex.peer.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcWriter;
import dev.simplex.sbc.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * language.md §8, Lifecycle: "Migration or recovery after losing a peer: fields and execution
 * context restored, on_resume, then the interrupted handler continues from its checkpoint". Three
 * peers on loopback; a compiled actor whose handler calls {@code checkpoint()} halfway and then
 * sleeps is on a peer that dies during that sleep: a survivor restores it from the grid, runs
 * {@code on_resume}, and the handler goes on right after its {@code checkpoint()} call, so its
 * second half happens exactly once and its first half is not repeated. When that handler was
 * answering an ask, the asker (which waited all along) gets the continued handler's reply. A
 * migration runs {@code on_resume} as well.
 */
class SwarmResumeTest {
  static final List<SwarmProgramTest.Peer> peers = new ArrayList<>();
  static final List<Boolean> dead = new ArrayList<>();

  static final String STEPPER =
      """
      actor Stepper {
          var log: List<i64> = []
          var resumes: i64 = 0
          receive Step(k: i64) {
              log.push(k)
              checkpoint()
              sleep(Duration::milliseconds(3000))
              log.push(k + 1)
              checkpoint()
          }
          receive Work(k: i64) -> i64 {
              log.push(k)
              checkpoint()
              sleep(Duration::milliseconds(3000))
              log.push(k + 1)
              checkpoint()
              log.len() * 100
          }
          receive Log -> List<i64> { log }
          receive Resumes -> i64 { resumes }
          on_resume() { resumes += 1 }
      }
      fn main() {}
      """;

  @BeforeAll
  static void startPeers() {
    peers.addAll(ReplicaFailoverTest.startPeers("resume", "s", 1, Duration.ofSeconds(20)));
    peers.forEach(p -> dead.add(false));
  }

  @AfterAll
  static void stopPeers() {
    for (int i = 0; i < peers.size(); i++) if (!dead.get(i)) peers.get(i).close();
  }

  static int host(SwarmRef ref) {
    for (int i = 0; i < peers.size(); i++)
      if (!dead.get(i) && peers.get(i).actors().local(ref).isPresent()) return i;
    return -1;
  }

  static VmValue msg(String hash, String name, Object... args) {
    return new VmValue(hash, new Message(name, List.of(args)));
  }

  static List<Long> numbers(Object reply) {
    List<Long> out = new ArrayList<>();
    var list = (PortableValue.ListOf) Vm.toPortable(((VmValue) reply).value());
    for (var x : list.items()) out.add(((PortableValue.Int) x).value());
    return out;
  }

  static long number(Object reply) {
    return ((PortableValue.Int) Vm.toPortable(((VmValue) reply).value())).value();
  }

  /** A Stepper on peer 2 or 3 (peer 1 sends and survives). */
  static SwarmRef stepperAwayFromPeer1(String hash) {
    SwarmProgramTest.Peer sender = peers.get(0);
    for (int attempt = 0; attempt < 30; attempt++) {
      var args =
          new VmValue.SpawnArgs(
              "resume-run-" + System.nanoTime(), sender.id(), List.of(), Map.of());
      SwarmRef r =
          sender
              .actors()
              .spawn(
                  hash + ":Stepper",
                  new VmValue(hash, args),
                  SpawnOptions.DEFAULT.withPlacement(PlacementHint.SPREAD));
      if (host(r) > 0) return r;
      sender.actors().stop(r);
    }
    throw new AssertionError("no Stepper landed on peer 2 or 3");
  }

  @Test
  void aHandlerInterruptedByItsPeersDeathContinuesOnASurvivorAfterItsCheckpoint() {
    SwarmProgramTest.Peer sender = peers.get(0);
    SbcModule module = Programs.compile(STEPPER);
    String hash = sender.vm().publish(SbcWriter.write(module));

    // a migration restores it too: on_resume runs on the new host
    SwarmRef moved = stepperAwayFromPeer1(hash);
    int from = host(moved);
    sender.actors().migrate(moved, peers.get(3 - from).id());
    assertEquals(1L, number(sender.actors().ask(moved, msg(hash, "Resumes"))));

    SwarmRef stepper = stepperAwayFromPeer1(hash);
    int victim = host(stepper);
    sender.actors().send(stepper, msg(hash, "Step", 10L));
    // the first half ran and is checkpointed; the handler now sleeps: the peer dies
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> sender.grid().actorCheckpoints().latest(stepper.id().value()).isPresent());
    ReplicaFailoverTest.kill(peers, dead, victim);

    AskResult log = sender.actors().ask(stepper, msg(hash, "Log"), Duration.ofSeconds(60));
    assertInstanceOf(AskResult.Reply.class, log, "the restored Stepper answers");
    assertEquals(
        List.of(10L, 11L),
        numbers(((AskResult.Reply) log).value()),
        "the handler went on after its checkpoint, once");
    assertEquals(1L, number(sender.actors().ask(stepper, msg(hash, "Resumes"))));
    int survivor = host(stepper);
    assertTrue(survivor >= 0 && survivor != victim, "restored on a survivor");

    // the same for an ask: the asker's wait ends with the reply of the continued handler
    SwarmRef worker = stepperAwayFromPeer1(hash);
    int second = host(worker);
    var asked =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> sender.actors().ask(worker, msg(hash, "Work", 20L), Duration.ofSeconds(90)));
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> sender.grid().actorCheckpoints().latest(worker.id().value()).isPresent());
    ReplicaFailoverTest.kill(peers, dead, second);
    AskResult reply = asked.join();
    assertInstanceOf(AskResult.Reply.class, reply, "the asker got an answer, not " + reply);
    assertEquals(200L, number(((AskResult.Reply) reply).value()));
    assertEquals(
        List.of(20L, 21L), numbers(sender.actors().ask(worker, msg(hash, "Log"))), "once each");
  }
}
