package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static ActorSystem withOneCarrier(int throughput) {
    return new ActorSystem(
        ActorSystem.Options.defaults()
            .withParallelism(1)
            .withThroughput(throughput)
            .withErrors(line -> {}));
  }

  @Test
  void actorsWithMailAreServedRoundRobinOneQuotaPerTurn() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    try (ActorSystem system = withOneCarrier(1)) {
      // Holds the only carrier (a plain Java wait does not give it back) while the mail arrives.
      ActorRef blocker =
          system.spawn(
              TestSystems.actor(
                  "Blocker",
                  (ctx, m) -> {
                    try {
                      gate.await();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return null;
                  }));
      List<ActorRef> actors = new ArrayList<>();
      for (String name : List.of("A", "B", "C"))
        actors.add(
            system.spawn(
                TestSystems.actor(
                    name,
                    (ctx, m) -> {
                      order.add(name + m);
                      return null;
                    })));
      system.send(blocker, "hold");
      for (ActorRef r : actors) for (int i = 1; i <= 3; i++) system.send(r, i);
      gate.countDown();
      system.awaitQuiescence();
      assertEquals(List.of("A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"), order);
    }
  }

  @Test
  void anActorFloodingItselfDoesNotStarveTheOthers() throws Exception {
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicLong floodCount = new AtomicLong();
    try (ActorSystem system = withOneCarrier(8)) {
      ActorRef flood =
          system.spawn(
              TestSystems.actor(
                  "Flood",
                  (ctx, m) -> {
                    floodCount.incrementAndGet();
                    if (flooding.get()) ctx.system().send(ctx.self(), m);
                    return null;
                  }));
      ActorRef other = system.spawn(TestSystems.actor("Other", (ctx, m) -> "pong " + m));
      system.send(flood, "go");
      system.send(flood, "go");
      for (int i = 0; i < 20; i++) assertEquals("pong " + i, system.ask(other, i));
      assertTrue(flooding.get(), "the flood was still running while the other actor answered");
      long before = floodCount.get();
      flooding.set(false);
      system.awaitQuiescence();
      assertTrue(floodCount.get() >= before);
      system.stop(flood);
    }
  }

  @Test
  void anActorThatAHandlerMadeReadyAndThatFloodsItselfDoesNotStarveMailFromOutside()
      throws Exception {
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicLong floodCount = new AtomicLong();
    try (ActorSystem system = withOneCarrier(8)) {
      ActorRef flood =
          system.spawn(
              TestSystems.actor(
                  "Flood",
                  (ctx, m) -> {
                    floodCount.incrementAndGet();
                    if (flooding.get()) ctx.system().send(ctx.self(), m);
                    return null;
                  }));
      // a handler's send puts the flood in its worker's local queue, not behind the outside mail
      ActorRef starter =
          system.spawn(
              TestSystems.actor(
                  "Starter",
                  (ctx, m) -> {
                    ctx.system().send(flood, "go");
                    return null;
                  }));
      ActorRef other = system.spawn(TestSystems.actor("Other", (ctx, m) -> "pong " + m));
      system.send(starter, "start");
      while (floodCount.get() < 100) Thread.onSpinWait();
      for (int i = 0; i < 20; i++) assertEquals("pong " + i, system.ask(other, i));
      assertTrue(flooding.get(), "the flood was still running while the other actor answered");
      flooding.set(false);
      system.awaitQuiescence();
      system.stop(flood);
    }
  }

  @Test
  void anActorWaitingInTheLocalQueueOfABusyCarrierIsStolenByAnIdleOne() throws Exception {
    CountDownLatch served = new CountDownLatch(1);
    try (ActorSystem system =
        new ActorSystem(ActorSystem.Options.defaults().withParallelism(2).withErrors(line -> {}))) {
      ActorRef helper =
          system.spawn(
              TestSystems.actor(
                  "Helper",
                  (ctx, m) -> {
                    served.countDown();
                    return null;
                  }));
      // sends to the helper (into this carrier's local queue), then holds the carrier until the
      // helper has been served: only another carrier, stealing it, can serve it meanwhile
      ActorRef busy =
          system.spawn(
              TestSystems.actor(
                  "Busy",
                  (ctx, m) -> {
                    ctx.system().send(helper, "help");
                    try {
                      assertTrue(served.await(30, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return "done";
                  }));
      assertEquals("done", system.ask(busy, "go"));
      assertEquals(0, served.getCount());
    }
  }

  /** Sends the count it gets, less one, to {@code pair[to]}, until it reaches 0. */
  private static TestSystems.Handler volley(ActorRef[] pair, int to, CountDownLatch done) {
    return (ctx, m) -> {
      int left = (Integer) m;
      if (left == 0) done.countDown();
      else ctx.system().send(pair[to], left - 1);
      return null;
    };
  }

  @Test
  void aConversationBetweenTwoActorsDoesNotWakeACarrierForEveryMessage() throws Exception {
    int messages = 20_000;
    CountDownLatch done = new CountDownLatch(1);
    try (ActorSystem system =
        new ActorSystem(ActorSystem.Options.defaults().withParallelism(2).withErrors(line -> {}))) {
      ActorRef[] pair = new ActorRef[2];
      pair[0] = system.spawn(TestSystems.actor("Ping", volley(pair, 1, done)));
      pair[1] = system.spawn(TestSystems.actor("Pong", volley(pair, 0, done)));
      long before = system.scheduler.workersStarted();
      system.send(pair[0], messages);
      assertTrue(done.await(60, java.util.concurrent.TimeUnit.SECONDS));
      long started = system.scheduler.workersStarted() - before;
      // each hand-off makes the other actor ready in this worker's local queue, which this worker
      // serves next; before, each also woke the idle carrier to steal it, the conversation moved
      // between carriers, and 200-560 workers were started in runs of this test (1-4 now: the
      // watcher starts one only when an actor waits a whole look, its worker descheduled)
      assertTrue(started <= 40, started + " workers started for " + messages + " messages");
    }
  }

  @Test
  void tenThousandActorsCanAllWaitInAskAtOnceWithoutAThreadEach() throws Exception {
    int n = 10_000;
    CountDownLatch arrived = new CountDownLatch(n);
    AtomicInteger platformThreadsWhileAllWaited = new AtomicInteger();
    AtomicBoolean first = new AtomicBoolean(true);
    try (ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withParallelism(2))) {
      // The gate answers its first ask only once every waiter is inside its handler, asking it.
      ActorRef gate =
          system.spawn(
              TestSystems.actor(
                  "Gate",
                  (ctx, m) -> {
                    if (first.getAndSet(false)) {
                      while (arrived.getCount() > 0) ctx.system().sleep(Duration.ofMillis(2));
                      platformThreadsWhileAllWaited.set(
                          ManagementFactory.getThreadMXBean().getThreadCount());
                    }
                    return "open";
                  }));
      List<ActorRef> waiters = new ArrayList<>();
      for (int i = 0; i < n; i++)
        waiters.add(
            system.spawn(
                TestSystems.actor(
                    "Waiter",
                    (ctx, m) -> {
                      if (m.equals("result")) return "done";
                      arrived.countDown();
                      return ctx.system().ask(gate, "pass");
                    })));
      for (ActorRef w : waiters) system.send(w, "go");
      for (ActorRef w : waiters) assertEquals("done", system.ask(w, "result"));
      assertEquals(0, arrived.getCount());
      assertTrue(
          platformThreadsWhileAllWaited.get() < 200,
          "OS threads while 10,000 handlers waited: " + platformThreadsWhileAllWaited.get());
    }
  }

  @Test
  void aHandlerBlockedInAskLetsOtherActorsRunOnASingleCarrier() {
    try (ActorSystem system = withOneCarrier(4)) {
      ActorRef echo = system.spawn(TestSystems.actor("Echo", (ctx, m) -> "echo " + m));
      ActorRef asker =
          system.spawn(TestSystems.actor("Asker", (ctx, m) -> ctx.system().ask(echo, m)));
      assertEquals("echo hi", system.ask(asker, "hi"));
    }
  }
}
