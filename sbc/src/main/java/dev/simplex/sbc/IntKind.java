package dev.simplex.sbc;

/** Integer kinds, computed in i64 and range-checked by {@link Op#NARROW} and casts. */
public enum IntKind {
  I8(-128, 127),
  I16(-32768, 32767),
  I32(Integer.MIN_VALUE, Integer.MAX_VALUE),
  I64(Long.MIN_VALUE, Long.MAX_VALUE),
  U8(0, 255),
  U16(0, 65535),
  U32(0, 0xFFFF_FFFFL),
  /** u64 values are kept in i64 slots; the checker restricts them to non-negative i64 here. */
  U64(0, Long.MAX_VALUE);

  final long min;
  final long max;

  IntKind(long min, long max) {
    this.min = min;
    this.max = max;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public boolean fits(long v) {
    return v >= min && v <= max;
  }

  public int bits() {
    return switch (this) {
      case I8, U8 -> 8;
      case I16, U16 -> 16;
      case I32, U32 -> 32;
      case I64, U64 -> 64;
    };
  }

  public boolean signed() {
    return ordinal() <= I64.ordinal();
  }

  private static final IntKind[] ALL = values();

  static IntKind fromCode(int code) {
    return code >= 0 && code < ALL.length ? ALL[code] : null;
  }
}
