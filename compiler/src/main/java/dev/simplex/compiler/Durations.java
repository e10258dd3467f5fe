package dev.simplex.compiler;

import java.util.List;

/** The {@code Duration} type: a non-negative span with nanosecond resolution (language.md §2). */
final class Durations {
  private Durations() {}

  static final Type DURATION = new Type.Builtin("Duration", List.of());

  /**
   * {@code Dynamic} (§2): a boxed sendable value with its type, represented at run time as the
   * tuple (type name, boxed value); displays as the contained value.
   */
  /**
   * {@code Instant} (§2): a monotonic time point, at run time the Duration since the runtime's
   * clock origin (sbc native {@code instant_now}), so {@code elapsed} and {@code duration_since}
   * are Duration arithmetic.
   */
  static final Type INSTANT = new Type.Builtin("Instant", List.of());

  static final String NOW_NATIVE = "instant_now";

  /** Whether this build's sbc offers the clock that {@code now()} reads. */
  static boolean hasClock() {
    return dev.simplex.sbc.Natives.indexOf(NOW_NATIVE) >= 0;
  }

  /** Reports that {@code now()} cannot be compiled for a runtime without a clock. */
  static void requireClock(BodyChecker bc, Span at) {
    if (hasClock()) return;
    bc.ck.error(
        "E0100",
        "`now` needs a monotonic clock that this runtime does not offer",
        at,
        "no clock in this runtime",
        "this sbc build lacks the native `" + NOW_NATIVE + "`; update sbc");
  }

  /**
   * {@code Bytes} (§2, §12.3): immutable bytes, at run time a list of u8. The UTF-8 conversions
   * need the sbc natives {@code str_to_bytes} and {@code bytes_to_string_utf8}.
   */
  static final Type BYTES = new Type.Builtin("Bytes", List.of());

  static boolean isBytes(Type t) {
    return t instanceof Type.Builtin b && b.name().equals("Bytes");
  }

  /** Reports a UTF-8 conversion that this build's sbc cannot run. */
  static void requireNative(BodyChecker bc, String nativeName, String what, Span at) {
    if (dev.simplex.sbc.Natives.indexOf(nativeName) >= 0) return;
    bc.ck.error(
        "E0103",
        "`" + what + "` needs UTF-8 support that this runtime does not offer",
        at,
        "not supported by this runtime",
        "this sbc build lacks the native `" + nativeName + "`; update sbc");
  }

  static final Type DYNAMIC = new Type.Builtin("Dynamic", List.of());

  static boolean isDynamic(Type t) {
    return t instanceof Type.Builtin b && b.name().equals("Dynamic");
  }

  /** Whether a value of {@code t} may be boxed into a Dynamic: concrete and sendable. */
  static boolean boxable(Type t, Inference inf) {
    return boxable(inf.resolve(t)) && !inf.hasUnsolved(t);
  }

  private static boolean boxable(Type t) {
    return !isDynamic(t)
        && !(t instanceof Type.Var)
        && !(t instanceof Type.Param)
        && !(t instanceof Type.Error)
        && t != Type.Prim.NEVER
        && Traits.isSendable(t);
  }
}
