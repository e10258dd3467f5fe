package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The doors the swarm router uses: mail from other peers, stops without waiting, external waits.
 */
class RemoteDeliveryTest {
  @Test
  void deliveredMessagesKeepTheirRemoteSenderAndAsksCompleteAFuture() throws Exception {
    List<MessageId> ids = new CopyOnWriteArrayList<>();
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef echo =
          system.spawn(
              TestSystems.actor(
                  "Echo",
                  (ctx, m) -> {
                    ids.add(ctx.currentMessageId());
                    return m;
                  }));
      system.deliver(echo, new MessageId(42, 1), "b/<Pinger#1>", "hi");
      CompletableFuture<Object> reply =
          system.deliverAsk(echo, new MessageId(42, 2), "b/main", "ho");
      assertEquals("ho", reply.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(new MessageId(42, 1), new MessageId(42, 2)), ids);
    }
  }

  @Test
  void stopLaterEndsTheActorAfterItsQueuedMailAndAsksAfterwardsDie() throws Exception {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef idle = system.spawn(TestSystems.actor("Idle", (ctx, m) -> null));
      system.stopLater(idle).get(10, TimeUnit.SECONDS);
      assertTrue(!idle.isAlive());
      assertInstanceOf(
          ExitReason.Normal.class,
          idle.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS));
      var died = system.deliverAsk(idle, new MessageId(1, 1), "c/main", "late");
      var e = assertThrows(Exception.class, () -> died.get(10, TimeUnit.SECONDS));
      assertInstanceOf(ActorDiedException.class, e.getCause());
      assertTrue(system.stopLater(idle).isDone(), "stopping an ended actor is done at once");
    }
  }

  @Test
  void aDeadLetterForAnUnknownRemoteActorIsRecorded() {
    try (ActorSystem system = TestSystems.quiet()) {
      system.recordDeadLetter(new MessageId(7, 3), "a/main", "unknown actor x", "boo");
      DeadLetter letter = system.deadLetters().recent().getLast();
      assertEquals("unknown actor x", letter.target());
      assertEquals("String", letter.messageType());
    }
  }

  @Test
  void awaitExternalRethrowsWhatTheFutureFailedWith() {
    try (ActorSystem system = TestSystems.quiet()) {
      assertEquals("x", system.awaitExternal(CompletableFuture.completedFuture("x")));
      var failed = CompletableFuture.failedFuture(new ActorDiedException());
      assertThrows(ActorDiedException.class, () -> system.awaitExternal(failed));
      assertThrows(NullPointerException.class, () -> system.awaitExternal(null));
    }
  }
}
