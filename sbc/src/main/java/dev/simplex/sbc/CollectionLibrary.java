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

/** Built-in methods of lists, maps, sets, ranges, Option and Result (language.md §12.3). */
final class CollectionLibrary {
  private CollectionLibrary() {}

  static void register() {
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
                switch (a[0]) {
                  case Library.RangeValue r -> Math.max(0, r.end() - r.from());
                  case ListValue l -> l.size();
                  default -> items(a[0]).size();
                });
    add(
        "list_insert",
        3,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items();
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
          ((ListValue) a[0]).items().addAll(items(a[1]));
          return Values.Unit.INSTANCE;
        });
    add(
        "list_pop",
        1,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items();
          return option(l.isEmpty() ? null : l.removeLast());
        });
    add(
        "list_remove",
        2,
        (a, c) -> {
          List<Object> l = ((ListValue) a[0]).items();
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
            case ListValue l -> l.items().clear();
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
          java.util.Collections.reverse(((ListValue) a[0]).items());
          return Values.Unit.INSTANCE;
        });
    add(
        "list_sort",
        1,
        (a, c) -> {
          ((ListValue) a[0]).items().sort(Compare::compare);
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
          if (str(a[1]).equals("f32")) {
            float s = 0;
            for (Object o : items(a[0])) s += ((Number) o).floatValue();
            return s;
          }
          boolean isFloat = str(a[1]).equals("f64");
          if (isFloat) {
            double s = 0;
            for (Object o : items(a[0])) s += ((Number) o).doubleValue();
            return s;
          }
          if (str(a[1]).equals("u64")) {
            long s = 0;
            for (Object o : items(a[0])) s = Interpreter.addU64(s, ((Number) o).longValue());
            return new Values.U64(s);
          }
          long s = 0;
          for (Object o : items(a[0])) {
            long v = ((Number) o).longValue(), r = s + v;
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
          List<Object> l = items(a[0]);
          long length = (long) str(a[1]).length() * Math.max(0, l.size() - 1);
          for (Object o : l) length += o instanceof String s ? s.length() : 8;
          StringBuilder sb = new StringBuilder((int) Math.min(length, Integer.MAX_VALUE - 16));
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
    add("range_new", 3, (a, c) -> new Library.RangeValue(i64(a[0]), i64(a[1]), (Boolean) a[2]));
    add(
        "range_contains",
        2,
        (a, c) -> {
          Library.RangeValue r = (Library.RangeValue) a[0];
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
        2,
        (a, c) -> {
          EnumValue e = (EnumValue) a[0];
          return e.tag == 0
              ? new EnumValue(Library.RESULT, 0, new Object[] {e.payload[0]})
              : new EnumValue(Library.RESULT, 1, new Object[] {a[1]});
        });
    add(
        "type_key",
        1,
        (a, c) ->
            switch (a[0]) {
              case Long l -> "Int";
              case Values.GenericNumber g -> "Int";
              case Double d -> "Float";
              case Float f -> "Float";
              case Values.U64 u -> "Int";
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
  }

  private static long clampCount(long n, int size) {
    if (n < 0) throw new SimplexPanic("count must not be negative");
    return Math.min(n, size);
  }
}
