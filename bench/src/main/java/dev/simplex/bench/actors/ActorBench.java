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
   * SBC interpreter's dispatch loop (one large method) only after seconds of a workload, and the
   * runtimes alternate round by round, so every column gets the same number of warm-up rounds.
   */
  static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 4000);

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
      for (Workload w : workloads) rows.append(forked(w.program(), programDir));
      System.out.println(rows);
      if (IDLE > 0) System.out.println(idleHeapTable().markdown());
      return;
    }
    SimplexPrograms programs = new SimplexPrograms(programDir);
    Table table = newTable();
    try (ActorRuntime simplex = runtime("simplex");
        ActorRuntime pekko = runtime("pekko")) {
      for (Workload w : workloads) {
        if (!ONLY.isEmpty() && !List.of(ONLY.split(",")).contains(w.program())) continue;
        Map<ActorRuntime, List<Double>> rates = new LinkedHashMap<>();
        rates.put(simplex, new ArrayList<>());
        rates.put(pekko, new ArrayList<>());
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
          double off = w.messages() / (programs.run("off", w.program(), w.args()) / 1e9);
          double auto = w.messages() / (programs.run("auto", w.program(), w.args()) / 1e9);
          if (warm) {
            interpreted.add(off);
            jitted.add(auto);
            recorded++;
          } else {
            warmups++;
          }
        }
        System.err.println(w.name() + ": " + warmups + " warm-up rounds");
        Samples s = Samples.of(rates.get(simplex));
        Samples g = Samples.of(interpreted);
        Samples j = Samples.of(jitted);
        Samples p = Samples.of(rates.get(pekko));
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
                + ": simplex "
                + cell(s)
                + ", program interpreted "
                + cell(g)
                + ", program with JIT "
                + cell(j)
                + ", pekko "
                + cell(p));
      }
    }
    System.out.println(table.markdown());
    if (ONLY.isEmpty() && IDLE > 0) System.out.println(idleHeapTable().markdown());
  }

  /** Runs one workload in a child JVM (same java, flags and classpath); returns its table row. */
  private static String forked(String workload, Path programDir)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of(
            "-Dbench.only=" + workload,
            "-cp",
            System.getProperty("java.class.path"),
            ActorBench.class.getName(),
            programDir.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    List<String> lines = out.lines().filter(l -> l.startsWith("| ")).toList();
    if (rc != 0 || lines.size() < 3)
      throw new IllegalStateException("workload " + workload + " failed (exit " + rc + "): " + out);
    return String.join("\n", lines.subList(2, lines.size())) + "\n";
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
