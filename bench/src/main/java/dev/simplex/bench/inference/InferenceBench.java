package dev.simplex.bench.inference;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import dev.simplex.inference.AiResult;
import dev.simplex.inference.BatchStats;
import dev.simplex.inference.InferenceConfig;
import dev.simplex.inference.InferencePool;
import dev.simplex.inference.RawEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The AI pool's batching, measured on the built-in embedding model ({@code simplex-embed}, CPU):
 * 256 concurrent callers of {@code embed} on virtual threads through the default pool (dynamic
 * batches up to 32, 2 ms wait), against (a) the same model one text per forward pass (a pool with
 * max batch 1 and no wait, same 256 callers) and (b) the raw DJL predictor of the same model fed
 * perfect batches of 32 by one caller ({@link RawEmbedder}: no batcher, no Arrow), with perfect
 * batches of 32 through the pool's {@code embedBatch} for reference. Then latency at half the
 * batched pool's throughput: calls arrive on a fixed schedule (open loop), each timed from its
 * scheduled start, so a stalled pool cannot hide its queueing delay.
 */
public final class InferenceBench {
  static final String MODEL = "simplex-embed";
  static final int CALLERS = Integer.getInteger("bench.callers", 256);
  static final int CALLS = Integer.getInteger("bench.calls", 20_000);
  static final int BATCH = 32;
  static final int WARMUP = Integer.getInteger("bench.warmup", 2_000);
  static final int LATENCY_CALLS = Integer.getInteger("bench.latencyCalls", 5_000);

  private InferenceBench() {}

  /** Throughput of one configuration and the pool's batching figures afterwards. */
  record Run(double textsPerSecond, BatchStats stats) {
    double meanBatch() {
      return stats.batches() == 0 ? 0 : (double) stats.requests() / stats.batches();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("usage: InferenceBench CACHE_DIR");
    Path cache = Path.of(args[0]);
    List<String> texts = Texts.distinct(4096);
    InferenceConfig batched = InferenceConfig.defaults(cache);
    InferenceConfig unbatched = batched.withBuiltinBatching(1, Duration.ZERO);

    Run pool;
    Run single;
    Run perfect;
    double raw;
    Samples latency;
    double offered;
    try (InferencePool p = InferencePool.open(batched)) {
      callers(p, texts, CALLERS, WARMUP);
      pool = callers(p, texts, CALLERS, CALLS);
      perfect = perfectBatches(p, texts, CALLS / BATCH);
      try (RawEmbedder predictor = p.rawEmbedder(MODEL)) {
        rawBatches(predictor, texts, WARMUP / BATCH);
        raw = rawBatches(predictor, texts, CALLS / BATCH);
      }
      offered = pool.textsPerSecond() / 2;
      latency = openLoop(p, texts, offered, LATENCY_CALLS);
    }
    try (InferencePool p = InferencePool.open(unbatched)) {
      callers(p, texts, CALLERS, WARMUP);
      single = callers(p, texts, CALLERS, CALLS);
    }

    Table t = new Table("configuration", "texts/s", "vs pool", "mean batch (real texts)");
    t.row(
        CALLERS + " callers of embed through the pool (batches <= 32, 2 ms wait)",
        Samples.human(pool.textsPerSecond()),
        "1.00x",
        fmt(pool.meanBatch()));
    t.row(
        "(a) same model one text per forward pass (pool with max batch 1), " + CALLERS + " callers",
        Samples.human(single.textsPerSecond()),
        Samples.ratio(single.textsPerSecond(), pool.textsPerSecond()),
        fmt(single.meanBatch()));
    t.row(
        "(b) raw DJL predictor, perfect batches of 32, one caller",
        Samples.human(raw),
        Samples.ratio(raw, pool.textsPerSecond()),
        "32");
    t.row(
        "perfect batches of 32 through the pool (one caller, embedBatch)",
        Samples.human(perfect.textsPerSecond()),
        Samples.ratio(perfect.textsPerSecond(), pool.textsPerSecond()),
        fmt(perfect.meanBatch()));
    System.out.println(t.markdown());
    Table l = new Table("load", "offered (calls/s)", "calls", "p50 (ms)", "p99 (ms)", "max (ms)");
    l.row(
        "half of the pool's throughput, open loop",
        Samples.human(offered),
        latency.count(),
        fmt(latency.median()),
        fmt(latency.percentile(99)),
        fmt(latency.max()));
    System.out.println(l.markdown());
  }

  /** {@code callers} virtual threads, each calling embed and waiting, {@code calls} in all. */
  static Run callers(InferencePool pool, List<String> texts, int callers, int calls)
      throws InterruptedException {
    BatchStats before = stats(pool);
    var next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < callers; c++) {
        threads.submit(
            () -> {
              int i;
              while ((i = next.getAndIncrement()) < calls)
                check(pool.embed(texts.get(i % texts.size()), MODEL).join());
              return null;
            });
      }
    }
    long elapsed = System.nanoTime() - start;
    return new Run(calls / (elapsed / 1e9), minus(stats(pool), before));
  }

  /** One caller handing the pool exactly 32 texts at a time. */
  static Run perfectBatches(InferencePool pool, List<String> texts, int batches) {
    BatchStats before = stats(pool);
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      int from = (b * BATCH) % (texts.size() - BATCH);
      check(pool.embedBatch(texts.subList(from, from + BATCH), MODEL).join());
    }
    long elapsed = System.nanoTime() - start;
    return new Run((double) batches * BATCH / (elapsed / 1e9), minus(stats(pool), before));
  }

  /** Texts per second of the raw predictor fed exactly 32 texts per call. */
  static double rawBatches(RawEmbedder predictor, List<String> texts, int batches) {
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      int from = (b * BATCH) % (texts.size() - BATCH);
      if (predictor.embed(texts.subList(from, from + BATCH)).size() != BATCH) {
        throw new IllegalStateException("the raw predictor returned the wrong number of vectors");
      }
    }
    return (double) batches * BATCH / ((System.nanoTime() - start) / 1e9);
  }

  /** Calls start every 1/rate seconds whatever the pool does; latency counts from that moment. */
  static Samples openLoop(InferencePool pool, List<String> texts, double rate, int calls)
      throws InterruptedException {
    long interval = (long) (1e9 / rate);
    var latencies = new ConcurrentLinkedQueue<Double>();
    long origin = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < calls; i++) {
        long due = origin + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        String text = texts.get(i % texts.size());
        threads.submit(
            () -> {
              check(pool.embed(text, MODEL).join());
              latencies.add((System.nanoTime() - due) / 1e6);
            });
      }
    }
    return Samples.of(new ArrayList<>(latencies));
  }

  private static void check(AiResult<?> r) {
    if (r instanceof AiResult.Err<?> e)
      throw new IllegalStateException("embed failed: " + e.error() + ": " + e.message());
  }

  private static BatchStats stats(InferencePool pool) {
    return pool.stats(MODEL).orElse(new BatchStats(0, 0, 0, 0));
  }

  private static BatchStats minus(BatchStats a, BatchStats b) {
    return new BatchStats(
        a.batches() - b.batches(),
        a.requests() - b.requests(),
        a.paddedRows() - b.paddedRows(),
        a.largestBatch());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
