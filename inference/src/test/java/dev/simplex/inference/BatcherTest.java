package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {

  @Test
  void requestsFromManyVirtualThreadsAreCombinedIntoBatches() throws Exception {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    CountDownLatch firstBatchRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "square",
            8,
            Duration.ofMillis(50),
            1000,
            Optional.of(0),
            (in, sinks) -> {
              sizes.add(in.size());
              firstBatchRunning.countDown();
              release.await();
              return in.stream().map(x -> x * x).toList();
            })) {
      List<CompletableFuture<Integer>> results = new CopyOnWriteArrayList<>();
      results.add(b.submit(1));
      assertTrue(firstBatchRunning.await(10, TimeUnit.SECONDS));
      // While the first batch runs, 40 callers queue up; they must come out in batches of 8.
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 2; i <= 41; i++) {
          int x = i;
          pool.submit(() -> results.add(b.submit(x)));
        }
      }
      release.countDown();
      for (CompletableFuture<Integer> r : results) {
        r.get(10, TimeUnit.SECONDS);
      }
      assertEquals(41, results.size());
      BatchStats stats = b.stats();
      assertEquals(41, stats.requests());
      assertEquals(8, stats.largestBatch());
      assertTrue(stats.batches() <= 1 + 5 + 1, "batches: " + stats.batches() + " sizes " + sizes);
    }
  }

  @Test
  void eachCallerGetsItsOwnResult() throws Exception {
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "neg",
            4,
            Duration.ofMillis(20),
            100,
            Optional.of(0),
            (in, s) -> in.stream().map(x -> -x).toList())) {
      List<CompletableFuture<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        fs.add(b.submit(i));
      }
      for (int i = 0; i < 10; i++) {
        assertEquals(-i, fs.get(i).get(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void batchesArePaddedToFixedSizes() {
    assertEquals(1, Batcher.paddedSize(1, 32));
    assertEquals(4, Batcher.paddedSize(2, 32));
    assertEquals(4, Batcher.paddedSize(4, 32));
    assertEquals(8, Batcher.paddedSize(5, 32));
    assertEquals(32, Batcher.paddedSize(17, 32));
    assertEquals(10, Batcher.paddedSize(9, 10));
  }

  @Test
  void theModelSeesPaddedBatchesButCallersOnlyTheirRows() throws Exception {
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    try (Batcher<String, String> b =
        new Batcher<>(
            "echo",
            8,
            Duration.ofMillis(200),
            100,
            Optional.of("<pad>"),
            (in, s) -> {
              hold.await();
              seen.add(List.copyOf(in));
              return in;
            })) {
      var a = b.submit("a");
      var c = b.submit("c");
      var d = b.submit("d");
      hold.countDown();
      assertEquals("a", a.get(10, TimeUnit.SECONDS));
      assertEquals("d", d.get(10, TimeUnit.SECONDS));
      assertEquals("c", c.get(10, TimeUnit.SECONDS));
      int rows = seen.stream().mapToInt(List::size).sum();
      assertTrue(seen.stream().allMatch(l -> List.of(1, 4, 8).contains(l.size())), seen.toString());
      assertEquals(rows - 3, b.stats().paddedRows());
    }
  }

  @Test
  void aFullBatchLeavesWithoutWaitingForMaxWait() throws Exception {
    // With an hour of max wait, these callers get answers only if a full batch runs at once.
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "full",
            4,
            Duration.ofHours(1),
            100,
            Optional.of(0),
            (in, s) -> {
              sizes.add(in.size());
              return in.stream().map(x -> x + 1).toList();
            })) {
      List<CompletableFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(b.submit(i));
      }
      for (int i = 0; i < 8; i++) {
        assertEquals(i + 1, results.get(i).get(30, TimeUnit.SECONDS));
      }
      assertEquals(List.of(4, 4), sizes);
    }
  }

  @Test
  void theStartHookRunsOnTheBatchersThreadBeforeTheFirstBatch() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "hooked",
            1,
            Duration.ZERO,
            10,
            Optional.of(0),
            (in, s) -> {
              threads.add("batch on " + Thread.currentThread().getName());
              return in;
            },
            () -> threads.add("start on " + Thread.currentThread().getName()))) {
      assertEquals(7, b.submit(7).get(10, TimeUnit.SECONDS));
      assertEquals(
          List.of("start on simplex-batcher-hooked", "batch on simplex-batcher-hooked"), threads);
    }
  }

  @Test
  void aFailingStartHookDoesNotStopTheBatcher() throws Exception {
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "badhook",
            1,
            Duration.ZERO,
            10,
            Optional.of(0),
            (in, s) -> in,
            () -> {
              throw new IllegalStateException("no engine");
            })) {
      assertEquals(3, b.submit(3).get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void fullQueueAnswersRateLimited() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "slow",
            1,
            Duration.ZERO,
            2,
            Optional.of(0),
            (in, s) -> {
              running.countDown();
              release.await();
              return in;
            })) {
      var first = b.submit(1);
      assertTrue(running.await(10, TimeUnit.SECONDS));
      var queued1 = b.submit(2);
      var queued2 = b.submit(3);
      var refused = b.submit(4);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
      assertEquals(AiError.RateLimited, ((AiException) e.getCause()).error());
      release.countDown();
      assertEquals(1, first.get(10, TimeUnit.SECONDS));
      assertEquals(3, queued2.get(10, TimeUnit.SECONDS));
      assertEquals(2, queued1.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aFailingBatchFailsEveryCallerWithAnAiErrorAndTheBatcherGoesOn() throws Exception {
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "flaky",
            4,
            Duration.ofMillis(5),
            100,
            Optional.of(0),
            (in, s) -> {
              if (in.contains(13)) {
                throw new IllegalStateException("unlucky");
              }
              return in;
            })) {
      var bad = b.submit(13);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
      AiException ai = (AiException) e.getCause();
      assertEquals(AiError.Unavailable, ai.error());
      assertTrue(ai.getMessage().contains("unlucky"));
      assertEquals(7, b.submit(7).get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void wrongNumberOfOutputsIsInvalidOutput() {
    try (Batcher<Integer, Integer> b =
        new Batcher<>("short", 1, Duration.ZERO, 10, Optional.of(0), (in, s) -> List.of())) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> b.submit(1).get(10, TimeUnit.SECONDS));
      assertEquals(AiError.InvalidOutput, ((AiException) e.getCause()).error());
    }
  }

  @Test
  void submitAfterCloseIsUnavailable() {
    Batcher<Integer, Integer> b =
        new Batcher<>("gone", 1, Duration.ZERO, 10, Optional.of(0), (in, s) -> in);
    b.close();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> b.submit(1).get(10, TimeUnit.SECONDS));
    assertEquals(AiError.Unavailable, ((AiException) e.getCause()).error());
  }

  @Test
  void withoutPaddingTheModelSeesOnlyRealRequests() throws Exception {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    try (Batcher<Integer, Integer> b =
        new Batcher<>(
            "remote",
            8,
            Duration.ofMillis(200),
            100,
            Optional.empty(),
            (in, s) -> {
              hold.await();
              sizes.add(in.size());
              return in;
            })) {
      var fs = List.of(b.submit(1), b.submit(2), b.submit(3));
      hold.countDown();
      for (var f : fs) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertEquals(3, sizes.stream().mapToInt(Integer::intValue).sum());
      assertEquals(0, b.stats().paddedRows());
    }
  }
}
