package dev.simplex.peer.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The actors of one peer: spawn, send, ask, stop, named lookup, quiescence and shutdown. Calls made
 * from a handler act on behalf of that actor (sender id, suspension without an OS thread); calls
 * from any other thread act for a task outside the actors, such as the program's main task.
 */
public final class ActorSystem implements AutoCloseable {
  /**
   * {@code parallelism}: turns running at once (carrier threads); {@code throughput}: messages per
   * turn before an actor yields to the others; {@code errors}: stderr lines such as {@code actor
   * <Name> crashed: <msg>}; {@code debug}: debug lines such as dead letters; {@code messageType}:
   * the type name of a message, for dead letters.
   */
  public record Options(
      int parallelism,
      int throughput,
      Consumer<String> errors,
      Consumer<String> debug,
      Function<Object, String> messageType) {
    public Options {
      if (parallelism < 1)
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      if (throughput < 1)
        throw new IllegalArgumentException("throughput must be >= 1, got " + throughput);
      Objects.requireNonNull(errors, "errors");
      Objects.requireNonNull(debug, "debug");
      Objects.requireNonNull(messageType, "messageType");
    }

    public static Options defaults() {
      return new Options(
          Runtime.getRuntime().availableProcessors(),
          32,
          System.err::println,
          line -> {},
          m -> m == null ? "()" : m.getClass().getSimpleName());
    }

    public Options withParallelism(int n) {
      return new Options(n, throughput, errors, debug, messageType);
    }

    public Options withThroughput(int n) {
      return new Options(parallelism, n, errors, debug, messageType);
    }

    public Options withErrors(Consumer<String> sink) {
      return new Options(parallelism, throughput, sink, debug, messageType);
    }

    public Options withDebug(Consumer<String> sink) {
      return new Options(parallelism, throughput, errors, sink, messageType);
    }

    public Options withMessageType(Function<Object, String> names) {
      return new Options(parallelism, throughput, errors, debug, names);
    }
  }

  /** A task outside every actor: its sender id and message sequence. */
  private static final class Task {
    final Envelope.Origin origin;
    long sequence;

    Task(long id) {
      this.origin = new Envelope.Origin(id, "main");
    }
  }

  private static final AtomicLong TASK_IDS = new AtomicLong();
  private static final ThreadLocal<Task> TASK =
      ThreadLocal.withInitial(() -> new Task(-TASK_IDS.incrementAndGet()));

  final Activity activity = new Activity();
  final Scheduler scheduler;
  final ReentrantLock supervision = new ReentrantLock();
  private final Options options;
  private final Registry registry = new Registry();
  private final DeadLetters deadLetters;
  private final AtomicLong ids = new AtomicLong();

  /** Set when {@link #shutdown} begins: the stops from then on end the run, not the actors. */
  private volatile boolean shuttingDown;

  /** Actors not started by a supervisor, in spawn order: shutdown stops them in reverse. */
  private final Set<Cell> topLevel = new LinkedHashSet<>();

  public ActorSystem() {
    this(Options.defaults());
  }

  public ActorSystem(Options options) {
    this.options = options;
    this.scheduler = new Scheduler(options.parallelism(), options.throughput());
    this.deadLetters = new DeadLetters(options.debug());
  }

  /** The actor whose handler, hook or start is running on this thread, if any. */
  public static Optional<ActorContext> currentActor() {
    return Optional.ofNullable(Cell.current());
  }

  // ---- spawning ----

  /** Starts an actor or supervisor synchronously in the caller; a panic there propagates. */
  public ActorRef spawn(Spawnable spec) {
    Objects.requireNonNull(spec, "spec");
    Cell cell = new Cell(this, ids.incrementAndGet(), spec, null, null);
    return startTopLevel(cell);
  }

  /**
   * Spawns with a swarm-wide name. If a live actor of the same type holds the name, creates nothing
   * and returns its ref; of another type, throws {@link NameTakenException}.
   */
  public ActorRef spawn(Spawnable spec, String name) {
    Objects.requireNonNull(spec, "spec");
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("an actor name must not be blank");
    Cell[] made = new Cell[1];
    Cell cell =
        registry.holderOrRegister(
            name,
            spec.typeName(),
            () -> made[0] = new Cell(this, ids.incrementAndGet(), spec, null, name));
    return cell == made[0] ? startTopLevel(cell) : cell.ref;
  }

  private ActorRef startTopLevel(Cell cell) {
    synchronized (topLevel) {
      topLevel.add(cell);
    }
    cell.startFresh();
    return cell.ref;
  }

