package dev.simplex.bench.swarm;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover time (issue 7, item 7): three peer processes on loopback ({@code simplex peer}, the real
 * CLI, found by a {@code tcp:} list), a submitted program sending to twelve checkpointing counters
 * spread over them; the peer hosting more counters (not the one running {@code main}) is stopped
 * with SIGKILL (a crash) or SIGSTOP (a hang). Measured: wall time from the signal to the first
 * message served by one of its counters restored on a survivor, as the survivor logs it ({@code
 * failover: restored actor … serves its first message at wall T}). A fresh swarm per run.
 */
public final class FailoverBench {
  static final int RUNS = Integer.getInteger("bench.runs", 3);
  static final long LIMIT_SECONDS = 120;
  static final Pattern SERVED =
      Pattern.compile("failover: restored actor (\\S+) serves its first message at wall (\\d+)");
  static final Pattern HOSTED =
      Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"actors\"\\s*:\\s*(\\d+)");

  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    SwarmBench.atLeastOne("bench.runs", RUNS);
    Path dir = Files.createTempDirectory("simplex-failover-bench");
    System.err.println("peer logs under " + dir);
    Table t = new Table("signal", "runs", "min (ms)", "median (ms)", "max (ms)", "goal");
    for (String signal : List.of("KILL", "STOP")) {
      List<Double> ms = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        long took = once(signal, dir.resolve(signal.toLowerCase(Locale.ROOT) + "-" + run));
        System.err.printf("SIG%s run %d: %d ms%n", signal, run, took);
        ms.add((double) took);
      }
      Samples s = Samples.of(ms);
      t.row(
          "SIG" + signal,
          s.count(),
          String.format(Locale.ROOT, "%.0f", s.min()),
          String.format(Locale.ROOT, "%.0f", s.median()),
          String.format(Locale.ROOT, "%.0f", s.max()),
          signal.equals("KILL") ? "2000" : "5000");
    }
    System.out.println(t.markdown());
  }

  /** One fresh swarm: returns ms from the signal to the first message a restored actor served. */
  static long once(String signal, Path dir) throws Exception {
    Files.createDirectories(dir);
    String swarm = Loopback.uniqueSwarm();
    List<Integer> ports = Loopback.freePorts(6);
    List<Integer> transports = ports.subList(0, 3);
    List<Child> children = new ArrayList<>();
    try {
      // one at a time: peers started together may each form a swarm of one and merge later
      for (int i = 0; i < 3; i++) {
        if (i > 0) children.get(i - 1).await(Pattern.compile("peer " + id(i - 1) + " is up"));
        children.add(
            Child.start(
                dir.resolve("peer-" + (i + 1) + ".log"),
                "peer",
                "--swarm",
                swarm,
                "--peer-id",
                id(i),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(transports.get(i)),
                "--discovery",
                Loopback.discovery(transports),
                "--admin",
                "127.0.0.1:" + ports.get(3 + i),
                "--data",
                dir.resolve("data-" + (i + 1)).toString()));
      }
      for (int i = 0; i < 3; i++)
        children.get(i).await(Pattern.compile("peer " + id(i) + " is up"));
      children.getFirst().await(Pattern.compile("peer " + id(2) + " joined"));
      children.getFirst().await(Pattern.compile("peer " + id(1) + " joined"));
      // placement by load needs every peer's published load
      long loadsBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
      while (!publishesAll(ports.get(3))) {
        if (System.nanoTime() > loadsBy) throw new IllegalStateException("loads not published");
        Thread.sleep(100);
      }
      Path program = dir.resolve("counters.sx");
      Files.writeString(program, PROGRAM);
      Child submit =
          Child.start(
              dir.resolve("submit.log"),
              "submit",
              program.toString(),
              "--peer",
              "127.0.0.1:" + ports.get(3));
      children.add(submit);
      submit.await(Pattern.compile("progress 100"));
      int on2 = hosted(ports.get(4), id(1));
      int on3 = hosted(ports.get(5), id(2));
      if (on2 + on3 == 0) throw new IllegalStateException("no counter was placed on peers 2, 3");
      int victim = on2 >= on3 ? 1 : 2;
      Child v = children.get(victim);
      long signalledAt = System.currentTimeMillis();
      v.signal(signal);
      int survivor = 3 - victim;
      Matcher served = awaitAny(children.get(0), children.get(survivor), SERVED);
      return Long.parseLong(served.group(2)) - signalledAt;
    } finally {
      for (Child c : children.reversed()) c.close();
    }
  }

  static String id(int i) {
    return "fo-peer-" + (i + 1);
  }

  /** The actor count a peer publishes, read from its admin endpoint. */
  static int hosted(int adminPort, String peerId) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/actors"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher m = HOSTED.matcher(r.body());
    while (m.find()) if (m.group(1).equals(peerId)) return Integer.parseInt(m.group(2));
    throw new IllegalStateException("no actor count for " + peerId + " in " + r.body());
  }

  /** Whether the admin endpoint lists a load for all three peers. */
  static boolean publishesAll(int adminPort) {
    try {
      for (int i = 0; i < 3; i++) hosted(adminPort, id(i));
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  static Matcher awaitAny(Child a, Child b, Pattern p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (Child c : List.of(a, b)) {
        Matcher m = c.find(p);
        if (m != null) return m;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "no survivor logged `"
            + p
            + "` within "
            + LIMIT_SECONDS
            + " s; see "
            + a.log
            + ", "
            + b.log);
  }

  static final String PROGRAM =
      """
      actor Counter {
          var n: i64 = 0
          receive Add(k: i64) {
              n += 1
              checkpoint()
          }
          receive Count -> i64 { n }
      }
      fn main() {
          var cs: List<ActorRef<Counter>> = []
          for i in 0..12 {
              cs.push(spawn Counter with { placement: Spread })
          }
          println("spawned {cs.len()}")
          for r in 1..=100000 {
              for c in cs {
                  send(c, Add(r))
              }
              if r % 100 == 0 { println("progress {r}") }
              sleep(Duration::milliseconds(10))
          }
      }
      """;

  /** A child JVM running the simplex CLI; its output lines are kept and logged to a file. */
  static final class Child implements AutoCloseable {
    final Process process;
    final Path log;
    private final List<String> lines = new ArrayList<>();

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Child start(Path log, String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(
              f ->
                  f.startsWith("--add-opens")
                      || f.startsWith("--add-exports")
                      || f.startsWith("--enable-native-access")
                      || f.startsWith("-Djava.net.preferIPv4Stack"))
          .forEach(command::add);
      command.addAll(
          List.of(
              "-Xmx256m",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              "dev.simplex.peer.Main"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      Child c = new Child(p, log);
      Thread.ofPlatform().daemon().start(c::pump);
      return c;
    }

    private void pump() {
      try (var in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          var out = new PrintWriter(Files.newBufferedWriter(log), true)) {
        for (String line; (line = in.readLine()) != null; ) {
          out.println(line);
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended or was killed: its lines so far are kept
      }
    }

    Matcher find(Pattern p) {
      synchronized (lines) {
        for (String line : lines) {
          Matcher m = p.matcher(line);
          if (m.find()) return m;
        }
      }
      return null;
    }

    void await(Pattern p) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
      while (System.nanoTime() < deadline) {
        if (find(p) != null) return;
        if (!process.isAlive() && find(p) == null)
          throw new IllegalStateException(
              "process exited (" + process.exitValue() + ") before `" + p + "`; see " + log);
        Thread.sleep(20);
      }
      throw new IllegalStateException("no `" + p + "` within " + LIMIT_SECONDS + " s; see " + log);
    }

    void signal(String name) throws IOException, InterruptedException {
      if (name.equals("KILL")) {
        process.destroyForcibly();
        return;
      }
      int rc =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
      if (rc != 0) throw new IllegalStateException("kill -" + name + " failed: " + rc);
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
