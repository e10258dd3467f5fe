package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ActorDiedException;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.actor.DeadlockDetectedException;
import dev.simplex.peer.actor.NameTakenException;
import dev.simplex.peer.actor.Spawnable;
import dev.simplex.peer.route.SpawnFailedException;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RuntimePort} over the peer's {@link ActorSystem}: compiled actors become {@link
 * VmBehavior}s, messages travel as deep copies, and runtime failures reach the program as the
 * panics of language.md §7 ({@code ask failed: actor died}, {@code deadlock detected}).
 */
public final class VmRuntime implements RuntimePort, AutoCloseable {
  private final ActorSystem system;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<SbcModule, Vm> executors = new ConcurrentHashMap<>();
  private final AiModels ai;
  private final Durability durability;

  /** In a peer daemon: the program run this runtime serves; null for {@code simplex run}. */
  private final VmSwarm.Run run;

  /** Names of recovered actors that no {@code spawn} of this run has claimed yet. */
  private final java.util.Set<String> recoveredNames = ConcurrentHashMap.newKeySet();

  /** Actors run on {@code system}; their output goes to {@code out} and {@code err}. */
  public VmRuntime(ActorSystem system, PrintStream out, PrintStream err) {
    this(system, out, err, AiModels.cacheFor(null));
  }

  /** As above, with the built-in AI models cached under {@code modelCache}. */
  public VmRuntime(ActorSystem system, PrintStream out, PrintStream err, Path modelCache) {
    this(system, out, err, modelCache, Durability.NONE);
  }

  VmRuntime(
      ActorSystem system,
      PrintStream out,
      PrintStream err,
      Path modelCache,
      Durability durability) {
    this(system, out, err, modelCache, durability, null);
  }

  /** A runtime of a program run across the swarm: its actors are swarm actors. */
  VmRuntime(ActorSystem system, PrintStream out, PrintStream err, VmSwarm.Run run) {
    this(system, out, err, AiModels.cacheFor(null), Durability.NONE, run);
  }

  private VmRuntime(
      ActorSystem system,
      PrintStream out,
      PrintStream err,
      Path modelCache,
      Durability durability,
      VmSwarm.Run run) {
    this.run = run;
    this.durability = Objects.requireNonNull(durability, "durability");
    this.system = Objects.requireNonNull(system, "system");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.ai =
        run != null && run.swarm.inference() != null
            ? new AiModels(system, run.swarm.inference())
            : new AiModels(system, Objects.requireNonNull(modelCache, "modelCache"));
  }

  /** The executor for a module, wired to this runtime; one per module. */
  public Vm vm(SbcModule module) {
    return executors.computeIfAbsent(module, m -> new Vm(m, out, err, this));
  }

  public ActorSystem system() {
    return system;
  }

  @Override
  public Object spawn(
      SbcModule module,
      int actorType,
      List<Object> initArgs,
      Map<String, Object> fieldOverrides,
      Map<String, Object> options) {
    SpawnOptions opts = SpawnOptions.of(options);
    String type = module.types().get(actorType).name();
    if (run != null && vm(module).supervisorPlan(type).isEmpty())
      return spawnInSwarm(type, initArgs, fieldOverrides, opts);
    // §15b: the first spawn of a recovered actor's name returns the recovered actor
    if (opts.name() != null && recoveredNames.remove(opts.name())) {
      var recovered = system.lookup(opts.name(), type);
      if (recovered.isPresent()) return recovered.get();
    }
    String id = opts.name() != null ? Durability.named(opts.name()) : idFor(type);
    try {
      Spawnable spec = spawnable(module, type, initArgs, fieldOverrides, id);
      ActorRef ref = opts.name() == null ? system.spawn(spec) : system.spawn(spec, opts.name());
      durability.register(id, ref);
      return ref;
    } catch (NameTakenException e) {
      throw new Panic("name taken by another actor type");
    } catch (IllegalArgumentException e) {
      // a supervisor whose plan the runtime rejects, e.g. a negative max_restarts
      throw new Panic(e.getMessage());
    }
  }

