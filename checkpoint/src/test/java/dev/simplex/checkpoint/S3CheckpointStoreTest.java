package dev.simplex.checkpoint;

import static dev.simplex.checkpoint.LocalDirectoryStoreTest.bank;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.s3.S3Config;
import dev.simplex.checkpoint.s3.S3Exception;
import dev.simplex.checkpoint.s3.S3ObjectStore;
import dev.simplex.checkpoint.s3.S3Server;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in an S3-compatible bucket (s3proxy on loopback), written and read by two peers. */
class S3CheckpointStoreTest {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static S3Server server;

  private final List<Corruption> reported = new CopyOnWriteArrayList<>();
  private final S3Config config =
      server.config("checkpoints", "swarm" + PREFIXES.incrementAndGet() + "/");

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start("checkpoints");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** A store as one peer opens it: its own HTTP client on the shared bucket and prefix. */
  private ChunkedStore peer() throws Exception {
    return ChunkedStore.open(
        S3ObjectStore.open(config), StoreOptions.shared().withCorruptionListener(reported::add));
  }

  private static Manifest manifest(ChunkedStore s, String actor, long seq) throws Exception {
    String name = StoreLayout.manifest(actor, seq);
    return Manifest.decode(s.objects().get(name, 1 << 20).orElseThrow(), name);
  }

  @Test
  void checkpointsRoundTripThroughTheBucket() throws Exception {
    try (var s = peer()) {
      Checkpoint c = CheckpointCodecTest.full("bank-1", 1);
      StoreReceipt r = s.put(c);
      assertEquals(r.chunks(), r.chunksWritten());
      assertEquals(Optional.of(c), s.latest("bank-1"));
      assertEquals(Optional.of(c), s.read("bank-1", 1));
      assertEquals(Optional.empty(), s.read("bank-1", 2));
      assertEquals(Optional.empty(), s.latest("nobody"));
      assertEquals(List.of("bank-1"), s.list().stream().map(CheckpointInfo::actorId).toList());
      assertEquals(List.of(), s.verify());
    }
  }

  @Test
  void anotherPeerReadsTheLatestCheckpointAfterTheWriterIsGone() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(3_000, 7);
    try (var writer = peer()) {
      writer.put(bank("acct", 1, state));
      writer.put(bank("acct", 2, SnapshotValues.withBalance(state, 10, 99)));
    }
    try (var reader = peer()) {
      Checkpoint latest = reader.latest("acct").orElseThrow();
      assertEquals(2, latest.sequence());
      assertEquals(SnapshotValues.withBalance(state, 10, 99), latest.fields());
      assertEquals(List.of(1L, 2L), reader.list().stream().map(CheckpointInfo::sequence).toList());
    }
    assertEquals(List.of(), reported);
  }

  @Test
  void changingOneFieldUploadsOnlyTheChunksAroundIt() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(12_000, 1);
    try (var s = peer()) {
      StoreReceipt first = s.put(bank("bank", 1, state));
      int chunkObjects = s.chunkObjects().size();
      StoreReceipt second = s.put(bank("bank", 2, SnapshotValues.withBalance(state, 6_000, 42)));
      assertEquals(first.chunks(), first.chunksWritten());
      assertTrue(second.chunksWritten() <= 4, second.toString());
      assertTrue(second.bytesWritten() * 10 < first.bytesWritten(), first + " then " + second);
      assertEquals(chunkObjects + second.chunksWritten(), s.chunkObjects().size());
      System.out.printf(
          "S3: 1 MB state in %d chunks uploaded %d bytes; one-field change uploaded %d bytes (%d chunks)%n",
          first.chunks(), first.bytesWritten(), second.bytesWritten(), second.chunksWritten());
    }
  }

  @Test
  void corruptedChunkObjectFallsBackToThePreviousSequence() throws Exception {
    SnapshotValue state = SnapshotValues.accounts(2_000, 3);
    String fresh;
    try (var writer = peer()) {
      writer.put(bank("a", 1, state));
      writer.put(bank("a", 2, SnapshotValues.withBalance(state, 1_000, 7)));
      var old = new HashSet<String>();
      manifest(writer, "a", 1).chunks().forEach(c -> old.add(c.hash()));
      fresh =
          manifest(writer, "a", 2).chunks().stream()
              .map(Manifest.ChunkRef::hash)
              .filter(h -> !old.contains(h))
              .findFirst()
              .orElseThrow();
      String name = StoreLayout.chunk(fresh);
      byte[] b = writer.objects().get(name, 1 << 20).orElseThrow();
      b[b.length / 2] ^= 0x10;
      writer.objects().put(name, b);
    }
    try (var reader = peer()) {
      Checkpoint latest = reader.latest("a").orElseThrow();
      assertEquals(1, latest.sequence());
      assertEquals(state, latest.fields());
    }
    assertEquals(1, reported.size());
    assertEquals(2, reported.get(0).sequence());
    assertEquals(StoreLayout.chunk(fresh), reported.get(0).location());
  }

  @Test
  void truncatedOrMissingObjectsAreReportedNotThrown() throws Exception {
    try (var s = peer()) {
      s.put(bank("a", 1, SnapshotValue.of("one")));
      s.put(bank("a", 2, SnapshotValue.of("two")));
      s.put(bank("b", 1, SnapshotValue.of("only")));
      String m = StoreLayout.manifest("a", 2);
      byte[] bytes = s.objects().get(m, 1 << 20).orElseThrow();
      s.objects().put(m, java.util.Arrays.copyOf(bytes, bytes.length - 5));
      s.objects().delete(StoreLayout.chunk(manifest(s, "b", 1).chunks().get(0).hash()));

      assertEquals(SnapshotValue.of("one"), s.latest("a").orElseThrow().fields());
      assertEquals(Optional.empty(), s.latest("b"));
      assertEquals(2, reported.size());
      assertTrue(reported.get(0).problem().contains("fails its checksum"), reported.toString());
      assertTrue(reported.get(1).problem().contains("missing"), reported.toString());
    }
  }

  @Test
  void aBucketBackupImportsIntoALocalDirectory(@TempDir Path tmp) throws Exception {
    Checkpoint c = CheckpointCodecTest.full("exported", 4);
    try (var s = peer()) {
      s.put(c);
      s.exportArchive(tmp.resolve("backup.tar.zst"));
    }
    LocalDirectoryStore.importArchive(tmp.resolve("backup.tar.zst"), tmp.resolve("restored"));
    try (var local = LocalDirectoryStore.open(tmp.resolve("restored"))) {
      assertEquals(Optional.of(c), local.latest("exported"));
    }
  }

  @Test
  void wrongCredentialsFailWhenTheStoreOpensNamingTheSettings() {
    S3Config wrong = config.withCredentials(S3Server.ACCESS_KEY, "wrong-secret");
    var e =
        assertThrows(
            S3Exception.class,
            () -> ChunkedStore.open(S3ObjectStore.open(wrong), StoreOptions.shared()));
    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains(S3Config.KEY_SECRET_KEY), e.getMessage());
    assertTrue(e.getMessage().contains(config.location()), e.getMessage());
  }

  @Test
  void prefixHoldingSomethingElseIsRefused() throws Exception {
    try (var objects = S3ObjectStore.open(config)) {
      objects.put("layout", "my-other-app 7\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> ChunkedStore.open(S3ObjectStore.open(config), StoreOptions.shared()));
    assertTrue(e.getMessage().contains("not a checkpoint store"), e.getMessage());
  }
}
