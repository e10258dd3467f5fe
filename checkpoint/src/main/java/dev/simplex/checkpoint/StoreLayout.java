package dev.simplex.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live under a data directory:
 *
 * <pre>
 * layout                                   format marker ("simplex-checkpoints 1")
 * chunks/ab/abcd...(64 hex).zst            a Zstd-compressed chunk, named by SHA-256 of its bytes
 * actors/&lt;actor id, escaped&gt;/00000000000000000042.manifest
 * </pre>
 */
final class StoreLayout {
  static final String LAYOUT_FILE = "layout";
  static final String LAYOUT_CONTENT = "simplex-checkpoints 1\n";
  static final String CHUNKS = "chunks";
  static final String ACTORS = "actors";
  static final String MANIFEST_SUFFIX = ".manifest";
  static final String CHUNK_SUFFIX = ".zst";

  static final Pattern CHUNK_NAME = Pattern.compile("[0-9a-f]{64}\\.zst");
  static final Pattern MANIFEST_NAME = Pattern.compile("[0-9]{20}\\.manifest");
  static final Pattern ACTOR_DIR_NAME = Pattern.compile("[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*");

  // escaped names longer than this are shortened and made unique with a hash suffix
  private static final int MAX_DIR_NAME = 120;

  final Path root;

  StoreLayout(Path root) {
    this.root = root;
  }

  Path chunksDir() {
    return root.resolve(CHUNKS);
  }

  Path actorsDir() {
    return root.resolve(ACTORS);
  }

  Path chunk(String hash) {
    return chunksDir().resolve(hash.substring(0, 2)).resolve(hash + CHUNK_SUFFIX);
  }

  Path actorDir(String actorId) {
    return actorsDir().resolve(directoryName(actorId));
  }

  Path manifest(String actorId, long sequence) {
    return actorDir(actorId).resolve(manifestName(sequence));
  }

  static String manifestName(long sequence) {
    return String.format("%020d%s", sequence, MANIFEST_SUFFIX);
  }

  /** The sequence a manifest file name encodes, or -1 when it is not a manifest name. */
  static long sequenceOf(Path manifest) {
    String name = manifest.getFileName().toString();
    if (!MANIFEST_NAME.matcher(name).matches()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1; // 20 digits beyond Long.MAX_VALUE
    }
  }

  /** Where a path is, relative to the data directory, for messages and archive entries. */
  String relative(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  List<Path> actorDirs() throws IOException {
    try (Stream<Path> s = Files.list(actorsDir())) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  static List<Path> manifestsNewestFirst(Path actorDir) throws IOException {
    if (!Files.isDirectory(actorDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(actorDir)) {
      return s.filter(p -> sequenceOf(p) >= 0)
          .sorted(Comparator.comparingLong(StoreLayout::sequenceOf).reversed())
          .toList();
    }
  }

  List<Path> chunkFiles() throws IOException {
    try (Stream<Path> s = Files.walk(chunksDir(), 2)) {
      return s.filter(p -> CHUNK_NAME.matcher(p.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** The content hash a chunk file is named by. */
  static String hashOf(Path chunkFile) {
    String name = chunkFile.getFileName().toString();
    return name.substring(0, name.length() - CHUNK_SUFFIX.length());
  }

  /** Readable where the id allows it: letters, digits, '-', '_', '.' kept; the rest %XX. */
  static String directoryName(String actorId) {
    byte[] utf8 = actorId.getBytes(StandardCharsets.UTF_8);
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xFF;
      boolean plain =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '-'
              || b == '_'
              || (b == '.' && i > 0); // no leading dot: never "." or ".." or hidden
      if (plain) {
        out.write(b);
      } else {
        out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII));
      }
    }
    String name = out.toString(StandardCharsets.US_ASCII);
    if (name.length() <= MAX_DIR_NAME) {
      return name;
    }
    String hash = Sha256.hex(Sha256.of(utf8)).substring(0, 32);
    return name.substring(0, MAX_DIR_NAME - 34) + "~" + hash;
  }
}
