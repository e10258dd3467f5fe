package dev.simplex.peer.cli;

import static dev.simplex.peer.cli.CliTest.simplex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.LocalDirectoryStore;
import dev.simplex.checkpoint.SnapshotValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCommandTest {
  @TempDir Path dir;

  static final CodeHash COUNTER = CodeHash.ofHex("ab".repeat(32));

  private Path storeWithTwoActors() throws IOException {
    Path data = dir.resolve("data");
    try (LocalDirectoryStore store = LocalDirectoryStore.open(DataDir.checkpoints(data))) {
      store.put(
          Checkpoint.ofFields("counter-1", COUNTER, 1, Instant.EPOCH, new SnapshotValue.I64(1)));
      store.put(
          Checkpoint.ofFields("counter-1", COUNTER, 2, Instant.EPOCH, new SnapshotValue.I64(2)));
      store.put(
          Checkpoint.ofFields("counter-2", COUNTER, 7, Instant.EPOCH, new SnapshotValue.Str("x")));
    }
    return data;
  }

  @Test
  void listShowsEveryCheckpointWithSequenceAndSize() throws IOException {
    Path data = storeWithTwoActors();
    CliTest.Outcome o = simplex("checkpoint", "list", "--data", data.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().startsWith("ACTOR"), o.out());
    assertTrue(o.out().matches("(?s).*counter-1 +2 .*"), o.out());
    assertTrue(o.out().matches("(?s).*counter-2 +7 .*"), o.out());
  }

  @Test
  void exportThenImportRestoresTheSameLatestCheckpoints() throws IOException {
    Path data = storeWithTwoActors();
    Path archive = dir.resolve("backup.tar.zst");
    assertEquals(
        0,
        simplex("checkpoint", "export", "--data", data.toString(), "-o", archive.toString())
            .exit());
    Path copy = dir.resolve("copy");
    CliTest.Outcome imported =
        simplex("checkpoint", "import", archive.toString(), "--data", copy.toString());
    assertEquals(0, imported.exit(), imported.err());
    try (LocalDirectoryStore store = LocalDirectoryStore.open(DataDir.checkpoints(copy))) {
      assertEquals(new SnapshotValue.I64(2), store.latest("counter-1").orElseThrow().fields());
      assertEquals(new SnapshotValue.Str("x"), store.latest("counter-2").orElseThrow().fields());
    }
    assertEquals(
        simplex("checkpoint", "list", "--data", data.toString()).out(),
        simplex("checkpoint", "list", "--data", copy.toString()).out());
  }

  @Test
  void aCorruptArchiveIsRejectedWithAMessage() throws IOException {
    Path archive = dir.resolve("junk.tar.zst");
    Files.writeString(archive, "not an archive");
    CliTest.Outcome o =
        simplex("checkpoint", "import", archive.toString(), "--data", dir.resolve("x").toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().startsWith("error: cannot import " + archive), o.err());
  }

  @Test
  void listingADirectoryWithoutAStoreSaysSo() {
    CliTest.Outcome o = simplex("checkpoint", "list", "--data", dir.resolve("nothing").toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().contains("no checkpoint store"), o.err());
  }
}
