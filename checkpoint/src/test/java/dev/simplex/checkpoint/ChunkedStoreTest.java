package dev.simplex.checkpoint;

import static dev.simplex.checkpoint.LocalDirectoryStoreTest.bank;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chunk store's rules for stores that several peers share, on a clock the test moves. */
class ChunkedStoreTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final MemoryObjectStore objects = new MemoryObjectStore(clock);
  private final SnapshotValue state = SnapshotValues.accounts(1_500, 9);

  private ChunkedStore open(int keepLast) throws Exception {
    return ChunkedStore.open(
        objects,
        StoreOptions.shared().withKeepLast(keepLast).withChunkGrace(Duration.ofHours(1)),
        clock);
  }

  private Set<String> chunksOf(String actor, long seq) throws Exception {
    String name = StoreLayout.manifest(actor, seq);
    var out = new HashSet<String>();
    Manifest.decode(objects.get(name, 1 << 20).orElseThrow(), name)
        .chunks()
        .forEach(c -> out.add(StoreLayout.chunk(c.hash())));
    return out;
  }

  @Test
  void unreferencedChunksSurviveCollectionUntilTheGraceHasPassed() throws Exception {
    try (var s = open(1)) {
      s.put(bank("a", 1, state));
      Set<String> first = chunksOf("a", 1);
      s.put(bank("a", 2, SnapshotValues.accounts(1_500, 10))); // retention drops sequence 1
      Set<String> orphans = new HashSet<>(first);
      orphans.removeAll(chunksOf("a", 2));
      assertTrue(orphans.size() > 3, orphans.toString());

      assertEquals(new ChunkedStore.GarbageReport(0, 0), s.collectGarbage());
      now = now.plus(Duration.ofMinutes(61));
      assertEquals(orphans.size(), s.collectGarbage().chunksDeleted());
      for (String o : orphans) {
        assertTrue(objects.get(o, 1 << 20).isEmpty(), o);
      }
      assertEquals(2, s.latest("a").orElseThrow().sequence());
      assertEquals(List.of(), s.verify());
    }
  }

  @Test
  void aChunkReusedAfterHalfTheGraceIsUploadedAgainSoNoCollectorTakesIt() throws Exception {
    try (var s = open(3)) {
      StoreReceipt first = s.put(bank("a", 1, state));
      now = now.plus(Duration.ofMinutes(20));
      // recently written chunks are trusted; only the one holding the header (sequence) is new
      assertEquals(1, s.put(bank("a", 2, state)).chunksWritten());
      now = now.plus(Duration.ofMinutes(15)); // 35 minutes since the chunks were written
      StoreReceipt third = s.put(bank("a", 3, state));
      assertEquals(first.chunks(), third.chunksWritten());
      for (String c : chunksOf("a", 3)) {
        assertEquals(now, objects.modified(c), c);
      }
    }
  }

  @Test
  void aStoreThatNeverSawAChunkUploadsItRatherThanTrustItsUnknownAge() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, state));
    }
    try (var other = open(3)) {
      StoreReceipt r = other.put(bank("b", 1, state));
      assertEquals(r.chunks(), r.chunksWritten());
    }
  }

  @Test
  void negativeGraceOrNoListenerIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> StoreOptions.defaults().withChunkGrace(Duration.ofSeconds(-1)));
    assertThrows(
        NullPointerException.class, () -> StoreOptions.defaults().withCorruptionListener(null));
  }
}
