package dev.simplex.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The object names a checkpoint store uses, in any {@link ObjectStore}:
 *
 * <pre>
 * layout                                   format marker ("simplex-checkpoints 1")
 * chunks/ab/abcd...(64 hex).zst            a Zstd-compressed chunk, named by SHA-256 of its bytes
 * actors/&lt;actor id, escaped&gt;/00000000000000000042.manifest
 * </pre>
 *
 * In a directory they are file paths; in a bucket, keys under the configured prefix.
 */
final class StoreLayout {
  static final String LAYOUT = "layout";
  static final String LAYOUT_CONTENT = "simplex-checkpoints 1\n";
  static final String CHUNKS = "chunks/";
  static final String ACTORS = "actors/";
  static final String MANIFEST_SUFFIX = ".manifest";
  static final String CHUNK_SUFFIX = ".zst";

  static final Pattern CHUNK_NAME = Pattern.compile("chunks/([0-9a-f]{2})/\\1[0-9a-f]{62}\\.zst");
  static final String ACTOR_DIR = "[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*";
  static final Pattern MANIFEST_NAME =
      Pattern.compile("actors/(" + ACTOR_DIR + ")/([0-9]{20})\\.manifest");

  // escaped names longer than this are shortened and made unique with a hash suffix
  private static final int MAX_DIR_NAME = 120;

  private StoreLayout() {}

  static String chunk(String hash) {
    return CHUNKS + hash.substring(0, 2) + "/" + hash + CHUNK_SUFFIX;
  }

  /** The prefix all of one actor's manifests share. */
  static String actorPrefix(String actorId) {
    return ACTORS + directoryName(actorId) + "/";
  }

  static String manifest(String actorId, long sequence) {
    return actorPrefix(actorId) + String.format("%020d%s", sequence, MANIFEST_SUFFIX);
  }

  static boolean isChunk(String name) {
    return CHUNK_NAME.matcher(name).matches();
  }

  /** The sequence a manifest name encodes, or -1 when it is not a manifest name. */
  static long sequenceOf(String name) {
    var m = MANIFEST_NAME.matcher(name);
    if (!m.matches()) {
      return -1;
    }
    try {
      return Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return -1; // 20 digits beyond Long.MAX_VALUE
    }
  }

  /** The escaped actor directory a manifest is filed under (the actor as far as a name tells). */
  static String actorDirOf(String manifestName) {
    var m = MANIFEST_NAME.matcher(manifestName);
    return m.matches() ? m.group(1) : manifestName;
  }

  /** The content hash a chunk is named by. */
  static String hashOf(String chunkName) {
    return chunkName.substring(
        chunkName.lastIndexOf('/') + 1, chunkName.length() - CHUNK_SUFFIX.length());
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
