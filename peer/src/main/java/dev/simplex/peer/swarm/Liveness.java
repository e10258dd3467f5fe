package dev.simplex.peer.swarm;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How healthy each member looks from this peer. A member is {@code up} while the sequence of its
 * load entry keeps changing on this peer's own clock (no cross-machine clock comparison), {@code
 * stale} once it has not changed for {@code staleAfterMillis}, {@code joining} before it published
 * any load, and {@code suspected} while failure detection suspects it.
 */
final class Liveness {
  static final String UP = "up";
  static final String STALE = "stale";
  static final String JOINING = "joining";
  static final String SUSPECTED = "suspected";

  private final long staleAfterMillis;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Set<String> suspected = ConcurrentHashMap.newKeySet();

  /** When this peer last saw a member's load sequence change. */
  private record Seen(long sequence, long atMillis) {}

  Liveness(long staleAfterMillis) {
    this.staleAfterMillis = staleAfterMillis;
  }

  void suspect(String peer) {
    suspected.add(peer);
  }

  /** A (re)joined peer starts with a clean slate. */
  void forget(String peer) {
    suspected.remove(peer);
    seen.remove(peer);
  }

  /** Drops what is known of peers that are no longer members. */
  void retainMembers(Collection<String> members) {
    suspected.retainAll(members);
    seen.keySet().retainAll(members);
  }

  /** The member's health now, given the sequence of its load entry (empty: none published). */
  String health(String peer, OptionalLong loadSequence, long nowMillis) {
    if (suspected.contains(peer)) {
      return SUSPECTED;
    }
    if (loadSequence.isEmpty()) {
      return JOINING;
    }
    Seen before = seen.get(peer);
    if (before == null || before.sequence() != loadSequence.getAsLong()) {
      seen.put(peer, new Seen(loadSequence.getAsLong(), nowMillis));
      return UP;
    }
    return nowMillis - before.atMillis() > staleAfterMillis ? STALE : UP;
  }
}
