package dev.simplex.peer.actor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what can still make progress: actors scheduled or running a turn, minus handlers suspended
 * in an untimed ask or stop (they wake only when some other counted work replies). Zero means
 * quiescence (§13): every mailbox that can be served is empty and no handler can run. A handler
 * waiting on a timer (sleep, ask with timeout) stays counted, so a pending timer is never mistaken
 * for quiescence.
 */
final class Activity {
  private final AtomicLong busy = new AtomicLong();
  private final Object lock = new Object();
  private volatile int waiters;

  void enter() {
    busy.incrementAndGet();
  }

  void leave() {
    if (busy.decrementAndGet() == 0 && waiters > 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  boolean isQuiet() {
    return busy.get() == 0;
  }

  void awaitQuiet() throws InterruptedException {
    synchronized (lock) {
      waiters++;
      try {
        while (busy.get() != 0) lock.wait();
      } finally {
        waiters--;
      }
    }
  }

  /**
   * Waits for {@code done} in a task outside every actor; if the runtime falls quiet first, nothing
   * can ever complete it: that is a deadlock.
   */
  void awaitOutsideActors(CompletableFuture<?> done) {
    done.whenComplete(
        (v, e) -> {
          synchronized (lock) {
            lock.notifyAll();
          }
        });
    synchronized (lock) {
      waiters++;
      try {
        while (!done.isDone()) {
          if (busy.get() == 0) throw new DeadlockDetectedException();
          lock.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an actor", e);
      } finally {
        waiters--;
      }
    }
  }
}
