package dev.simplex.sbc;

import java.util.List;
import java.util.Map;

/**
 * How the executor reaches actors and AI; the {@code peer} module implements this port. Values
 * crossing it are boxed run-time values. A {@link Vm} without a port panics on actor instructions.
 *
 * <p>Contract with the compiled program: an actor type {@code A} is a struct type (its state); the
 * module holds {@code A::$fields} (no parameters, returns the state with every field initialiser
 * applied), {@code A::init}, one function {@code A::<Message>} per handler and {@code A::<hook>}
 * per hook, each taking the state first and then the message's arguments. A supervisor type {@code
 * S} has no members but {@code S::$supervisor}, its plan ({@link Vm#supervisorPlan}): {@code spawn
 * S} reaches {@link #spawn} like an actor's, and the port starts the children it lists.
 */
public interface RuntimePort {
  /**
   * Starts an actor of the given type (an index into the module's types).
   *
   * @param initArgs arguments for {@code A::init}, in parameter order
   * @param fieldOverrides fields set by {@code spawn A { f: v }}
   * @param options {@code spawn … with { name: …, replicas: … }}
   * @return the new actor's address
   */
  Object spawn(
      SbcModule module,
      int actorType,
      List<Object> initArgs,
      Map<String, Object> fieldOverrides,
      Map<String, Object> options);

  void send(Object target, Message message);

  /** Sends and waits for the reply; may block the calling (virtual) thread. */
  Object ask(Object target, Message message);

  /**
   * Like {@link #ask} with a deadline.
   *
   * @throws AskFailed when the deadline passes ({@code Timeout}) or the actor died ({@code
   *     ActorDied})
   */
  Object askWithin(Object target, Message message, long timeoutNanos) throws AskFailed;

  /**
   * Where a task waiting in {@code ask} stands, for a runtime that moves actors: called on the
   * waiting task's own thread while it waits, it captures every frame of the task (bottom first)
   * with the top frame's pc right after the {@code ASK} (or {@code ASK_WITHIN}) and the reply's
   * slot still empty; {@link Vm.Continuation#runWithReply} continues it once the reply is known. It
   * gives the reason instead when the task cannot be captured (a live stream or a {@code &mut}
   * borrow in a slot).
   */
  @FunctionalInterface
  interface Suspension {
    ExecutionContext.Capture capture();
  }

  /**
   * {@code ask} in a task that the runtime may capture while it waits ({@link Suspension}): a
   * runtime that captures it throws {@link Suspended} from here, and the task ends without a
   * result. The default waits like {@link #ask(Object, Message)}.
   */
  default Object ask(Object target, Message message, Suspension suspension) {
    return ask(target, message);
  }

  /** {@link #askWithin(Object, Message, long)} in a task that may be captured while it waits. */
  default Object askWithin(Object target, Message message, long timeoutNanos, Suspension suspension)
      throws AskFailed {
    return askWithin(target, message, timeoutNanos);
  }

  void stop(Object target);

  /** {@code drain()} in a handler or hook of the running actor (language.md §8). */
  default void drain() {
    throw new Panic("drain() is not supported by this runtime");
  }

  /** The address of the named actor of that type, or null. */
  Object lookup(SbcModule module, int actorType, String name);

  Object self();

  /**
   * {@code sup.child<A>(key)}: the child of a supervisor by index ({@code Long}) or local name
   * ({@code String}). Supervisors are spawned through {@link #spawn} like actors; the port finds
   * their plan with {@link Vm#supervisorPlan}. A port without supervision panics here.
   *
   * @throws Panic when there is no such child or it is not an {@code actorType}
   */
  default Object child(Object supervisor, SbcModule module, int actorType, Object key) {
    throw new Panic("this runtime has no supervisors");
  }

  /**
   * {@code checkpoint()} without an execution context: called by {@link #checkpoint(
   * ExecutionContext.Capture)}'s default.
   */
  void checkpoint();

