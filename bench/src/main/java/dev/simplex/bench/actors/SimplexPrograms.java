package dev.simplex.bench.actors;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.peer.vm.ActorProgram;
import dev.simplex.sbc.SbcModule;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same workloads written in Simplex ({@code bench/programs/actors/*.sx}), compiled once and run
 * by the peer's actor runtime on the SBC interpreter, or with its JIT tier, as {@code simplex run}
 * does. A program prints {@code go} just before its first workload message and {@code done ...}
 * when the last one has been counted; the time between the two lines is the measure (spawning,
 * compiling and shutting down are excluded, as on the Java side).
 */
final class SimplexPrograms {
  private final Path dir;
  private final Map<String, SbcModule> modules = new HashMap<>();

  SimplexPrograms(Path dir) {
    this.dir = dir;
  }

  /** One run: the nanoseconds between the "go" and "done" lines, and the "done" line. */
  record Timed(long nanos, String doneLine) {}

  /** Runs {@code program} with {@code args}; returns the nanoseconds between "go" and "done". */
  long run(String program, String... args) {
    return timed(program, args).nanos();
  }

  /**
   * As {@link #run} with the JIT tier in {@code jit} mode ({@code off}, {@code auto}, {@code
   * always}): {@code simplex run --jit=MODE}, which sets the property the run's VMs read.
   */
  long run(String jit, String program, String... args) {
    String before = System.getProperty(JIT_PROPERTY);
    System.setProperty(JIT_PROPERTY, jit);
    try {
      return run(program, args);
    } finally {
      if (before == null) System.clearProperty(JIT_PROPERTY);
      else System.setProperty(JIT_PROPERTY, before);
    }
  }

  private static final String JIT_PROPERTY = "simplex.jit";

  Timed timed(String program, String... args) {
    SbcModule module = modules.computeIfAbsent(program, this::compile);
    LineClock clock = new LineClock();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(clock, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = ActorProgram.run(module, List.of(args), out, errStream);
    }
    if (exit != 0 || clock.go == 0 || clock.done == 0)
      throw new IllegalStateException(
          program
              + " "
              + String.join(" ", args)
              + " failed (exit "
              + exit
              + "): "
              + err.toString(StandardCharsets.UTF_8));
    return new Timed(clock.done - clock.go, clock.doneLine);
  }

  private SbcModule compile(String program) {
    CompileResult r = Compiler.compile(dir.resolve(program + ".sx"), CompileOptions.defaults());
    if (!r.success()) throw new IllegalStateException(r.renderDiagnostics());
    return r.module();
  }

  /** Notes the time at which the lines {@code go} and {@code done ...} are written. */
  static final class LineClock extends OutputStream {
    private final StringBuilder line = new StringBuilder();
    volatile long go;
    volatile long done;
    volatile String doneLine;

    @Override
    public synchronized void write(int b) {
      if (b != '\n') {
        line.append((char) b);
        return;
      }
      long now = System.nanoTime();
      String l = line.toString();
      line.setLength(0);
      if (l.equals("go")) go = now;
      else if (l.equals("done") || l.startsWith("done ")) {
        done = now;
        doneLine = l;
      }
    }
  }
}
