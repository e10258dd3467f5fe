package dev.simplex.bench.lang;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.compiler.CompileResult;
import dev.simplex.compiler.Compiler;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bytes the interpreter allocates while running a program's {@code main} (the running thread's
 * allocation counter, which the JVM keeps exactly), after warm-up runs so class loading and JIT
 * compilation are not counted. Shows whether i64/f64 stay unboxed on the hot path: fib(30) makes
 * 1.6 million calls.
 */
public final class AllocationProbe {
  private AllocationProbe() {}

  public static void main(String[] args) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (String file : args) {
      CompileResult compiled = Compiler.compile(Path.of(file), CompileOptions.defaults());
      if (!compiled.success()) {
        System.out.println("| " + file + " | does not compile | | |");
        continue;
      }
      for (int i = 0; i < 3; i++) {
        run(compiled);
      }
      long tid = Thread.currentThread().threadId();
      long before = threads.getThreadAllocatedBytes(tid);
      long start = System.nanoTime();
      run(compiled);
      double seconds = (System.nanoTime() - start) / 1e9;
      long bytes = threads.getThreadAllocatedBytes(tid) - before;
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d bytes | %.3f s | %,.0f MB/s |%n",
          file,
          bytes,
          seconds,
          bytes / seconds / 1e6);
    }
  }

  private static void run(CompileResult compiled) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    new Vm(compiled.module(), sink, sink).runMain(List.of());
  }
}
