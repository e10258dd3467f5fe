package dev.simplex.sbc;

/**
 * A non-negative span of time in nanoseconds; displayed in the largest whole unit (language.md
 * §12.1).
 */
record DurationValue(long nanos) implements Comparable<DurationValue> {
  DurationValue {
    if (nanos < 0) throw new SimplexPanic("negative duration");
  }

  static DurationValue of(long amount, String unit) {
    long factor =
        switch (unit) {
          case "hours" -> 3_600_000_000_000L;
          case "minutes" -> 60_000_000_000L;
          case "seconds" -> 1_000_000_000L;
          case "milliseconds" -> 1_000_000L;
          case "microseconds" -> 1_000L;
          default -> 1L;
        };
    try {
      return new DurationValue(Math.multiplyExact(amount, factor));
    } catch (ArithmeticException e) {
      throw new SimplexPanic("integer overflow");
    }
  }

  @Override
  public int compareTo(DurationValue o) {
    return Long.compare(nanos, o.nanos);
  }

  @Override
  public String toString() {
    if (nanos == 0) return "0s";
    if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
    if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
    if (nanos % 1_000L == 0) return nanos / 1_000L + "us";
    return nanos + "ns";
  }
}
