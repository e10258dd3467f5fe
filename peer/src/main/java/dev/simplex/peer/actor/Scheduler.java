package dev.simplex.peer.actor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs actor turns. Each turn handles at most {@code throughput} messages; an actor with mail left
 * then goes to the back of the run queue it was taken from, so an actor flooding itself cannot
 * starve the others.
 *
 * <p>Run queues: one global FIFO queue, and one local FIFO queue per worker (as in Go's and
 * ForkJoinPool's schedulers). An actor that a handler's send makes ready goes to the local queue of
 * the worker running that handler, so a conversation stays on one carrier and one busy receiver
 * (one counter, a thousand senders) is served by one worker while the others run the senders,
 * instead of waiting behind all of them. An idle carrier is woken to steal from a local queue when
 * a second actor waits there, or when one has waited a whole {@link #WATCH_NANOS} (its worker runs
 * a long handler), not for every hand-off of a conversation (Go wakes an idle processor only when
 * none is already looking for work, and lets a running one keep its next goroutine briefly).
 * Everything else (mail from outside the actors, an actor that used up its quota after being taken
 * from the global queue) goes to the global queue. A worker serves its local queue first but takes
 * from the global queue first once {@link #GLOBAL_NANOS} have passed since it last did, so nothing
 * waits there for ever (a count of turns would weigh a 32-message turn of a busy counter the same
 * as a sender's turn of a thousand sends, and its carrier would spend most of its time on senders);
 * a worker with nothing to do steals the oldest actor from another worker's local queue (work
 * stealing across carriers).
 *
 * <p>Turns run on virtual threads. We chose virtual threads over submitting turns to a ForkJoinPool
 * ourselves because a handler may block (ask, stop, sleep, an AI call) in the middle of a turn: on
 * a virtual thread that unmounts and holds no OS thread, so 10,000 handlers can wait at once. An
 * idle actor owns no thread at all, only its cell and mailbox.
 *
 * <p>At most {@code parallelism} workers hold a run permit. A worker whose handler blocks gives its
 * permit back first and moves its local queue to the global one, so another worker can start and
 * serve it (the compensation a ForkJoinPool's ManagedBlocker does); when the handler wakes it
 * finishes its turn without a permit and its thread then ends.
 */
final class Scheduler {
  private static final ThreadLocal<Worker> WORKER = new ThreadLocal<>();

  /** A worker takes from the global queue first when this long has passed since it last did. */
  static final long GLOBAL_NANOS = 1_000_000;

  private final ConcurrentLinkedQueue<Cell> ready = new ConcurrentLinkedQueue<>();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger permits;
  private final int throughput;
  // one name for all: a numbered name is a string built for every worker started
  private final ThreadFactory threads = Thread.ofVirtual().name("simplex-actor").factory();

  /** One worker thread: its permit, its local run queue and the turn it is running. */
  private static final class Worker {
    final ConcurrentLinkedQueue<Cell> local = new ConcurrentLinkedQueue<>();
    boolean holdsPermit = true;
    Cell running;
    boolean runningFromGlobal;
    long globalAt = System.nanoTime();
  }

  Scheduler(int parallelism, int throughput) {
    this.permits = new AtomicInteger(parallelism);
    this.throughput = throughput;
  }

  void submit(Cell cell) {
    // workers are virtual threads: main and other platform threads skip the thread-local lookup
    Worker w = Thread.currentThread().isVirtual() ? WORKER.get() : null;
    if (w != null && w.holdsPermit && !(cell == w.running && w.runningFromGlobal)) {
      boolean waiting = !w.local.isEmpty();
      w.local.add(cell);
      // The local queue is this worker's to serve. One actor made ready there (a reply, the other
      // side of a conversation) is the next this worker runs, in a moment: waking an idle carrier
      // to steal it costs a thread start and a carrier's wake-up per message and moves the
      // conversation between cores (ping-pong ran 4x slower than on one carrier). Two or more
      // waiting is work for two: an idle carrier is woken at once to steal. One that still waits
      // at the watcher's next look (this handler is a long one) is stolen then.
      if (waiting && permits.get() > 0) startWorker();
      else watch();
      return;
    }
    ready.add(cell);
    // a free permit first: reading the queue's head (which the workers move) costs a cache miss on
    // every send from outside to an idle actor, and while every permit is held it is not needed
    while (permits.get() > 0 && !ready.isEmpty() && startWorker() == Start.RACED) {}
  }

  /** Called by a handler about to block: hands its permit and its local queue to others. */
  void aboutToBlock() {
    Worker w = WORKER.get();
    if (w == null || !w.holdsPermit) return;
    w.holdsPermit = false;
    workers.remove(w);
    Cell c;
    while ((c = w.local.poll()) != null) ready.add(c);
    permits.incrementAndGet();
    while (!ready.isEmpty() && startWorker() == Start.RACED) {}
  }

  private final java.util.concurrent.atomic.LongAdder started =
      new java.util.concurrent.atomic.LongAdder();

  /** How many worker threads this scheduler has started so far. */
  long workersStarted() {
    return started.sum();
  }

  private enum Start {
    STARTED,
    NO_PERMIT,
    RACED
  }

  private Start startWorker() {
    int free = permits.get();
    if (free == 0) return Start.NO_PERMIT;
    if (!permits.compareAndSet(free, free - 1)) return Start.RACED;
    started.increment();
    threads.newThread(this::work).start();
    return Start.STARTED;
  }

  private void work() {
    Worker me = new Worker();
    WORKER.set(me);
    workers.add(me);
    while (true) {
      Cell next;
      while ((next = next(me)) != null) {
        me.running = next;
        next.runTurn(throughput);
        me.running = null;
        if (!me.holdsPermit) return; // blocked mid-turn and gave the permit away
      }
      workers.remove(me);
      permits.incrementAndGet();
      // Re-check after giving the permit back: a submit may have seen no free permit meanwhile.
      // This worker's own local queue is empty: only it adds there, and it found none.
      if ((ready.isEmpty() && !localWork()) || !takePermit()) return;
      workers.add(me);
    }
  }

  /** The next actor to run: local queue first, the global one first now and then, else steal. */
  private Cell next(Worker me) {
    Cell c;
    long now = System.nanoTime();
    if (now - me.globalAt >= GLOBAL_NANOS) {
      me.globalAt = now;
      if ((c = ready.poll()) != null) {
        me.runningFromGlobal = true;
        return c;
      }
    }
    if ((c = me.local.poll()) != null) {
      me.runningFromGlobal = false;
      return c;
    }
    if ((c = ready.poll()) != null) {
      me.globalAt = now;
      me.runningFromGlobal = true;
      return c;
    }
    me.runningFromGlobal = false;
    for (Worker other : workers) if (other != me && (c = other.local.poll()) != null) return c;
    return null;
  }

  /** How often the watcher looks for an actor left waiting in a busy worker's local queue. */
  static final long WATCH_NANOS = 1_000_000;

  private final AtomicBoolean watching = new AtomicBoolean();
  private final ThreadFactory watcherThreads =
      Thread.ofVirtual().name("simplex-scheduler-watch").factory();

  /** Starts the watcher unless it runs: it runs while some local queue holds an actor. */
  private void watch() {
    if (!watching.get() && watching.compareAndSet(false, true))
      watcherThreads.newThread(this::watchLocalQueues).start();
  }

  /**
   * The watcher: every {@link #WATCH_NANOS} it looks at the head of each worker's local queue; an
   * actor found at the head at two looks in a row has waited that long behind its worker's turn (a
   * long handler), and an idle carrier is started to steal it. Ends when no local queue holds an
   * actor, so an idle scheduler has no timer running.
   */
  private void watchLocalQueues() {
    Map<Worker, Cell> seen = new HashMap<>();
    while (true) {
      LockSupport.parkNanos(WATCH_NANOS);
      Map<Worker, Cell> now = new HashMap<>();
      for (Worker w : workers) {
        Cell head = w.local.peek();
        if (head == null) continue;
        if (seen.get(w) == head && permits.get() > 0) startWorker();
        now.put(w, head);
      }
      seen = now;
      if (now.isEmpty()) {
        watching.set(false);
        // a submit that saw the watcher still running has nobody to look at its actor: look again
        if (!localWork() || !watching.compareAndSet(false, true)) return;
      }
    }
  }

  /** Whether some worker's local queue holds an actor (it may be busy in a long turn). */
  private boolean localWork() {
    for (Worker w : workers) if (!w.local.isEmpty()) return true;
    return false;
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
