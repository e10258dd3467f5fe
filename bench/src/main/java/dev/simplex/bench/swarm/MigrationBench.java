package dev.simplex.bench.swarm;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import dev.simplex.peer.route.Migration;
import dev.simplex.peer.route.SwarmRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live migration between two peer processes on loopback (issue 7, item 7): an actor with 1 KiB, 100
 * KiB and 1 MiB of incompressible state moves back and forth between this JVM's peer and a second
 * peer JVM ({@link HostMain}), a message between moves. Each move is timed as its initiator sees it
 * ({@link Migration#took()}: pause, final snapshot, Zstd, ship, restore, placement CAS, forward);
 * after the last move the state's SHA-256 and the message count must equal what was put in.
 */
public final class MigrationBench {
  static final int MOVES = Integer.getInteger("bench.moves", 40);
  static final int WARMUP = Integer.getInteger("bench.warmup", 3);
  static final List<Integer> SIZES = List.of(1 << 10, 100 << 10, 1 << 20);

  private MigrationBench() {}

  /** What the moves of one actor measured. */
  record Moves(
      int stateBytes, Samples millis, int shippedBytes, int stateSnapshotBytes, boolean intact) {}

  public static void main(String[] args) throws IOException {
    SwarmBench.atLeastOne("bench.moves", MOVES);
    Path dir = Files.createTempDirectory("simplex-migration-bench");
    String swarm = Loopback.uniqueSwarm();
    List<Integer> pair = Loopback.freePorts(2);
    var hostArgs = new HostMain.Args(swarm, "host", pair.get(0), pair, dir.resolve("host"));
    System.err.println("starting the host peer process (log: " + dir.resolve("host.log") + ")");
    try (HostProcess host =
            HostProcess.start(hostArgs, dir.resolve("host.log"), SwarmBench.READY_SECONDS);
        BenchPeer bench =
            BenchPeer.start(
                Loopback.settings(swarm, "bench", pair.get(1), pair, dir.resolve("bench")))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SwarmBench.READY_SECONDS);
      while (!bench.sees(2)) {
        if (System.nanoTime() > deadline)
          throw new IllegalStateException("the two peers did not find each other");
        LockSupport.parkNanos(10_000_000);
      }
      System.err.println("two peers up: this one and pid " + host.pid());
      List<Moves> all = new ArrayList<>();
      for (int size : SIZES) {
        Moves m = moves(bench, size, WARMUP, MOVES);
        System.err.println(row(m));
        all.add(m);
      }
      System.out.println(table(all).markdown());
    }
  }

  /** Moves one actor of {@code size} bytes back and forth; times the recorded moves. */
  static Moves moves(BenchPeer bench, int size, int warmup, int moves) {
    SwarmRef ref = bench.actors().spawn(Ballast.TYPE, size);
    String expected = (String) bench.actors().ask(ref, new Ballast.Digest());
    String digest = expected.substring(expected.indexOf(':') + 1);
    String to = "host";
    List<Double> millis = new ArrayList<>();
    int shipped = 0;
    int snapshot = 0;
    long touches = 0;
    for (int i = 0; i < warmup + moves; i++) {
      Migration m = bench.actors().migrate(ref, to);
      if (m.from().equals(m.to())) {
        i--; // it was already there (placement put it on the other peer): not a move
      } else if (i >= warmup) {
        millis.add(m.took().toNanos() / 1e6);
        shipped = m.shippedBytes();
        snapshot = m.stateBytes();
      }
      bench.actors().send(ref, new Ballast.Touch());
      touches++;
      to = to.equals("host") ? "bench" : "host";
    }
    String after = (String) bench.actors().ask(ref, new Ballast.Digest());
    bench.actors().stop(ref);
    boolean intact = after.equals(touches + ":" + digest);
    if (!intact)
      System.err.println(
          "state changed in transit: expected " + touches + ":" + digest + ", got " + after);
    return new Moves(size, Samples.of(millis), shipped, snapshot, intact);
  }

  static Table table(List<Moves> all) {
    Table t =
        new Table(
            "state",
            "moves",
            "p50 (ms)",
            "p90 (ms)",
            "p99 (ms)",
            "max (ms)",
            "snapshot / shipped (Zstd)",
            "state intact");
    for (Moves m : all) {
      Samples s = m.millis();
      t.row(
          size(m.stateBytes()),
          Integer.toString(s.count()),
          ms(s.median()),
          ms(s.percentile(90)),
          ms(s.percentile(99)),
          ms(s.max()),
          m.stateSnapshotBytes() + " / " + m.shippedBytes() + " bytes",
          m.intact() ? "yes" : "NO");
    }
    return t;
  }

  private static String row(Moves m) {
    return size(m.stateBytes())
        + ": p50 "
        + ms(m.millis().median())
        + " ms, p99 "
        + ms(m.millis().percentile(99))
        + " ms";
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String size(int bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
