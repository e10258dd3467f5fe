package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  /** A behaviour whose start, handler and on_stop are given by the test. */
  private static ActorSpec spec(String type, Runnable start, TestSystems.Handler h, Runnable stop) {
    return new ActorSpec(
        type,
        () ->
            new Behavior() {
              @Override
              public void start(ActorContext ctx) {
                start.run();
              }

              @Override
              public Object handle(ActorContext ctx, Object message) {
                return h.handle(ctx, message);
              }

              @Override
              public void onStop(ActorContext ctx, ExitReason reason) {
                stop.run();
              }
            });
  }

  @Test
  void startRunsSynchronouslyInTheSpawnerBeforeTheRefReturns() {
    Events events = new Events();
    Thread spawner = Thread.currentThread();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r =
          system.spawn(
              spec(
                  "Early",
                  () -> {
                    events.add("start on spawner: " + (Thread.currentThread() == spawner));
                    events.add("self during start: " + ActorSystem.currentActor().isPresent());
                  },
                  (ctx, m) -> null,
                  () -> {}));
      events.add("spawn returned " + r);
      assertEquals(
          List.of("start on spawner: true", "self during start: true", "spawn returned <Early#1>"),
          events.all());
    }
  }

  @Test
  void aPanicInStartPropagatesToTheSpawnerAndFreesTheName() {
    try (ActorSystem system = TestSystems.quiet()) {
      var boom =
          spec(
              "Fragile",
              () -> {
                throw new IllegalStateException("init failed");
              },
              (ctx, m) -> null,
              () -> {});
      var e = assertThrows(IllegalStateException.class, () -> system.spawn(boom, "fragile"));
      assertEquals("init failed", e.getMessage());
      assertEquals(Optional.empty(), system.lookup("fragile", "Fragile"));
    }
  }

  @Test
  void stopIsQueuedBehindEarlierMessagesAndReturnsOnceTheActorEnded() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r = system.spawn(Recording.spec("Store", "s", events));
      for (int i = 0; i < 100; i++) system.send(r, "item");
      system.stop(r);
      events.add("stop returned");
      assertFalse(r.isAlive());
      assertEquals(List.of("s start", "s stop Normal", "stop returned"), events.all());
      assertEquals(0, system.deadLetters().count(), "the 100 earlier messages were all handled");
      system.stop(r); // stopping a dead actor is a no-op
    }
  }

  @Test
  void stopSelfTakesEffectAfterTheCurrentHandlerAndLaterMailBecomesDeadLetters() {
    List<Object> handled = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r =
          system.spawn(
              TestSystems.actor(
                  "Quitter",
                  (ctx, m) -> {
                    if (m.equals("quit")) ctx.system().stop(ctx.self());
                    handled.add(m);
                    return "handled " + m;
                  }));
      system.send(r, "quit");
      system.send(r, "after");
      system.stop(r);
      assertEquals(List.of("quit"), handled, "the handler that asked to stop still finished");
      assertEquals(1, system.deadLetters().count());
    }
  }

  @Test
  void drainHandlesQueuedMessagesThenStopsAndLaterSendsAreDeadLetters() throws Exception {
    List<Object> handled = new CopyOnWriteArrayList<>();
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r =
          system.spawn(
              spec(
                  "Drainer",
                  () -> {},
                  (ctx, m) -> {
                    handled.add(m);
                    if (m.equals("drain")) {
                      ctx.drain();
                      ctx.system().send(ctx.self(), "refused");
                    }
                    return null;
                  },
                  () -> events.add("drainer stop")));
      system.send(r, "a");
      system.send(r, "drain");
      system.send(r, "b");
      system.awaitQuiescence();
      assertFalse(r.isAlive());
      system.send(r, "late");
      assertEquals(List.of("a", "drain"), handled.subList(0, 2));
      assertEquals(List.of("drainer stop"), events.all());
      assertTrue(system.deadLetters().count() >= 2, "refused and late are dead letters");
    }
  }

  @Test
  void onStopRunsExactlyOnceAndItsOwnPanicIsIgnored() {
    Events events = new Events();
    List<String> errors = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef r =
          system.spawn(
              spec(
                  "Grumpy",
                  () -> {},
                  (ctx, m) -> {
                    throw new IllegalStateException("handler failed");
                  },
                  () -> {
                    events.add("on_stop");
                    throw new IllegalStateException("on_stop failed");
                  }));
      system.send(r, "x");
      system.send(r, "y");
      system.stop(r);
      assertEquals(List.of("on_stop"), events.all());
      assertEquals(List.of("actor Grumpy crashed: handler failed"), errors);
    }
  }

  @Test
  void spawningWithALiveNameReturnsTheExistingActor() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef s1 = system.spawn(Recording.spec("Store", "s1", events), "store");
      system.send(s1, "a");
      ActorRef s2 = system.spawn(Recording.spec("Store", "s2", events), "store");
      system.send(s2, "b");
      assertSame(s1, s2);
      assertEquals(2, system.ask(s1, "get"));
      assertEquals(List.of("s1 start"), events.all(), "the second spawn created nothing");
      assertEquals(Optional.of(s1), system.lookup("store", "Store"));
    }
  }

  @Test
  void spawningWithANameHeldByAnotherTypeFails() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      system.spawn(Recording.spec("Store", "s", events), "store");
      var e =
          assertThrows(
              NameTakenException.class,
              () -> system.spawn(Recording.spec("Cache", "c", events), "store"));
      assertTrue(e.getMessage().startsWith("name taken by another actor type"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> system.spawn(Recording.spec("S", "s", events), ""));
    }
  }

  @Test
  void aNameIsReleasedWhenItsActorStopsAndLookupChecksTheType() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef first = system.spawn(Recording.spec("Store", "first", events), "store");
      assertEquals(Optional.empty(), system.lookup("store", "Cache"));
      assertEquals(Optional.empty(), system.lookup("nope", "Store"));
      system.stop(first);
      assertEquals(Optional.empty(), system.lookup("store", "Store"));
      ActorRef second = system.spawn(Recording.spec("Store", "second", events), "store");
      assertNotEquals(first, second);
      assertEquals(Optional.of(second), system.lookup("store", "Store"));
    }
  }

  @Test
  void refsDisplayTheirTypeAndStartNumber() {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef a = system.spawn(TestSystems.actor("Counter", (ctx, m) -> null));
      ActorRef b = system.spawn(TestSystems.actor("Counter", (ctx, m) -> null));
      assertEquals("<Counter#1>", a.toString());
      assertEquals("<Counter#2>", b.toString());
    }
  }
}
