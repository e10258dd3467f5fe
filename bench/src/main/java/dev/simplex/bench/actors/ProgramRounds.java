package dev.simplex.bench.actors;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One actor program, one JIT mode, many rounds in this JVM, each round's rate printed as it ends:
 * for comparing two builds of the runtime on one workload (run it from each build's tree in turn,
 * alternating), which the side-by-side table of {@link ActorBench} does not do. Usage: {@code
 * bench/run-program-rounds.sh off|auto fanin|pingpong|many ROUNDS [program args...]}.
 */
public final class ProgramRounds {
  private ProgramRounds() {}

  public static void main(String[] args) {
    if (args.length < 3)
      throw new IllegalArgumentException("usage: JIT PROGRAM ROUNDS [program args...]");
    String jit = args[0], program = args[1];
    int rounds = Integer.parseInt(args[2]);
    String[] programArgs = Arrays.copyOfRange(args, 3, args.length);
    long messages = messages(program, programArgs);
    SimplexPrograms programs = new SimplexPrograms(Path.of("bench/programs/actors"));
    for (int i = 1; i <= rounds; i++) {
      long nanos = programs.run(jit, program, programArgs);
      System.out.printf(
          "%s %s round %d: %.2f M/s%n", jit, program, i, messages / (nanos / 1e9) / 1e6);
    }
  }

  /** Messages (round trips for ping-pong) one run moves, as {@link ActorBench} counts them. */
  private static long messages(String program, String[] a) {
    return switch (program) {
      case "pingpong" -> Long.parseLong(a[0]);
      case "fanin", "many" -> Long.parseLong(a[0]) * Long.parseLong(a[1]);
      default -> throw new IllegalArgumentException("unknown program: " + program);
    };
  }
}
