package dev.simplex.sbc;

/**
 * What JIT-compiled code calls for the typed instructions that are more than one JVM instruction.
 * Each is small and static, so HotSpot inlines it into the compiled function. Everything that the
 * interpreter would turn into a panic throws {@link Deopt} instead: compiled functions are pure, so
 * the caller simply runs the same call again in the interpreter, which raises the exact panic with
 * its Simplex stack trace.
 */
final class JitSupport {
  private JitSupport() {}

  /** Leave compiled code: the call is re-run by the interpreter. Preallocated, no stack trace. */
  static final class Deopt extends RuntimeException {
    static final Deopt INSTANCE = new Deopt();

    private Deopt() {
      super("deoptimise", null, false, false);
    }
  }

  static long depth(int depth) {
    if (depth >= Interpreter.MAX_FRAMES) throw Deopt.INSTANCE;
    return 0;
  }

  static long add(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) throw Deopt.INSTANCE;
    return s;
  }

  static long sub(long a, long b) {
    long s = a - b;
    if (((a ^ b) & (a ^ s)) < 0) throw Deopt.INSTANCE;
    return s;
  }

  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b), lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw Deopt.INSTANCE;
    return lo;
  }

  static long div(long a, long b) {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) throw Deopt.INSTANCE;
    return a / b;
  }

  static long rem(long a, long b) {
    if (b == 0) throw Deopt.INSTANCE;
    return b == -1 ? 0 : a % b;
  }

  static long neg(long a) {
    if (a == Long.MIN_VALUE) throw Deopt.INSTANCE;
    return -a;
  }

  static long narrow(long v, int kind) {
    if (!IntKind.fromCode(kind).fits(v)) throw Deopt.INSTANCE;
    return v;
  }

  static long shl(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw Deopt.INSTANCE;
    return Interpreter.wrap(a << b, k);
  }

  static long shr(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw Deopt.INSTANCE;
    return Interpreter.shiftRight(a, (int) b, k);
  }

  static long bnot(long a, int kind) {
    return Interpreter.wrap(~a, IntKind.fromCode(kind));
  }

  private static double d(long bits) {
    return Double.longBitsToDouble(bits);
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  static long addF(long a, long b) {
    return bits(d(a) + d(b));
  }

  static long subF(long a, long b) {
    return bits(d(a) - d(b));
  }

  static long mulF(long a, long b) {
    return bits(d(a) * d(b));
  }

  static long divF(long a, long b) {
    return bits(d(a) / d(b));
  }

  static long remF(long a, long b) {
    return bits(d(a) % d(b));
  }

  static long negF(long a) {
    return bits(-d(a));
  }

  static long eqF(long a, long b) {
    return d(a) == d(b) ? 1 : 0;
  }

  static long neF(long a, long b) {
    return d(a) != d(b) ? 1 : 0;
  }

  static long ltF(long a, long b) {
    return d(a) < d(b) ? 1 : 0;
  }

  static long leF(long a, long b) {
    return d(a) <= d(b) ? 1 : 0;
  }

  static long gtF(long a, long b) {
    return d(a) > d(b) ? 1 : 0;
  }

  static long geF(long a, long b) {
    return d(a) >= d(b) ? 1 : 0;
  }

  static long eq(long a, long b) {
    return a == b ? 1 : 0;
  }

  static long ne(long a, long b) {
    return a != b ? 1 : 0;
  }

  static long lt(long a, long b) {
    return a < b ? 1 : 0;
  }

  static long le(long a, long b) {
    return a <= b ? 1 : 0;
  }

  static long gt(long a, long b) {
    return a > b ? 1 : 0;
  }

  static long ge(long a, long b) {
    return a >= b ? 1 : 0;
  }

  static long not(long a) {
    return a == 0 ? 1 : 0;
  }

  static long roundF32(long a) {
    return Double.doubleToRawLongBits((float) Double.longBitsToDouble(a));
  }

  static long toF32(long a) {
    return Double.doubleToRawLongBits((float) a);
  }

  static long toF(long a) {
    return bits((double) a);
  }

  static long toInt(long bits, int kind) {
    double v = d(bits);
    if (Double.isNaN(v) || Double.isInfinite(v) || v >= 0x1p63 || v < -0x1p63) throw Deopt.INSTANCE;
    long t = (long) v;
    if (!IntKind.fromCode(kind).fits(t)) throw Deopt.INSTANCE;
    return t;
  }
}
