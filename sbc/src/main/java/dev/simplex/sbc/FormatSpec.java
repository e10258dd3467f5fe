package dev.simplex.sbc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Format specs {@code [align][0][width][.N][type]} (language.md §1, Interpolation) applied to a
 * boxed value. The compiler checks the spec against the static type and encodes it as {@code
 * KIND|SPEC}, where KIND is the value's integer kind ({@link IntKind}) or empty, needed for
 * two's-complement bits.
 */
final class FormatSpec {
  private FormatSpec() {}

  static String apply(Object value, String encoded) {
    int bar = encoded.indexOf('|');
    IntKind kind = bar > 0 ? IntKind.valueOf(encoded.substring(0, bar)) : IntKind.I64;
    String spec = encoded.substring(bar + 1);
    int i = 0;
    char align = 0;
    if (i < spec.length() && "<>^".indexOf(spec.charAt(i)) >= 0) align = spec.charAt(i++);
    boolean zero = false;
    if (i < spec.length() && spec.charAt(i) == '0') {
      zero = true;
      i++;
    }
    int width = 0;
    while (i < spec.length() && Character.isDigit(spec.charAt(i)))
      width = width * 10 + (spec.charAt(i++) - '0');
    int precision = -1;
    if (i < spec.length() && spec.charAt(i) == '.') {
      i++;
      precision = 0;
      while (i < spec.length() && Character.isDigit(spec.charAt(i)))
        precision = precision * 10 + (spec.charAt(i++) - '0');
    }
    String type = spec.substring(i);
    boolean numeric = value instanceof Number;
    String text =
        switch (type) {
          case "x" -> radix(((Number) value).longValue(), kind, 16);
          case "X" -> radix(((Number) value).longValue(), kind, 16).toUpperCase();
          case "b" -> radix(((Number) value).longValue(), kind, 2);
          case "o" -> radix(((Number) value).longValue(), kind, 8);
          case "?" -> Display.debug(value);
          default ->
              precision >= 0 && (value instanceof Double || value instanceof Float)
                  ? fixed(((Number) value).doubleValue(), precision)
                  : Display.display(value);
        };
    int len = text.codePointCount(0, text.length());
    if (len >= width) return text;
    int pad = width - len;
    if (zero && numeric) {
      int sign = text.startsWith("-") ? 1 : 0;
      return text.substring(0, sign) + "0".repeat(pad) + text.substring(sign);
    }
    if (align == 0) align = numeric ? '>' : '<';
    return switch (align) {
      case '>' -> " ".repeat(pad) + text;
      case '^' -> " ".repeat(pad / 2) + text + " ".repeat(pad - pad / 2);
      default -> text + " ".repeat(pad);
    };
  }

  private static String fixed(double d, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return Display.f64(d);
    return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String radix(long v, IntKind kind, int radix) {
    long bits = kind.bits() == 64 ? v : v & ((1L << kind.bits()) - 1);
    return Long.toUnsignedString(bits, radix);
  }
}
