package dev.simplex.checkpoint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the checksum and the content address of everything this module stores. */
final class Sha256 {
  static final int LENGTH = 32;

  private Sha256() {}

  static byte[] of(byte[] data) {
    return of(data, 0, data.length);
  }

  static byte[] of(byte[] data, int off, int len) {
    MessageDigest md = digest();
    md.update(data, off, len);
    return md.digest();
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
