package dev.simplex.bench.actors;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Actors side by side: the Simplex runtime core, the same workloads as Simplex programs (run
 * interpreted, {@code --jit=off}, and with the JIT tier, {@code --jit=auto}), and Pekko typed, one
 * run. Each workload runs in a fresh JVM ({@link #FORK}); there it runs unrecorded rounds (at least
 * {@code bench.warmup} and {@code bench.warmupMillis}), then {@code bench.rounds} recorded ones,
 * the runtimes alternating round by round so that noise on the shared machine hits all alike.
 * Reports the median rate (and the range) and the Simplex/Pekko ratios. Then the idle-actor heap,
 * each runtime in a fresh JVM with {@code -Xmx512m}.
 */
public final class ActorBench {
  static final int WARMUP = Integer.getInteger("bench.warmup", 2);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

  /**
   * Warm-up lasts at least {@code bench.warmup} rounds and at least this long: HotSpot compiles the
   * SBC interpreter's dispatch loop (one large method) only after seconds of a workload. 8 s since
   * each column has a JVM of its own: the interpreted 10k-actors program, whose producer is one
   * long run of the loop, still ran at a fifth of its later rate after 4 s on two cores.
   */
  static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 8000);

  static final int ROUND_TRIPS = Integer.getInteger("bench.pingpong", 200_000);
  static final int SENDERS = Integer.getInteger("bench.senders", 1_000);
  static final int PER_SENDER = Integer.getInteger("bench.perSender", 1_000);
  static final int ACTORS = Integer.getInteger("bench.actors", 10_000);
  static final int PER_ACTOR = Integer.getInteger("bench.perActor", 100);

  /** Idle actors per runtime in the heap measurement; {@code -Dbench.idle=0} skips it. */
  static final int IDLE = Integer.getInteger("bench.idle", 100_000);

  /** {@code -Dbench.only=fanin}: only the workloads whose program name is listed. */
  static final String ONLY = System.getProperty("bench.only", "");

  /**
   * Each workload in a fresh JVM (the default): HotSpot then compiles the interpreter's dispatch
   * loop and the runtimes for that workload alone, as a real program would see it, instead of
   * recompiling them in the middle of the next workload's rounds; the same for every column.
   */
  static final boolean FORK = Boolean.parseBoolean(System.getProperty("bench.fork", "true"));

  /**
   * With {@link #FORK}, each column of a workload in a JVM of its own too (the default), {@link
   * #CYCLES} times, the columns' JVMs taking turns: a program runs either interpreted or with the
   * JIT, never both in one JVM, and a dispatch loop HotSpot compiled on the JIT column's or the
   * runtimes' profile is not what a program run with {@code --jit=off} gets (it measured 1.4-1.5 M
   * round trips/s interpreted in a shared JVM against 2.2-2.4 M alone, the same build). {@code
   * -Dbench.isolate=false}: all columns of a workload in one JVM, alternating round by round.
   */
  static final boolean ISOLATE = Boolean.parseBoolean(System.getProperty("bench.isolate", "true"));

  static final int CYCLES = Integer.getInteger("bench.cycles", 2);

  /** The columns, by the keys {@code -Dbench.columns=} takes (all when unset). */
  static final List<String> COLUMN_KEYS = List.of("runtime", "off", "auto", "pekko");

  static final List<String> COLUMNS =
      System.getProperty("bench.columns", "").isEmpty()
          ? COLUMN_KEYS
          : List.of(System.getProperty("bench.columns").split(","));

  private ActorBench() {}

  static ActorRuntime runtime(String name) {
    return switch (name) {
      case "simplex" -> new SimplexActors();
      case "pekko" -> new PekkoActors();
      default ->
          throw new IllegalArgumentException("unknown runtime '" + name + "' (simplex or pekko)");
    };
  }

  /** One workload: how many messages a round moves and how to run a round on a runtime. */
  record Workload(
      String name, String unit, long messages, Round round, String program, String... args) {}

  @FunctionalInterface
  interface Round {
    long run(ActorRuntime r) throws Exception;
  }

  private static List<Workload> workloads() {
    return List.of(
        new Workload(
            "ping-pong, 2 actors, " + ROUND_TRIPS + " round trips",
            "round trips/s",
            ROUND_TRIPS,
            r -> r.pingPong(ROUND_TRIPS),
            "pingpong",
            Integer.toString(ROUND_TRIPS)),
        new Workload(
            SENDERS + " senders -> 1 counter, " + PER_SENDER + " msgs each",
            "messages/s",
            (long) SENDERS * PER_SENDER,
            r -> r.fanIn(SENDERS, PER_SENDER),
            "fanin",
            Integer.toString(SENDERS),
            Integer.toString(PER_SENDER)),
        new Workload(
            ACTORS + " actors each counting " + PER_ACTOR + " msgs",
            "messages/s",
            (long) ACTORS * PER_ACTOR,
            r -> r.manyActors(ACTORS, PER_ACTOR),
            "many",
            Integer.toString(ACTORS),
            Integer.toString(PER_ACTOR)));
  }

  public static void main(String[] args) throws Exception {
    List<Workload> workloads = workloads();
    Path programDir = Path.of(args.length > 0 ? args[0] : "bench/programs/actors");
    if (ONLY.isEmpty() && FORK) {
      StringBuilder rows = new StringBuilder(newTable().markdown());
      for (Workload w : workloads)
        rows.append(ISOLATE ? isolated(w, programDir) : forked(w.program(), programDir));
      System.out.println(rows);
      if (IDLE > 0) System.out.println(idleHeapTable().markdown());
      return;
    }
    SimplexPrograms programs = new SimplexPrograms(programDir);
    Table table = newTable();
    // a column's JVM starts only its own runtime (null resources are not closed)
    try (ActorRuntime simplex = COLUMNS.contains("runtime") ? runtime("simplex") : null;
        ActorRuntime pekko = COLUMNS.contains("pekko") ? runtime("pekko") : null) {
      for (Workload w : workloads) {
        if (!ONLY.isEmpty() && !List.of(ONLY.split(",")).contains(w.program())) continue;
        Map<ActorRuntime, List<Double>> rates = new LinkedHashMap<>();
        if (simplex != null) rates.put(simplex, new ArrayList<>());
        if (pekko != null) rates.put(pekko, new ArrayList<>());
        List<Double> interpreted = new ArrayList<>();
        List<Double> jitted = new ArrayList<>();
        long warmupEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
        int warmups = 0;
        for (int recorded = 0; recorded < ROUNDS; ) {
          boolean warm = warmups >= WARMUP && System.nanoTime() >= warmupEnd;
          for (ActorRuntime r : rates.keySet()) {
            double rate = w.messages() / (w.round().run(r) / 1e9);
            if (warm) rates.get(r).add(rate);
          }
          for (String mode : List.of("off", "auto")) {
            if (!COLUMNS.contains(mode)) continue;
            double rate = w.messages() / (programs.run(mode, w.program(), w.args()) / 1e9);
            if (warm) (mode.equals("off") ? interpreted : jitted).add(rate);
          }
          if (warm) recorded++;
          else warmups++;
        }
        System.err.println(w.name() + ": " + warmups + " warm-up rounds");
        if (COLUMNS.size() < COLUMN_KEYS.size()) { // a column JVM of isolated(): its rates only
          List<List<Double>> byKey =
              java.util.Arrays.asList(
                  rates.get(simplex), interpreted, jitted, rates.get(pekko)); // nulls: not run
          for (int k = 0; k < COLUMN_KEYS.size(); k++) {
            if (!COLUMNS.contains(COLUMN_KEYS.get(k))) continue;
            StringBuilder line = new StringBuilder("@rates " + COLUMN_KEYS.get(k));
            for (double rate : byKey.get(k)) line.append(' ').append(rate);
            System.out.println(line);
          }
          continue;
        }
        row(table, w, "", rates.get(simplex), interpreted, jitted, rates.get(pekko));
      }
    }
    System.out.println(table.markdown());
    if (ONLY.isEmpty() && IDLE > 0) System.out.println(idleHeapTable().markdown());
  }

  /**
   * Runs each column of {@code w} in a child JVM of its own, {@link #CYCLES} times in turn; returns
   * the table row over all their recorded rounds.
   */
  private static String isolated(Workload w, Path programDir)
      throws IOException, InterruptedException {
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (String key : COLUMN_KEYS) rates.put(key, new ArrayList<>());
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      for (String key : COLUMN_KEYS) {
        String out = child(w.program(), programDir, "-Dbench.columns=" + key);
        out.lines()
            .filter(l -> l.startsWith("@rates " + key))
            .flatMap(l -> java.util.Arrays.stream(l.split(" ")).skip(2))
            .forEach(v -> rates.get(key).add(Double.parseDouble(v)));
      }
    }
    for (String key : COLUMN_KEYS) {
      if (rates.get(key).isEmpty())
        throw new IllegalStateException("workload " + w.program() + ": no rates for " + key);
    }
    Table table = newTable();
    row(
        table,
        w,
        " (a JVM per column)",
        rates.get("runtime"),
        rates.get("off"),
        rates.get("auto"),
        rates.get("pekko"));
    return bodyRows(table.markdown());
  }

  /** Adds {@code w}'s row of the four columns' rates to {@code table} and logs it. */
  private static void row(
      Table table,
      Workload w,
      String how,
      List<Double> runtime,
      List<Double> interpreted,
      List<Double> jitted,
      List<Double> pekko) {
    Samples s = Samples.of(runtime);
    Samples g = Samples.of(interpreted);
    Samples j = Samples.of(jitted);
    Samples p = Samples.of(pekko);
    table.row(
        w.name(),
        w.unit(),
        cell(s),
        cell(g),
        cell(j),
        cell(p),
        Samples.ratio(s.median(), p.median()),
        Samples.ratio(g.median(), p.median()),
        Samples.ratio(j.median(), p.median()));
    System.err.println(
        w.name()
            + how
            + ": simplex "
            + cell(s)
            + ", program interpreted "
            + cell(g)
            + ", program with JIT "
            + cell(j)
            + ", pekko "
            + cell(p));
  }

  /** The rows of a Markdown table, without its header and rule; empty when it has none. */
  private static String bodyRows(String markdown) {
    List<String> lines = markdown.lines().filter(l -> l.startsWith("| ")).toList();
    if (lines.size() < 3) return "";
    return String.join("\n", lines.subList(2, lines.size())) + "\n";
  }

  /** Runs ActorBench for one workload in a child JVM (same java, flags and classpath). */
  private static String child(String workload, Path programDir, String... extra)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Dbench.only=" + workload);
    command.addAll(List.of(extra));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ActorBench.class.getName(),
            programDir.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0)
      throw new IllegalStateException("workload " + workload + " failed (exit " + rc + "): " + out);
    return out;
  }

  /** Runs one workload in a child JVM (same java, flags and classpath); returns its table row. */
  private static String forked(String workload, Path programDir)
      throws IOException, InterruptedException {
    String out = child(workload, programDir);
    String rows = bodyRows(out);
    if (rows.isEmpty())
      throw new IllegalStateException("workload " + workload + " printed no row: " + out);
    return rows;
  }

  private static Table newTable() {
    return new Table(
        "workload",
        "unit",
        "Simplex runtime, Java behaviours (median, range)",
        "Simplex program, interpreter, --jit=off (median, range)",
        "Simplex program, --jit=auto (median, range)",
        "Pekko (median, range)",
        "runtime/Pekko",
        "interpreted/Pekko",
        "JIT/Pekko");
  }

  private static String cell(Samples s) {
    return Samples.human(s.median())
        + " ("
        + Samples.human(s.min())
        + "-"
        + Samples.human(s.max())
        + ")";
  }

  private static Table idleHeapTable() throws IOException, InterruptedException {
    Table t = new Table("runtime", "idle actors", "fit in -Xmx512m", "heap per idle actor");
    for (String name : List.of("simplex", "pekko")) {
      String[] f = idleHeap(name).split(" ");
      String bytes = f[2].equals("true") ? f[3] + " bytes" : "-";
      t.row(label(name), f[1], f[2].equals("true") ? "yes" : "no (OutOfMemoryError)", bytes);
    }
    return t;
  }

  private static String label(String name) {
    return name.equals("simplex") ? "Simplex runtime (Java behaviours)" : "Pekko typed 1.2.1";
  }

  /** Runs {@link IdleHeap} in a child JVM with the same java and classpath. */
  private static String idleHeap(String name) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    // Pekko's Scala runtime uses sun.misc.Unsafe, which warns from JDK 23 on.
    if (Runtime.version().feature() >= 23) command.add("--sun-misc-unsafe-memory-access=allow");
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            IdleHeap.class.getName(),
            name,
            Integer.toString(IDLE)));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int rc = p.waitFor();
    String last = out.lines().reduce((a, b) -> b).orElse("");
    if (rc != 0 || last.split(" ").length != 5)
      return String.format(Locale.ROOT, "%s %d false NaN 0", name, IDLE);
    return last;
  }
}
