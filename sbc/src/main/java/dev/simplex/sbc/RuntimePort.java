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

  void stop(Object target);

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

  void checkpoint();

  Object aiComplete(String prompt);

  Object aiEmbed(String text);

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
