package dev.simplex.peer.vm;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ExitReason;
import dev.simplex.peer.migrate.Migratable;
import dev.simplex.sbc.ExecutionContext;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incarnation of a compiled actor (the RuntimePort contract): its state is the struct that
 * {@code A::$fields} builds, and each member {@code A::m} runs with that state first.
 */
final class VmBehavior implements Migratable {
  /**
   * The compiled actor currently running on this thread; nested when a handler spawns. A holder per
   * thread, so a handler call reads the thread-local once and sets and restores a field (three
   * thread-local operations per message were a tenth of a compiled counter's time).
   */
  private static final ThreadLocal<Running> RUNNING = ThreadLocal.withInitial(Running::new);

  private static final class Running {
    VmBehavior behavior;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VmBehavior.class);

  private final ActorType type;
  private final List<Object> initArgs;
  private final Map<String, Object> overrides;
  private final Checkpoints checkpoints;
  private final Durability durability;

  /** The program run across the swarm this actor belongs to; null under {@code simplex run}. */
  private final VmSwarm.Run run;

  private Object state;

  /** The stored checkpoint to resume from before anything else runs; null once resumed. */
  private Checkpoint pendingResume;

  /**
   * In a swarm: the execution context that {@code checkpoint()} captured during the current turn,
   * encoded, so that the checkpoint the router stores right after carries it; null between turns.
   */
  private byte[] turnContext;

  /**
   * In a swarm: restored by a survivor from a checkpoint taken mid-handler; the handler continues
   * in the {@link #resumed} turn, after {@code on_resume}. Null otherwise.
   */
  private Vm.Continuation pendingContinuation;

  /** Whether {@link #resumed} is still due (restored in a swarm, by failover or migration). */
  private boolean resumeDue;

  /** The byte after the fields in a swarm snapshot that carries an execution context. */
  private static final int CONTEXT_FOLLOWS = 1;

  /**
   * The byte after the fields in a swarm snapshot of an actor whose handler was captured waiting in
   * an {@code ask}: the context, then where its reply is held (peer and token).
   */
  private static final int ASK_CONTEXT_FOLLOWS = 2;

  /**
   * A handler captured in an {@code ask} for a move: its encoded execution context, and the peer
   * holding the ask's reply under {@code token} ({@code SwarmActors.awaitRelayed}).
   */
  private record SuspendedAsk(byte[] context, String origin, long token) {}

  /** Set while a handler of this actor waits, captured, for its ask's reply; null otherwise. */
  private SuspendedAsk suspendedAsk;

  /**
   * A swarm handler (or its continuation) of this actor runs on this thread: it may be captured.
   */
  private boolean handling;

  /** Sent by recovery once every recovered actor exists: resume now (§15b). */
  static final Object RESUME =
      new Object() {
        @Override
        public String toString() {
          return "$resume";
        }
      };

  /**
   * {@code initArgs} and {@code overrides} are the spawn's originals: every start copies them, so a
   * restart without a checkpoint begins exactly like the first start (§8 Lifecycle).
   */
  VmBehavior(
      ActorType type,
      List<Object> initArgs,
      Map<String, Object> overrides,
      Checkpoints checkpoints,
      Durability durability) {
    this(type, initArgs, overrides, checkpoints, durability, null);
  }

  VmBehavior(
      ActorType type,
      List<Object> initArgs,
      Map<String, Object> overrides,
      Checkpoints checkpoints,
      Durability durability,
      VmSwarm.Run run) {
    this.run = run;
    this.type = type;
    this.initArgs = initArgs;
    this.overrides = overrides;
    this.checkpoints = checkpoints;
    this.durability = durability;
  }

  static Optional<VmBehavior> running() {
    return Optional.ofNullable(RUNNING.get().behavior);
  }

