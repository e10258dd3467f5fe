package dev.simplex.sbc;

import static dev.simplex.sbc.Natives.add;
import static dev.simplex.sbc.Natives.i64;
import static dev.simplex.sbc.Natives.list;
import static dev.simplex.sbc.Natives.option;
import static dev.simplex.sbc.Natives.str;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.ListValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The built-in methods and functions of language.md §12 that need no callbacks into bytecode. */
final class Library {
  private Library() {}

  /** The prelude's Result, as built by library functions (values compare by type name). */
  static final TypeDef RESULT =
      new TypeDef(
          "Result",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Ok", false, List.of("")),
              new TypeDef.Variant("Err", false, List.of(""))));

  static final TypeDef OPTION =
      new TypeDef(
          "Option",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Some", false, List.of("")),
              new TypeDef.Variant("None", false, List.of())));

  /** The prelude's {@code AIError} (language.md §11), variants in the contract's order. */
  static final TypeDef AI_ERROR = AiOps.AI_ERROR;

  /**
   * The prelude's {@code ExtractionError}: InvalidFormat(String), MissingRequired(String), Model.
   */
  static final TypeDef EXTRACTION_ERROR = AiOps.EXTRACTION_ERROR;

  /** A range value {@code a..b} or {@code a..=b}. */
  record RangeValue(long from, long to, boolean inclusive) {
    long end() {
      return inclusive ? to + 1 : to;
    }

    ArrayList<Object> toList() {
      ArrayList<Object> out = new ArrayList<>();
      for (long v = from; v < end(); v++) out.add(v);
      return out;
    }

    @Override
    public String toString() {
      return from + (inclusive ? "..=" : "..") + to;
    }
  }

  /** The target of a {@code &mut} borrow of a primitive variable. */
  static final class Cell {
    Object value;

    Cell(Object value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return Display.display(value);
    }
  }

  static int len(String s) {
    return s.codePointCount(0, s.length());
  }

  static String substring(String s, long a, long b) {
    int n = len(s);
    if (a < 0 || b < a || b > n)
      throw new SimplexPanic(
          "substring bounds [" + a + ", " + b + ") out of range for length " + n);
    return s.substring(s.offsetByCodePoints(0, (int) a), s.offsetByCodePoints(0, (int) b));
  }

  /**
   * {@code text[from, to)}; a short piece equal to one met recently is that same String (strings
   * are immutable and compared by value, so sharing is invisible), which spares a text of many
   * repeated words one String per word and lets its hash be computed once.
   */
  private static String piece(String text, int from, int to, String[] seen) {
    int len = to - from;
    if (len > 24) return text.substring(from, to);
    int h = len;
    for (int i = from; i < to; i++) h = 31 * h + text.charAt(i);
    int slot = (h ^ (h >>> 8)) & (seen.length - 1);
    String s = seen[slot];
    if (s != null && s.length() == len && text.regionMatches(from, s, 0, len)) return s;
    s = text.substring(from, to);
    seen[slot] = s;
    return s;
  }

  static void register() {
    CollectionLibrary.register();
    TimeAndVectorLibrary.register();
    // strings
    add("str_len", 1, (a, c) -> (long) len(str(a[0])));
    add("str_is_empty", 1, (a, c) -> str(a[0]).isEmpty());
    add("str_contains", 2, (a, c) -> str(a[0]).contains(str(a[1])));
    add("str_starts_with", 2, (a, c) -> str(a[0]).startsWith(str(a[1])));
    add("str_ends_with", 2, (a, c) -> str(a[0]).endsWith(str(a[1])));
    add(
        "str_find",
        2,
        (a, c) -> {
          int at = str(a[0]).indexOf(str(a[1]));
          return option(at < 0 ? null : (long) str(a[0]).codePointCount(0, at));
        });
    add("str_replace", 3, (a, c) -> str(a[0]).replace(str(a[1]), str(a[2])));
    add("str_to_uppercase", 1, (a, c) -> str(a[0]).toUpperCase(java.util.Locale.ROOT));
    add("str_to_lowercase", 1, (a, c) -> str(a[0]).toLowerCase(java.util.Locale.ROOT));
    add("str_trim", 1, (a, c) -> str(a[0]).strip());
    add("str_trim_start", 1, (a, c) -> str(a[0]).stripLeading());
    add("str_trim_end", 1, (a, c) -> str(a[0]).stripTrailing());
    add(
        "str_repeat",
        2,
        (a, c) -> {
          if (i64(a[1]) < 0) throw new SimplexPanic("repeat count must not be negative");
          return str(a[0]).repeat((int) i64(a[1]));
        });
    add("str_substring", 3, (a, c) -> substring(str(a[0]), i64(a[1]), i64(a[2])));
    add(
        "str_split",
        2,
        (a, c) -> {
          String text = str(a[0]);
          String sep = str(a[1]);
          if (sep.isEmpty()) throw new SimplexPanic("split separator must not be empty");
          // every piece between separators, empty ones included (String.split with a quoted
          // pattern and limit -1, without the regex engine)
          int count = 1;
          for (int at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, at + sep.length())) {
            count++;
          }
          ArrayList<Object> parts = new ArrayList<>(count);
          String[] seen = new String[256];
          int from = 0;
          for (int at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, from)) {
            parts.add(piece(text, from, at, seen));
            from = at + sep.length();
          }
          parts.add(piece(text, from, text.length(), seen));
          return new ListValue(parts);
        });
    add(
        "str_split_whitespace",
        1,
        (a, c) -> {
          String t = str(a[0]).strip();
          return t.isEmpty() ? list(List.of()) : list(Arrays.asList((Object[]) t.split("\\s+")));
        });
    add(
        "str_lines",
        1,
        (a, c) -> {
          List<Object> out = new ArrayList<>();
          for (String l : str(a[0]).split("\n", -1))
            out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
          if (!out.isEmpty() && out.getLast().equals("")) out.removeLast();
          return list(out);
        });
    add("str_chars", 1, (a, c) -> list(str(a[0]).codePoints().mapToObj(CharValue::new).toList()));
    add(
        "str_parse_int",
        1,
        (a, c) -> {
          String s = str(a[0]);
          if (!s.matches("[+-]?[0-9]+")) return option(null);
          try {
            return option(Long.parseLong(s));
          } catch (NumberFormatException e) {
            return option(null);
          }
        });
    add(
        "str_parse_float",
        1,
        (a, c) -> {
          try {
            return option(Double.parseDouble(str(a[0]).strip()));
          } catch (NumberFormatException e) {
            return option(null);
          }
        });
    add("display", 1, (a, c) -> Display.display(a[0]));
    add("debug", 1, (a, c) -> Display.debug(a[0]));
    add("clone", 1, (a, c) -> Natives.copy(a[0]));
    add("cmp", 2, (a, c) -> (long) Integer.signum(Compare.compare(a[0], a[1])));
    // chars
    add("char_is_alphabetic", 1, (a, c) -> Character.isAlphabetic(Natives.cp(a[0])));
    add("char_is_numeric", 1, (a, c) -> Character.isDigit(Natives.cp(a[0])));
    add("char_is_alphanumeric", 1, (a, c) -> Character.isLetterOrDigit(Natives.cp(a[0])));
    add("char_is_whitespace", 1, (a, c) -> Character.isWhitespace(Natives.cp(a[0])));
    add("char_is_uppercase", 1, (a, c) -> Character.isUpperCase(Natives.cp(a[0])));
    add("char_is_lowercase", 1, (a, c) -> Character.isLowerCase(Natives.cp(a[0])));
    add("char_to_uppercase", 1, (a, c) -> new CharValue(Character.toUpperCase(Natives.cp(a[0]))));
    add("char_to_lowercase", 1, (a, c) -> new CharValue(Character.toLowerCase(Natives.cp(a[0]))));
    add(
        "char_to_digit",
        2,
        (a, c) -> {
          int d = Character.digit(Natives.cp(a[0]), (int) i64(a[1]));
          return option(d < 0 ? null : (long) d);
        });
    add(
        "to_char",
        1,
        (a, c) -> {
          long v = i64(a[0]);
          if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            throw new SimplexPanic("invalid char");
          return new CharValue((int) v);
        });
    // numbers
    add(
        "int_pow",
        3,
        (a, c) -> {
          long base = i64(a[0]), e = i64(a[1]);
          IntKind kind = IntKind.valueOf(str(a[2]));
          if (e < 0) throw new SimplexPanic("negative exponent");
          long r = 1;
          if (kind == IntKind.U64) {
            for (long k = 0; k < e; k++) r = Interpreter.mulU64(r, base);
            return r;
          }
          for (long k = 0; k < e; k++) {
            r = Math.multiplyExact(r, base);
            if (!kind.fits(r)) throw new SimplexPanic("integer overflow");
          }
          return r;
        });
    add(
        "int_wrap",
        2,
        (a, c) -> {
          IntKind kind = IntKind.valueOf(str(a[1]));
          long v = i64(a[0]);
          int bits = kind.bits();
          if (bits == 64) return v;
          long u = v & ((1L << bits) - 1);
          return kind.signed() && (u >>> (bits - 1)) != 0 ? u - (1L << bits) : u;
        });
    add(
        "int_checked",
        4,
        (a, c) -> {
          long x = i64(a[0]), y = i64(a[1]);
          IntKind kind = IntKind.valueOf(str(a[3]));
          if (kind == IntKind.U64) {
            Long r =
                switch (str(a[2])) {
                  case "add" -> Long.compareUnsigned(x + y, x) < 0 ? null : x + y;
                  case "sub" -> Long.compareUnsigned(x, y) < 0 ? null : x - y;
                  case "mul" -> Math.unsignedMultiplyHigh(x, y) != 0 ? null : x * y;
                  default -> y == 0 ? null : Long.divideUnsigned(x, y);
                };
            return option(r == null ? null : new Values.U64(r));
          }
          try {
            long r =
                switch (str(a[2])) {
                  case "add" -> Math.addExact(x, y);
                  case "sub" -> Math.subtractExact(x, y);
                  case "mul" -> Math.multiplyExact(x, y);
                  default -> {
                    if (y == 0) yield Long.MIN_VALUE;
                    yield Math.divideExact(x, y);
                  }
                };
            if (str(a[2]).equals("div") && y == 0) return option(null);
            return option(kind.fits(r) ? r : null);
          } catch (ArithmeticException e) {
            return option(null);
          }
        });
    add("generic_number", 1, (a, c) -> new Values.GenericNumber(i64(a[0])));
    add("num_op", 3, (a, c) -> numOp(a[0], a[1], str(a[2])));
    add(
        "wrapping",
        3,
        (a, c) ->
            switch (str(a[2])) {
              case "add" -> i64(a[0]) + i64(a[1]);
              case "sub" -> i64(a[0]) - i64(a[1]);
              default -> i64(a[0]) * i64(a[1]);
            });
    add(
        "num_minmax",
        3,
        (a, c) -> {
          int cmp = Compare.compare(a[0], a[1]);
          return str(a[2]).equals("min") ? (cmp <= 0 ? a[0] : a[1]) : (cmp >= 0 ? a[0] : a[1]);
        });
    add(
        "f64_pow",
        2,
        (a, c) -> Math.pow(((Number) a[0]).doubleValue(), ((Number) a[1]).doubleValue()));
    add("f64_math", 2, (a, c) -> f64Math(((Number) a[0]).doubleValue(), str(a[1])));
    // assertions, program
    add(
        "assert_eq",
        2,
        (a, c) -> {
          if (!java.util.Objects.equals(a[0], a[1])) {
            throw new SimplexPanic(
                "assertion failed: left = "
                    + Display.debug(a[0])
                    + ", right = "
                    + Display.debug(a[1]));
          }
          return Values.Unit.INSTANCE;
        });
    add(
        "exit",
        1,
        (a, c) -> {
          throw new Interpreter.Exit((int) i64(a[0]));
        });
    add("args", 0, (a, c) -> list(new ArrayList<>(c.args())));
    // drain() (language.md §8): later sends become dead letters; the actor stops normally once
    // its queue is empty
    add(
        "drain",
        0,
        (a, c) -> {
          RuntimePort port = c.port();
          if (port == null)
            throw new SimplexPanic("drain needs an actor runtime (run under a peer)");
          try {
            port.drain();
          } catch (RuntimePort.Panic e) {
            throw new SimplexPanic(e.getMessage());
          }
          return Values.Unit.INSTANCE;
        });
    add("env", 1, (a, c) -> option(System.getenv(str(a[0]))));
    add(
        "log_enabled",
        1,
        (a, c) -> {
          List<String> levels = List.of("debug", "info", "warn", "error");
          String configured =
              System.getenv()
                  .getOrDefault("SIMPLEX_LOG", "info")
                  .toLowerCase(java.util.Locale.ROOT);
          int threshold = Math.max(0, levels.indexOf(configured));
          return levels.indexOf(str(a[0])) >= threshold;
        });
    // ai::stream (language.md §11)
    add("stream.next", 1, (a, c) -> option(((StreamValue) a[0]).next()));
    add(
        "stream.collect_string",
        1,
        (a, c) -> {
          StringBuilder sb = new StringBuilder();
          for (String s = ((StreamValue) a[0]).next(); s != null; s = ((StreamValue) a[0]).next())
            sb.append(s);
          return sb.toString();
        });
    add(
        "stream.collect_list",
        1,
        (a, c) -> {
          List<Object> out = new ArrayList<>();
          for (String s = ((StreamValue) a[0]).next(); s != null; s = ((StreamValue) a[0]).next())
            out.add(s);
          return list(out);
        });
    add("cell_new", 1, (a, c) -> new Cell(a[0]));
    add("cell_get", 1, (a, c) -> ((Cell) a[0]).value);
    add(
        "cell_set",
        2,
        (a, c) -> {
          ((Cell) a[0]).value = a[1];
          return Values.Unit.INSTANCE;
        });
  }

  private static long nonZero(long b) {
    if (b == 0) throw new SimplexPanic("division by zero");
    return b;
  }

  /** Arithmetic on boxed numbers for erased generic code ({@code T: Numeric}). */
  static Object numOp(Object x, Object y, String op) {
    boolean isFloat =
        x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float;
    if (isFloat) {
      double a = ((Number) x).doubleValue(), b = ((Number) y).doubleValue();
      double r =
          switch (op) {
            case "ADD_I64" -> a + b;
            case "SUB_I64" -> a - b;
            case "MUL_I64" -> a * b;
            case "DIV_I64" -> a / b;
            default -> a % b;
          };
      // f32 operands (erased generic code) give an f32, rounded like F64_TO_F32
      if (x instanceof Float || y instanceof Float) return (float) r;
      return r;
    }
    long a = ((Number) x).longValue(), b = ((Number) y).longValue();
    if (x instanceof Values.U64 || y instanceof Values.U64) {
      return new Values.U64(
          switch (op) {
            case "ADD_I64" -> Interpreter.addU64(a, b);
            case "SUB_I64" -> Interpreter.subU64(a, b);
            case "MUL_I64" -> Interpreter.mulU64(a, b);
            case "DIV_I64" -> Long.divideUnsigned(a, nonZero(b));
            default -> Long.remainderUnsigned(a, nonZero(b));
          });
    }
    try {
      return switch (op) {
        case "ADD_I64" -> Math.addExact(a, b);
        case "SUB_I64" -> Math.subtractExact(a, b);
        case "MUL_I64" -> Math.multiplyExact(a, b);
        case "DIV_I64" -> {
          if (b == 0) throw new SimplexPanic("division by zero");
          yield Math.divideExact(a, b);
        }
        default -> {
          if (b == 0) throw new SimplexPanic("division by zero");
          yield a % b;
        }
      };
    } catch (ArithmeticException e) {
      throw new SimplexPanic("integer overflow");
    }
  }

  /** {@code x.name()} for the f64 methods of {@code f64_math} (the interpreter fuses the call). */
  static double f64Math(double x, String name) {
    return switch (name) {
      case "sqrt" -> Math.sqrt(x);
      case "floor" -> Math.floor(x);
      case "ceil" -> Math.ceil(x);
      case "round" -> x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
      case "sin" -> Math.sin(x);
      case "cos" -> Math.cos(x);
      case "tan" -> Math.tan(x);
      case "exp" -> Math.exp(x);
      case "ln" -> Math.log(x);
      case "log10" -> Math.log10(x);
      default -> Math.abs(x);
    };
  }
}
