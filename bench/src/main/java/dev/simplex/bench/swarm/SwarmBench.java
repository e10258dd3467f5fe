package dev.simplex.bench.swarm;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.route.SwarmRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

/**
 * The swarm side by side with one process: (1) how long a new peer takes to join, in a JVM already
 * running; (2) one-way send throughput and ask latency between two peer processes on loopback, next
 * to the same workloads between two actors of one {@link ActorSystem}. Every sender and receiver is
 * an actor ({@link Driver} and {@link Sink}); the two sides alternate round by round.
 */
public final class SwarmBench {
  static final int JOINS = Integer.getInteger("bench.joins", 5);
  static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
  static final int ASKS = Integer.getInteger("bench.asks", 10_000);
  static final int WARMUP = Integer.getInteger("bench.warmup", 1);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  static final long READY_SECONDS = 180;

  private SwarmBench() {}

  /** One end of the comparison: a driver actor whose target is local or on the other peer. */
  record Side(ActorSystem system, ActorRef driver) {
    static Side of(ActorSystem system, Target target) {
      return new Side(system, system.spawn(new ActorSpec("Driver", () -> new Driver(target))));
    }

    Driver.Sent send(int messages) {
      return (Driver.Sent) system.ask(driver, new Driver.Throughput(messages));
    }

    long[] askNanos(int asks) {
      return (long[]) system.ask(driver, new Driver.Latency(asks));
    }
  }

  /**
   * What the workloads measured on one side: messages/s until drained, {@code send} calls/s of the
   * sender's loop alone, and each ask's round trip in microseconds.
   */
  record Figures(Samples sendRates, Samples enqueueRates, Samples askMicros) {}

  public static void main(String[] args) throws IOException {
    atLeastOne("bench.joins", JOINS);
    atLeastOne("bench.messages", MESSAGES);
    atLeastOne("bench.asks", ASKS);
    atLeastOne("bench.rounds", ROUNDS);
    Path dir = Files.createTempDirectory("simplex-swarm-bench");
    String swarm = Loopback.uniqueSwarm();
    List<Integer> ports = Loopback.freePorts(2 + JOINS);
    List<Integer> pair = ports.subList(0, 2);
    var hostArgs = new HostMain.Args(swarm, "host", ports.get(0), pair, dir.resolve("host"));
    System.err.println("starting the host peer process (log: " + dir.resolve("host.log") + ")");
    try (HostProcess host = HostProcess.start(hostArgs, dir.resolve("host.log"), READY_SECONDS);
        BenchPeer bench =
            BenchPeer.start(
                Loopback.settings(swarm, "bench", ports.get(1), pair, dir.resolve("bench")))) {
      awaitMembers(bench, 2);
      System.err.println("two peers up: this one and pid " + host.pid());

      JoinTimer timer = new JoinTimer(bench);
      List<JoinTimer.Join> joins = new ArrayList<>();
      for (int i = 0; i < JOINS; i++) {
        int port = ports.get(2 + i);
        List<Integer> list = List.of(ports.get(0), ports.get(1), port);
        String id = "joiner-" + (i + 1);
        joins.add(timer.joinOnce(Loopback.settings(swarm, id, port, list, dir.resolve(id))));
        System.err.println(id + ": " + joins.getLast());
      }
      timer.close();
      System.out.println(joinTable(joins).markdown());

      SwarmRef sink =
          bench
              .actors()
              .lookup(HostMain.SINK_NAME, Sink.TYPE)
              .orElseThrow(() -> new IllegalStateException("the host peer's sink is not named"));
      ActorSystem local = new ActorSystem();
      try {
        Side near =
            Side.of(
                local, new Target.Local(local, local.spawn(new ActorSpec(Sink.TYPE, Sink::new))));
        Side far = Side.of(bench.system(), new Target.Remote(bench.actors(), sink));
        List<Figures> both = measure(List.of(near, far), MESSAGES, ASKS, WARMUP, ROUNDS);
        System.out.println(workloadTable(MESSAGES, both.get(0), both.get(1)).markdown());
      } finally {
        local.shutdown();
      }
    }
  }