  /** Through the router: placed by load and the hints, on whichever peer they pick. */
  private Object spawnInSwarm(
      String type, List<Object> initArgs, Map<String, Object> overrides, SpawnOptions opts) {
    var options = opts.forSwarm();
    var args = new VmValue.SpawnArgs(run.runId, run.origin, initArgs, overrides);
    try {
      SwarmRef ref =
          run.actors().spawn(run.hash + ":" + type, new VmValue(run.hash, args), options);
      run.spawned.add(ref);
      return ref;
    } catch (NameTakenException e) {
      throw new Panic("name taken by another actor type");
    } catch (SpawnFailedException e) {
      throw new Panic(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Panic(e.getMessage());
    }
  }

  private final java.util.concurrent.CompletableFuture<Integer> exit =
      new java.util.concurrent.CompletableFuture<>();

  /** An actor called {@code exit(code)}: the program ends with {@code code} (the first wins). */
  void requestExit(int code) {
    exit.complete(code);
  }

  /** Completes with the exit code once an actor has called {@code exit}. */
  java.util.concurrent.CompletableFuture<Integer> exitRequested() {
    return exit;
  }

  /** The behaviour of a compiled actor this peer hosts for {@link #run}, from its spawn. */
  VmBehavior hosted(String type, List<Object> initArgs, Map<String, Object> overrides) {
    SbcModule module = run.swarm.module(run.hash);
    ActorType actor = new ActorType(type, module, vm(module));
    return new VmBehavior(
        actor, initArgs, overrides, new Checkpoints(type, Durability.NONE), Durability.NONE, run);
  }

  private String idFor(String type) {
    return durability.durable() ? durability.unnamed(type) : type;
  }

  /**
   * Recovery (§15b): spawns every actor that an earlier run checkpointed, by its stored id, to
   * resume from its latest checkpoint; a supervisor's children resume when it is spawned again.
   *
   * @return how many actors were recovered
   */
  int recover(SbcModule module) {
    List<ActorRef> recovered = new ArrayList<>();
    try {
      for (var stored : durability.stored()) {
        String id = stored.actorId();
        if (id.contains("/child/")) continue;
        if (!(stored.fields() instanceof dev.simplex.checkpoint.SnapshotValue.Struct fields)
            || module.indexOf(fields.type() + "::$fields") < 0) {
          err.println(
              "warning: actor `" + id + "` was not recovered: the program has no such actor type");
          continue;
        }
        Spawnable spec = spawnable(module, fields.type(), List.of(), Map.of(), id);
        String name = Durability.nameOf(id);
        ActorRef ref = name == null ? system.spawn(spec) : system.spawn(spec, name);
        if (name != null) recoveredNames.add(name);
        durability.register(id, ref);
        recovered.add(ref);
      }
    } finally {
      durability.markRecoverySpawned();
    }
    // the first message of each: every address exists now, so stored ones can be decoded
    durability.expectResumes(recovered.size());
    for (ActorRef ref : recovered) system.send(ref, VmBehavior.RESUME);
    // §15b: main runs once every recovered actor has its fields back and has run on_resume (an
    // interrupted handler then goes on in parallel with main)
    durability.awaitResumes();
    return recovered.size();
  }

  /** A compiled actor, or a supervisor (its plan evaluated now) with its children's specs. */
  private Spawnable spawnable(
      SbcModule module,
      String type,
      List<Object> initArgs,
      Map<String, Object> fieldOverrides,
      String actorId) {
    Vm vm = vm(module);
    var plan = vm.supervisorPlan(type);
    if (plan.isPresent()) {
      int[] index = {0}; // Supervisors.spec asks for each child once, in order
      return Supervisors.spec(
          plan.get(),
          c -> {
            int i = index[0]++;
            String key = c.name() != null ? c.name() : Integer.toString(i);
            String childId = Durability.child(actorId, key);
            durability.link(childId, actorId, plan.get().name(), c.restart());
            return spawnable(module, c.actorType(), c.initArgs(), Map.of(), childId);
          },
          vm,
          err);
    }
    ActorType actor = new ActorType(type, module, vm);
    // the originals, copied once: the spawner may change its values after spawn returns
    List<Object> args = new ArrayList<>();
    for (Object a : initArgs) args.add(Vm.deepCopy(a));
    Map<String, Object> fields = new LinkedHashMap<>();
    fieldOverrides.forEach((k, v) -> fields.put(k, Vm.deepCopy(v)));
    Checkpoints checkpoints = new Checkpoints(actorId, durability);
    return new ActorSpec(
        type, () -> new VmBehavior(actor, args, fields, checkpoints, durability, null));
  }

  @Override
  public Object child(Object supervisor, SbcModule module, int actorType, Object key) {
    ActorRef sup = ref(supervisor);
    String type = actorType(module, actorType).name();
    try {
      return switch (key) {
        // clamped: an index beyond int range is absent all the same, and the runtime says so
        case Long index -> sup.child((int) Math.clamp(index, -1, Integer.MAX_VALUE), type);
        case String name -> sup.child(name, type);
        default -> throw new IllegalArgumentException("a child key is an index or a name: " + key);
      };
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new Panic(e.getMessage());
    }
  }

  ActorType actorType(SbcModule module, int index) {
    if (index < 0 || index >= module.types().size())
      throw new IllegalArgumentException("no type #" + index + " in the module");
    return new ActorType(module.types().get(index).name(), module, vm(module));
  }

  @Override
  public void send(Object target, Message message) {
    if (target instanceof SwarmRef r) {
      run.sent.increment();
      try {
        run.actors().send(r, new VmValue(run.hash, message));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new Panic(e.getMessage());
      }
      return;
    }
    system.send(ref(target), copy(message));
  }

  @Override
  public Object ask(Object target, Message message) {
    if (target instanceof SwarmRef r) {
      run.sent.increment();
      try {
        return unwrap(run.actors().ask(r, new VmValue(run.hash, message)));
      } catch (ActorDiedException e) {
        throw new Panic("ask failed: actor died");
      } catch (IllegalArgumentException e) {
        throw new Panic(
            e.getMessage() != null && e.getMessage().contains("asked itself")
                ? "deadlock detected"
                : e.getMessage());
      }
    }
    try {
      return system.ask(ref(target), copy(message));
    } catch (ActorDiedException e) {
      throw new Panic("ask failed: actor died");
    } catch (DeadlockDetectedException e) {
      throw new Panic("deadlock detected");
    } catch (IllegalArgumentException e) {
      throw new Panic(e.getMessage());
    }
  }

  @Override
  public Object askWithin(Object target, Message message, long timeoutNanos) throws AskFailed {
    if (timeoutNanos < 0) throw new Panic("negative duration");
    AskResult result;
    try {
      if (target instanceof SwarmRef r) {
        run.sent.increment();
        result =
            run.actors().ask(r, new VmValue(run.hash, message), Duration.ofNanos(timeoutNanos));
      } else {
        result = system.ask(ref(target), copy(message), Duration.ofNanos(timeoutNanos));
      }
    } catch (IllegalArgumentException e) {
      throw new Panic(e.getMessage());
    }
    return switch (result) {
      case AskResult.Reply r -> unwrap(r.value());
      case AskResult.Timeout t -> throw new AskFailed("Timeout");
      case AskResult.ActorDied d -> throw new AskFailed("ActorDied");
    };
  }

  /**
   * In a swarm, an ask whose handler may be captured while it waits, when a move of its actor asks
   * for that (language.md §8: the actor moves with its execution context and continues on the
   * target with the reply); otherwise as {@link #ask(Object, Message)}.
   */
  @Override
  public Object ask(Object target, Message message, Suspension suspension) {
    VmBehavior capturable = capturable(target);
    if (capturable == null) return ask(target, message);
    return switch (suspendableAsk((SwarmRef) target, message, null, capturable, suspension)) {
      case AskResult.Reply r -> unwrap(r.value());
      default -> throw new Panic("ask failed: actor died");
    };
  }

  @Override
  public Object askWithin(Object target, Message message, long timeoutNanos, Suspension suspension)
      throws AskFailed {
    VmBehavior capturable = capturable(target);
    if (capturable == null) return askWithin(target, message, timeoutNanos);
    if (timeoutNanos < 0) throw new Panic("negative duration");
    return switch (suspendableAsk(
        (SwarmRef) target, message, Duration.ofNanos(timeoutNanos), capturable, suspension)) {
      case AskResult.Reply r -> unwrap(r.value());
      case AskResult.Timeout t -> throw new AskFailed("Timeout");
      case AskResult.ActorDied d -> throw new AskFailed("ActorDied");
    };
  }

  /** The swarm actor whose handler runs this ask and may be captured in it, or null. */
  private VmBehavior capturable(Object target) {
    if (run == null || !(target instanceof SwarmRef)) return null;
    return VmBehavior.running().filter(VmBehavior::mayCapture).orElse(null);
  }

  private AskResult suspendableAsk(
      SwarmRef target,
      Message message,
      Duration timeout,
      VmBehavior behavior,
      Suspension suspension) {
    run.sent.increment();
    try {
      return run.actors()
          .ask(
              target,
              new VmValue(run.hash, message),
              timeout,
              (origin, token) -> behavior.suspend(suspension, origin, token));
    } catch (IllegalArgumentException e) {
      throw new Panic(
          e.getMessage() != null && e.getMessage().contains("asked itself")
              ? "deadlock detected"
              : e.getMessage());
    }
  }

  /** The value of a reply that came through the swarm. */
  static Object replyValue(Object reply) {
    return unwrap(reply);
  }

  @Override
  public void drain() {
    dev.simplex.peer.actor.ActorSystem.currentActor()
        .orElseThrow(() -> new Panic("drain() outside an actor"))
        .drain();
  }

  @Override
  public void stop(Object target) {
    if (target instanceof SwarmRef r) {
      run.actors().stop(r);
      return;
    }
    try {
      system.stop(ref(target));
    } catch (DeadlockDetectedException e) {
      throw new Panic("deadlock detected");
    }
  }

  @Override
  public Object lookup(SbcModule module, int actorType, String name) {
    if (run != null) {
      Object found =
          run.actors()
              .lookup(name, run.hash + ":" + actorType(module, actorType).name())
              .orElse(null);
      if (found != null) return found;
    }
    return system.lookup(name, actorType(module, actorType).name()).orElse(null);
  }

  @Override
  public Object self() {
    if (run != null) {
      var mine = run.actors().current();
      if (mine.isPresent()) return mine.get();
    }
    return ActorSystem.currentActor()
        .map(ActorContext::self)
        .orElseThrow(() -> new Panic("`self` used outside an actor"));
  }

  @Override
  public void checkpoint() {
    checkpoint(null);
  }

  /** {@code checkpoint()} with the handler's execution context (§8: fields and context). */
  @Override
  public void checkpoint(dev.simplex.sbc.ExecutionContext.Capture capture) {
    VmBehavior.running()
        .orElseThrow(() -> new Panic("`checkpoint()` used outside an actor"))
        .checkpoint(capture);
  }

  @Override
  public Object aiComplete(String prompt) {
    return ai.complete(prompt);
  }

  @Override
  public Object aiEmbed(String text) {
    return ai.embed(text);
  }

  @Override
  public String aiComplete(String prompt, AiOptions options) throws AiFailed {
    return ai.complete(prompt, options);
  }

  @Override
  public java.util.Iterator<String> aiStream(String prompt, AiOptions options) throws AiFailed {
    return ai.stream(prompt, options);
  }

  @Override
  public double[] aiEmbed(String text, String model) throws AiFailed {
    return ai.embed(text, model);
  }

  @Override
  public List<double[]> aiEmbedBatch(List<String> texts, String model) throws AiFailed {
    return ai.embedBatch(texts, model);
  }

  @Override
  public int aiClassify(String text, List<String> labels, String model) throws AiFailed {
    return ai.classify(text, labels, model);
  }

  /** Releases the AI models, if any call loaded them; the actor system is the caller's. */
  @Override
  public void close() {
    ai.close();
  }

  /** A reply from the router: the value inside its VM wrapping. */
  private static Object unwrap(Object reply) {
    return reply instanceof VmValue v ? v.value() : reply;
  }

  private static ActorRef ref(Object target) {
    if (target instanceof ActorRef r) return r;
    throw new IllegalArgumentException("not an actor ref: " + target);
  }

  /** Messages are immutable copies (language.md §6): the sender keeps its own values. */
  private static Message copy(Message m) {
    List<Object> original = m.args(); // unmodifiable: only its values could change
    int n = original.size();
    for (int i = 0; i < n; i++) {
      Object a = original.get(i);
      Object c = Vm.deepCopy(a);
      if (c == a) continue; // an immutable value (a number, a string, an actor ref): shared
      List<Object> args = new ArrayList<>(n);
      for (int j = 0; j < i; j++) args.add(original.get(j));
      args.add(c);
      for (int j = i + 1; j < n; j++) args.add(Vm.deepCopy(original.get(j)));
      return new Message(m.name(), args);
    }
    return m; // nothing in it can change
  }
}
