package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SupervisionTest {
  private final Events events = new Events();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Map<Long, Integer> checkpoints = new ConcurrentHashMap<>();

  private ChildSpec worker(String label) {
    return ChildSpec.of(Recording.spec("Worker", label, events, checkpoints)).named(label);
  }

  private static SupervisorSpec crew(Strategy strategy, int maxRestarts, ChildSpec... children) {
    return new SupervisorSpec(
        "Crew", strategy, maxRestarts, Duration.ofMinutes(1), List.of(children));
  }

  /** Spawns the supervisor, forgets its start events, crashes child {@code victim}. */
  private List<String> crashOne(ActorSystem system, SupervisorSpec spec, String victim) {
    ActorRef sup = system.spawn(spec);
    events.clear();
    assertThrows(ActorDiedException.class, () -> system.ask(sup.child(victim), "panic:boom"));
    return events.all();
  }

  @Test
  void oneForOneRestartsOnlyTheFailedChild() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ONE, 3, worker("a"), worker("b"), worker("c"));
      assertEquals(List.of("b stop Error(boom)", "b start"), crashOne(system, spec, "b"));
      assertEquals(List.of("actor Worker crashed: boom"), errors);
    }
  }

  @Test
  void oneForAllKillsTheOthersInReverseOrderThenRestartsAllInOrder() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ALL, 3, worker("a"), worker("b"), worker("c"));
      assertEquals(
          List.of(
              "b stop Error(boom)",
              "c stop Killed",
              "a stop Killed",
              "a start",
              "b start",
              "c start"),
          crashOne(system, spec, "b"));
    }
  }

  @Test
  void restForOneRestartsTheFailedChildAndThoseStartedAfterIt() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.REST_FOR_ONE, 3, worker("a"), worker("b"), worker("c"), worker("d"));
      assertEquals(
          List.of(
              "b stop Error(boom)",
              "d stop Killed",
              "c stop Killed",
              "b start",
              "c start",
              "d start"),
          crashOne(system, spec, "b"));
    }
  }

  @Test
  void alwaysRestartsAfterACrash() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ONE, 3, worker("a").restart(RestartPolicy.ALWAYS));
      assertEquals(List.of("a stop Error(boom)", "a start"), crashOne(system, spec, "a"));
    }
  }

  @Test
  void neverLeavesTheCrashedChildDead() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ONE, 3, worker("a").restart(RestartPolicy.NEVER));
      ActorRef sup = system.spawn(spec);
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(sup.child("a"), "panic:boom"));
      assertEquals(List.of("a stop Error(boom)"), events.all());
      assertFalse(sup.child("a").isAlive());
      assertTrue(sup.isAlive(), "the supervisor itself carries on");
    }
  }

  @Test
  void transientRestartsAfterAnErrorButNotAfterAStop() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ONE, 3, worker("a").restart(RestartPolicy.TRANSIENT));
      ActorRef sup = system.spawn(spec);
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(sup.child("a"), "panic:boom"));
      system.stop(sup.child("a"));
      assertEquals(List.of("a stop Error(boom)", "a start", "a stop Normal"), events.all());
      assertFalse(sup.child("a").isAlive());
    }
  }

  @Test
  void customRestartsWhenItsPredicateAcceptsTheExitReason() {
    RestartPolicy onlyRetryable =
        new RestartPolicy.Custom(
            r -> r instanceof ExitReason.Error e && e.message().startsWith("retry"));
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ONE, 3, worker("a").restart(onlyRetryable));
      ActorRef sup = system.spawn(spec);
      ActorRef a = sup.child("a");
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:retry me"));
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:fatal"));
      assertEquals(
          List.of("a stop Error(retry me)", "a start", "a stop Error(fatal)"), events.all());
      assertFalse(a.isAlive());
    }
  }

  @Test
  void aSiblingBusyInAHandlerIsKilledAndRestartedWhenTheHandlerReturns() {
    AtomicReference<ActorRef> b = new AtomicReference<>();
    ChildSpec asker =
        ChildSpec.of(
                new ActorSpec(
                    "Asker",
                    () ->
                        new Behavior() {
                          @Override
                          public void start(ActorContext ctx) {
                            events.add("asker start");
                          }

                          @Override
                          public Object handle(ActorContext ctx, Object message) {
                            // Busy in this ask while b crashes and the group restarts.
                            return ctx.system().ask(b.get(), message, Duration.ofMinutes(1));
                          }

                          @Override
                          public void onStop(ActorContext ctx, ExitReason reason) {
                            events.add("asker stop " + reason);
                          }
                        }))
            .named("asker");
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ALL, 3, asker, worker("b")));
      b.set(sup.child("b"));
      events.clear();
      assertEquals(new AskResult.ActorDied(), system.ask(sup.child("asker"), "panic:boom"));
      system.ask(sup.child("asker"), "after");
      assertEquals(
          List.of("b stop Error(boom)", "b start", "asker stop Killed", "asker start"),
          events.all());
    }
  }

  @Test
  void anActorEndedByStopOrDrainIsNeverRestartedWhateverItsPolicy() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var spec = crew(Strategy.ONE_FOR_ALL, 3, worker("a"), worker("b"));
      ActorRef sup = system.spawn(spec);
      events.clear();
      system.stop(sup.child("a"));
      assertFalse(sup.child("a").isAlive());
      assertThrows(ActorDiedException.class, () -> system.ask(sup.child("b"), "panic:boom"));
      assertEquals(List.of("a stop Normal", "b stop Error(boom)", "b start"), events.all());
    }
  }

  @Test
  void aRestartKeepsTheRefAndTheMailboxAndDropsOnlyTheCrashingMessage() throws Exception {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 3, worker("a")));
      ActorRef a = sup.child("a");
      system.send(a, "panic:boom");
      system.send(a, "kept 1");
      system.send(a, "kept 2");
      assertEquals(2, system.ask(a, "get"), "the fresh incarnation handled the queued mail");
      assertSame(a, sup.child(0));
      assertEquals(0, system.deadLetters().count());
    }
  }

  @Test
  void restartHooksCompleteBeforeTheFailedAskIsAnswered() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 3, worker("a")));
      events.clear();
      AskResult r = system.ask(sup.child("a"), "panic:boom", Duration.ofMinutes(1));
      events.add("asker saw " + r);
      assertEquals(List.of("a stop Error(boom)", "a start", "asker saw ActorDied[]"), events.all());
    }
  }

  @Test
  void aRestartRestoresFromTheLatestCheckpointWhenThereIsOne() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 3, worker("a"), worker("b")));
      ActorRef a = sup.child("a");
      system.ask(a, "job");
      system.ask(a, "checkpoint");
      system.ask(a, "after checkpoint");
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:boom"));
      assertEquals(List.of("a stop Error(boom)", "a resume 2"), events.all());
      assertEquals(2, system.ask(a, "get"), "fields come from the checkpoint, not from later work");
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(sup.child("b"), "panic:boom"));
      assertEquals(List.of("b stop Error(boom)", "b start"), events.all(), "b has no checkpoint");
    }
  }

  @Test
  void tooManyRestartsEscalateAndAnUnsupervisedSupervisorGivesUp() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 1, worker("a"), worker("b")));
      ActorRef a = sup.child("a");
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:one"));
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:two"));
      assertEquals(
          List.of("a stop Error(one)", "a start", "a stop Error(two)", "b stop Killed"),
          events.all());
      assertEquals(
          List.of(
              "actor Worker crashed: one", "actor Worker crashed: two", "supervisor Crew gave up"),
          errors);
      assertFalse(sup.isAlive());
      assertFalse(a.isAlive());
      assertFalse(sup.child("b").isAlive());
      assertThrows(ActorDiedException.class, () -> system.ask(sup.child("b"), "get"));
    }
  }

  @Test
  void escalationRestartsTheChildSupervisorAndItsChildrenUnderTheParent() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      var inner =
          new SupervisorSpec(
              "Inner",
              Strategy.ONE_FOR_ONE,
              0,
              Duration.ofMinutes(1),
              List.of(worker("a"), worker("b")));
      var outer = SupervisorSpec.of("Outer", List.of(ChildSpec.of(inner).named("inner")));
      ActorRef top = system.spawn(outer);
      ActorRef innerRef = top.child("inner", "Inner");
      ActorRef a = innerRef.child("a", "Worker");
      events.clear();
      assertThrows(ActorDiedException.class, () -> system.ask(a, "panic:boom"));
      assertEquals(
          List.of("a stop Error(boom)", "b stop Killed", "a start", "b start"), events.all());
      assertTrue(innerRef.isAlive());
      assertSame(innerRef, top.child(0));
      assertEquals(0, system.ask(a, "get"), "the same ref reaches the restarted child");
      assertFalse(errors.contains("supervisor Inner gave up"));
    }
  }

  @Test
  void childLookupsRejectMissingChildrenAndOtherTypes() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 3, worker("a")));
      assertThrows(IllegalArgumentException.class, () -> sup.child(1));
      assertThrows(IllegalArgumentException.class, () -> sup.child("zz"));
      assertThrows(IllegalArgumentException.class, () -> sup.child(0, "Cache"));
      assertThrows(IllegalArgumentException.class, () -> sup.child(0).child(0));
      system.send(sup, "no handlers");
      assertEquals(1, system.deadLetters().count());
      assertTrue(sup.isAlive());
    }
  }

  @Test
  void malformedSupervisorSpecsAreRejectedWithTheSupervisorsName() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> SupervisorSpec.of("Empty", List.of()));
    assertEquals("supervisor Empty has no children", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> crew(Strategy.ONE_FOR_ONE, -1, worker("a")));
    assertThrows(
        IllegalArgumentException.class,
        () -> crew(Strategy.ONE_FOR_ONE, 3, worker("a"), worker("a")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SupervisorSpec(
                "Crew", Strategy.ONE_FOR_ONE, 3, Duration.ZERO, List.of(worker("a"))));
  }

  @Test
  void stoppingASupervisorStopsItsChildrenInReverseOrderFirst() {
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef sup = system.spawn(crew(Strategy.ONE_FOR_ONE, 3, worker("a"), worker("b")));
      events.clear();
      system.stop(sup);
      assertEquals(List.of("b stop Normal", "a stop Normal"), events.all());
      assertFalse(sup.child("a").isAlive());
    }
  }
}
