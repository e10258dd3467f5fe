package dev.simplex.peer.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One actor: identity, mailbox and the current incarnation of its behaviour. The identity and the
 * mailbox outlive restarts, so refs stay valid. Exactly one thread owns a cell at a time (a
 * scheduler turn, the spawner during start, or a supervisor acting on an idle child); only the
 * owner touches the behaviour and the fields that are not volatile.
 */
final class Cell extends MailboxLayout.Pad2 implements ActorContext {
  private static final int IDLE = 0;
  private static final int SCHEDULED = 1;
  private static final int RUNNING = 2;
  private static final ThreadLocal<Cell> CURRENT = new ThreadLocal<>();
  private static final VarHandle TAIL;

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(MailboxLayout.Tail.class, "tail", Envelope.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  enum Life {
    STARTING,
    ALIVE,
    /** Ended, waiting for its supervisor to restart it; mail keeps queueing. */
    DOWN,
    DEAD
  }

  /** What a supervisor asked of a cell it found busy; done when the current handler returns. */
  enum Pending {
    NONE,
    RESTART,
    KILL
  }

  /** The result of trying to own a cell from outside a turn. */
  enum Hold {
    TAKEN,
    ALREADY_MINE,
    BUSY
  }

  final long id;
  final ActorSystem system;
  final Spawnable spec;
  final Supervisor parent;
  final String name;
  final ActorRef ref;

  /** {@code ref.toString()}, built once: every message this actor sends carries it as sender. */
  private String label;

  String label() {
    String l = label;
    if (l == null) label = l = ref.toString();
    return l;
  }

  /** The supervisor this cell runs as, or null for a plain actor. */
  final Supervisor role;

  /*
   * The mailbox: a linked queue of envelopes for many senders and one reader (D. Vyukov's
   * intrusive MPSC queue). A sender swaps itself in as the tail, then links the old tail to it: one
   * atomic swap, never a retry, however many senders contend. The reader is the cell's owner (or,
   * once it is dead, whoever drains it under the cell's lock); head is the envelope it took last,
   * whose content it has let go of. Both ends, and the message being handled, are fields of
   * MailboxLayout, each on its own cache line.
   */

  private final AtomicInteger run = new AtomicInteger(RUNNING);
  private final CompletableFuture<ExitReason> ended = new CompletableFuture<>();
  private volatile Thread owner = Thread.currentThread();
  private volatile Life life = Life.STARTING;
  private volatile boolean draining;
  private volatile Pending pending = Pending.NONE;

  /** Messages this actor sent; only its owner sends as it, so a plain field. */
  private long sequence;

  private Behavior behavior;
  private boolean stopHookRan;
  private boolean stopSelf;

  /** A new cell is owned by its creator (counted as activity) until {@link #startFresh} returns. */
  Cell(ActorSystem system, long id, Spawnable spec, Supervisor parent, String name) {
    this.system = system;
    this.id = id;
    this.spec = spec;
    this.parent = parent;
    this.name = name;
    this.role = spec instanceof SupervisorSpec s ? new Supervisor(s, this) : null;
    this.ref = new ActorRef(this);
    Envelope empty = new Envelope.Message(Envelope.Origin.NOBODY, 0, null, null);
    this.head = empty;
    this.tail = empty;
    system.activity.enter();
  }

  static Cell current() {
    return CURRENT.get();
  }

  // ---- ActorContext ----

  @Override
  public ActorRef self() {
    return ref;
  }

  @Override
  public ActorSystem system() {
    return system;
  }

  @Override
  public MessageId currentMessageId() {
    Envelope.Message m = current;
    return m == null ? null : m.id();
  }

  @Override
  public void stopSelf() {
    requireOwner("stop(self)");
    stopSelf = true;
  }

  @Override
  public void drain() {
    requireOwner("drain()");
    draining = true;
  }

  private void requireOwner(String what) {
    if (owner != Thread.currentThread())
      throw new IllegalStateException(what + " may only be called by " + ref + " itself");
  }

  // ---- state seen by others ----

  Life life() {
    return life;
  }

  boolean isDead() {
    return life == Life.DEAD;
  }

  String typeName() {
    return spec.typeName();
  }

  CompletableFuture<ExitReason> ended() {
    return ended;
  }

  /** The next sequence number of a message this actor sends; called by its owner only. */
  long nextSequence() {
    return ++sequence;
  }

  // ---- the mailbox ----

  @Override
  public java.util.List<ActorContext.Pending> pendingMessages() {
    java.util.List<ActorContext.Pending> out = new java.util.ArrayList<>();
    for (Envelope e = head.next; e != null; e = e.next)
      if (e instanceof Envelope.Message m)
        out.add(new ActorContext.Pending(m.sender(), m.id(), m.payload()));
    return out;
  }

  /** Never blocks or fails: a message for an ended actor becomes a dead letter. */
  void enqueue(Envelope e) {
    // A supervisor has no handlers, and a draining actor takes no new mail.
    if (life == Life.DEAD || (e instanceof Envelope.Message && (draining || role != null))) {
      system.undeliverable(e, this);
      return;
    }
    push(e);
    // The actor may have ended between the check and the add; then nobody else will drain it.
    if (life == Life.DEAD) drainMailbox();
    else schedule();
  }

  private void push(Envelope e) {
    Envelope prev = (Envelope) TAIL.getAndSet(this, e);
    prev.next = e;
  }

  /** The oldest envelope, or null when the mailbox is empty; by the reader only. */
  private Envelope poll() {
    Envelope h = head;
    Envelope n = h.next;
    if (n == null) {
      if (tail == h) return null;
      // a sender has swapped itself in as the tail and is about to link it: a few instructions
      for (int spins = 0; (n = h.next) == null; spins++)
        if (spins < 64) Thread.onSpinWait();
        else Thread.yield();
    }
    head = n;
    return n;
  }

  private boolean mailboxEmpty() {
    return tail == head;
  }

  private void schedule() {
    // read before the CAS: while the cell runs, its senders must not all write its state
    if (life == Life.ALIVE
        && run.get() == IDLE
        && !mailboxEmpty()
        && run.compareAndSet(IDLE, SCHEDULED)) {
      system.activity.enter();
      system.scheduler.submit(this);
    }
  }

  /** After the end: every queued envelope becomes a dead letter (or releases its waiter). */
  private void drainMailbox() {
    // the owner that finished the cell and senders that saw it dead may all drain: one at a time
    synchronized (this) {
      Envelope e;
      while ((e = poll()) != null) {
        system.undeliverable(e, this);
        if (e instanceof Envelope.Message m) m.consumed();
      }
    }
  }

  // ---- ownership ----

  /** Takes an idle or queued cell out of the scheduler's hands, for a supervisor's action. */
  Hold acquire() {
    if (owner == Thread.currentThread()) return Hold.ALREADY_MINE;
    while (true) {
      int s = run.get();
      if (s == RUNNING) return Hold.BUSY;
      if (run.compareAndSet(s, RUNNING)) {
        owner = Thread.currentThread();
        if (s == IDLE) system.activity.enter(); // a queued cell was counted already
        return Hold.TAKEN;
      }
    }
  }

  void release() {
    try {
      settleAfterHandler();
    } finally {
      owner = null;
      run.set(IDLE);
      schedule();
      system.activity.leave();
    }
  }

  /**
   * One scheduler turn: at most {@code quota} envelopes, then back of the queue if mail is left.
   */
  void runTurn(int quota) {
    if (!run.compareAndSet(SCHEDULED, RUNNING)) return; // a stale queue entry
    owner = Thread.currentThread();
    // This cell is the thread's current actor from its first message to the end of the turn or
    // the first thing between messages that is not a handler (a stop, a warning, a supervisor's
    // decision), which run as before with the thread's own: one thread-local write a turn, not
    // three accesses a message (each a map lookup on a virtual thread).
    Cell outer = CURRENT.get();
    boolean mine = false;
    try {
      for (int n = 0; n < quota && life == Life.ALIVE; n++) {
        Envelope e = poll();
        if (e == null) break;
        if (mine && !(e instanceof Envelope.Message)) {
          CURRENT.set(outer);
          mine = false;
        }
        switch (e) {
          case Envelope.Message m -> {
            if (!mine) {
              CURRENT.set(this);
              mine = true;
            }
            handle(m);
            m.consumed();
          }
          case Envelope.Stop s -> {
            end(ExitReason.NORMAL);
            s.done().reply(null);
          }
          case Envelope.Warning w -> {
            warn();
            w.done().reply(null);
          }
        }
        if (life != Life.ALIVE || pending != Pending.NONE || stopSelf || draining) {
          if (mine) {
            CURRENT.set(outer);
            mine = false;
          }
          settleAfterHandler();
        }
      }
    } finally {
      if (mine) CURRENT.set(outer);
      release();
    }
  }

  /** Runs the handler of {@code m}; the caller has made this cell the thread's current actor. */
  private void handle(Envelope.Message m) {
    current = m;
    Object reply;
    try {
      reply = behavior.handle(this, m.payload());
    } catch (Throwable t) {
      crashed(t, m.reply());
      return;
    } finally {
      current = null;
    }
    if (m.reply() != null) m.reply().reply(reply);
  }

  /** Ends the actor if its handler asked to, and carries out a supervisor's deferred decision. */
  private void settleAfterHandler() {
    if (life != Life.ALIVE) return;
    switch (pending) {
      case RESTART -> {
        pending = Pending.NONE;
        kill();
        restart();
        return;
      }
      case KILL -> {
        pending = Pending.NONE;
        kill();
        if (parent != null && parent.isFinished()) finish(ExitReason.KILLED);
        return;
      }
      case NONE -> {}
    }
    if (stopSelf || (draining && mailboxEmpty())) end(ExitReason.NORMAL);
  }

  void requestWhenIdle(Pending p) {
    pending = p;
  }

  // ---- lifecycle (the caller owns the cell) ----

  /** Field initializers, init, on_start, in the spawner; a panic propagates to the spawner. */
  void startFresh() {
    try {
      runStart(false);
    } catch (Throwable t) {
      finish(new ExitReason.Error(ActorSystem.describe(t)));
      owner = null;
      run.set(IDLE);
      system.activity.leave();
      throw t;
    }
    release();
  }

  private void runStart(boolean restarting) {
    life = Life.ALIVE;
    behavior = role != null ? role : ((ActorSpec) spec).behavior().get();
    if (behavior == null) throw new IllegalStateException(spec.typeName() + ": factory gave null");
    Cell outer = CURRENT.get();
    CURRENT.set(this);
    try {
      if (restarting && behavior.restoreLatestCheckpoint(this)) return;
      behavior.start(this);
    } finally {
      CURRENT.set(outer);
    }
  }

  /** A new incarnation: from the latest checkpoint if there is one, else afresh. */
  void restart() {
    pending = Pending.NONE;
    stopSelf = false;
    draining = false;
    stopHookRan = false;
    try {
      runStart(true);
    } catch (Throwable t) {
      crashed(t, null);
    }
  }

  /** A panic in a handler, hook or restart: report, on_stop, then the supervisor decides. */
  private void crashed(Throwable t, ReplySlot failedAsk) {
    String message = ActorSystem.describe(t);
    system.errors("actor " + spec.typeName() + " crashed: " + message);
    ExitReason reason = new ExitReason.Error(message);
    runStopHook(reason);
    life = Life.DOWN;
    try {
      if (parent != null) parent.childFailed(this, reason);
      else finish(reason);
    } catch (RuntimeException | Error e) {
      // A fault in the reaction itself must not strand the asker or the mailbox.
      system.errors("supervision of " + ref + " failed: " + ActorSystem.describe(e));
      finish(reason);
    }
    // After the whole reaction, so restart hooks come before the asker's reaction (§9).
    if (failedAsk != null) failedAsk.actorDied();
  }

  /** Stopped by its supervisor: on_stop with Killed; the supervisor restarts or finishes it. */
  void kill() {
    runStopHook(ExitReason.KILLED);
    life = Life.DOWN;
  }

  /** Ended by stop, stop(self), drain or shutdown: never restarted. */
  private void end(ExitReason reason) {
    runStopHook(reason);
    finish(reason);
  }

  private void warn() {
    Cell outer = CURRENT.get();
    CURRENT.set(this);
    try {
      behavior.onTerminationWarning(this);
    } catch (Throwable t) {
      system.debug("on_termination_warning of " + ref + " failed: " + ActorSystem.describe(t));
    } finally {
      CURRENT.set(outer);
    }
  }

  void runStopHook(ExitReason reason) {
    if (stopHookRan || behavior == null) return;
    stopHookRan = true;
    Cell outer = CURRENT.get();
    CURRENT.set(this);
    try {
      behavior.onStop(this, reason);
    } catch (Throwable t) {
      system.debug("on_stop of " + ref + " failed (ignored): " + ActorSystem.describe(t));
    } finally {
      CURRENT.set(outer);
    }
  }

  /** The final end: refs go dead, the name is released, queued mail becomes dead letters. */
  void finish(ExitReason reason) {
    if (life == Life.DEAD) return;
    life = Life.DEAD;
    try {
      system.ended(this);
      drainMailbox();
      if (role != null) role.finishChildren();
    } finally {
      // Whoever waits for this end (stop, the router) must be released whatever happened above.
      ended.complete(reason);
    }
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
