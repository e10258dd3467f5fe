package dev.simplex.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines requests for one (model, device) from any number of threads into batches: the first
 * request opens a batch, which closes when it holds {@code maxBatch} requests or {@code maxWait}
 * has passed. With a padding value, batches are padded to a few fixed sizes (1, 4, 8, 16, 32, ...
 * capped at maxBatch) so a local model sees few distinct tensor shapes; remote models get none. The
 * queue is bounded: a full queue answers RateLimited at once instead of growing without limit.
 * Callers never block; they get a future.
 */
final class Batcher<I, O> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

  /** Runs one padded batch; returns one output per input, in order. */
  @FunctionalInterface
  interface BatchFunction<I, O> {
    List<O> run(List<I> inputs, List<Consumer<String>> sinks) throws Exception;
  }

  private record Job<I, O>(
      I input, Consumer<String> sink, CompletableFuture<O> result, long queuedAt) {}

  private final String model;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final Optional<I> padding;
  private final BatchFunction<I, O> function;
  private final BlockingQueue<Job<I, O>> queue;
  private final Thread worker;
  private volatile boolean closed;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong paddedRows = new AtomicLong();
  private volatile int largestBatch;
  private volatile int running;

  Batcher(
      String model,
      int maxBatch,
      Duration maxWait,
      int capacity,
      Optional<I> padding,
      BatchFunction<I, O> function) {
    this(model, maxBatch, maxWait, capacity, padding, function, () -> {});
  }

  /**
   * As above; {@code onStart} runs first on the batcher's own thread (per-thread settings of the
   * model's engine, such as how many threads an operation may fork).
   */
  Batcher(
      String model,
      int maxBatch,
      Duration maxWait,
      int capacity,
      Optional<I> padding,
      BatchFunction<I, O> function,
      Runnable onStart) {
    this.model = model;
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.padding = padding;
    this.function = function;
    this.queue = new ArrayBlockingQueue<>(capacity);
    // One platform thread per model: predictors are not thread-safe, and one owner keeps it simple.
    this.worker =
        Thread.ofPlatform()
            .daemon()
            .name("simplex-batcher-" + model)
            .start(
                () -> {
                  try {
                    onStart.run();
                  } catch (RuntimeException | LinkageError e) {
                    LOG.warn("model '{}': batcher set-up failed; going on without it", model, e);
                  }
                  loop();
                });
  }

  CompletableFuture<O> submit(I input) {
    return submit(input, Sinks.NONE);
  }

  /**
   * Queues one request; {@code sink} receives streamed pieces of the output, if the model streams.
   */
  CompletableFuture<O> submit(I input, Consumer<String> sink) {
    CompletableFuture<O> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(
          new AiException(AiError.Unavailable, "model '" + model + "' has been shut down"));
    } else if (!queue.offer(new Job<>(input, sink, result, System.nanoTime()))) {
      result.completeExceptionally(
          new AiException(
              AiError.RateLimited,
              "model '"
                  + model
                  + "' has "
                  + queue.size()
                  + " requests queued (the limit); try again later"));
    }
    return result;
  }

  /** Requests waiting or running now: the load this model advertises to other peers. */
  int depth() {
    return queue.size() + running;
  }

  BatchStats stats() {
    return new BatchStats(batches.get(), requests.get(), paddedRows.get(), largestBatch);
  }

  /** The batch size the model sees for {@code n} real requests. */
  static int paddedSize(int n, int maxBatch) {
    int size = 1;
    while (size < n) {
      size = size == 1 ? 4 : size * 2;
    }
    return Math.min(size, maxBatch);
  }

  /**
   * Takes whatever is queued at once (a full batch never waits), then waits for more only until the
   * oldest request of the batch has waited {@code maxWait}: time a request spent queued while the
   * previous batch ran counts, so batch N+1 is collected while batch N runs and leaves as soon as N
   * is done when its first request is already due.
   */
  private void loop() {
    List<Job<I, O>> batch = new ArrayList<>(maxBatch);
    while (!closed) {
      try {
        Job<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        long deadline = first.queuedAt() + maxWaitNanos;
        while (batch.size() < maxBatch) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          Job<I, O> next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
          queue.drainTo(batch, maxBatch - batch.size());
        }
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    failAll(queue);
  }

  private void runBatch(List<Job<I, O>> batch) {
    int padded = padding.isPresent() ? paddedSize(batch.size(), maxBatch) : batch.size();
    List<I> inputs = new ArrayList<>(padded);
    List<Consumer<String>> sinks = new ArrayList<>(padded);
    for (Job<I, O> job : batch) {
      inputs.add(job.input());
      sinks.add(job.sink());
    }
    while (inputs.size() < padded) {
      inputs.add(padding.get());
      sinks.add(Sinks.NONE);
    }
    batches.incrementAndGet();
    running = batch.size();
    requests.addAndGet(batch.size());
    paddedRows.addAndGet(padded - batch.size());
    largestBatch = Math.max(largestBatch, batch.size());
    try {
      List<O> outputs = function.run(inputs, sinks);
      if (outputs.size() != padded) {
        throw new AiException(
            AiError.InvalidOutput,
            "model '"
                + model
                + "' returned "
                + outputs.size()
                + " results for a batch of "
                + padded);
      }
      running = 0; // before completing, so a caller that sees its result sees the depth drop
      complete(List.copyOf(batch), outputs);
    } catch (Exception | Error e) {
      running = 0;
      AiException failure =
          AiException.causeOf(e)
              .orElseGet(
                  () ->
                      new AiException(
                          AiError.Unavailable, "model '" + model + "' failed: " + firstLine(e), e));
      if (failure.getCause() == e) {
        LOG.warn("model '{}' failed on a batch of {}", model, batch.size(), e);
      }
      batch.forEach(job -> job.result().completeExceptionally(failure));
    }
  }

  /**
   * Hands the results to their callers on a virtual thread, so the batcher's thread goes straight
   * on to the next batch: completing a future runs what waits on it and wakes its caller, which for
   * a batch of 32 costs a good part of a small model's forward pass. Woken from a virtual thread,
   * the callers are queued on that carrier without waking another OS thread each.
   */
  private void complete(List<Job<I, O>> jobs, List<O> outputs) {
    Runnable handOut =
        () -> {
          for (int i = 0; i < jobs.size(); i++) {
            jobs.get(i).result().complete(outputs.get(i));
          }
        };
    try {
      Thread.ofVirtual().name("simplex-results-" + model).start(handOut);
    } catch (RuntimeException | OutOfMemoryError noThread) {
      handOut.run(); // no thread to spare: the batcher hands them out itself
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private void failAll(BlockingQueue<Job<I, O>> pending) {
    Job<I, O> job;
    while ((job = pending.poll()) != null) {
      job.result()
          .completeExceptionally(
              new AiException(AiError.Unavailable, "model '" + model + "' has been shut down"));
    }
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(queue);
  }
}
