package dev.simplex.sbc;

/** An entry of the constant pool. Pools are deduplicated, so equal constants share one index. */
public sealed interface Constant {
  record I64(long value) implements Constant {}

  /** Compared by bit pattern so that NaN and -0.0 deduplicate correctly. */
  record F64(long bits) implements Constant {
    public static F64 of(double d) {
      return new F64(Double.doubleToRawLongBits(d));
    }

    public double value() {
      return Double.longBitsToDouble(bits);
    }
  }

  record Str(String value) implements Constant {}

  static byte tag(Constant c) {
    return switch (c) {
      case I64 i -> 1;
      case F64 f -> 2;
      case Str s -> 3;
    };
  }
}