  /**
   * {@code checkpoint()}: the executor is paused right after the {@code CHECKPOINT} instruction and
   * hands over its execution context (every frame of this task, bottom first), or the reason it
   * could not be captured (a live stream or a {@code &mut} borrow in a slot); the runtime then
   * stores the fields only. A later process continues the context with {@link Vm#continuation}. The
   * default ignores the context and calls {@link #checkpoint()}.
   */
  default void checkpoint(ExecutionContext.Capture capture) {
    checkpoint();
  }

  /**
   * The old one-argument {@code ai::complete} (instruction {@code AI_COMPLETE}); goes once the
   * compiler emits {@code AI_CALL}. Use {@link #aiComplete(String, AiOptions)}.
   */
  default Object aiComplete(String prompt) {
    throw new Panic("ai::complete is not supported by this runtime");
  }

  /**
   * The old one-argument {@code ai::embed} (instruction {@code AI_EMBED}); goes once the compiler
   * emits {@code AI_CALL}. Use {@link #aiEmbed(String, String)}.
   */
  default Object aiEmbed(String text) {
    throw new Panic("ai::embed is not supported by this runtime");
  }

  /**
   * The sampling options of an AI call (language.md §11), defaults applied and ranges checked by
   * the executor: {@code temperature} within 0.0..=2.0, {@code maxTokens} at least 1.
   */
  record AiOptions(String model, double temperature, long maxTokens, List<String> stop) {
    public static final AiOptions DEFAULT = new AiOptions("default", 0.7, 1024, List.of());

    public AiOptions {
      java.util.Objects.requireNonNull(model, "model");
      stop = List.copyOf(stop);
    }
  }

  /**
   * Why an AI call produced no result: the name of an {@code AIError} variant ({@code Unavailable},
   * {@code RateLimited}, {@code Timeout}, {@code ModelNotFound}, {@code InvalidOutput}).
   */
  final class AiFailed extends Exception {
    private final String variant;

    public AiFailed(String variant) {
      super(variant, null, false, false);
      this.variant = variant;
    }

    public String variant() {
      return variant;
    }
  }

  /** {@code ai::complete} / {@code ai::try_complete} / {@code ai::extract}: the completion text. */
  default String aiComplete(String prompt, AiOptions options) throws AiFailed {
    throw new Panic("ai::complete is not supported by this runtime");
  }

  /**
   * {@code ai::stream}: the pieces of the completion, in order. The iterator may throw {@link
   * Panic} from {@code next}/{@code hasNext}; it becomes a panic of the consuming task.
   */
  default java.util.Iterator<String> aiStream(String prompt, AiOptions options) throws AiFailed {
    throw new Panic("ai::stream is not supported by this runtime");
  }

  /** {@code ai::embed}: the embedding of {@code text}. */
  default double[] aiEmbed(String text, String model) throws AiFailed {
    throw new Panic("ai::embed is not supported by this runtime");
  }

  /** {@code ai::embed_batch}: one embedding per text, in the same order. */
  default List<double[]> aiEmbedBatch(List<String> texts, String model) throws AiFailed {
    throw new Panic("ai::embed_batch is not supported by this runtime");
  }

  /** {@code ai::classify}: the index into {@code labels} of the label that fits {@code text}. */
  default int aiClassify(String text, List<String> labels, String model) throws AiFailed {
    throw new Panic("ai::classify is not supported by this runtime");
  }

  /**
   * Thrown by an implementation to raise a Simplex panic in the calling task (language.md §7), for
   * example {@code ask failed: actor died} or {@code deadlock detected}; the executor turns it into
   * an ordinary panic with a Simplex stack trace.
   */
  final class Panic extends RuntimeException {
    public Panic(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Thrown by a runtime from {@link #ask(Object, Message, Suspension)} once it took the waiting
   * task's {@link Suspension}: the task stops here without a result or a panic (its continuation
   * runs elsewhere), and the executor passes this through untouched.
   */
  final class Suspended extends RuntimeException {
    public Suspended() {
      super("the task was captured while it waited for a reply", null, false, false);
    }
  }

  /** Why an {@link #askWithin} produced no reply: the name of an {@code AskError} variant. */
  final class AskFailed extends Exception {
    private final String variant;

    public AskFailed(String variant) {
      super(variant, null, false, false);
      this.variant = variant;
    }

    public String variant() {
      return variant;
    }
  }
}
