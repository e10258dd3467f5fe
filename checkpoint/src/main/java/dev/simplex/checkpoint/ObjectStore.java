package dev.simplex.checkpoint;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named blobs: what a {@link ChunkedStore} keeps its chunks and manifests in. A local directory, an
 * S3-compatible bucket or a grid map each implement it in a few dozen lines; the chunking,
 * checksums, verification, retention and garbage collection live once, above it.
 *
 * <p>Names are relative, '/'-separated paths whose segments use only {@code [A-Za-z0-9._%~-]} and
 * never start with a dot ({@link #checkName}). A put is atomic: a reader sees the previous object
 * or the whole new one, never a torn one, and the object is durable when the put returns.
 */
public interface ObjectStore extends AutoCloseable {

  /** One stored object as a listing shows it; {@code modified} is the store's own clock. */
  record ObjectInfo(String name, long size, Instant modified) {}

  /** Stores (or replaces) an object atomically and durably. */
  void put(String name, byte[] bytes) throws IOException;

  /** Stores several objects; all are durable when this returns (order among them unspecified). */
  default void putAll(Map<String, byte[]> objects) throws IOException {
    for (var e : objects.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  /**
   * An object's bytes, or empty when there is no such object.
   *
   * @throws CheckpointFormatException when the object is larger than {@code maxBytes} (it is not
   *     read: a hostile or damaged object must not exhaust memory)
   */
  Optional<byte[]> get(String name, int maxBytes) throws IOException;

  /** Every object whose name starts with {@code prefix}, sorted by name. */
  List<ObjectInfo> list(String prefix) throws IOException;

  /** Removes an object; removing an absent one is not an error. */
  void delete(String name) throws IOException;

  /** Where the objects live, for messages: a directory, a bucket URL. */
  String location();

  @Override
  void close() throws IOException;

  /** Object names allowed in every store: the same on a file system, in a bucket and in a map. */
  Pattern NAME =
      Pattern.compile("[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*(/[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*)*");

  /** Longest name accepted (S3 allows 1024 bytes per key, including the store's prefix). */
  int MAX_NAME_LENGTH = 512;

  /** Returns the name if it is valid, else throws naming what is wrong with it. */
  static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("object name must not be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "object name is " + name.length() + " characters, more than " + MAX_NAME_LENGTH);
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "object name '"
              + name
              + "' must be '/'-separated segments of [A-Za-z0-9._%~-] that do not start with '.'");
    }
    return name;
  }
}
