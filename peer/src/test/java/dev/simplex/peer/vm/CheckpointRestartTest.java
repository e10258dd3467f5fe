package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.actor.ChildSpec;
import dev.simplex.peer.actor.SupervisorSpec;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.SbcModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code checkpoint()} in a handler, then a supervisor restart (language.md §8 Lifecycle). */
class CheckpointRestartTest {
  private static final String TALLY =
      """
      actor Tally {
          var n: i64 = 0
          var saves: i64 = 0
          on_checkpoint() { saves += 1; println("saving {n}") }
          on_resume() { println("resumed at {n} after {saves} saves") }
          on_start() { println("fresh start") }
          receive Add(k: i64) -> i64 { n += k; if k == 2 { checkpoint() }; n }
          receive Crash { panic("boom") }
      }
      fn main() {}
      """;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ActorRef supervisedTally(ActorSystem system, SbcModule module) {
    VmRuntime runtime =
        new VmRuntime(
            system,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    ActorType type = runtime.actorType(module, module.types().indexOf(tallyType(module)));
    Checkpoints saved = new Checkpoints("tally", Durability.NONE);
    var child =
        new ActorSpec(
            "Tally", () -> new VmBehavior(type, List.of(), Map.of(), saved, Durability.NONE));
    var sup = SupervisorSpec.of("Crew", List.of(ChildSpec.of(child)));
    return system.spawn(sup).child(0, "Tally");
  }

  private static dev.simplex.sbc.TypeDef tallyType(SbcModule module) {
    return module.types().stream().filter(t -> t.name().equals("Tally")).findFirst().orElseThrow();
  }

  @Test
  void aRestartAfterACheckpointRestoresTheSavedFieldsAndRunsOnResume() {
    SbcModule module = Programs.compile(TALLY);
    try (ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withErrors(l -> {}))) {
      ActorRef tally = supervisedTally(system, module);
      system.ask(tally, new Message("Add", List.of(1L)));
      system.ask(tally, new Message("Add", List.of(2L)));
      system.ask(tally, new Message("Add", List.of(4L)));
      AskResult crash = system.ask(tally, new Message("Crash", List.of()), Duration.ofSeconds(5));
      assertInstanceOf(AskResult.ActorDied.class, crash);
      // 7 before the crash, 3 (and one save) at the checkpoint
      assertEquals(13L, system.ask(tally, new Message("Add", List.of(10L))));
    }
    assertEquals(
        "fresh start\nsaving 3\nresumed at 3 after 1 saves\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRestartWithoutACheckpointStartsAfresh() {
    SbcModule module = Programs.compile(TALLY);
    try (ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withErrors(l -> {}))) {
      ActorRef tally = supervisedTally(system, module);
      system.ask(tally, new Message("Add", List.of(5L)));
      system.ask(tally, new Message("Crash", List.of()), Duration.ofSeconds(5));
      assertEquals(1L, system.ask(tally, new Message("Add", List.of(1L))));
    }
    assertEquals("fresh start\nfresh start\n", out.toString(StandardCharsets.UTF_8));
  }
}
