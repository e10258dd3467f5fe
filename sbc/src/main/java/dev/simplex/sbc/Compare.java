package dev.simplex.sbc;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.TupleValue;
import java.util.List;

/** Ordering of boxed values for {@code Ord} types (language.md §3, Traits). */
final class Compare {
  private Compare() {}

  static int compare(Object a, Object b) {
    return switch (a) {
      case Long x -> Long.compare(x, (Long) b);
      case Double x -> Double.compare(x, (Double) b);
      case Float x -> Float.compare(x, (Float) b);
      case Values.U64 x -> x.compareTo((Values.U64) b);
      case Boolean x -> Boolean.compare(x, (Boolean) b);
      case CharValue x -> Integer.compare(x.codePoint(), ((CharValue) b).codePoint());
      case String x -> compareCodePoints(x, (String) b);
      case TupleValue x -> compareLists(x.parts(), ((TupleValue) b).parts());
      case EnumValue x -> Integer.compare(x.tag, ((EnumValue) b).tag);
      case DurationValue x -> x.compareTo((DurationValue) b);
      default -> throw new SimplexPanic("values of this type cannot be ordered");
    };
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i), cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int compareLists(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }
}
