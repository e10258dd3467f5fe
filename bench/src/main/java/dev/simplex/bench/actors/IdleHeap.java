package dev.simplex.bench.actors;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap cost of idle actors, run in a JVM of its own (started by {@link ActorBench} with a fixed
 * -Xmx): used heap after full GCs with the runtime started, then again with {@code count} idle
 * actors spawned. Prints one line: {@code runtime count fit bytesPerActor maxHeap}.
 */
public final class IdleHeap {
  private IdleHeap() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) throw new IllegalArgumentException("usage: IdleHeap simplex|pekko COUNT");
    int count = Integer.parseInt(args[1]);
    if (count < 1) throw new IllegalArgumentException("COUNT must be >= 1, got " + count);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long max = memory.getHeapMemoryUsage().getMax();
    try (ActorRuntime runtime = ActorBench.runtime(args[0])) {
      // A first small batch loads the classes and warms the spawn path, so it is not counted.
      Object warm = runtime.spawnIdle(100);
      long before = usedAfterGc(memory);
      Object held;
      try {
        held = runtime.spawnIdle(count);
      } catch (OutOfMemoryError e) {
        System.out.printf(Locale.ROOT, "%s %d false NaN %d%n", args[0], count, max);
        return;
      }
      long after = usedAfterGc(memory);
      System.out.printf(
          Locale.ROOT,
          "%s %d true %.1f %d%n",
          args[0],
          count,
          (after - before) / (double) count,
          max);
      // Keep both alive until after the measurement.
      if (held.hashCode() == warm.hashCode()) System.out.print("");
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
