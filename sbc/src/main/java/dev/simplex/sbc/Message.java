package dev.simplex.sbc;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A message sent to an actor: the handler's name and its boxed arguments, in parameter order. The
 * runtime delivers it by calling the function named {@code <Actor>::<name>} with the actor's state
 * first. The arguments cannot be changed: the constructor copies them (a message is a value).
 */
public record Message(String name, List<Object> args) {
  public Message {
    if (args.isEmpty()) args = Collections.emptyList();
    else if (!(args instanceof Owned)) args = Collections.unmodifiableList(new ArrayList<>(args));
  }

  /**
   * The message {@code name(args...)} over an array that nobody else holds or will write (the
   * interpreter's freshly popped operands): kept as it is, where the constructor would copy it.
   */
  static Message owning(String name, Object[] args) {
    return new Message(name, args.length == 0 ? Collections.emptyList() : new Owned(args));
  }

  /** A read-only list over an array only this message holds. */
  private static final class Owned extends AbstractList<Object> implements RandomAccess {
    private final Object[] values;

    Owned(Object[] values) {
      this.values = values;
    }

    @Override
    public Object get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }
}
