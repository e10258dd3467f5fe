package dev.simplex.sbc;

/** Constants of the .sbc container layout, shared by {@link SbcWriter} and {@link SbcReader}. */
final class SbcFormat {
  private SbcFormat() {}

  static final byte[] MAGIC = {'S', 'P', 'L', 'X'};
  static final int VERSION = 3;
  static final int FLAG_DEBUG_INFO = 1;
  static final int HASH_SIZE = 32;

  /** Magic, version, flags: the content hash covers everything after itself. */
  static final int HEADER_SIZE = 4 + 2 + 4;

  static final int BODY_START = HEADER_SIZE + HASH_SIZE;
}
