package dev.simplex.peer;

import dev.simplex.peer.cli.SimplexCommand;
import java.io.PrintStream;

/** Entry point of {@code simplex} and of {@code java -jar simplex-peer.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one CLI invocation against the given streams and returns its exit code; never exits the
   * JVM.
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return SimplexCommand.execute(args, out, err);
  }
}
