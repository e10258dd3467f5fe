package dev.simplex.sbc;

/** A Simplex panic (language.md §7) travelling through the interpreter; carries no Java stack. */
final class SimplexPanic extends RuntimeException {
  SimplexPanic(String message) {
    super(message, null, false, false);
  }
}
