package dev.simplex.peer.actor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one reply (or the end of a stopped actor) lands. A handler that waits here without a
 * timeout stops counting as activity; whoever settles the slot counts it again before waking it, so
 * the count never touches zero while the waiter is about to run (that would fake a deadlock).
 */
final class ReplySlot {
  private static final int PENDING = 0;
  private static final int WAITING = 1;
  private static final int SETTLED = 2;

  private final AtomicInteger state = new AtomicInteger(PENDING);
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private final Activity activity;

  ReplySlot(Activity activity) {
    this.activity = activity;
  }

  void reply(Object value) {
    settle();
    result.complete(value);
  }

  void actorDied() {
    settle();
    result.completeExceptionally(new ActorDiedException());
  }

  private void settle() {
    if (state.getAndSet(SETTLED) == WAITING) activity.enter();
  }

  boolean isDone() {
    return result.isDone();
  }

  /** The reply as a future, for a waiter that is not a handler or task of this runtime. */
  CompletableFuture<Object> future() {
    return result;
  }

  /** Untimed wait inside an actor's handler. */
  Object awaitInActor(Scheduler scheduler) {
    if (!result.isDone()) {
      scheduler.aboutToBlock();
      if (state.compareAndSet(PENDING, WAITING)) activity.leave();
    }
    return join();
  }

  /** Untimed wait in a task outside every actor: detects deadlock. */
  Object awaitOutsideActors() {
    if (!result.isDone()) activity.awaitOutsideActors(result);
    return join();
  }

  AskResult awaitWithTimeout(Duration timeout, Scheduler scheduler) {
    if (!result.isDone()) scheduler.aboutToBlock();
    try {
      return new AskResult.Reply(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return new AskResult.Timeout();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ActorDiedException) return new AskResult.ActorDied();
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an actor", e);
    }
  }

  private Object join() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ActorDiedException) throw new ActorDiedException();
      throw e;
    }
  }
}
