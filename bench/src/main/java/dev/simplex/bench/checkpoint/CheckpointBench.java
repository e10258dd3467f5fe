package dev.simplex.bench.checkpoint;

import dev.simplex.bench.report.Samples;
import dev.simplex.bench.report.Table;
import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.Checkpointer;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.LocalDirectoryStore;
import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.checkpoint.StoreReceipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Checkpoint latency on the default store ({@link LocalDirectoryStore}: every file fsynced, then
 * renamed, then its directory fsynced). For each state size and mode, one actor checkpoints {@code
 * n} times in a row: synchronously through {@code store.put}, then through the async front {@link
 * Checkpointer}, where the handler pays only the capture and the future completes when the
 * checkpoint is durable. Each checkpoint waits for the previous one to be durable. Encoding is
 * inside every measured interval; making the new state is outside.
 */
public final class CheckpointBench {
  static final int WARMUP = Integer.getInteger("bench.warmup", 20);
  static final CodeHash TYPE = new CodeHash(new byte[CodeHash.LENGTH]);

  private CheckpointBench() {}

  record Size(String label, int bytes, int samples) {}

  enum Mode {
    FRESH,
    INCREMENTAL
  }

  /** What one series measured: latencies in ms and, per checkpoint, what the store wrote. */
  record Series(Samples sync, Samples capture, Samples durable, List<StoreReceipt> receipts) {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("simplex-ckpt-bench");
    if (Files.exists(dir) && !Files.isDirectory(dir))
      throw new IllegalArgumentException(dir + " is not a directory");
    int scale = Integer.getInteger("bench.samples", 200);
    List<Size> sizes =
        List.of(
            new Size("1 KB", 1 << 10, scale),
            new Size("100 KB", 100 << 10, scale),
            new Size("1 MB", 1 << 20, Math.max(10, scale / 2)));
    Table table =
        new Table(
            "state",
            "checkpoint",
            "n",
            "sync put p50 / p99 (ms)",
            "async capture p50 / p99 (ms)",
            "async durable p50 / p99 (ms)",
            "bytes written (median)",
            "chunks written / total");
    try (LocalDirectoryStore store = LocalDirectoryStore.open(dir.resolve("store"));
        Checkpointer checkpointer = new Checkpointer(store)) {
      for (Size size : sizes) {
        for (Mode mode : Mode.values()) {
          Series s = series(store, checkpointer, size, mode);
          StoreReceipt median = medianByBytes(s.receipts());
          table.row(
              size.label(),
              mode == Mode.FRESH ? "fresh (all fields new)" : "incremental (1 of 16 fields new)",
              size.samples(),
              pair(s.sync()),
              pair(s.capture()),
              pair(s.durable()),
              Samples.human(median.bytesWritten()) + "B",
              median.chunksWritten() + " / " + median.chunks());
          System.err.println(size.label() + " " + mode + " done");
        }
      }
    }
    System.out.println(table.markdown());
  }

  private static Series series(
      LocalDirectoryStore store, Checkpointer checkpointer, Size size, Mode mode)
      throws IOException {
    String syncActor = "sync-" + size.bytes() + "-" + mode;
    String asyncActor = "async-" + size.bytes() + "-" + mode;
    ActorState state = new ActorState(size.bytes(), size.bytes() * 31L + mode.ordinal());
    Supplier<SnapshotValue> next = mode == Mode.FRESH ? state::fresh : state::withOneFieldChanged;
    // The first checkpoint of an actor is always fresh; an incremental series starts after it.
    store.put(Checkpoint.ofFields(syncActor, TYPE, 0, Instant.now(), state.current()));
    checkpointer
        .checkpoint(Checkpoint.ofFields(asyncActor, TYPE, 0, Instant.now(), state.current()))
        .join();
    List<Double> sync = new ArrayList<>();
    List<Double> capture = new ArrayList<>();
    List<Double> durable = new ArrayList<>();
    List<StoreReceipt> receipts = new ArrayList<>();
    for (int i = 1; i <= WARMUP + size.samples(); i++) {
      boolean recorded = i > WARMUP;
      var fields = next.get();
      long t0 = System.nanoTime();
      StoreReceipt r = store.put(Checkpoint.ofFields(syncActor, TYPE, i, Instant.now(), fields));
      long t1 = System.nanoTime();
      if (recorded) {
        sync.add((t1 - t0) / 1e6);
        receipts.add(r);
      }
      fields = next.get();
      long a0 = System.nanoTime();
      CompletableFuture<StoreReceipt> f =
          checkpointer.checkpoint(Checkpoint.ofFields(asyncActor, TYPE, i, Instant.now(), fields));
      long a1 = System.nanoTime();
      f.join();
      long a2 = System.nanoTime();
      if (recorded) {
        capture.add((a1 - a0) / 1e6);
        durable.add((a2 - a0) / 1e6);
      }
    }
    return new Series(Samples.of(sync), Samples.of(capture), Samples.of(durable), receipts);
  }

  private static StoreReceipt medianByBytes(List<StoreReceipt> receipts) {
    var sorted = new ArrayList<>(receipts);
    sorted.sort((a, b) -> Long.compare(a.bytesWritten(), b.bytesWritten()));
    return sorted.get(sorted.size() / 2);
  }

  private static String pair(Samples s) {
    return String.format(Locale.ROOT, "%.3f / %.3f", s.median(), s.percentile(99));
  }
}
