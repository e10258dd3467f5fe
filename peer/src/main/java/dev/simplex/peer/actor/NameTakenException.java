package dev.simplex.peer.actor;

/** A spawn with a name that a live actor of another type holds (language.md §8). */
public final class NameTakenException extends RuntimeException {
  public NameTakenException(String name, String heldBy, String wanted) {
    super(
        "name taken by another actor type: \""
            + name
            + "\" is held by a "
            + heldBy
            + ", not a "
            + wanted);
  }
}
