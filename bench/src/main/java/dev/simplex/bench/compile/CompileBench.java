package dev.simplex.bench.compile;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.SbcWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compile speed: a generated program of {@code bench.lines} lines (default 10,000) compiled to .sbc
 * by the Simplex compiler, side by side with javac compiling the same program written in Java, in
 * one warm JVM (cold start excluded: several warm-up compiles first). Reports the median and best
 * of {@code bench.runs} compiles.
 */
public final class CompileBench {
  static final int LINES = Integer.getInteger("bench.lines", 10_000);
  static final int WARMUP = Integer.getInteger("bench.warmup", 5);
  static final int RUNS = Integer.getInteger("bench.runs", 10);

  private CompileBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("simplex-compile-bench");
    String simplex = GeneratedProgram.simplex(LINES);
    Path source = dir.resolve("generated.sx");
    Files.writeString(source, simplex);
    Path javaDir = Files.createDirectories(dir.resolve("java"));
    Path javaSource = javaDir.resolve("Generated.java");
    Files.writeString(javaSource, GeneratedProgram.java(LINES));
    Path classes = Files.createDirectories(dir.resolve("classes"));

    long simplexLines = simplex.lines().count();
    CompileResult check = Compiler.compile(source, CompileOptions.defaults());
    if (!check.success()) {
      System.err.print(check.renderDiagnostics());
      throw new IllegalStateException("the generated Simplex program does not compile");
    }
    int sbcBytes = SbcWriter.write(check.module()).length;

    List<Double> sx =
        time(
            () -> {
              CompileResult r = Compiler.compile(source, CompileOptions.defaults());
              SbcWriter.write(r.module());
            });
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Double> jc =
        time(
            () -> {
              int rc =
                  javac.run(
                      null,
                      new ByteArrayOutputStream(),
                      new ByteArrayOutputStream(),
                      "-d",
                      classes.toString(),
                      "-proc:none",
                      javaSource.toString());
              if (rc != 0) throw new IllegalStateException("javac failed on the generated program");
            });

    System.out.printf(
        Locale.ROOT,
        "Generated program: %d lines of Simplex (%d functions), %d bytes of .sbc%n%n",
        simplexLines,
        LINES / 10,
        sbcBytes);
    System.out.println("| compiler | median (s) | best (s) | lines/s (median) |");
    System.out.println("|---|---|---|---|");
    row("simplex build (parse, types, ownership, optimise, codegen, .sbc)", sx, simplexLines);
    row("javac, same program in Java", jc, GeneratedProgram.java(LINES).lines().count());
    System.out.printf(Locale.ROOT, "%nSimplex/javac (median): %.2fx%n", median(sx) / median(jc));
  }

  interface Body {
    void run() throws IOException;
  }

  static List<Double> time(Body body) throws IOException {
    for (int i = 0; i < WARMUP; i++) {
      body.run();
    }
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      body.run();
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    return seconds;
  }

  static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void row(String name, List<Double> seconds, long lines) {
    double median = median(seconds);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %,.0f |%n",
        name,
        median,
        Collections.min(seconds),
        lines / median);
  }
}