  @Override
  public void start(ActorContext ctx) {
    if (run != null) run.actors.add(ctx.self());
    durability.register(checkpoints.actorId(), ctx.self());
    Checkpoint stored = checkpoints.takeRecovered();
    if (stored != null) {
      // spawn starts an actor on the spawner's thread: during recovery other stored actors, whose
      // addresses these fields may hold, do not exist yet, so resuming waits for RESUME
      pendingResume = stored;
      if (durability.recoverySpawned()) resume();
      return;
    }
    state = type.vm().invoke(type.member("$fields"), List.of());
    overrides.forEach((field, value) -> Vm.setField(state, field, Vm.deepCopy(value)));
    if (type.has("init")) run("init", copies(initArgs));
    if (type.has("on_start")) run("on_start", List.of());
  }

  @Override
  public Object handle(ActorContext ctx, Object message) {
    if (pendingResume != null) resume();
    if (message == RESUME) return null;
    if (run == null) {
      Message m = (Message) message;
      // the reply leaves the actor: a copy, so later changes to the fields do not reach the asker
      return Vm.deepCopy(run(m.name(), m.args()));
    }
    if (resumeDue) resumed(ctx); // restored: on_resume and the interrupted handler come first
    // from the router: decoded afresh from bytes, so already a copy, and so is the reply
    if (!(message instanceof VmValue(String hash, Message m)))
      throw new IllegalArgumentException("not a message for a compiled actor: " + message);
    String misfit = type.misfit(m.name(), m.args().size());
    if (misfit != null)
      throw new IllegalArgumentException("a message from another peer: " + misfit);
    run.busy.increment();
    handling = true;
    try {
      return new VmValue(hash, run(m.name(), m.args()));
    } catch (dev.simplex.sbc.RuntimePort.Suspended e) {
      return SUSPENDED; // captured in an ask for a move: resumed() continues it
    } finally {
      handling = false;
      turnContext = null;
      run.handled.increment();
      run.busy.decrement();
    }
  }

  /**
   * Whether the ask running on this thread is this actor's swarm handler, which may be captured.
   */
  boolean mayCapture() {
    return run != null && handling && RUNNING.get().behavior == this;
  }

  /**
   * A move asks for the handler waiting in an ask: captures it, with the peer and token under which
   * the ask's reply will be held, and ends the handler ({@code RuntimePort.Suspended}); returns
   * when it cannot be captured (a live stream, a {@code &mut} borrow or a local actor's address in
   * a slot), and the handler goes on waiting where it is.
   */
  void suspend(dev.simplex.sbc.RuntimePort.Suspension suspension, String origin, long token) {
    ExecutionContext.Capture capture = suspension.capture();
    byte[] context = null;
    String refusal = capture.refusal();
    if (capture.captured()) {
      try {
        context = capture.context().encode(VmBehavior::swarmId);
      } catch (IllegalArgumentException e) {
        refusal = e.getMessage();
      }
    }
    if (context == null) {
      LOG.info("actor {} waits for its ask's reply before it can move: {}", type, refusal);
      return;
    }
    suspendedAsk = new SuspendedAsk(context, origin, token);
    throw new dev.simplex.sbc.RuntimePort.Suspended();
  }

