package dev.simplex.sbc;

/** Malformed or unverifiable bytecode. The message says what is wrong and where, for the user. */
public final class SbcFormatException extends Exception {
  public SbcFormatException(String message) {
    super(message);
  }
}
