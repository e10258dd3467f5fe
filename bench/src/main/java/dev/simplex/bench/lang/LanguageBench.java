package dev.simplex.bench.lang;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.luaj.vm2.Globals;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The language benchmark of bench/README.md: each workload in Simplex, CPython, Lua on LuaJ and
 * Java, side by side in one run. Every measurement of a JVM-hosted column (Simplex interpreter,
 * Simplex JIT, LuaJ, Java) runs in its own fresh JVM, started by this one with the same java, flags
 * and classpath: {@code WARMUP} unrecorded runs, then best of {@code RUNS} timed runs. So no
 * column's figure includes HotSpot recompiling code that an earlier column or program shaped (the
 * interpreter's dispatch loop meeting switch cases it had compiled as traps), just as CPython runs
 * in its own process and times itself (no runtime pays for its startup). Prints a Markdown table of
 * times and ratios; outputs must agree.
 */
public final class LanguageBench {
  static final int RUNS = Integer.getInteger("bench.runs", 5);
  static final int WARMUP = Integer.getInteger("bench.warmup", 3);
  static final double WARMUP_SECONDS =
      Double.parseDouble(System.getProperty("bench.warmupSeconds", "5"));
  static final List<String> WORKLOADS =
      List.of("fib", "loop", "nbody", "bintrees", "strings", "wordcount");
  static final List<String> JVM_COLUMNS = List.of("Simplex", "Simplex JIT", "LuaJ", "Java");

  /**
   * A measurement: wall-clock seconds and the CPU seconds of the thread that ran the program (not
   * the JVM's JIT compiler or GC threads), each the best of the runs, and the output.
   */
  record Timing(double seconds, double cpu, String output) {
    static Timing unavailable(String why) {
      return new Timing(Double.NaN, Double.NaN, "n/a: " + why);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("--one")) {
      one(Path.of(args[1]), args[2], args[3]);
      return;
    }
    Path programs = Path.of(args.length > 0 ? args[0] : "bench/programs");
    List<String> only = args.length > 1 ? Arrays.asList(args[1].split(",")) : WORKLOADS;
    Map<String, Map<String, Timing>> results = new LinkedHashMap<>();
    for (String workload : only) {
      Map<String, Timing> row = new LinkedHashMap<>();
      for (String column : JVM_COLUMNS) {
        row.put(column, freshJvm(programs, column, workload));
      }
      row.put("CPython", best(() -> python(programs.resolve(workload + ".py"))));
      results.put(workload, row);
      System.err.println(workload + ": " + row);
    }
    System.out.print(table(results));
  }