  /**
   * The fields as portable bytes; lane watermarks travel beside them in the move. Taken by a {@code
   * checkpoint()} in the middle of a handler, the handler's execution context follows (a byte 1,
   * its length and the bytes of {@link ExecutionContext#encode}), so that a survivor continues the
   * handler right after that call.
   */
  @Override
  public byte[] snapshot(ActorContext ctx) {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(bytes)) {
      PortableWire.write(out, Vm.toPortable(state));
      if (suspendedAsk != null) {
        out.writeByte(ASK_CONTEXT_FOLLOWS);
        out.writeInt(suspendedAsk.context().length);
        out.write(suspendedAsk.context());
        out.writeUTF(suspendedAsk.origin());
        out.writeLong(suspendedAsk.token());
      } else if (turnContext != null) {
        out.writeByte(CONTEXT_FOLLOWS);
        out.writeInt(turnContext.length);
        out.write(turnContext);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * On the new host, instead of {@code init}/{@code on_start}: the fields as they were, and the
   * interrupted handler's execution context when the snapshot carries one; {@code on_resume} and
   * the rest of that handler run in the {@link #resumed} turn (§8 Lifecycle: "fields and execution
   * context restored, on_resume, then the interrupted handler continues from its checkpoint").
   */
  @Override
  public void restore(ActorContext ctx, byte[] snapshot) {
    if (run != null) run.actors.add(ctx.self());
    PortableValue fields;
    byte[] context = null;
    SuspendedAsk asked = null;
    try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot))) {
      fields = PortableWire.read(in);
      if (in.available() > 0) {
        int marker = in.readUnsignedByte();
        if (marker != CONTEXT_FOLLOWS && marker != ASK_CONTEXT_FOLLOWS)
          throw new IllegalArgumentException(
              "an actor snapshot has " + marker + " after its fields");
        int length = in.readInt();
        if (length < 0 || length > in.available())
          throw new IllegalArgumentException(
              "an actor snapshot's execution context claims " + length + " bytes");
        context = in.readNBytes(length);
        if (marker == ASK_CONTEXT_FOLLOWS)
          asked = new SuspendedAsk(context, in.readUTF(), in.readLong());
      }
      if (in.available() > 0)
        throw new IllegalArgumentException(in.available() + " bytes after an actor's fields");
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("an actor snapshot is malformed: " + e);
    }
    state = type.vm().fromPortable(fields);
    resumeDue = true;
    if (context == null) return;
    try {
      pendingContinuation = continuationOf(context, fields);
      if (pendingContinuation.awaitsReply() != (asked != null))
        throw new IllegalArgumentException(
            "the execution context does not stop where the snapshot says (checkpoint or ask)");
      suspendedAsk = asked;
    } catch (ExecutionContext.Invalid | RuntimeException e) {
      pendingContinuation = null;
      suspendedAsk = null;
      LOG.warn(
          "actor {} resumes from its fields only: its execution context cannot continue: {}",
          ctx.self(),
          e.getMessage());
    }
  }

  /**
   * The continuation of an encoded execution context whose handler state gets {@code fields}: the
   * continued handler's frames hold the state, so the fields go into that very struct, which
   * becomes this actor's state.
   */
  private Vm.Continuation continuationOf(byte[] context, PortableValue fields)
      throws ExecutionContext.Invalid {
    Vm.Continuation continuation =
        type.vm().continuation(ExecutionContext.decode(context, VmBehavior::swarmAddress));
    Object held = continuation.handlerLocal(0);
    if (fields instanceof PortableValue.Struct s)
      for (PortableValue.Field f : s.fields())
        Vm.setField(held, f.name(), type.vm().fromPortable(f.value()));
    state = held;
    return continuation;
  }

