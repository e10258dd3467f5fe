package dev.simplex.peer.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The replies a peer keeps for handlers captured in an ask, and the fetch that reads them. */
class AskRelayTest {
  @Test
  void aHeldReplyIsServedToWhoeverContinuesTheHandlerAsOftenAsAsked() {
    AskRelay relay = new AskRelay();
    var answer = new CompletableFuture<RoutingFrame>();
    long token = relay.hold(answer);
    assertNotEquals(0, token);
    answer.complete(new RoutingFrame.Reply(5, new byte[] {7, 8}));
    byte[] served = relay.serve("b", AskRelay.request(token));
    assertArrayEquals(new byte[] {AskRelay.REPLY, 7, 8}, served);
    // a continuation restored again after its host died fetches it once more
    assertArrayEquals(served, relay.serve("c", AskRelay.request(token)));
  }

  @Test
  void aTimedOutOrFailedAskIsServedAsSuch() {
    AskRelay relay = new AskRelay();
    var timedOut = new CompletableFuture<RoutingFrame>();
    var died = new CompletableFuture<RoutingFrame>();
    long t1 = relay.hold(timedOut);
    long t2 = relay.hold(died);
    timedOut.complete(null);
    died.complete(new RoutingFrame.Died(3, "actor died"));
    assertArrayEquals(new byte[] {AskRelay.TIMEOUT}, relay.serve("b", AskRelay.request(t1)));
    assertArrayEquals(new byte[] {AskRelay.DIED}, relay.serve("b", AskRelay.request(t2)));
  }

  @Test
  void anUnknownTokenOrAMalformedRequestIsRefused() {
    AskRelay relay = new AskRelay();
    long token = relay.hold(new CompletableFuture<>());
    relay.drop(token);
    assertNull(relay.answer(token));
    assertArrayEquals(new byte[] {AskRelay.UNKNOWN}, relay.serve("b", AskRelay.request(token)));
    var e = assertThrows(IllegalArgumentException.class, () -> relay.serve("b", new byte[] {1, 2}));
    assertEquals("an ask-relay request is an 8-byte token", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> relay.serve("b", null));
  }
}
