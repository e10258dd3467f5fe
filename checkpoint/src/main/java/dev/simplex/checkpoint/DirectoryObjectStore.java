package dev.simplex.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a directory, a name's segments being its path. Writes go to a temp file
 * beside the target, are fsynced and renamed into place, then the directory is fsynced ({@link
 * AtomicFiles}). One process owns a directory at a time (an OS lock on {@code store.lock}); temp
 * files left by a crash are removed when it opens.
 */
final class DirectoryObjectStore implements ObjectStore {
  static final String LOCK_FILE = "store.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DirectoryObjectStore(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static DirectoryObjectStore open(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Files.createDirectories(root);
    FileChannel ch =
        FileChannel.open(
            root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException(
          "checkpoint directory " + dir + " is already in use by another store; close it first");
    }
    var store = new DirectoryObjectStore(root, ch, lock);
    store.removeTempFiles();
    return store;
  }

  Path root() {
    return root;
  }

  /** The file an object name maps to. */
  Path file(String name) {
    Path p = root;
    for (String segment : ObjectStore.checkName(name).split("/")) {
      p = p.resolve(segment);
    }
    return p;
  }

  @Override
  public void put(String name, byte[] bytes) throws IOException {
    Path file = file(name);
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, bytes);
    AtomicFiles.syncDirectory(file.getParent());
  }

  /** Writes every file first and fsyncs each directory once, not once per file. */
  @Override
  public void putAll(Map<String, byte[]> objects) throws IOException {
    var dirs = new LinkedHashSet<Path>();
    for (var e : objects.entrySet()) {
      Path file = file(e.getKey());
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, e.getValue());
      dirs.add(file.getParent());
    }
    for (Path dir : dirs) {
      AtomicFiles.syncDirectory(dir);
    }
  }

  @Override
  public Optional<byte[]> get(String name, int maxBytes) throws IOException {
    Path file = file(name);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new CheckpointFormatException(
            name + " is " + Files.size(file) + " bytes, more than the limit of " + maxBytes);
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : file(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    var out = new ArrayList<ObjectInfo>();
    try (Stream<Path> s = Files.walk(start)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = root.relativize(p).toString().replace('\\', '/');
        if (!name.startsWith(prefix)
            || name.equals(LOCK_FILE)
            || !ObjectStore.NAME.matcher(name).matches()) {
          continue; // temp files start with a dot and never match
        }
        try {
          var attrs = Files.readAttributes(p, BasicFileAttributes.class);
          if (attrs.isRegularFile()) {
            out.add(new ObjectInfo(name, attrs.size(), attrs.lastModifiedTime().toInstant()));
          }
        } catch (NoSuchFileException e) {
          // deleted while we walked
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(Comparator.comparing(ObjectInfo::name));
    return out;
  }

  @Override
  public void delete(String name) throws IOException {
    // not fsynced: an object that comes back after a crash is an old manifest or a spare chunk
    Files.deleteIfExists(file(name));
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  private void removeTempFiles() throws IOException {
    try (Stream<Path> s = Files.walk(root, 4)) {
      for (Path p : s.filter(AtomicFiles::isTemp).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
