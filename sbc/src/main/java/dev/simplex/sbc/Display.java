package dev.simplex.sbc;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.Closure;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import dev.simplex.sbc.Values.StructValue;
import dev.simplex.sbc.Values.TupleValue;
import dev.simplex.sbc.Values.Unit;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Display and debug forms of values (language.md §12.1). */
public final class Display {
  private Display() {}

  /**
   * Shortest round-trip digits, no exponent, at least one fractional digit: {@code 2500.0}, {@code
   * 1000000000000000000000.0}, {@code NaN}, {@code inf}.
   */
  public static String f64(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    String s = Double.toString(d);
    if (s.indexOf('E') < 0) return s;
    String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }

  /** Like {@link #f64}, with the shortest digits that round-trip an f32. */
  public static String f32(float f) {
    if (Float.isNaN(f)) return "NaN";
    if (Float.isInfinite(f)) return f > 0 ? "inf" : "-inf";
    String s = Float.toString(f);
    if (s.indexOf('E') < 0) return s;
    String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }

  static String prim(long bits, PrimKind kind) {
    return switch (kind) {
      case INT -> Long.toString(bits);
      case F64 -> f64(Double.longBitsToDouble(bits));
      case BOOL -> bits != 0 ? "true" : "false";
      case CHAR -> Character.toString((int) bits);
      case UNIT -> "()";
      case F32 -> f32((float) Double.longBitsToDouble(bits));
      case U64 -> Long.toUnsignedString(bits);
    };
  }

  static String display(Object v) {
    if (v instanceof String s) return s;
    StringBuilder sb = new StringBuilder();
    write(sb, v, false);
    return sb.toString();
  }

  static String debug(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, true);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, boolean debug) {
    switch (v) {
      case null -> sb.append("()");
      case String s -> {
        if (debug) quote(sb, s, '"');
        else sb.append(s);
      }
      case Long l -> sb.append(l);
      case Double d -> sb.append(f64(d));
      case Float f -> sb.append(f32(f));
      case Values.U64 u -> sb.append(u);
      case Boolean b -> sb.append(b);
      case CharValue c -> {
        if (debug) quote(sb, Character.toString(c.codePoint()), '\'');
        else sb.appendCodePoint(c.codePoint());
      }
      case Unit u -> sb.append("()");
      case TupleValue t -> {
        sb.append('(');
        writeAll(sb, t.parts().iterator());
        if (t.parts().size() == 1) sb.append(',');
        sb.append(')');
      }
      case ListValue l -> {
        sb.append('[');
        writeAll(sb, l.view().iterator());
        sb.append(']');
      }
      case SetValue s -> {
        sb.append('{');
        writeAll(sb, s.items.iterator());
        sb.append('}');
      }
      case MapValue m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<Object, Object> e : m.entries.entrySet()) {
          if (!first) sb.append(", ");
          first = false;
          write(sb, e.getKey(), true);
          sb.append(": ");
          write(sb, e.getValue(), true);
        }
        sb.append('}');
      }
      case StructValue s ->
          writeFields(sb, s.type.name(), s.type.variants().get(0).fields(), s.fields, true);
      case EnumValue e -> {
        TypeDef.Variant variant = e.variant();
        if (variant.fields().isEmpty()) sb.append(variant.name());
        else writeFields(sb, variant.name(), variant.fields(), e.payload, variant.named());
      }
      case Closure c -> sb.append("<fn>");
      default -> sb.append(v);
    }
  }

  private static void writeFields(
      StringBuilder sb, String name, List<String> fields, Object[] values, boolean named) {
    sb.append(name);
    if (named) {
      if (values.length == 0) {
        sb.append(" {}");
        return;
      }
      sb.append(" { ");
      for (int i = 0; i < values.length; i++) {
        if (i > 0) sb.append(", ");
        sb.append(fields.get(i)).append(": ");
        write(sb, values[i], true);
      }
      sb.append(" }");
    } else {
      sb.append('(');
      writeAll(sb, java.util.Arrays.asList(values).iterator());
      sb.append(')');
    }
  }

  private static void writeAll(StringBuilder sb, Iterator<?> it) {
    boolean first = true;
    while (it.hasNext()) {
      if (!first) sb.append(", ");
      first = false;
      write(sb, it.next(), true);
    }
  }

  private static void quote(StringBuilder sb, String s, char q) {
    sb.append(q);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                  if (cp == q) sb.append('\\').appendCodePoint(cp);
                  else if (cp < 0x20 || cp == 0x7F)
                    sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                  else sb.appendCodePoint(cp);
                }
              }
            });
    sb.append(q);
  }
}
