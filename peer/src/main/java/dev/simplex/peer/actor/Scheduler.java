package dev.simplex.peer.actor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs actor turns. Fairness is ours: actors with mail wait in one FIFO run queue, each turn
 * handles at most {@code throughput} messages, and an actor with mail left goes to the back of the
 * queue, so an actor flooding itself cannot starve the others (round-robin by construction,
 * whatever the carriers do).
 *
 * <p>Carriers and work stealing are the JDK's: turns run on virtual threads, whose scheduler is a
 * work-stealing ForkJoinPool in async (FIFO) mode. We chose virtual threads over submitting turns
 * to a ForkJoinPool ourselves because a handler may block (ask, stop, sleep, an AI call) in the
 * middle of a turn: on a virtual thread that unmounts and holds no OS thread, so 10,000 handlers
 * can wait at once. An idle actor owns no thread at all, only its cell and mailbox.
 *
 * <p>At most {@code parallelism} workers hold a run permit and pull from the queue. A worker whose
 * handler blocks gives its permit back first, so another worker can start (the compensation a
 * ForkJoinPool's ManagedBlocker does); when the handler wakes it finishes its turn without a permit
 * and its thread then ends.
 */
final class Scheduler {
  private static final ThreadLocal<Worker> WORKER = new ThreadLocal<>();

  private final ConcurrentLinkedQueue<Cell> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger permits;
  private final int throughput;
  // one name for all: a numbered name is a string built for every worker started
  private final ThreadFactory threads = Thread.ofVirtual().name("simplex-actor").factory();

  /** Per worker thread: whether it still holds a run permit. */
  private static final class Worker {
    boolean holdsPermit = true;
  }

  Scheduler(int parallelism, int throughput) {
    this.permits = new AtomicInteger(parallelism);
    this.throughput = throughput;
  }

  void submit(Cell cell) {
    ready.add(cell);
    dispatch();
  }

  /** Called by a handler about to block: hands its permit to a new worker if there is work. */
  void aboutToBlock() {
    Worker w = WORKER.get();
    if (w == null || !w.holdsPermit) return;
    w.holdsPermit = false;
    permits.incrementAndGet();
    dispatch();
  }

  private void dispatch() {
    while (!ready.isEmpty()) {
      int free = permits.get();
      if (free == 0) return;
      if (permits.compareAndSet(free, free - 1)) {
        threads.newThread(this::work).start();
        return;
      }
    }
  }

  private void work() {
    Worker me = new Worker();
    WORKER.set(me);
    while (true) {
      Cell next;
      while ((next = ready.poll()) != null) {
        next.runTurn(throughput);
        if (!me.holdsPermit) return; // blocked mid-turn and gave the permit away
      }
      permits.incrementAndGet();
      // Re-check after giving the permit back: a submit may have seen no free permit meanwhile.
      if (ready.isEmpty() || !takePermit()) return;
    }
  }

  private boolean takePermit() {
    int free;
    do {
      free = permits.get();
      if (free == 0) return false;
    } while (!permits.compareAndSet(free, free - 1));
    return true;
  }
}
