package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An actor living on this peer as the swarm sees it: its local ref, the placement epoch it was
 * activated under, and per incoming lane the delivery watermark that suppresses duplicates and a
 * reorder buffer for frames that arrive ahead of a gap. (Durable actors will carry the watermarks
 * in their checkpoint; a fresh activation starts each lane at the first frame it sees.)
 */
final class Activation {
  /** Early frames kept per lane; more than this means the gap will not fill, so they are taken. */
  static final int REORDER_LIMIT = 10_000;

  /** An acknowledgement is sent at least this often per lane, and by the flush tick otherwise. */
  static final int ACK_EVERY = 32;

  final ActorId id;
  final ActorRef ref;
  final long epoch;
  final String name;
  private volatile boolean released;
  private final Map<String, Inbox> lanes = new HashMap<>();

  /** What arrived on one lane: keyed by origin peer and lane id. */
  private static final class Inbox {
    final String origin;
    long delivered;
    long acked;
    final TreeMap<Long, RoutingFrame.Message> early = new TreeMap<>();

    Inbox(String origin, long delivered) {
      this.origin = origin;
      this.delivered = delivered;
      this.acked = delivered;
    }
  }

  /** The frames to hand to the actor now, in order; {@code duplicate} when one was seen already. */
  record Admitted(List<RoutingFrame.Message> ready, boolean duplicate, long ackUpTo) {
    static final long NO_ACK = -1;
  }

  Activation(ActorId id, ActorRef ref, long epoch, String name) {
    this.id = id;
    this.ref = ref;
    this.epoch = epoch;
    this.name = name;
  }

  boolean isReleased() {
    return released;
  }

  void release() {
    released = true;
  }

  synchronized Admitted admit(String origin, RoutingFrame.Message m) {
    Inbox in = lanes.computeIfAbsent(origin + "/" + m.lane(), k -> new Inbox(origin, m.seq() - 1));
    if (m.seq() <= in.delivered || in.early.containsKey(m.seq())) {
      in.acked = in.delivered;
      return new Admitted(List.of(), true, in.delivered);
    }
    List<RoutingFrame.Message> ready = new ArrayList<>();
    if (m.seq() == in.delivered + 1) {
      ready.add(m);
      in.delivered = m.seq();
    } else {
      in.early.put(m.seq(), m);
      if (in.early.size() > REORDER_LIMIT) in.delivered = in.early.firstKey() - 1;
    }
    while (!in.early.isEmpty() && in.early.firstKey() == in.delivered + 1) {
      ready.add(in.early.pollFirstEntry().getValue());
      in.delivered++;
    }
    if (in.delivered - in.acked >= ACK_EVERY) {
      in.acked = in.delivered;
      return new Admitted(ready, false, in.delivered);
    }
    return new Admitted(ready, false, Admitted.NO_ACK);
  }

  /** An acknowledgement owed on a lane: origin peer and the sequence up to which all arrived. */
  record AckDue(String origin, long seq) {}

  /** The acknowledgements not yet sent, marked as sent. */
  synchronized List<AckDue> takeAcksDue() {
    List<AckDue> due = new ArrayList<>();
    for (Inbox in : lanes.values()) {
      if (in.delivered > in.acked) {
        in.acked = in.delivered;
        due.add(new AckDue(in.origin, in.delivered));
      }
    }
    return due;
  }
}
