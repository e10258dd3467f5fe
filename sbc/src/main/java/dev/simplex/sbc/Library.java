package dev.simplex.sbc;

import static dev.simplex.sbc.Natives.add;
import static dev.simplex.sbc.Natives.i64;
import static dev.simplex.sbc.Natives.items;
import static dev.simplex.sbc.Natives.list;
import static dev.simplex.sbc.Natives.option;
import static dev.simplex.sbc.Natives.str;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import dev.simplex.sbc.Values.TupleValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/** The built-in methods and functions of language.md §12 that need no callbacks into bytecode. */
final class Library {
  private Library() {}

  static final TypeDef OPTION =
      new TypeDef(
          "Option",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Some", false, List.of("")),
              new TypeDef.Variant("None", false, List.of())));

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

  static void register() {
    // time
    add("duration_of", 2, (a, c) -> DurationValue.of(i64(a[0]), str(a[1])));
    add(
        "duration_op",
        3,
        (a, c) -> {
          long x = ((DurationValue) a[0]).nanos(), y = ((DurationValue) a[1]).nanos();
          try {
            return new DurationValue(
                str(a[2]).equals("add") ? Math.addExact(x, y) : Math.subtractExact(x, y));
          } catch (ArithmeticException e) {
            throw new SimplexPanic("integer overflow");
          }
        });
    add(
        "duration_as",
        2,
        (a, c) -> {
          long n = ((DurationValue) a[0]).nanos();
          return switch (str(a[1])) {
            case "as_secs" -> n / 1_000_000_000L;
            case "as_millis" -> n / 1_000_000L;
            default -> n;
          };
        });
    add(
        "sleep",
        1,
        (a, c) -> {
          long n = ((DurationValue) a[0]).nanos();
          try {
            Thread.sleep(n / 1_000_000L, (int) (n % 1_000_000L));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimplexPanic("interrupted while sleeping");
          }
          return Values.Unit.INSTANCE;
        });
    // vectors (language.md §11)
    add(
        "vector_from",
        1,
        (a, c) -> {
          List<Object> xs = items(a[0]);
          double[] v = new double[xs.size()];
          for (int i = 0; i < v.length; i++) v[i] = ((Number) xs.get(i)).doubleValue();
          return new VectorValue(v);
        });
    add(
        "vector_zeros",
        1,
        (a, c) -> {
          if (i64(a[0]) < 0) throw new SimplexPanic("vector length must not be negative");
          return new VectorValue(new double[(int) i64(a[0])]);
        });
    add("vector_len", 1, (a, c) -> (long) ((VectorValue) a[0]).length());
    add(
        "vector_get",
        2,
        (a, c) -> {
          VectorValue v = (VectorValue) a[0];
          long i = i64(a[1]);
          if (i < 0 || i >= v.length())
            throw new SimplexPanic("index out of bounds: index " + i + ", length " + v.length());
          return v.get((int) i);
        });
    add("vector_to_list", 1, (a, c) -> list(items(a[0])));
    add("vector_dot", 2, (a, c) -> ((VectorValue) a[0]).dot((VectorValue) a[1]));
    add("vector_magnitude", 1, (a, c) -> ((VectorValue) a[0]).magnitude());
    add("vector_normalize", 1, (a, c) -> ((VectorValue) a[0]).normalize());
    add("vector_similarity", 2, (a, c) -> ((VectorValue) a[0]).similarity((VectorValue) a[1]));
    add(
        "vector_nearest",
        3,
        (a, c) -> {
          VectorValue q = (VectorValue) a[0];
          List<Object> cands = items(a[1]);
          long k = i64(a[2]);
          if (k < 0) throw new SimplexPanic("k must not be negative");
          List<Object[]> scored = new ArrayList<>();
          for (int i = 0; i < cands.size(); i++)
            scored.add(new Object[] {(long) i, q.similarity((VectorValue) cands.get(i))});
          // descending similarity, ties by lower index (the sort is stable)
          scored.sort((x, y) -> Double.compare((Double) y[1], (Double) x[1]));
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < Math.min(k, scored.size()); i++)
            out.add(new TupleValue(Arrays.asList(scored.get(i))));
          return list(out);
        });
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
          if (str(a[1]).isEmpty()) throw new SimplexPanic("split separator must not be empty");
          return list(
              Arrays.asList(
                  (Object[]) str(a[0]).split(java.util.regex.Pattern.quote(str(a[1])), -1)));
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
    add("f64_pow", 2, (a, c) -> Math.pow((Double) a[0], (Double) a[1]));
    add(
        "f64_math",
        2,
        (a, c) -> {
          double x = (Double) a[0];
          return switch (str(a[1])) {
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
        });
    // lists
    add(
        "list_get",
        2,
        (a, c) -> {
          List<Object> l = items(a[0]);
          long i = i64(a[1]);
          return option(i >= 0 && i < l.size() ? l.get((int) i) : null);
        });
    add("list_first", 1, (a, c) -> option(items(a[0]).isEmpty() ? null : items(a[0]).getFirst()));
    add("list_last", 1, (a, c) -> option(items(a[0]).isEmpty() ? null : items(a[0]).getLast()));
    add("list_contains", 2, (a, c) -> items(a[0]).contains(a[1]));
    add(
        "list_index_of",
        2,
        (a, c) -> {
          int i = items(a[0]).indexOf(a[1]);
          return option(i < 0 ? null : (long) i);
        });
    add(
        "list_len",
        1,
        (a, c) ->
            (long)
                (a[0] instanceof RangeValue r
                    ? Math.max(0, r.end() - r.from())
                    : items(a[0]).size()));
    add(
        "list_insert",
        3,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items;
          long i = i64(a[1]);
          if (i < 0 || i > l.size())
            throw new SimplexPanic("index out of bounds: index " + i + ", length " + l.size());
          l.add((int) i, a[2]);
          return Values.Unit.INSTANCE;
        });
    add(
        "list_extend",
        2,
        (a, c) -> {
          ((ListValue) a[0]).items.addAll(items(a[1]));
          return Values.Unit.INSTANCE;
        });
    add(
        "list_pop",
        1,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items;
          return option(l.isEmpty() ? null : l.removeLast());
        });
    add(
        "list_remove",
        2,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items;
          long i = i64(a[1]);
          if (i < 0 || i >= l.size())
            throw new SimplexPanic("index out of bounds: index " + i + ", length " + l.size());
          return l.remove((int) i);
        });
    add(
        "list_clear",
        1,
        (a, c) -> {
          switch (a[0]) {
            case ListValue l -> l.items.clear();
            case MapValue m -> m.entries.clear();
            case SetValue s -> s.items.clear();
            default -> {}
          }
          return Values.Unit.INSTANCE;
        });
    add(
        "list_reverse",
        1,
        (a, c) -> {
          java.util.Collections.reverse(((ListValue) a[0]).items);
          return Values.Unit.INSTANCE;
        });
    add(
        "list_sort",
        1,
        (a, c) -> {
          ((ListValue) a[0]).items.sort(Compare::compare);
          return Values.Unit.INSTANCE;
        });
    add("list_sorted", 1, (a, c) -> list(Natives.sorted(items(a[0]))));
    add("list_rev", 1, (a, c) -> list(Natives.reversed(items(a[0]))));
    add("list_iter", 1, (a, c) -> list(items(a[0])));
    add(
        "list_enumerate",
        1,
        (a, c) -> {
          List<Object> l = items(a[0]);
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < l.size(); i++)
            out.add(new TupleValue(Arrays.asList((long) i, l.get(i))));
          return list(out);
        });
    add(
        "list_zip",
        2,
        (a, c) -> {
          List<Object> x = items(a[0]), y = items(a[1]);
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < Math.min(x.size(), y.size()); i++)
            out.add(new TupleValue(Arrays.asList(x.get(i), y.get(i))));
          return list(out);
        });
    add(
        "list_take",
        2,
        (a, c) -> {
          List<Object> l = items(a[0]);
          long n = clampCount(i64(a[1]), l.size());
          return list(l.subList(0, (int) n));
        });
    add(
        "list_skip",
        2,
        (a, c) -> {
          List<Object> l = items(a[0]);
          long n = clampCount(i64(a[1]), l.size());
          return list(l.subList((int) n, l.size()));
        });
    add(
        "list_concat",
        2,
        (a, c) -> {
          List<Object> out = new ArrayList<>(items(a[0]));
          out.addAll(items(a[1]));
          return list(out);
        });
    add(
        "list_sum",
        2,
        (a, c) -> {
          boolean isFloat = str(a[1]).equals("f64");
          if (isFloat) {
            double s = 0;
            for (Object o : items(a[0])) s += (Double) o;
            return s;
          }
          long s = 0;
          for (Object o : items(a[0])) {
            long v = (Long) o, r = s + v;
            if (((s ^ r) & (v ^ r)) < 0) throw new SimplexPanic("integer overflow");
            s = r;
          }
          return s;
        });
    add(
        "list_min",
        1,
        (a, c) -> {
          Object best = null;
          for (Object o : items(a[0])) if (best == null || Compare.compare(o, best) < 0) best = o;
          return option(best);
        });
    add(
        "list_max",
        1,
        (a, c) -> {
          Object best = null;
          for (Object o : items(a[0])) if (best == null || Compare.compare(o, best) > 0) best = o;
          return option(best);
        });
    add(
        "list_join",
        2,
        (a, c) -> {
          StringBuilder sb = new StringBuilder();
          List<Object> l = items(a[0]);
          for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(str(a[1]));
            sb.append(Display.display(l.get(i)));
          }
          return sb.toString();
        });
    add(
        "list_slice",
        4,
        (a, c) -> {
          List<Object> l = items(a[0]);
          long from = a[1] instanceof Long f ? f : 0;
          long to = a[2] instanceof Long t ? t + ((Boolean) a[3] ? 1 : 0) : l.size();
          if (from < 0 || to > l.size() || from > to) {
            throw new SimplexPanic(
                "slice [" + from + ".." + to + "] out of bounds for length " + l.size());
          }
          return list(l.subList((int) from, (int) to));
        });
    add(
        "list_repeat",
        2,
        (a, c) -> {
          if (i64(a[1]) < 0) throw new SimplexPanic("repeat count must not be negative");
          List<Object> out = new ArrayList<>();
          for (long i = 0; i < i64(a[1]); i++) out.add(Natives.copy(a[0]));
          return list(out);
        });
    add("collect_set", 1, (a, c) -> new SetValue(new LinkedHashSet<>(items(a[0]))));
    add(
        "collect_map",
        1,
        (a, c) -> {
          LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
          for (Object o : items(a[0])) {
            TupleValue t = (TupleValue) o;
            m.put(t.parts().get(0), t.parts().get(1));
          }
          return new MapValue(m);
        });
    add(
        "collect_string",
        1,
        (a, c) -> {
          StringBuilder sb = new StringBuilder();
          for (Object o : items(a[0])) sb.append(Display.display(o));
          return sb.toString();
        });
    add("range_new", 3, (a, c) -> new RangeValue(i64(a[0]), i64(a[1]), (Boolean) a[2]));
    add(
        "range_contains",
        2,
        (a, c) -> {
          RangeValue r = (RangeValue) a[0];
          long v = i64(a[1]);
          return v >= r.from() && v < r.end();
        });
    add("iter_list", 1, (a, c) -> a[0] instanceof ListValue l ? l : list(items(a[0])));
    // maps and sets
    add("map_get", 2, (a, c) -> option(((MapValue) a[0]).entries.get(a[1])));
    add("map_get_or", 3, (a, c) -> ((MapValue) a[0]).entries.getOrDefault(a[1], a[2]));
    add("map_contains_key", 2, (a, c) -> ((MapValue) a[0]).entries.containsKey(a[1]));
    add("map_keys", 1, (a, c) -> list(new ArrayList<>(((MapValue) a[0]).entries.keySet())));
    add("map_values", 1, (a, c) -> list(new ArrayList<>(((MapValue) a[0]).entries.values())));
    add("map_insert", 3, (a, c) -> option(((MapValue) a[0]).entries.put(a[1], a[2])));
    add("map_remove", 2, (a, c) -> option(((MapValue) a[0]).entries.remove(a[1])));
    add("set_contains", 2, (a, c) -> ((SetValue) a[0]).items.contains(a[1]));
    add("set_insert", 2, (a, c) -> ((SetValue) a[0]).items.add(a[1]));
    add("set_remove", 2, (a, c) -> ((SetValue) a[0]).items.remove(a[1]));
    add(
        "set_op",
        3,
        (a, c) -> {
          LinkedHashSet<Object> x = ((SetValue) a[0]).items, y = ((SetValue) a[1]).items;
          LinkedHashSet<Object> out = new LinkedHashSet<>();
          switch (str(a[2])) {
            case "union" -> {
              out.addAll(x);
              out.addAll(y);
            }
            case "intersection" -> x.stream().filter(y::contains).forEach(out::add);
            case "difference" -> x.stream().filter(v -> !y.contains(v)).forEach(out::add);
            default -> {
              x.stream().filter(v -> !y.contains(v)).forEach(out::add);
              y.stream().filter(v -> !x.contains(v)).forEach(out::add);
            }
          }
          return new SetValue(out);
        });
    add(
        "set_relation",
        3,
        (a, c) -> {
          LinkedHashSet<Object> x = ((SetValue) a[0]).items, y = ((SetValue) a[1]).items;
          return switch (str(a[2])) {
            case "is_subset" -> y.containsAll(x);
            case "is_superset" -> x.containsAll(y);
            default -> x.stream().noneMatch(y::contains);
          };
        });
    // options and results
    add(
        "unwrap",
        2,
        (a, c) -> {
          EnumValue e = (EnumValue) a[0];
          if (e.tag == 0) return e.payload[0];
          if (a[1] instanceof String msg) throw new SimplexPanic(msg);
          if (e.type.name().equals("Option")) throw new SimplexPanic("called unwrap on None");
          throw new SimplexPanic("called unwrap on Err(" + Display.debug(e.payload[0]) + ")");
        });
    add(
        "unwrap_or",
        2,
        (a, c) -> ((EnumValue) a[0]).tag == 0 ? ((EnumValue) a[0]).payload[0] : a[1]);
    add(
        "result_ok",
        2,
        (a, c) -> {
          EnumValue e = (EnumValue) a[0];
          boolean wantOk = (Boolean) a[1];
          return option((e.tag == 0) == wantOk ? e.payload[0] : null);
        });
    add(
        "ok_or",
        3,
        (a, c) -> {
          EnumValue e = (EnumValue) a[0];
          TypeDef result = ((EnumValue) a[2]).type;
          return e.tag == 0
              ? new EnumValue(result, 0, new Object[] {e.payload[0]})
              : new EnumValue(result, 1, new Object[] {a[1]});
        });
    add(
        "type_key",
        1,
        (a, c) ->
            switch (a[0]) {
              case Long l -> "Int";
              case Values.GenericNumber g -> "Int";
              case Double d -> "Float";
              case Boolean b -> "Bool";
              case CharValue ch -> "Char";
              case String s -> "String";
              case Values.StructValue s -> s.type.name();
              case EnumValue e -> e.type.name();
              case ListValue l -> "List";
              case MapValue m -> "Map";
              case SetValue s -> "Set";
              case VectorValue v -> "Vector";
              default -> "?";
            });
    add("enum_tag", 1, (a, c) -> (long) ((EnumValue) a[0]).tag);
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

  /** Arithmetic on boxed numbers for erased generic code ({@code T: Numeric}). */
  static Object numOp(Object x, Object y, String op) {
    boolean isFloat = x instanceof Double || y instanceof Double;
    if (isFloat) {
      double a = ((Number) x).doubleValue(), b = ((Number) y).doubleValue();
      return switch (op) {
        case "ADD_I64" -> a + b;
        case "SUB_I64" -> a - b;
        case "MUL_I64" -> a * b;
        case "DIV_I64" -> a / b;
        default -> a % b;
      };
    }
    long a = ((Number) x).longValue(), b = ((Number) y).longValue();
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

  private static long clampCount(long n, int size) {
    if (n < 0) throw new SimplexPanic("count must not be negative");
    return Math.min(n, size);
  }
}
