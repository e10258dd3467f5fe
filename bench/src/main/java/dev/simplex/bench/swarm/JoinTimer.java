package dev.simplex.bench.swarm;

import dev.simplex.gossip.MembershipEvent;
import dev.simplex.gossip.MembershipListener;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.swarm.LoadProbe;
import dev.simplex.peer.swarm.PeerSettings;
import dev.simplex.peer.swarm.SwarmPeer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Times one new peer joining, in a JVM that is already running, as an existing peer of the same JVM
 * sees it (one clock): when its JGroups view lists the newcomer, when its grid counts it, and when
 * {@link SwarmPeer#start} returns on the newcomer (view, grid, load board and admin up).
 */
final class JoinTimer {
  /** Nanoseconds from the call to {@link SwarmPeer#start}. */
  record Join(long viewNanos, long gridNanos, long upNanos) {}

  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
  private final BenchPeer observer;
  private final Map<String, Long> joinedAt = new ConcurrentHashMap<>();
  private final MembershipListener listener = this::onMembership;

  JoinTimer(BenchPeer observer) {
    this.observer = observer;
    observer.peer().node().addListener(listener);
  }

  private void onMembership(MembershipEvent event) {
    if (event instanceof MembershipEvent.Joined j)
      joinedAt.putIfAbsent(j.peer().id().value(), System.nanoTime());
  }

  /**
   * Starts a peer with {@code settings} (whose id must be new to the swarm), times it, stops it and
   * waits until the observer is back to the members it had.
   */
  Join joinOnce(PeerSettings settings) {
    String id =
        settings
            .peerId()
            .orElseThrow(() -> new IllegalArgumentException("needs a peer-id"))
            .value();
    int before = observer.peer().node().view().size();
    if (!observer.sees(before))
      throw new IllegalStateException("the observer's view and grid disagree before the join");
    AtomicLong gridAt = new AtomicLong();
    // The grid offers no listener here; polling its member count every 0.1 ms is precise enough.
    Thread poller =
        Thread.ofPlatform()
            .daemon()
            .name("bench-grid-poll")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    if (observer.peer().grid().memberCount() > before) {
                      gridAt.set(System.nanoTime());
                      return;
                    }
                    LockSupport.parkNanos(100_000);
                  }
                });
    long start = System.nanoTime();
    SwarmPeer joiner = SwarmPeer.start(settings, LoadProbe.IDLE, new LogTail(10));
    long up = System.nanoTime();
    try {
      long view = awaitNanos(() -> joinedAt.get(id), "the observer's view to list " + id);
      long grid =
          awaitNanos(() -> gridAt.get() == 0 ? null : gridAt.get(), "the grid to count " + id);
      return new Join(view - start, grid - start, up - start);
    } finally {
      poller.interrupt();
      joiner.close();
      awaitBack(before);
    }
  }

  private void awaitBack(int members) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!observer.sees(members)) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException("the swarm did not shrink back to " + members + " peers");
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static long awaitNanos(java.util.function.Supplier<Long> at, String what) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    for (Long t; (t = at.get()) == null; LockSupport.parkNanos(100_000))
      if (System.nanoTime() > deadline)
        throw new IllegalStateException("timed out waiting for " + what);
    return at.get();
  }

  void close() {
    observer.peer().node().removeListener(listener);
  }
}
