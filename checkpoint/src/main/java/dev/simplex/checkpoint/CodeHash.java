package dev.simplex.checkpoint;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 content hash that names a function or an actor type in SBC. Kept as plain bytes here
 * so this module does not depend on the bytecode's own hash class.
 */
public record CodeHash(byte[] bytes) {
  public static final int LENGTH = 32;

  public CodeHash {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a code hash is "
              + LENGTH
              + " bytes (SHA-256), got "
              + (bytes == null ? "null" : bytes.length + " bytes"));
    }
    bytes = bytes.clone();
  }

  /** Parses 64 lowercase or uppercase hex digits. */
  public static CodeHash ofHex(String hex) {
    if (hex == null || hex.length() != LENGTH * 2) {
      throw new IllegalArgumentException("a code hash is 64 hex digits, got: " + hex);
    }
    try {
      return new CodeHash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a code hash is 64 hex digits, got: " + hex, e);
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodeHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "CodeHash[" + hex() + "]";
  }
}
