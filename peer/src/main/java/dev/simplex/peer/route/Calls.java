package dev.simplex.peer.route;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests waiting for their answer frame, paired by call id (asks, stops, spawns). An entry leaves
 * when its future completes, however that happens (answer, timeout, departure).
 */
final class Calls {
  /** {@code peerId}: the peer that must answer, or null when a redirect may move the call on. */
  private record Pending(String peerId, CompletableFuture<RoutingFrame> answer) {}

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  /** Opens a call; its id is positive. */
  long open(String peerId, CompletableFuture<RoutingFrame> answer) {
    long id = next.incrementAndGet();
    pending.put(id, new Pending(peerId, answer));
    answer.whenComplete((r, e) -> pending.remove(id));
    return id;
  }

  /** False when nobody waits for {@code callId} (any more), or another peer should answer it. */
  boolean answer(String from, long callId, RoutingFrame frame) {
    Pending p = pending.get(callId);
    if (p == null || (p.peerId() != null && !p.peerId().equals(from))) return false;
    return p.answer().complete(frame);
  }

  /** Fails the calls bound to {@code peer}: it left and will not answer. */
  void failPeer(String peer, String reason) {
    pending.values().stream()
        .filter(p -> peer.equals(p.peerId()))
        .forEach(p -> p.answer().complete(new RoutingFrame.SpawnFailed(0, reason)));
  }

  void failAll(String reason) {
    pending.values().forEach(p -> p.answer().complete(new RoutingFrame.Died(0, reason)));
  }
}