  /**
   * Child side: runs one column's workload unrecorded until {@code WARMUP} runs and {@code
   * WARMUP_SECONDS} have passed, then {@code RUNS} times, and prints the best run's output followed
   * by {@code @elapsed SECONDS}.
   */
  static void one(Path programs, String column, String workload) throws Exception {
    Run run =
        switch (column) {
          case "Simplex", "Simplex JIT" -> {
            CompileResult result =
                Compiler.compile(programs.resolve(workload + ".sx"), CompileOptions.defaults());
            if (!result.success()) {
              String first = result.renderDiagnostics().lines().findFirst().orElse("compile error");
              throw new IllegalStateException(first);
            }
            String jit = column.equals("Simplex") ? "off" : "auto";
            yield () -> timed(out -> new Vm(result.module(), out, out).jit(jit).runMain(List.of()));
          }
          case "LuaJ" -> {
            Path script = programs.resolve(workload + ".lua");
            String code = Files.readString(script);
            yield () -> lua(script.getFileName().toString(), code);
          }
          case "Java" -> () -> java(workload);
          default -> throw new IllegalArgumentException("unknown column " + column);
        };
    long warmStart = System.nanoTime();
    for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_SECONDS * 1e9; i++) {
      run.once();
    }
    Timing best = best(run);
    System.out.print(best.output());
    System.out.println("@elapsed " + best.seconds() + " " + best.cpu());
  }

  /** One column's measurement of one workload in a fresh JVM (same java, flags, classpath). */
  static Timing freshJvm(Path programs, String column, String workload)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LanguageBench.class.getName(),
            "--one",
            programs.toString(),
            column,
            workload));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      return Timing.unavailable(column + " JVM failed: " + text.strip());
    }
    return elapsed(text);
  }

  private static Timing elapsed(String text) {
    int at = text.lastIndexOf("@elapsed ");
    if (at < 0) {
      return Timing.unavailable("no timing in: " + text.strip());
    }
    String[] times = text.substring(at + 9).strip().split(" ");
    return new Timing(
        Double.parseDouble(times[0]), Double.parseDouble(times[1]), text.substring(0, at));
  }

  interface Run {
    Timing once() throws Exception;
  }

  static Timing best(Run run) {
    Timing best = null;
    for (int i = 0; i < RUNS; i++) {
      Timing t;
      try {
        t = run.once();
      } catch (Exception e) {
        return Timing.unavailable(e.getMessage());
      }
      if (Double.isNaN(t.seconds())) {
        return t;
      }
      if (best == null) {
        best = t;
      } else {
        best =
            new Timing(
                Math.min(best.seconds(), t.seconds()),
                Math.min(best.cpu(), t.cpu()),
                t.seconds() < best.seconds() ? t.output() : best.output());
      }
    }
    return best;
  }

  static Timing java(String workload) throws Exception {
    var method = JavaPrograms.class.getDeclaredMethod(workload, PrintStream.class);
    return timed(
        out -> {
          try {
            method.invoke(null, out);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static Timing lua(String name, String code) {
    return timed(
        out -> {
          Globals globals = JsePlatform.standardGlobals();
          globals.STDOUT = out;
          globals.load(code, name).call();
        });
  }

  static Timing python(Path script) throws IOException, InterruptedException {
    String driver =
        ("import time\nexec(open(%s).read())\nt = time.perf_counter()\nc = time.thread_time()\n"
                + "main()\nprint('@elapsed', time.perf_counter() - t, time.thread_time() - c)\n")
            .formatted("'" + script.toAbsolutePath() + "'");
    Process p = new ProcessBuilder("python3", "-c", driver).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      return Timing.unavailable("python3 failed: " + text.strip());
    }
    return elapsed(text);
  }

  static Timing timed(Consumer<PrintStream> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    body.accept(out);
    long end = System.nanoTime();
    long cpuEnd = threads.getCurrentThreadCpuTime();
    return new Timing(
        (end - start) / 1e9, (cpuEnd - cpu) / 1e9, bytes.toString(StandardCharsets.UTF_8));
  }

  static String table(Map<String, Map<String, Timing>> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| workload | Simplex interpreter (s) | Simplex JIT auto (s) | CPython (s) | LuaJ (s) | Java (s)"
            + " | interpreter/CPython | JIT/CPython | JIT/Java | interpreter/CPython, CPU"
            + " | JIT/Java, CPU | outputs |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var entry : results.entrySet()) {
      Map<String, Timing> row = entry.getValue();
      double sx = row.get("Simplex").seconds();
      double jit = row.get("Simplex JIT").seconds();
      List<String> cells = new ArrayList<>();
      cells.add(entry.getKey());
      for (String lang : List.of("Simplex", "Simplex JIT", "CPython", "LuaJ", "Java")) {
        cells.add(seconds(row.get(lang)));
      }
      cells.add(ratio(sx, row.get("CPython").seconds()));
      cells.add(ratio(jit, row.get("CPython").seconds()));
      cells.add(ratio(jit, row.get("Java").seconds()));
      cells.add(ratio(row.get("Simplex").cpu(), row.get("CPython").cpu()));
      cells.add(ratio(row.get("Simplex JIT").cpu(), row.get("Java").cpu()));
      cells.add(agreement(row));
      sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return sb.toString();
  }

  private static String seconds(Timing t) {
    return Double.isNaN(t.seconds())
        ? t.output()
        : String.format(Locale.ROOT, "%.3f (CPU %.3f)", t.seconds(), t.cpu());
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private static String agreement(Map<String, Timing> row) {
    String reference = row.get("Java").output().strip();
    List<String> differing = new ArrayList<>();
    row.forEach(
        (lang, t) -> {
          if (!Double.isNaN(t.seconds()) && !t.output().strip().equals(reference)) {
            differing.add(lang);
          }
        });
    return differing.isEmpty() ? "agree" : "DIFFER: " + differing;
  }
}
