package dev.simplex.peer.route;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replies of asks whose handler was captured for a move (language.md §8: "an actor whose
 * handler is suspended in ask moves with its execution context"). The reply of such an ask still
 * comes to the peer that sent it, addressed to its call; this peer holds it under a random token,
 * and whichever peer continues the handler (the move's target, a survivor that restored it from its
 * checkpoint, or this peer when the move failed) fetches it with a {@link #TOPIC} control request
 * naming the token. A request waits at most {@link #POLL_MILLIS} for the reply and is repeated
 * until it comes; a held reply stays {@link #KEEP_MILLIS} after it came, so a continuation restored
 * again after its host died can fetch it once more.
 */
final class AskRelay {
  static final String TOPIC = "ask-relay";

  /** How long one fetch waits for a reply not yet there. */
  static final long POLL_MILLIS = 10_000;

  /** How long a reply is kept once it came (or the ask failed). */
  static final long KEEP_MILLIS = TimeUnit.MINUTES.toMillis(10);

  /** The first byte of an answer. */
  static final byte REPLY = 0, TIMEOUT = 1, DIED = 2, NOT_YET = 3, UNKNOWN = 4;

  private record Held(CompletableFuture<RoutingFrame> answer, long since) {}

  private final Map<Long, Held> held = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Holds the answer of an ask under a fresh token (never 0). */
  long hold(CompletableFuture<RoutingFrame> answer) {
    sweep();
    long token;
    do token = random.nextLong();
    while (token == 0 || held.putIfAbsent(token, new Held(answer, System.nanoTime())) != null);
    return token;
  }

  /** The handler was not captured after all: it waits for the answer itself. */
  void drop(long token) {
    held.remove(token);
  }

  /** The held answer, or null when this peer holds none under {@code token}. */
  CompletableFuture<RoutingFrame> answer(long token) {
    Held h = held.get(token);
    return h == null ? null : h.answer();
  }

  int size() {
    return held.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    held.values()
        .removeIf(
            h ->
                h.answer().isDone()
                    && now - h.since() > TimeUnit.MILLISECONDS.toNanos(KEEP_MILLIS));
  }

  /** Serves a fetch: the body is the 8-byte token; waits up to {@link #POLL_MILLIS}. */
  byte[] serve(String from, byte[] body) {
    if (body == null || body.length != Long.BYTES)
      throw new IllegalArgumentException("an ask-relay request is an 8-byte token");
    CompletableFuture<RoutingFrame> answer = answer(ByteBuffer.wrap(body).getLong());
    if (answer == null) return new byte[] {UNKNOWN};
    try {
      return encode(answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return new byte[] {NOT_YET};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new byte[] {NOT_YET};
    } catch (ExecutionException e) {
      return new byte[] {DIED};
    }
  }

  static byte[] request(long token) {
    return ByteBuffer.allocate(Long.BYTES).putLong(token).array();
  }

  /** An ask's answer as a fetch returns it: null is its timeout. */
  static byte[] encode(RoutingFrame answer) {
    return switch (answer) {
      case null -> new byte[] {TIMEOUT};
      case RoutingFrame.Reply r ->
          ByteBuffer.allocate(1 + r.body().length).put(REPLY).put(r.body()).array();
      default -> new byte[] {DIED};
    };
  }
}
