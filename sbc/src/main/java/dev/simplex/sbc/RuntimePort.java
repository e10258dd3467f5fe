package dev.simplex.sbc;

/**
 * How the executor reaches actors and AI: the {@code peer} module implements this port. Values
 * crossing it are boxed reference values. A {@link Vm} without a port panics on actor instructions.
 */
public interface RuntimePort {
  /** Starts an actor of the given type (an index into the module's types) with init arguments. */
  Object spawn(SbcModule module, int actorType, Object[] args);

  void send(Object target, Object message);

  /** Sends and waits for the reply; may block the calling (virtual) thread. */
  Object ask(Object target, Object message);

  Object self();

  void checkpoint();

  Object aiComplete(String prompt);

  Object aiEmbed(String text);
}