  Cell spawnChild(Spawnable spec, Supervisor parent) {
    Cell cell = new Cell(this, ids.incrementAndGet(), spec, parent, null);
    cell.startFresh();
    return cell;
  }

  /**
   * {@code lookup<A>(name)}: the live actor registered under {@code name}, if it is a {@code A}.
   */
  public Optional<ActorRef> lookup(String name, String typeName) {
    Cell c = registry.lookup(name);
    return c != null && c.typeName().equals(typeName) ? Optional.of(c.ref) : Optional.empty();
  }

  // ---- messaging ----

  /** Enqueues and returns; never blocks or fails. */
  public void send(ActorRef target, Object message) {
    Objects.requireNonNull(target, "target");
    target.cell().enqueue(envelope(message, null));
  }

  /** Sends to a named actor; an unknown name makes a dead letter. */
  public void send(String name, Object message) {
    Cell c = registry.lookup(name);
    if (c != null) {
      c.enqueue(envelope(message, null));
      return;
    }
    Envelope.Message m = envelope(message, null);
    deadLetters.record(
        new DeadLetter(m.id(), m.sender(), "name \"" + name + "\"", messageType(message)));
  }

  /**
   * Sends and waits for the reply, holding no OS thread when called from a handler. Throws {@link
   * ActorDiedException} when the target is dead or dies first, and, outside actors, {@link
   * DeadlockDetectedException} when nothing in the runtime can run any more.
   */
  public Object ask(ActorRef target, Object message) {
    Cell me = checkAsk(target);
    ReplySlot reply = new ReplySlot(activity);
    target.cell().enqueue(envelope(message, reply));
    return me != null ? reply.awaitInActor(scheduler) : reply.awaitOutsideActors();
  }

  /** {@code ask(r, m, timeout: d)}: after a timeout the message is still handled. */
  public AskResult ask(ActorRef target, Object message, Duration timeout) {
    checkAsk(target);
    if (timeout == null || timeout.isNegative())
      throw new IllegalArgumentException("an ask timeout must be >= 0, got " + timeout);
    ReplySlot reply = new ReplySlot(activity);
    target.cell().enqueue(envelope(message, reply));
    return reply.awaitWithTimeout(timeout, scheduler);
  }

  private Cell checkAsk(ActorRef target) {
    Objects.requireNonNull(target, "target");
    Cell me = Cell.current();
    if (me == target.cell())
      throw new IllegalArgumentException(
          target + " asked itself: it would wait forever for its own reply");
    return me;
  }

  /**
   * {@code stop(r)}: queued behind the messages already sent; returns once the actor has ended.
   * {@code stop(self)} takes effect when the current handler returns.
   */
  public void stop(ActorRef target) {
    Objects.requireNonNull(target, "target");
    Cell me = Cell.current();
    if (me == target.cell()) {
      me.stopSelf();
      return;
    }
    if (target.cell().isDead()) {
      // Dead is visible before the left-over mail has become dead letters; stop returns after both.
      target.cell().ended().join();
      return;
    }
    ReplySlot done = new ReplySlot(activity);
    target.cell().enqueue(new Envelope.Stop(done));
    if (me != null) done.awaitInActor(scheduler);
    else done.awaitOutsideActors();
  }

  // ---- for the swarm router: mail that arrived from other peers, and waits on them ----

  /** Enqueues a message that another peer sent, under that sender's id; never blocks. */
  public void deliver(ActorRef target, MessageId id, String sender, Object message) {
    Objects.requireNonNull(target, "target");
    target.cell().enqueue(new Envelope.Message(id, sender, message, null));
  }

  /**
   * An ask that another peer sent: the future completes with the handler's reply, or exceptionally
   * with {@link ActorDiedException}. Never blocks, so the caller's delivery order is the mailbox's.
   */
  public CompletableFuture<Object> deliverAsk(
      ActorRef target, MessageId id, String sender, Object message) {
    Objects.requireNonNull(target, "target");
    ReplySlot reply = new ReplySlot(activity);
    target.cell().enqueue(new Envelope.Message(id, sender, message, reply));
    return reply.future();
  }

  /**
   * {@code stop(r)} without waiting: queued behind the messages already enqueued; the future
   * completes once the actor has ended (at once for an actor that ended already).
   */
  public CompletableFuture<Void> stopLater(ActorRef target) {
    Objects.requireNonNull(target, "target");
    if (target.cell().isDead()) return CompletableFuture.completedFuture(null);
    ReplySlot done = new ReplySlot(activity);
    target.cell().enqueue(new Envelope.Stop(done));
    return done.future().thenApply(v -> null);
  }

