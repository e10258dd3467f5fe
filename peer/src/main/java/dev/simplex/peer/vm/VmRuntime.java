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
import dev.simplex.sbc.Message;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.PrintStream;
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
public final class VmRuntime implements RuntimePort {
  private final ActorSystem system;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<SbcModule, Vm> executors = new ConcurrentHashMap<>();

  /** Actors run on {@code system}; their output goes to {@code out} and {@code err}. */
  public VmRuntime(ActorSystem system, PrintStream out, PrintStream err) {
    this.system = Objects.requireNonNull(system, "system");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
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
    try {
      Spawnable spec =
          spawnable(module, module.types().get(actorType).name(), initArgs, fieldOverrides);
      return opts.name() == null ? system.spawn(spec) : system.spawn(spec, opts.name());
    } catch (NameTakenException e) {
      throw new Panic("name taken by another actor type");
    } catch (IllegalArgumentException e) {
      // a supervisor whose plan the runtime rejects, e.g. a negative max_restarts
      throw new Panic(e.getMessage());
    }
  }

  /** A compiled actor, or a supervisor (its plan evaluated now) with its children's specs. */
  private Spawnable spawnable(
      SbcModule module, String type, List<Object> initArgs, Map<String, Object> fieldOverrides) {
    Vm vm = vm(module);
    var plan = vm.supervisorPlan(type);
    if (plan.isPresent())
      return Supervisors.spec(
          plan.get(), c -> spawnable(module, c.actorType(), c.initArgs(), Map.of()));
    ActorType actor = new ActorType(type, module, vm);
    // the originals, copied once: the spawner may change its values after spawn returns
    List<Object> args = new ArrayList<>();
    for (Object a : initArgs) args.add(Vm.deepCopy(a));
    Map<String, Object> fields = new LinkedHashMap<>();
    fieldOverrides.forEach((k, v) -> fields.put(k, Vm.deepCopy(v)));
    Checkpoints checkpoints = new Checkpoints();
    return new ActorSpec(type, () -> new VmBehavior(actor, args, fields, checkpoints));
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
    system.send(ref(target), copy(message));
  }

  @Override
  public Object ask(Object target, Message message) {
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
      result = system.ask(ref(target), copy(message), Duration.ofNanos(timeoutNanos));
    } catch (IllegalArgumentException e) {
      throw new Panic(e.getMessage());
    }
    return switch (result) {
      case AskResult.Reply r -> r.value();
      case AskResult.Timeout t -> throw new AskFailed("Timeout");
      case AskResult.ActorDied d -> throw new AskFailed("ActorDied");
    };
  }

  @Override
  public void stop(Object target) {
    try {
      system.stop(ref(target));
    } catch (DeadlockDetectedException e) {
      throw new Panic("deadlock detected");
    }
  }

  @Override
  public Object lookup(SbcModule module, int actorType, String name) {
    return system.lookup(name, actorType(module, actorType).name()).orElse(null);
  }

  @Override
  public Object self() {
    return ActorSystem.currentActor()
        .map(ActorContext::self)
        .orElseThrow(() -> new Panic("`self` used outside an actor"));
  }

  @Override
  public void checkpoint() {
    VmBehavior.running()
        .orElseThrow(() -> new Panic("`checkpoint()` used outside an actor"))
        .checkpoint();
  }

  @Override
  public Object aiComplete(String prompt) {
    throw new Panic("ai::complete needs a model, and this peer has none loaded");
  }

  @Override
  public Object aiEmbed(String text) {
    throw new Panic("ai::embed needs a model, and this peer has none loaded");
  }

  private static ActorRef ref(Object target) {
    if (target instanceof ActorRef r) return r;
    throw new IllegalArgumentException("not an actor ref: " + target);
  }

  /** Messages are immutable copies (language.md §6): the sender keeps its own values. */
  private static Message copy(Message m) {
    List<Object> args = new ArrayList<>(m.args().size());
    for (Object a : m.args()) args.add(Vm.deepCopy(a));
    return new Message(m.name(), args);
  }
}