  /** {@code on_resume}, then the rest of the handler a checkpoint interrupted, if any. */
  @Override
  public Object resumed(ActorContext ctx) {
    if (resumeDue) {
      resumeDue = false;
      if (type.has("on_resume")) run("on_resume", List.of());
    }
    if (pendingContinuation == null && suspendedAsk != null) {
      // captured in an ask for a move that failed: the handler continues here, as it was
      try {
        pendingContinuation = continuationOf(suspendedAsk.context(), Vm.toPortable(state));
      } catch (ExecutionContext.Invalid | RuntimeException e) {
        suspendedAsk = null;
        throw new IllegalStateException(
            "actor " + ctx.self() + " cannot continue its handler after a failed move: " + e);
      }
    }
    Vm.Continuation continuation = pendingContinuation;
    if (continuation == null) return null;
    Object reply;
    Running running = RUNNING.get();
    VmBehavior outer = running.behavior;
    running.behavior = this;
    handling = true;
    try {
      if (continuation.awaitsReply()) {
        SuspendedAsk asked = suspendedAsk;
        var result = run.actors().awaitRelayed(asked.origin(), asked.token(), true);
        if (result == null) return SUSPENDED; // moving again, still waiting: the same context
        pendingContinuation = null;
        suspendedAsk = null;
        reply =
            switch (result) {
              case dev.simplex.peer.actor.AskResult.Reply r ->
                  continuation.runWithReply(VmRuntime.replyValue(r.value()));
              case dev.simplex.peer.actor.AskResult.Timeout t ->
                  continuation.runWithAskFailure("Timeout");
              case dev.simplex.peer.actor.AskResult.ActorDied d ->
                  continuation.runWithAskFailure("ActorDied");
            };
      } else {
        pendingContinuation = null;
        reply = continuation.run();
      }
      // the reply goes to the asker of the interrupted message, which still waits for it
      return run == null ? reply : new VmValue(run.hash, reply);
    } catch (dev.simplex.sbc.RuntimePort.Suspended e) {
      return SUSPENDED; // the continued handler was captured in another ask
    } finally {
      handling = false;
      turnContext = null;
      running.behavior = outer;
    }
  }

  /** How a swarm actor's address is written into an execution context, and read back. */
  static String swarmId(Object address) {
    if (address instanceof dev.simplex.peer.route.SwarmRef r)
      return r.typeName() + "#" + r.id().value();
    throw new IllegalArgumentException(
        "the address of a local actor (" + address + ") cannot travel between peers");
  }

  static Object swarmAddress(String text) {
    int hash = text.indexOf('#');
    if (hash <= 0) throw new IllegalArgumentException("not a swarm actor address: " + text);
    return new dev.simplex.peer.route.SwarmRef(
        new dev.simplex.peer.route.ActorId(text.substring(hash + 1)), text.substring(0, hash));
  }

  @Override
  public void onStop(ActorContext ctx, ExitReason reason) {
    try {
      if (state != null && type.has("on_stop")) run("on_stop", List.of());
    } finally {
      if (run != null) run.actors.remove(ctx.self());
      // stopped, drained or stop(self) by the program: with --data, a later run must not bring
      // it back from its checkpoints (the stops of the run's own shutdown do not count)
      else if (reason instanceof ExitReason.Normal && !ctx.system().isShuttingDown())
        durability.ended(checkpoints.actorId(), type);
    }
  }

  @Override
  public boolean restoreLatestCheckpoint(ActorContext ctx) {
    Object saved = checkpoints.latest();
    if (saved == null) return false;
    state = Vm.deepCopy(saved);
    if (type.has("on_resume")) run("on_resume", List.of());
    return true;
  }

  /**
   * Recovery after a lost peer (§8 Lifecycle): the stored fields and execution context, then {@code
   * on_resume}, then the interrupted handler continues right after its {@code checkpoint()} call. A
   * context that cannot be continued (the code changed, a damaged context) is reported and the
   * actor resumes from its fields alone.
   */
  private void resume() {
    Checkpoint stored = pendingResume;
    pendingResume = null;
    Vm.Continuation continuation = null;
    if (stored.context().isPresent()) {
      try {
        continuation = type.vm().continuation(durability.unembed(stored.context().get()));
      } catch (ExecutionContext.Invalid e) {
        durability.report(
            "warning: actor `"
                + checkpoints.actorId()
                + "` resumes from its fields only: "
                + e.getMessage());
      }
    }
    try {
      // the continued handler's frames hold the state: restore the fields into that very struct
      state =
          continuation == null
              ? durability.restore(type, stored.fields())
              : durability.restoreInto(type, continuation.handlerLocal(0), stored.fields());
    } catch (IllegalArgumentException e) {
      durability.resumed();
      throw new IllegalStateException(
          "actor `"
              + checkpoints.actorId()
              + "` cannot resume from its checkpoint: "
              + e.getMessage());
    }
    try {
      checkpoints.restored(Vm.deepCopy(state));
      if (type.has("on_resume")) run("on_resume", List.of());
    } finally {
      durability.resumed();
    }
    if (continuation != null) {
      Running running = RUNNING.get();
      VmBehavior outer = running.behavior;
      running.behavior = this;
      try {
        continuation.run(); // nobody waits for the reply of a handler from an earlier life
      } finally {
        running.behavior = outer;
      }
    }
    // the mail that waited behind that handler when the checkpoint was taken, in its order
    List<dev.simplex.sbc.Message> mail =
        durability.pendingMail(checkpoints.actorId(), type, stored);
    if (!mail.isEmpty()) {
      var self = dev.simplex.peer.actor.ActorSystem.currentActor();
      if (self.isPresent()) for (var m : mail) self.get().system().send(self.get().self(), m);
      else
        durability.report(
            "warning: actor `"
                + checkpoints.actorId()
                + "` resumed outside its turn; "
                + mail.size()
                + " pending messages from its checkpoint were not delivered");
    }
  }

