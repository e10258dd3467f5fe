package dev.simplex.peer.grid;

import com.hazelcast.map.IMap;
import java.util.Arrays;
import java.util.Optional;

/**
 * The swarm's code registry: content hash -> the bytes of a function (or actor type). A peer that
 * meets an unknown hash fetches it here and checks the bytes against the hash before use, so a bad
 * or hostile entry is refused.
 */
public final class CodeRegistry {
  /** Computes the content hash of published bytes (the bytecode module's own hashing). */
  @FunctionalInterface
  public interface Hasher {
    String hash(byte[] bytes);
  }

  /** Raised when stored bytes do not hash to their key. */
  public static final class TamperedCodeException extends Exception {
    TamperedCodeException(String hash, String actual) {
      super("code registry entry " + hash + " hashes to " + actual + "; refusing to use it");
    }
  }

  private final IMap<String, byte[]> map;
  private final Hasher hasher;

  CodeRegistry(IMap<String, byte[]> map, Hasher hasher) {
    this.map = map;
    this.hasher = hasher;
  }

  /** Publishes {@code bytes} under their own hash (idempotent: content-addressed). */
  public String publish(byte[] bytes) {
    String hash = hasher.hash(bytes);
    map.putIfAbsent(hash, bytes.clone());
    return hash;
  }

  public Optional<byte[]> fetch(String hash) throws TamperedCodeException {
    byte[] bytes = map.get(hash);
    if (bytes == null) {
      return Optional.empty();
    }
    String actual = hasher.hash(bytes);
    if (!actual.equals(hash)) {
      throw new TamperedCodeException(hash, actual);
    }
    return Optional.of(Arrays.copyOf(bytes, bytes.length));
  }
}
