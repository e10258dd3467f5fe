package dev.simplex.peer.cli;

/** Process exit codes of the CLI (language.md §13 fixes 0, 2 and 101; the rest are ours). */
final class ExitCodes {
  static final int OK = 0;

  /** The input could not be used: unreadable file, malformed bytecode. */
  static final int BAD_INPUT = 1;

  /** Compile errors and command-line usage errors. */
  static final int USAGE = 2;

  /** A bug in Simplex itself. */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