  /** {@code checkpoint()}: {@code on_checkpoint}, then a deep copy of the fields is the latest. */
  void checkpoint() {
    checkpoint(null);
  }

  /** As {@link #checkpoint()}, with the handler's execution context when one was captured. */
  void checkpoint(ExecutionContext.Capture capture) {
    if (type.has("on_checkpoint")) run("on_checkpoint", List.of());
    List<dev.simplex.peer.actor.ActorContext.Pending> mailbox =
        durability.durable() && run == null
            ? dev.simplex.peer.actor.ActorSystem.currentActor()
                .map(dev.simplex.peer.actor.ActorContext::pendingMessages)
                .orElse(List.of())
            : List.of();
    checkpoints.save(type, Vm.deepCopy(state), capture, mailbox);
    // in a swarm, the checkpoint also goes to the grid, so a survivor can restore the actor, with
    // the handler's execution context so that it continues right after this call
    if (run != null) {
      turnContext = null;
      if (capture != null && capture.captured()) {
        try {
          turnContext = capture.context().encode(VmBehavior::swarmId);
        } catch (IllegalArgumentException e) {
          LOG.warn("actor {} checkpointed without its execution context: {}", type, e.getMessage());
        }
      }
      try {
        dev.simplex.peer.route.SwarmActors.checkpointRunning();
      } catch (IllegalStateException e) {
        // fenced: a newer activation of this actor owns it now; this one ends with that reason
        throw new dev.simplex.sbc.RuntimePort.Panic(e.getMessage());
      } catch (dev.simplex.sbc.RuntimePort.Panic e) {
        throw e;
      } catch (RuntimeException e) {
        // the grid refused the write (the minority side of a split): not a bytecode fault
        throw new dev.simplex.sbc.RuntimePort.Panic("its checkpoint could not be stored: " + e);
      }
    }
  }

  private Object run(String member, List<Object> args) {
    int index = type.index(member);
    if (index < 0) throw new IllegalArgumentException("no function `" + type.member(member) + "`");
    Running running = RUNNING.get();
    VmBehavior outer = running.behavior;
    running.behavior = this;
    try {
      return type.vm().invoke(index, state, args);
    } catch (Vm.ExitException e) {
      // exit(code) in a handler ends the whole program at once, without hooks (§12.2): the
      // program's runner returns; this actor neither goes on nor crashes meanwhile
      if (run == null && type.vm().port() instanceof VmRuntime runtime) {
        runtime.requestExit(e.code());
        while (true) java.util.concurrent.locks.LockSupport.park(this);
      }
      throw e;
    } finally {
      running.behavior = outer;
    }
  }

  private static List<Object> copies(List<Object> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object v : values) out.add(Vm.deepCopy(v));
    return out;
  }
}
