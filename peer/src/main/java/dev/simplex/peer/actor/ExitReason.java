package dev.simplex.peer.actor;

/** Why an actor incarnation ended: {@code enum ExitReason { Normal, Error(String), Killed }}. */
public sealed interface ExitReason {
  ExitReason NORMAL = new Normal();
  ExitReason KILLED = new Killed();

  /** Ended by {@code stop}, {@code drain} or shutdown. */
  record Normal() implements ExitReason {
    @Override
    public String toString() {
      return "Normal";
    }
  }

  /** Ended by a panic in a handler, a hook, or {@code init} during a restart. */
  record Error(String message) implements ExitReason {
    public Error {
      if (message == null) throw new IllegalArgumentException("an Error exit needs a message");
    }

    @Override
    public String toString() {
      return "Error(" + message + ")";
    }
  }

  /** Stopped by its supervisor (a group restart or an escalation). */
  record Killed() implements ExitReason {
    @Override
    public String toString() {
      return "Killed";
    }
  }
}
