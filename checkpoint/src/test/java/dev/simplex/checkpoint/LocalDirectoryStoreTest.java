package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryStoreTest {
  @TempDir Path dir;
  private final List<Corruption> reported = new CopyOnWriteArrayList<>();

  private LocalDirectoryStore open(int keepLast) throws IOException {
    return LocalDirectoryStore.open(
        dir, StoreOptions.defaults().withKeepLast(keepLast).withCorruptionListener(reported::add));
  }

  static Checkpoint bank(String actor, long seq, SnapshotValue fields) {
    return Checkpoint.ofFields(
        actor, SnapshotValues.hash(1), seq, Instant.ofEpochSecond(1_700_000_000L + seq), fields);
  }

  private Path manifestFile(LocalDirectoryStore s, String actor, long seq) {
    return s.file(StoreLayout.manifest(actor, seq));
  }

  private Manifest manifest(LocalDirectoryStore s, String actor, long seq) throws IOException {
    Path p = manifestFile(s, actor, seq);
    return Manifest.decode(Files.readAllBytes(p), p.toString());
  }

  @Test
  void storedCheckpointIsReadBackAsLatest() throws Exception {
    try (var s = open(3)) {
      Checkpoint c = CheckpointCodecTest.full("bank-1", 1);
      s.put(c);
      assertEquals(Optional.of(c), s.latest("bank-1"));
      assertEquals(Optional.of(c), s.read("bank-1", 1));
      assertEquals(Optional.empty(), s.latest("nobody"));
    }
  }

  @Test
  void highestSequenceWinsWhateverTheWriteOrder() throws Exception {
    try (var s = open(5)) {
      s.put(bank("a", 1, SnapshotValue.of(1)));
      s.put(bank("a", 3, SnapshotValue.of(3)));
      s.put(bank("a", 2, SnapshotValue.of(2)));
      assertEquals(3, s.latest("a").orElseThrow().sequence());
    }
  }

  @Test
  void changingOneFieldOfAMegabyteStateWritesUnderTenPercentAgain() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(12_000, 1);
    try (var s = open(3)) {
      EncodedCheckpoint first = bank("bank", 1, state).encode();
      assertTrue(first.size() > 1_000_000, "state is about 1 MB: " + first.size());
      long before = s.bytesWritten();
      StoreReceipt r1 = s.put(first);
      long firstBytes = s.bytesWritten() - before;
      StoreReceipt r2 = s.put(bank("bank", 2, SnapshotValues.withBalance(state, 6_000, 42)));
      long secondBytes = s.bytesWritten() - before - firstBytes;
      assertEquals(firstBytes, r1.bytesWritten());
      assertEquals(secondBytes, r2.bytesWritten());
      assertTrue(
          secondBytes * 10 < firstBytes,
          "second checkpoint wrote " + secondBytes + " bytes, first " + firstBytes);
      assertTrue(
          r2.chunksWritten() <= 4,
          "chunks rewritten: " + r2.chunksWritten() + " of " + r2.chunks());
      System.out.printf(
          "1 MB state: encoded %d bytes in %d chunks; first put wrote %d bytes, one-field change wrote %d bytes (%d chunks)%n",
          first.size(), r1.chunks(), firstBytes, secondBytes, r2.chunksWritten());
      assertEquals(
          SnapshotValues.withBalance(state, 6_000, 42), s.latest("bank").orElseThrow().fields());
    }
  }

  @Test
  void identicalCheckpointWritesOnlyItsManifest() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValues.accounts(500, 2)));
      StoreReceipt r = s.put(bank("a", 1, SnapshotValues.accounts(500, 2)));
      assertEquals(0, r.chunksWritten());
      assertEquals(Files.size(manifestFile(s, "a", 1)), r.bytesWritten());
    }
  }

  @Test
  void bitFlippedChunkIsReportedAndThePreviousCheckpointIsUsed() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(2_000, 3);
    try (var s = open(3)) {
      s.put(bank("a", 1, state));
      s.put(bank("a", 2, SnapshotValues.withBalance(state, 1_000, 7)));
      var old = new HashSet<String>();
      manifest(s, "a", 1).chunks().forEach(c -> old.add(c.hash()));
      String fresh =
          manifest(s, "a", 2).chunks().stream()
              .map(Manifest.ChunkRef::hash)
              .filter(h -> !old.contains(h))
              .findFirst()
              .orElseThrow();
      Path chunk = s.file(StoreLayout.chunk(fresh));
      byte[] b = Files.readAllBytes(chunk);
      b[b.length / 2] ^= 0x10;
      Files.write(chunk, b);

      Checkpoint latest = s.latest("a").orElseThrow();
      assertEquals(1, latest.sequence());
      assertEquals(state, latest.fields());
      assertEquals(1, reported.size());
      Corruption c = reported.get(0);
      assertEquals("a", c.actorId());
      assertEquals(2, c.sequence());
      assertEquals("chunks/" + fresh.substring(0, 2) + "/" + fresh + ".zst", c.location());
    }
  }

  @Test
  void truncatedManifestIsReportedAndThePreviousCheckpointIsUsed() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValue.of("one")));
      s.put(bank("a", 2, SnapshotValue.of("two")));
      Path m = manifestFile(s, "a", 2);
      byte[] b = Files.readAllBytes(m);
      Files.write(m, java.util.Arrays.copyOf(b, b.length - 5));

      assertEquals(SnapshotValue.of("one"), s.latest("a").orElseThrow().fields());
      assertEquals(1, reported.size());
      assertEquals("actors/a/00000000000000000002.manifest", reported.get(0).location());
      assertTrue(
          reported.get(0).problem().contains("fails its checksum"), reported.get(0).problem());
    }
  }

  @Test
  void missingChunkIsReportedNotThrown() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValue.of("only")));
      Files.delete(s.file(StoreLayout.chunk(manifest(s, "a", 1).chunks().get(0).hash())));
      assertEquals(Optional.empty(), s.latest("a"));
      assertTrue(reported.get(0).problem().contains("missing"), reported.get(0).problem());
    }
  }

  @Test
  void manifestCopiedUnderAnotherSequenceIsNotBelieved() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValue.of("one")));
      Files.copy(manifestFile(s, "a", 1), manifestFile(s, "a", 9));
      assertEquals(1, s.latest("a").orElseThrow().sequence());
      assertTrue(reported.get(0).problem().contains("manifest is for actor a sequence 1"));
    }
  }

  @Test
  void garbageBytesInEveryFileNeverEscapeAsUncheckedExceptions() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValues.accounts(300, 4)));
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p :
            files
                .filter(p -> p.toString().endsWith(".zst") || p.toString().endsWith(".manifest"))
                .toList()) {
          Files.write(p, new byte[] {1, 2, 3});
        }
      }
      assertEquals(Optional.empty(), s.latest("a"));
      assertEquals(List.of(), s.list());
      assertFalse(s.verify().isEmpty());
    }
  }

  @Test
  void retentionKeepsTheNewestSequencesAndGarbageCollectionFreesTheirChunks() throws Exception {
    try (var s = open(2)) {
      for (int i = 1; i <= 4; i++) {
        s.put(bank("a", i, SnapshotValues.accounts(400, 100 + i)));
      }
      assertEquals(List.of(3L, 4L), s.list().stream().map(CheckpointInfo::sequence).toList());
      var live = new HashSet<String>();
      for (long seq : List.of(3L, 4L)) {
        manifest(s, "a", seq).chunks().forEach(c -> live.add(c.hash()));
      }
      var report = s.collectGarbage();
      assertTrue(report.chunksDeleted() > 0 && report.bytesFreed() > 0, report.toString());
      var remaining = new HashSet<String>();
      for (Path p : s.chunkFiles()) {
        remaining.add(p.getFileName().toString().replace(".zst", ""));
      }
      assertEquals(live, remaining);
      assertEquals(4, s.latest("a").orElseThrow().sequence());
      assertEquals(List.of(), s.verify());
    }
  }

  @Test
  void listShowsActorSequenceSizeAndTime() throws Exception {
    try (var s = open(3)) {
      EncodedCheckpoint e = bank("b", 5, SnapshotValue.of("x")).encode();
      s.put(e);
      s.put(bank("a", 1, SnapshotValue.of("y")));
      List<CheckpointInfo> list = s.list();
      assertEquals(List.of("a", "b"), list.stream().map(CheckpointInfo::actorId).toList());
      CheckpointInfo b = list.get(1);
      assertEquals(5, b.sequence());
      assertEquals(e.size(), b.size());
      assertEquals(Instant.ofEpochSecond(1_700_000_005L), b.wallTime());
    }
  }

  @Test
  void actorIdsWithPathCharactersStayInsideTheStore() throws Exception {
    var ids = List.of("../../etc/passwd", "a/b", ".hidden", "ünïcødé actor", "x".repeat(600));
    try (var s = open(3)) {
      for (String id : ids) {
        s.put(bank(id, 1, SnapshotValue.of(id)));
      }
      for (String id : ids) {
        assertEquals(SnapshotValue.of(id), s.latest(id).orElseThrow().fields());
      }
      try (Stream<Path> dirs = Files.list(dir.resolve("actors"))) {
        assertEquals(ids.size(), dirs.count());
      }
      assertFalse(Files.exists(dir.getParent().resolve("etc")));
    }
  }

  @Test
  void leftoverTempFilesFromACrashAreIgnoredAndRemovedOnOpen() throws Exception {
    try (var s = open(3)) {
      s.put(bank("a", 1, SnapshotValue.of("good")));
    }
    // a crash in the middle of writing sequence 2's manifest
    Path torn = dir.resolve("actors/a/.00000000000000000002.manifest.1234.tmp");
    Files.write(torn, new byte[] {'S', 'X'});
    try (var s = open(3)) {
      assertFalse(Files.exists(torn));
      assertEquals(1, s.latest("a").orElseThrow().sequence());
      assertEquals(List.of(), reported);
    }
  }

  @Test
  void damagedChunkIsRepairedByALaterCheckpointWithTheSameBytes() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(400, 5);
    try (var s = open(3)) {
      s.put(bank("a", 1, state));
    }
    String hash;
    try (var s = open(3)) {
      hash = manifest(s, "a", 1).chunks().get(1).hash();
      Files.write(s.file(StoreLayout.chunk(hash)), new byte[] {9, 9, 9});
      StoreReceipt r = s.put(bank("a", 1, state));
      assertEquals(1, r.chunksWritten());
      assertEquals(List.of(), s.verify());
    }
  }

  @Test
  void secondStoreOnTheSameDirectoryIsRefused() throws Exception {
    try (var s = open(3)) {
      var e = assertThrows(IOException.class, () -> LocalDirectoryStore.open(dir));
      assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    }
    LocalDirectoryStore.open(dir).close(); // free again after close
  }

  @Test
  void directoryOfAnotherFormatIsRefused() throws Exception {
    Files.writeString(dir.resolve("layout"), "something else\n");
    var e = assertThrows(CheckpointFormatException.class, () -> LocalDirectoryStore.open(dir));
    assertTrue(e.getMessage().contains("not a checkpoint store"), e.getMessage());
  }

  @Test
  void keepingFewerThanOneCheckpointIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> StoreOptions.defaults().withKeepLast(0));
  }

  @Test
  void closedStoreSaysSo() throws Exception {
    var s = open(3);
    s.close();
    var e = assertThrows(IllegalStateException.class, () -> s.latest("a"));
    assertTrue(e.getMessage().contains("is closed"));
  }

  @Test
  void concurrentPutsAndGarbageCollectionLeaveEveryLatestCheckpointIntact() throws Exception {
    try (var s = open(2)) {
      var stop = new java.util.concurrent.atomic.AtomicBoolean();
      var collector =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        s.collectGarbage();
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  });
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int a = 0; a < 4; a++) {
          String actor = "actor-" + a;
          SnapshotValue base = SnapshotValues.accounts(300, 50); // shared chunks across actors
          futures.add(
              pool.submit(
                  () -> {
                    for (int seq = 1; seq <= 10; seq++) {
                      s.put(bank(actor, seq, SnapshotValues.withBalance(base, seq * 20, seq)));
                    }
                    return null;
                  }));
        }
        for (var f : futures) {
          f.get();
        }
      } finally {
        stop.set(true);
        collector.join();
      }
      s.collectGarbage();
      for (int a = 0; a < 4; a++) {
        assertEquals(10, s.latest("actor-" + a).orElseThrow().sequence());
      }
      assertEquals(List.of(), s.verify());
      assertEquals(List.of(), reported);
    }
  }

  @Test
  void chunksAreSharedBetweenActorsWithEqualContent() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(1_000, 6);
    try (var s = open(3)) {
      StoreReceipt first = s.put(bank("a", 1, state));
      StoreReceipt second = s.put(bank("b", 1, state));
      // only the chunk holding the header (actor id) differs
      assertTrue(second.chunksWritten() <= 2, second.toString());
      assertTrue(first.chunksWritten() > 5, first.toString());
      var all = new ArrayList<>(s.list());
      assertEquals(2, all.size());
    }
  }
}
