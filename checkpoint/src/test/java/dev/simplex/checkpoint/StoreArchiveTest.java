package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreArchiveTest {
  @TempDir Path tmp;

  private Path populatedStoreArchive() throws IOException {
    Path source = tmp.resolve("source");
    try (var s = LocalDirectoryStore.open(source)) {
      s.put(CheckpointCodecTest.full("alpha", 1));
      s.put(CheckpointCodecTest.full("alpha", 2));
      s.put(LocalDirectoryStoreTest.bank("beta", 7, SnapshotValues.accounts(2_000, 9)));
      Path archive = tmp.resolve("backup.tar.zst");
      s.exportArchive(archive);
      return archive;
    }
  }

  @Test
  void exportedStoreImportsElsewhereWithTheSameLatestCheckpoints() throws Exception {
    Path archive = populatedStoreArchive();
    Path target = tmp.resolve("restored");
    LocalDirectoryStore.importArchive(archive, target);
    try (var source = LocalDirectoryStore.open(tmp.resolve("source"));
        var restored = LocalDirectoryStore.open(target)) {
      assertEquals(source.list(), restored.list());
      for (String actor : List.of("alpha", "beta")) {
        assertEquals(source.latest(actor), restored.latest(actor));
      }
      assertEquals(CheckpointCodecTest.full("alpha", 2), restored.latest("alpha").orElseThrow());
      assertEquals(List.of(), restored.verify());
    }
  }

  @Test
  void importIntoANonEmptyDirectoryIsRefused() throws Exception {
    Path archive = populatedStoreArchive();
    Path target = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    var e =
        assertThrows(IOException.class, () -> LocalDirectoryStore.importArchive(archive, target));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("mine", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void truncatedArchiveIsRejectedAndLeavesNothingBehind() throws Exception {
    Path archive = populatedStoreArchive();
    byte[] b = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(b, b.length * 2 / 3));
    Path target = tmp.resolve("restored");
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> LocalDirectoryStore.importArchive(archive, target));
    assertTrue(e.getMessage().contains("backup.tar.zst"), e.getMessage());
    assertFalse(Files.exists(target));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(
          List.of("backup.tar.zst", "source"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void archiveThatIsNotZstdIsRejectedWithAMessage() throws Exception {
    Path archive = tmp.resolve("backup.tar.zst");
    Files.writeString(archive, "this is a text file, not a backup");
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> LocalDirectoryStore.importArchive(archive, tmp.resolve("t")));
    assertTrue(e.getMessage().startsWith("archive " + archive), e.getMessage());
  }

  @Test
  void corruptChunkInsideAnArchiveFailsVerification() throws Exception {
    byte[] chunk = Compression.compress("hello".getBytes());
    String wrongName = "ab" + "0".repeat(62);
    Path archive =
        tarZst(
            entry("layout", StoreLayout.LAYOUT_CONTENT.getBytes()),
            entry("chunks/ab/" + wrongName + ".zst", chunk));
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> LocalDirectoryStore.importArchive(archive, tmp.resolve("t")));
    assertTrue(e.getMessage().contains("fails verification"), e.getMessage());
    assertTrue(e.getMessage().contains("does not match its SHA-256"), e.getMessage());
  }

  @Test
  void pathTraversalEntryIsRejected() throws Exception {
    Path archive =
        tarZst(
            entry("layout", StoreLayout.LAYOUT_CONTENT.getBytes()),
            entry("actors/../../evil/00000000000000000001.manifest", new byte[] {1}));
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> LocalDirectoryStore.importArchive(archive, tmp.resolve("t")));
    assertTrue(e.getMessage().contains("unexpected entry 'actors/../../evil"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("evil")));
  }

  @Test
  void archiveWithoutLayoutMarkerIsNotACheckpointArchive() throws Exception {
    Path archive = tarZst();
    var e =
        assertThrows(
            CheckpointFormatException.class,
            () -> LocalDirectoryStore.importArchive(archive, tmp.resolve("t")));
    assertTrue(e.getMessage().contains("not a Simplex checkpoint archive"), e.getMessage());
  }

  private record Entry(String name, byte[] bytes) {}

  private static Entry entry(String name, byte[] bytes) {
    return new Entry(name, bytes);
  }

  private Path tarZst(Entry... entries) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var z = new ZstdCompressorOutputStream(bytes);
        var tar = new TarArchiveOutputStream(z)) {
      for (Entry e : entries) {
        var te = new TarArchiveEntry(e.name());
        te.setSize(e.bytes().length);
        tar.putArchiveEntry(te);
        tar.write(e.bytes());
        tar.closeArchiveEntry();
      }
    }
    Path archive = tmp.resolve("crafted.tar.zst");
    Files.write(archive, bytes.toByteArray());
    return archive;
  }
}
