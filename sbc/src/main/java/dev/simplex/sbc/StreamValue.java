package dev.simplex.sbc;

import java.util.Iterator;

/**
 * A {@code Stream<String>} from {@code ai::stream}: the pieces of a completion, consumed once, in
 * order. A panic the runtime's iterator raises becomes a panic of the consuming task. Displayed as
 * {@code <stream>}; it cannot be copied into a checkpoint.
 */
final class StreamValue {
  private final Iterator<String> pieces;

  StreamValue(Iterator<String> pieces) {
    this.pieces = pieces;
  }

  /** The next piece, or null at the end. */
  String next() {
    try {
      if (!pieces.hasNext()) return null;
      String s = pieces.next();
      if (s == null) throw new SimplexPanic("ai::stream: the runtime produced no piece");
      return s;
    } catch (RuntimePort.Panic e) {
      throw new SimplexPanic(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "<stream>";
  }
}
