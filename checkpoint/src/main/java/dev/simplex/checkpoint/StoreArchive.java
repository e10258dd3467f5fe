package dev.simplex.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * {@code backup.tar.zst}: the store's own files (layout marker, manifests, chunks) in a tar archive
 * compressed with Zstd. Chunks are already compressed, so the outer Zstd mostly packs manifests.
 * Import trusts nothing: entry names are checked against the layout, sizes are bounded, and the
 * restored store must verify completely before it is moved into place.
 */
final class StoreArchive {
  private static final long MAX_ENTRY_BYTES = 64L << 20;

  private StoreArchive() {}

  static void export(ChunkedStore store, Path archive) throws IOException {
    ObjectStore objects = store.objects();
    Path temp =
        archive
            .toAbsolutePath()
            .resolveSibling(
                "." + archive.getFileName() + "." + UUID.randomUUID() + AtomicFiles.TEMP_SUFFIX);
    try {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp));
          var zstd = new ZstdCompressorOutputStream(file, Compression.LEVEL);
          var tar = new TarArchiveOutputStream(zstd)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        add(tar, StoreLayout.LAYOUT, StoreLayout.LAYOUT_CONTENT.getBytes(StandardCharsets.UTF_8));
        var chunks = new LinkedHashSet<String>();
        for (String m : store.manifestsNewestFirst(StoreLayout.ACTORS).reversed()) {
          Optional<byte[]> bytes = objects.get(m, CheckpointVerifier.MAX_MANIFEST_BYTES);
          Manifest mf =
              bytes.isEmpty()
                  ? null
                  : CheckpointVerifier.decode(
                      m,
                      bytes.get(),
                      StoreLayout.actorDirOf(m),
                      StoreLayout.sequenceOf(m),
                      store.options().onCorruption());
          if (mf != null) {
            add(tar, m, bytes.get());
            mf.chunks().forEach(c -> chunks.add(c.hash()));
          }
        }
        for (String hash : chunks) {
          String name = StoreLayout.chunk(hash);
          // a missing chunk is reported when the archive is imported
          Optional<byte[]> chunk = objects.get(name, CheckpointVerifier.MAX_CHUNK_BYTES);
          if (chunk.isPresent()) {
            add(tar, name, chunk.get());
          }
        }
        tar.finish();
      }
      try (var ch =
          java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(
          temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    var e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  static void importInto(Path archive, Path dataDir) throws IOException {
    Path target = dataDir.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      try (Stream<Path> s = Files.list(target)) {
        if (s.findAny().isPresent()) {
          throw new IOException("cannot import into " + target + ": the directory is not empty");
        }
      }
    }
    Files.createDirectories(target.getParent());
    Path staging =
        target.resolveSibling("." + target.getFileName() + ".import-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      extract(archive, staging);
      var problems = new ArrayList<Corruption>();
      var options = StoreOptions.defaults().withCorruptionListener(c -> {});
      try (var store = LocalDirectoryStore.open(staging, options)) {
        problems.addAll(store.verify());
      }
      if (!problems.isEmpty()) {
        var msg = new StringBuilder("archive " + archive + " fails verification:");
        problems.stream()
            .limit(5)
            .forEach(c -> msg.append("\n  ").append(c.location()).append(": ").append(c.problem()));
        if (problems.size() > 5) {
          msg.append("\n  ... and ").append(problems.size() - 5).append(" more");
        }
        throw new CheckpointFormatException(msg.toString());
      }
      Files.deleteIfExists(staging.resolve(DirectoryObjectStore.LOCK_FILE));
      Files.deleteIfExists(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.syncDirectory(target.getParent());
    } finally {
      deleteTree(staging);
    }
  }

  private static void extract(Path archive, Path staging) throws IOException {
    Set<String> seen = new HashSet<>();
    boolean layoutSeen = false;
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        var tar = new TarArchiveInputStream(zstd(file, archive))) {
      while (true) {
        TarArchiveEntry e = next(tar, archive);
        if (e == null) {
          break;
        }
        String name = e.getName();
        if (!e.isFile()) {
          throw new CheckpointFormatException(
              "archive " + archive + ": entry '" + name + "' is not a regular file");
        }
        boolean isLayout = name.equals(StoreLayout.LAYOUT);
        if (!isLayout
            && !StoreLayout.CHUNK_NAME.matcher(name).matches()
            && !StoreLayout.MANIFEST_NAME.matcher(name).matches()) {
          throw new CheckpointFormatException(
              "archive " + archive + ": unexpected entry '" + name + "'");
        }
        if (!seen.add(name)) {
          throw new CheckpointFormatException("archive " + archive + " names '" + name + "' twice");
        }
        if (e.getSize() < 0 || e.getSize() > MAX_ENTRY_BYTES) {
          throw new CheckpointFormatException(
              "archive " + archive + ": entry '" + name + "' has impossible size " + e.getSize());
        }
        byte[] bytes = readEntry(tar, (int) e.getSize(), name, archive);
        if (isLayout) {
          if (!new String(bytes, StandardCharsets.UTF_8).equals(StoreLayout.LAYOUT_CONTENT)) {
            throw new CheckpointFormatException(
                "archive " + archive + " is not a Simplex checkpoint archive of this version");
          }
          layoutSeen = true;
        }
        Path out = staging.resolve(name);
        Files.createDirectories(out.getParent());
        AtomicFiles.write(out, bytes);
      }
    }
    if (!layoutSeen) {
      throw new CheckpointFormatException(
          "archive " + archive + " is not a Simplex checkpoint archive (no layout entry)");
    }
  }

  private static InputStream zstd(InputStream in, Path archive) throws IOException {
    try {
      return new ZstdCompressorInputStream(in);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFormatException(
          "archive " + archive + " is not Zstd-compressed: " + e.getMessage(), e);
    }
  }

  // Reading from a damaged archive fails inside zstd or tar with assorted exceptions; one message.
  private static TarArchiveEntry next(TarArchiveInputStream tar, Path archive)
      throws CheckpointFormatException {
    try {
      return tar.getNextEntry();
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFormatException(
          "archive " + archive + " is corrupt or truncated: " + e.getMessage(), e);
    }
  }

  private static byte[] readEntry(TarArchiveInputStream tar, int size, String name, Path archive)
      throws CheckpointFormatException {
    byte[] bytes;
    try {
      bytes = tar.readNBytes(size);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointFormatException(
          "archive " + archive + " is corrupt or truncated in '" + name + "': " + e.getMessage(),
          e);
    }
    if (bytes.length != size) {
      throw new CheckpointFormatException("archive " + archive + " is truncated in '" + name + "'");
    }
    return bytes;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
