package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessagingTest {
  @Test
  void messagesFromOneSenderAreHandledInSendOrder() throws Exception {
    List<Object> seen = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r =
          system.spawn(
              TestSystems.actor(
                  "Log",
                  (ctx, m) -> {
                    seen.add(m);
                    return null;
                  }));
      List<Object> sent = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        system.send(r, i);
        sent.add(i);
      }
      system.ask(r, "end");
      sent.add("end");
      assertEquals(sent, seen);
    }
  }

  @Test
  void anActorHandlesOneMessageAtATimeWhateverTheNumberOfSenders() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r =
          system.spawn(
              TestSystems.actor(
                  "Single",
                  (ctx, m) -> {
                    if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                    Thread.onSpinWait();
                    handled.incrementAndGet();
                    inside.decrementAndGet();
                    return null;
                  }));
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 8; t++)
        senders.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int i = 0; i < 1000; i++) system.send(r, i);
                    }));
      for (Thread t : senders) t.join();
      system.awaitQuiescence();
      assertEquals(8000, handled.get());
      assertEquals(0, overlaps.get());
    }
  }

  @Test
  void askReturnsTheHandlersReplyAfterEarlierMessagesFromTheSameSender() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r = system.spawn(Recording.spec("Counter", "c", events));
      system.send(r, "a");
      system.send(r, "b");
      assertEquals("c got x", system.ask(r, "x"));
      assertEquals(3, system.ask(r, "get"));
    }
  }

  @Test
  void askWithTimeoutTimesOutAndTheMessageIsStillHandledWithItsReplyDiscarded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Object> handled = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef slow =
          system.spawn(
              TestSystems.actor(
                  "Slow",
                  (ctx, m) -> {
                    if (m.equals("wait")) {
                      while (release.getCount() > 0) ctx.system().sleep(Duration.ofMillis(1));
                    }
                    handled.add(m);
                    return "reply to " + m;
                  }));
      system.send(slow, "wait");
      AskResult r = system.ask(slow, "late", Duration.ofMillis(20));
      assertInstanceOf(AskResult.Timeout.class, r);
      release.countDown();
      system.awaitQuiescence();
      assertEquals(List.of("wait", "late"), handled);
      assertEquals(
          new AskResult.Reply("reply to next"), system.ask(slow, "next", Duration.ofSeconds(30)));
    }
  }

  @Test
  void askToADeadActorFailsWithActorDied() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r = system.spawn(Recording.spec("Store", "s", events));
      system.stop(r);
      assertFalse(r.isAlive());
      ActorDiedException e = assertThrows(ActorDiedException.class, () -> system.ask(r, "x"));
      assertEquals("ask failed: actor died", e.getMessage());
      assertInstanceOf(AskResult.ActorDied.class, system.ask(r, "y", Duration.ofSeconds(1)));
    }
  }

  @Test
  void askToAnActorThatDiesBeforeReplyingFailsWithActorDied() {
    List<String> errors = new CopyOnWriteArrayList<>();
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef r = system.spawn(Recording.spec("Worker", "w", events));
      assertThrows(ActorDiedException.class, () -> system.ask(r, "panic:bad job"));
      assertEquals(List.of("actor Worker crashed: bad job"), errors);
      assertEquals(List.of("w start", "w stop Error(bad job)"), events.all());
      assertFalse(r.isAlive(), "an unsupervised actor stays dead");
    }
  }

  @Test
  void sendNeverFailsEvenToADeadActor() {
    Events events = new Events();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r = system.spawn(Recording.spec("Store", "s", events));
      system.stop(r);
      system.send(r, "late");
      assertEquals(1, system.deadLetters().count());
    }
  }

  @Test
  void anActorAskingItselfIsRejectedInsteadOfWaitingForever() {
    List<String> errors = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet(errors)) {
      ActorRef r =
          system.spawn(
              TestSystems.actor("Selfish", (ctx, m) -> ctx.system().ask(ctx.self(), "again")));
      assertThrows(ActorDiedException.class, () -> system.ask(r, "go"));
      assertEquals(1, errors.size());
      assertTrue(errors.getFirst().contains("asked itself"), errors.getFirst());
    }
  }

  @Test
  void everyEnvelopeCarriesTheSenderIdAndAGrowingSequence() {
    List<MessageId> ids = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef sink =
          system.spawn(
              TestSystems.actor(
                  "Sink",
                  (ctx, m) -> {
                    ids.add(ctx.currentMessageId());
                    return null;
                  }));
      ActorRef relay =
          system.spawn(
              TestSystems.actor(
                  "Relay",
                  (ctx, m) -> {
                    ctx.system().send(sink, "a");
                    ctx.system().send(sink, "b");
                    return null;
                  }));
      system.send(sink, "from main");
      system.ask(relay, "go");
      system.ask(sink, "from main again");
      assertEquals(4, ids.size());
      MessageId first = ids.get(0);
      MessageId last = ids.get(3);
      assertTrue(first.sender() < 0, "a task outside actors has a negative sender id");
      assertEquals(first.sender(), last.sender());
      assertTrue(last.sequence() > first.sequence());
      assertEquals(new MessageId(relay.id(), 1), ids.get(1));
      assertEquals(new MessageId(relay.id(), 2), ids.get(2));
    }
  }

  @Test
  void badArgumentsAreRejectedWithAClearMessage() {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef r = system.spawn(TestSystems.actor("Echo", (ctx, m) -> m));
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> system.ask(r, "x", Duration.ofMillis(-1)));
      assertTrue(e.getMessage().contains("timeout"), e.getMessage());
      assertThrows(NullPointerException.class, () -> system.send((ActorRef) null, "x"));
      assertThrows(IllegalArgumentException.class, () -> system.sleep(Duration.ofMillis(-5)));
      assertThrows(
          IllegalArgumentException.class,
          () -> new ActorSystem(ActorSystem.Options.defaults().withThroughput(0)));
      assertThrows(IllegalArgumentException.class, () -> new ActorSpec(" ", () -> null));
    }
  }
}
