package dev.simplex.peer.route;

/**
 * A value of the grid's named-actor registry: the holder's type and id, so that a spawn or lookup
 * from any peer can check the type without asking the hosting peer.
 */
record NameEntry(String typeName, ActorId id) {
  private static final char SEPARATOR = ' ';

  static String encode(String typeName, ActorId id) {
    return typeName + SEPARATOR + id.value();
  }

  /** Null for a value this router did not write. */
  static NameEntry parse(String value) {
    int cut = value == null ? -1 : value.indexOf(SEPARATOR);
    if (cut <= 0 || cut == value.length() - 1) return null;
    return new NameEntry(value.substring(0, cut), new ActorId(value.substring(cut + 1)));
  }

  SwarmRef ref() {
    return new SwarmRef(id, typeName);
  }
}