  /**
   * Runs the workloads on every side, alternating sides within each round: {@code warmup + rounds}
   * throughput rounds of {@code messages}, then {@code warmup} unrecorded and one recorded latency
   * round of {@code asks}.
   */
  static List<Figures> measure(List<Side> sides, int messages, int asks, int warmup, int rounds) {
    if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    List<List<Double>> rates = new ArrayList<>();
    List<List<Double>> enqueueRates = new ArrayList<>();
    sides.forEach(
        s -> {
          rates.add(new ArrayList<>());
          enqueueRates.add(new ArrayList<>());
        });
    for (int round = 0; round < warmup + rounds; round++) {
      for (int s = 0; s < sides.size(); s++) {
        Driver.Sent sent = sides.get(s).send(messages);
        if (round < warmup) continue;
        rates.get(s).add(messages / (sent.totalNanos() / 1e9));
        enqueueRates.get(s).add(messages / (sent.enqueueNanos() / 1e9));
      }
    }
    for (int round = 0; round < warmup; round++) sides.forEach(s -> s.askNanos(asks));
    List<Figures> out = new ArrayList<>();
    for (int s = 0; s < sides.size(); s++) {
      long[] nanos = sides.get(s).askNanos(asks);
      double[] micros = new double[nanos.length];
      for (int i = 0; i < nanos.length; i++) micros[i] = nanos[i] / 1e3;
      out.add(
          new Figures(
              Samples.of(rates.get(s)), Samples.of(enqueueRates.get(s)), new Samples(micros)));
    }
    return out;
  }

  static Table joinTable(List<JoinTimer.Join> joins) {
    Table t = new Table("step, from the call to SwarmPeer.start", "median (ms)", "range (ms)", "n");
    t.row(
        "an existing peer's JGroups view lists the newcomer",
        msMedian(joins, JoinTimer.Join::viewNanos),
        msRange(joins, JoinTimer.Join::viewNanos),
        joins.size());
    t.row(
        "an existing peer's grid counts the newcomer",
        msMedian(joins, JoinTimer.Join::gridNanos),
        msRange(joins, JoinTimer.Join::gridNanos),
        joins.size());
    t.row(
        "SwarmPeer.start returns (view, grid, load board, admin up)",
        msMedian(joins, JoinTimer.Join::upNanos),
        msRange(joins, JoinTimer.Join::upNanos),
        joins.size());
    return t;
  }

  private static Samples millis(List<JoinTimer.Join> joins, ToLongFunction<JoinTimer.Join> f) {
    return Samples.ofNanos(joins.stream().mapToLong(f).toArray());
  }

  private static String msMedian(List<JoinTimer.Join> joins, ToLongFunction<JoinTimer.Join> f) {
    return String.format(Locale.ROOT, "%.0f", millis(joins, f).median());
  }

  private static String msRange(List<JoinTimer.Join> joins, ToLongFunction<JoinTimer.Join> f) {
    Samples s = millis(joins, f);
    return String.format(Locale.ROOT, "%.0f-%.0f", s.min(), s.max());
  }

  static Table workloadTable(int messages, Figures local, Figures remote) {
    Table t =
        new Table(
            "workload",
            "unit",
            "two actors, one ActorSystem",
            "two peer processes (loopback)",
            "remote/local");
    int rounds = local.sendRates().count();
    t.row(
        "send "
            + messages
            + " one-way msgs, then an ask to drain (median of "
            + rounds
            + ", range)",
        "messages/s",
        rate(local.sendRates()),
        rate(remote.sendRates()),
        Samples.ratio(remote.sendRates().median(), local.sendRates().median()));
    t.row(
        "same rounds: the sender's loop of send calls alone",
        "send calls/s",
        rate(local.enqueueRates()),
        rate(remote.enqueueRates()),
        Samples.ratio(remote.enqueueRates().median(), local.enqueueRates().median()));
    int asks = local.askMicros().count();
    for (double p : new double[] {50, 90, 99, 99.9, 100}) {
      double l = local.askMicros().percentile(p);
      double r = remote.askMicros().percentile(p);
      String which = p == 100 ? "max" : "p" + (p == (int) p ? Integer.toString((int) p) : p);
      t.row(
          asks + " sequential asks, " + which + " round trip",
          "µs",
          micros(l),
          micros(r),
          Samples.ratio(r, l));
    }
    return t;
  }

  private static String rate(Samples s) {
    return Samples.human(s.median())
        + " ("
        + Samples.human(s.min())
        + "-"
        + Samples.human(s.max())
        + ")";
  }

  private static String micros(double v) {
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
  }

  static void atLeastOne(String property, int value) {
    if (value < 1)
      throw new IllegalArgumentException("-D" + property + " must be >= 1, got " + value);
  }

  private static void awaitMembers(BenchPeer peer, int members) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (!peer.sees(members)) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            "the peers did not find each other within " + READY_SECONDS + " s");
      LockSupport.parkNanos(10_000_000);
    }
  }
}
