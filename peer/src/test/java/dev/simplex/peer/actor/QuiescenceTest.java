package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuiescenceTest {
  @Test
  void quiescenceWaitsForEveryMailboxToEmptyAcrossChainsOfSends() throws Exception {
    AtomicInteger hops = new AtomicInteger();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef[] ring = new ActorRef[10];
      for (int i = 0; i < ring.length; i++) {
        int next = (i + 1) % ring.length;
        ring[i] =
            system.spawn(
                TestSystems.actor(
                    "Hop",
                    (ctx, m) -> {
                      int left = (Integer) m;
                      hops.incrementAndGet();
                      if (left > 0) ctx.system().send(ring[next], left - 1);
                      return null;
                    }));
      }
      system.send(ring[0], 5000);
      system.awaitQuiescence();
      assertEquals(5001, hops.get());
      assertTrue(system.isQuiescent());
    }
  }

  @Test
  void aHandlerWaitingOnATimerKeepsTheRuntimeBusy() throws Exception {
    AtomicBoolean woke = new AtomicBoolean();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef sleeper =
          system.spawn(
              TestSystems.actor(
                  "Sleeper",
                  (ctx, m) -> {
                    ctx.system().sleep(Duration.ofMillis(50));
                    woke.set(true);
                    return null;
                  }));
      system.send(sleeper, "nap");
      system.awaitQuiescence();
      assertTrue(woke.get(), "quiescence came only after the sleeping handler finished");
    }
  }

  @Test
  void shutdownStopsTopLevelActorsInReverseSpawnOrderAndSupervisorChildrenFirst() {
    Events events = new Events();
    ActorSystem system = TestSystems.quiet();
    system.spawn(Recording.spec("Store", "first", events));
    system.spawn(
        SupervisorSpec.of(
            "Crew",
            List.of(
                ChildSpec.of(Recording.spec("Worker", "w1", events)),
                ChildSpec.of(Recording.spec("Worker", "w2", events)))));
    ActorRef last = system.spawn(Recording.spec("Store", "last", events));
    events.clear();
    system.shutdown();
    assertEquals(
        List.of("last stop Normal", "w2 stop Normal", "w1 stop Normal", "first stop Normal"),
        events.all());
    assertFalse(last.isAlive());
  }

  @Test
  void aTerminationWarningReachesEveryLiveActorInReverseStartOrder() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      for (String label : List.of("first", "crew", "last")) {
        Behavior warned =
            new Behavior() {
              @Override
              public void start(ActorContext ctx) {}

              @Override
              public Object handle(ActorContext ctx, Object message) {
                return null;
              }

              @Override
              public void onTerminationWarning(ActorContext ctx) {
                events.add(label + " warned");
              }
            };
        ActorSpec spec = new ActorSpec("Warned", () -> warned);
        if (label.equals("crew"))
          system.spawn(
              SupervisorSpec.of(
                  "Crew",
                  List.of(
                      ChildSpec.of(spec), ChildSpec.of(new ActorSpec("Warned", () -> warned)))));
        else system.spawn(spec);
      }
      ActorRef stopped = system.spawn(Recording.spec("Store", "gone", events));
      system.stop(stopped);
      events.clear();
      system.warnTermination();
      assertEquals(
          List.of("last warned", "crew warned", "crew warned", "first warned"), events.all());
    }
  }

  @Test
  void theMainTaskBlockedWhileNothingCanRunDetectsADeadlock() {
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef[] pair = new ActorRef[2];
      for (int i = 0; i < 2; i++) {
        int other = 1 - i;
        pair[i] =
            system.spawn(
                TestSystems.actor(
                    "Polite", (ctx, m) -> ctx.system().ask(pair[other], "after you")));
      }
      var e = assertThrows(DeadlockDetectedException.class, () -> system.ask(pair[0], "go"));
      assertEquals("deadlock detected", e.getMessage());
      system.shutdown();
      assertEquals(
          List.of(
              "actor Polite could not be stopped: its handler is deadlocked",
              "actor Polite could not be stopped: its handler is deadlocked"),
          errors);
    }
  }

  @Test
  void aMainTaskWaitingOnBusyActorsIsNotADeadlock() {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef slow =
          system.spawn(
              TestSystems.actor(
                  "Slow",
                  (ctx, m) -> {
                    ctx.system().sleep(Duration.ofMillis(20));
                    return "done";
                  }));
      ActorRef front =
          system.spawn(TestSystems.actor("Front", (ctx, m) -> ctx.system().ask(slow, m)));
      assertEquals("done", system.ask(front, "work"));
    }
  }
}