  /** Records a message that no actor of this peer could take, e.g. one for an unknown actor. */
  public void recordDeadLetter(MessageId id, String sender, String target, Object message) {
    deadLetters.record(new DeadLetter(id, sender, target, messageType(message)));
  }

  /**
   * Waits for work outside this runtime (a reply from another peer). In a handler the carrier's
   * permit is given away first; the wait stays counted as activity, like a timer, because no local
   * actor is what will complete it (a bound belongs on the future itself). Throws what the future
   * failed with.
   */
  public <T> T awaitExternal(CompletableFuture<T> pending) {
    Objects.requireNonNull(pending, "pending");
    if (!pending.isDone() && Cell.current() != null) scheduler.aboutToBlock();
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** {@code sleep(d)}: a pending timer, so the runtime is not quiescent meanwhile. */
  public void sleep(Duration d) {
    if (d == null || d.isNegative()) throw new IllegalArgumentException("negative duration");
    if (Cell.current() != null) scheduler.aboutToBlock();
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in sleep", e);
    }
  }

  private Envelope.Message envelope(Object payload, ReplySlot reply) {
    Cell me = Cell.current();
    if (me != null) return new Envelope.Message(me, me.nextSequence(), payload, reply);
    Task task = TASK.get();
    return new Envelope.Message(task.origin, ++task.sequence, payload, reply);
  }

  // ---- quiescence and shutdown ----

  /** True when no mailbox can be served, no handler can run and no timer is pending. */
  public boolean isQuiescent() {
    return activity.isQuiet();
  }

  /** Blocks until {@link #isQuiescent()} (§13: what happens after {@code main} returns). */
  public void awaitQuiescence() throws InterruptedException {
    activity.awaitQuiet();
  }

  /**
   * Stops the top-level actors in reverse spawn order, each after its queued mail; a supervisor
   * stops its children in reverse order first. Every actor's on_stop runs, except in actors whose
   * handler is stuck in a deadlock: those are reported on the error sink and left.
   */
  public void shutdown() {
    shuttingDown = true;
    List<Cell> order;
    synchronized (topLevel) {
      order = new ArrayList<>(topLevel);
    }
    for (Cell c : order.reversed()) {
      try {
        stop(c.ref);
      } catch (DeadlockDetectedException e) {
        // Its handler waits on an ask that can never be answered; leave it rather than hang.
        errors("actor " + c.typeName() + " could not be stopped: its handler is deadlocked");
      }
    }
  }

  /**
   * SIGTERM on a single node: runs {@code on_termination_warning} on every live actor in reverse
   * start order (a supervisor's children before the supervisor), each between two of its messages,
   * and waits for each. The caller shuts down afterwards.
   */
  public void warnTermination() {
    List<Cell> order;
    synchronized (topLevel) {
      order = new ArrayList<>(topLevel);
    }
    for (Cell c : order.reversed()) warnTree(c);
  }

  private void warnTree(Cell cell) {
    if (cell.role != null) for (Cell child : cell.role.children().reversed()) warnTree(child);
    if (cell.isDead()) return;
    ReplySlot done = new ReplySlot(activity);
    cell.enqueue(new Envelope.Warning(done));
    try {
      if (Cell.current() != null) done.awaitInActor(scheduler);
      else done.awaitOutsideActors();
    } catch (DeadlockDetectedException e) {
      errors("actor " + cell.typeName() + " missed its termination warning: it is deadlocked");
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  /**
   * Whether {@link #shutdown} has begun: an actor that ends normally from then on was stopped
   * because the run ends, not by a {@code stop}, {@code drain} or {@code stop(self)} of its own
   * program.
   */
  public boolean isShuttingDown() {
    return shuttingDown;
  }

  public DeadLetters deadLetters() {
    return deadLetters;
  }

  // ---- called by cells ----

  void undeliverable(Envelope e, Cell target) {
    switch (e) {
      case Envelope.Message m -> {
        deadLetters.record(
            new DeadLetter(m.id(), m.sender(), target.ref.toString(), messageType(m.payload())));
        if (m.reply() != null) m.reply().actorDied();
      }
      case Envelope.Stop s -> s.done().reply(null);
      case Envelope.Warning w -> w.done().reply(null);
    }
  }

  void ended(Cell cell) {
    if (cell.name != null) registry.release(cell.name, cell);
    synchronized (topLevel) {
      topLevel.remove(cell);
    }
  }

  void errors(String line) {
    options.errors().accept(line);
  }

  void debug(String line) {
    options.debug().accept(line);
  }

  private String messageType(Object message) {
    try {
      return options.messageType().apply(message);
    } catch (RuntimeException e) {
      return message == null ? "null" : message.getClass().getName();
    }
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
