package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the source, the compiler ends in a module or in diagnostics, never in an
 * uncaught exception, an internal error (E9999) or a hang. 100,000 sources from a fixed seed:
 * random token streams and mutations of the example programs, compiled on every core.
 */
class CompilerFuzzTest {
  private static final int SOURCES = 100_000;
  private static final int BATCH = 500;
  private static final long SEED = 0x51AB1E5L;

  /** A compile running longer than this is reported as a hang, with its source. */
  private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(20);

  private static final String[] TOKENS = {
    "fn",
    "main",
    "let",
    "var",
    "if",
    "else",
    "match",
    "while",
    "for",
    "in",
    "loop",
    "break",
    "continue",
    "return",
    "struct",
    "enum",
    "impl",
    "trait",
    "actor",
    "receive",
    "spawn",
    "send",
    "ask",
    "use",
    "pub",
    "const",
    "type",
    "as",
    "self",
    "Self",
    "true",
    "false",
    "None",
    "Some",
    "Ok",
    "Err",
    "x",
    "y",
    "xs",
    "n",
    "P",
    "D",
    "T",
    "i64",
    "i8",
    "u8",
    "f64",
    "Bool",
    "String",
    "List",
    "Map",
    "Option",
    "Result",
    "println",
    "0",
    "1",
    "255",
    "9223372036854775807",
    "1.5",
    "'c'",
    "\"s\"",
    "\"{x}\"",
    "\"{x:.2}\"",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    ",",
    ";",
    ":",
    "::",
    ".",
    "..",
    "..=",
    "=",
    "==",
    "!=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "&mut",
    "|",
    "||",
    "&&",
    "!",
    "?",
    "->",
    "=>",
    "_",
    "\n",
    "\n",
    " "
  };

  /** What a worker is compiling now and since when, for the hang guard. */
  private static final class Slot {
    volatile String source;
    volatile long since;
  }

  @Test
  void randomAndMutatedSourcesEndInModulesOrDiagnostics() throws Exception {
    List<String> examples = examples();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    // daemon workers: a compile that hangs must not keep the test JVM alive after the failure
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "fuzz-compile");
              t.setDaemon(true);
              return t;
            });
    Slot[] slots = new Slot[threads];
    AtomicInteger nextSlot = new AtomicInteger();
    ThreadLocal<Slot> mine =
        ThreadLocal.withInitial(
            () -> {
              Slot s = new Slot();
              slots[nextSlot.getAndIncrement()] = s;
              return s;
            });
    AtomicInteger compiled = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    List<Future<?>> batches = new ArrayList<>();
    for (int b = 0; b < SOURCES / BATCH; b++) {
      int batch = b;
      batches.add(
          pool.submit(
              () -> {
                // each batch has its own seed, so the sources do not depend on scheduling
                Random rnd = new Random(SEED + batch);
                Slot slot = mine.get();
                for (int k = 0; k < BATCH; k++) {
                  String src = rnd.nextInt(5) < 2 ? tokenStream(rnd) : mutate(examples, rnd);
                  slot.source = src;
                  slot.since = System.nanoTime();
                  if (compileChecked(src)) compiled.incrementAndGet();
                  else rejected.incrementAndGet();
                  slot.since = 0;
                }
                return null;
              }));
    }
    pool.shutdown();
    while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
      for (Slot s : slots) {
        long since = s == null ? 0 : s.since;
        if (since != 0 && System.nanoTime() - since > HANG_NANOS) {
          pool.shutdownNow();
          fail("the compiler hung on:\n" + s.source);
        }
      }
    }
    for (Future<?> f : batches) f.get(); // rethrows a failed property with its source
    System.out.printf(
        "compiler fuzz: %d sources, %d compiled, %d rejected with diagnostics%n",
        SOURCES, compiled.get(), rejected.get());
    assertEquals(SOURCES, compiled.get() + rejected.get());
    assertTrue(compiled.get() > 0, "some mutations still compile");
    assertTrue(rejected.get() > SOURCES / 2, "most sources are rejected with diagnostics");
  }

  /** Compiles one source and checks the property; true when it compiled. */
  private static boolean compileChecked(String src) {
    CompileResult r;
    try {
      r = Compiler.compileSource("fuzz.sx", src, CompileOptions.defaults());
    } catch (Throwable t) {
      throw new AssertionError("uncaught " + t + " on:\n" + src, t);
    }
    String rendered = r.renderDiagnostics();
    if (rendered.contains("E9999"))
      throw new AssertionError("internal compiler error on:\n" + src + "\n" + rendered);
    if (r.success()) return true;
    if (r.diagnostics().stream().noneMatch(Diagnostic::isError))
      throw new AssertionError("rejected without an error on:\n" + src);
    return false;
  }

  private static String tokenStream(Random rnd) {
    StringBuilder sb = new StringBuilder();
    if (rnd.nextBoolean()) sb.append("fn main() {\n");
    for (int n = 1 + rnd.nextInt(40); n > 0; n--)
      sb.append(TOKENS[rnd.nextInt(TOKENS.length)]).append(' ');
    if (rnd.nextBoolean()) sb.append("\n}\n");
    return sb.toString();
  }

  /** An example with a few character edits, or a line dropped, duplicated or swapped. */
  private static String mutate(List<String> examples, Random rnd) {
    StringBuilder sb = new StringBuilder(examples.get(rnd.nextInt(examples.size())));
    for (int ops = 1 + rnd.nextInt(3); ops > 0 && !sb.isEmpty(); ops--) {
      int at = rnd.nextInt(sb.length());
      switch (rnd.nextInt(5)) {
        case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(8)));
        case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
        case 2 -> sb.setCharAt(at, "(){}[]<>:;,.=+-*&|!?\"'0aZ_ \n".charAt(rnd.nextInt(28)));
        case 3 -> {
          int start = at == 0 ? 0 : sb.lastIndexOf("\n", at - 1) + 1;
          int end = sb.indexOf("\n", start);
          String line = sb.substring(start, end < 0 ? sb.length() : end);
          if (rnd.nextBoolean()) sb.insert(start, line + "\n");
          else sb.delete(start, end < 0 ? sb.length() : end);
        }
        default -> {
          int other = rnd.nextInt(sb.length());
          char c = sb.charAt(at);
          sb.setCharAt(at, sb.charAt(other));
          sb.setCharAt(other, c);
        }
      }
    }
    return sb.toString();
  }

  private static List<String> examples() throws Exception {
    try (Stream<Path> s = Files.walk(Path.of("..", "examples"))) {
      List<String> out = new ArrayList<>();
      for (Path p : s.filter(p -> p.toString().endsWith(".sx")).sorted().toList())
        out.add(Files.readString(p));
      assertTrue(out.size() >= 10, "the example programs are the mutation corpus");
      return out;
    }
  }
}
