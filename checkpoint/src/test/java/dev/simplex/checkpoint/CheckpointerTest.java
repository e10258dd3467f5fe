package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
  @TempDir Path dir;
  private LocalDirectoryStore local;
  private GatedStore store;

  @BeforeEach
  void open() throws IOException {
    local = LocalDirectoryStore.open(dir, StoreOptions.defaults().withKeepLast(10));
    store = new GatedStore(local);
  }

  @AfterEach
  void close() throws IOException {
    local.close();
  }

  private static Checkpoint cp(String actor, long seq) {
    return LocalDirectoryStoreTest.bank(actor, seq, SnapshotValue.of("state " + seq));
  }

  @Test
  void futureCompletesWhenTheCheckpointIsDurable() throws Exception {
    try (var c = new Checkpointer(store)) {
      StoreReceipt r = c.checkpoint(cp("a", 1)).get();
      assertEquals(1, r.sequence());
      assertEquals(cp("a", 1), local.latest("a").orElseThrow());
    }
  }

  @Test
  void checkpointsWaitingBehindASlowWriteCollapseIntoTheNewest() throws Exception {
    store.hold("a", 1);
    try (var c = new Checkpointer(store)) {
      var f1 = c.checkpoint(cp("a", 1));
      store.awaitArrival("a", 1);
      var f2 = c.checkpoint(cp("a", 2));
      var f3 = c.checkpoint(cp("a", 3));
      assertFalse(f2.isDone());
      store.open("a", 1);
      assertEquals(1, f1.get().sequence());
      assertEquals(
          3, f2.get().sequence(), "superseded checkpoint completes with the newer receipt");
      assertEquals(3, f3.get().sequence());
      assertEquals(List.of("a#1", "a#3"), store.puts);
    }
  }

  @Test
  void checkpointsOfOneActorReachTheStoreInSequenceOrder() throws Exception {
    try (var c = new Checkpointer(store)) {
      CompletableFuture<?> last = null;
      for (int i = 1; i <= 50; i++) {
        last = c.checkpoint(cp("a", i));
      }
      last.get();
      long previous = 0;
      for (String put : store.puts) {
        long seq = Long.parseLong(put.substring(2));
        assertTrue(seq > previous, "order " + store.puts);
        previous = seq;
      }
      assertEquals(50, previous);
    }
  }

  @Test
  void aSlowActorDoesNotHoldUpOthers() throws Exception {
    store.hold("slow", 1);
    try (var c = new Checkpointer(store)) {
      var slow = c.checkpoint(cp("slow", 1));
      store.awaitArrival("slow", 1);
      assertEquals(1, c.checkpoint(cp("fast", 1)).get().sequence());
      assertFalse(slow.isDone());
      store.open("slow", 1);
      slow.get();
    }
  }

  @Test
  void staleSequenceIsRefusedWithTheActorNamed() throws Exception {
    try (var c = new Checkpointer(store)) {
      c.checkpoint(cp("a", 5)).get();
      var e = assertThrows(IllegalArgumentException.class, () -> c.checkpoint(cp("a", 5)));
      assertEquals("actor a: checkpoint sequence 5 is not newer than 5", e.getMessage());
    }
  }

  @Test
  void latestSeesTheBufferedCheckpointBeforeItIsDurable() throws Exception {
    store.hold("a", 2);
    try (var c = new Checkpointer(store)) {
      c.checkpoint(cp("a", 1)).get();
      var f2 = c.checkpoint(cp("a", 2));
      store.awaitArrival("a", 2);
      assertEquals(2, c.latest("a").orElseThrow().sequence());
      assertEquals(1, local.latest("a").orElseThrow().sequence());
      store.open("a", 2);
      f2.get();
      assertEquals(2, c.latest("a").orElseThrow().sequence());
    }
  }

  @Test
  void storeFailureFailsTheFutureAndLaterCheckpointsStillPersist() throws Exception {
    try (var c = new Checkpointer(store)) {
      store.failWith = new IOException("disk full");
      var e = assertThrows(ExecutionException.class, () -> c.checkpoint(cp("a", 1)).get());
      assertInstanceOf(IOException.class, e.getCause());
      assertEquals("disk full", e.getCause().getMessage());
      store.failWith = null;
      assertEquals(2, c.checkpoint(cp("a", 2)).get().sequence());
    }
  }

  @Test
  void crashBeforeTheStoreWriteLosesOnlyTheUnacknowledgedCheckpoint() throws Exception {
    store.hold("a", 2);
    var c = new Checkpointer(store);
    c.checkpoint(cp("a", 1)).get(); // acknowledged
    var lost = c.checkpoint(cp("a", 2));
    store.awaitArrival("a", 2);
    local.close(); // the process dies here: sequence 2 never reached the disk
    try (var restarted = LocalDirectoryStore.open(dir)) {
      assertEquals(cp("a", 1), restarted.latest("a").orElseThrow());
    }
    store.open("a", 2);
    assertThrows(ExecutionException.class, lost::get); // the old store is gone
    c.close();
  }

  @Test
  void closeWaitsForAcceptedCheckpointsAndThenRefusesNewOnes() throws Exception {
    var c = new Checkpointer(store);
    for (int i = 1; i <= 5; i++) {
      c.checkpoint(cp("a" + i, 1));
    }
    c.close();
    for (int i = 1; i <= 5; i++) {
      assertTrue(local.latest("a" + i).isPresent());
    }
    assertThrows(IllegalStateException.class, () -> c.checkpoint(cp("b", 1)));
  }
}
