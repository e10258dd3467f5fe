package dev.simplex.peer.actor;

import java.util.Objects;
import java.util.function.Predicate;

/** Whether a child that ended other than by {@code stop} or {@code drain} is restarted. */
public sealed interface RestartPolicy {
  RestartPolicy ALWAYS = new Always();
  RestartPolicy NEVER = new Never();
  RestartPolicy TRANSIENT = new Transient();

  boolean restarts(ExitReason reason);

  record Always() implements RestartPolicy {
    @Override
    public boolean restarts(ExitReason reason) {
      return true;
    }
  }

  record Never() implements RestartPolicy {
    @Override
    public boolean restarts(ExitReason reason) {
      return false;
    }
  }

  /** Restarts only after an {@link ExitReason.Error}. */
  record Transient() implements RestartPolicy {
    @Override
    public boolean restarts(ExitReason reason) {
      return reason instanceof ExitReason.Error;
    }
  }

  /** {@code Custom(f)}: restarts when {@code f(reason)} is true. */
  record Custom(Predicate<ExitReason> decide) implements RestartPolicy {
    public Custom {
      Objects.requireNonNull(decide, "custom restart predicate");
    }

    @Override
    public boolean restarts(ExitReason reason) {
      return decide.test(reason);
    }
  }
}
