package dev.simplex.sbc;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Built-in functions reached through {@link Op#CALL_NATIVE}: the library outside the core loop (as
 * in Lua). Arguments and results are boxed reference values. A native never calls back into
 * bytecode, so an SBC call never recurses on the Java stack; higher-order methods are compiled to
 * loops instead. The library itself lives in {@link Library}.
 */
public final class Natives {
  private Natives() {}

  @FunctionalInterface
  interface Impl {
    Object apply(Object[] args, Context ctx);
  }

  /** What a built-in may ask of the running program. */
  interface Context {
    List<String> args();

    /** The actor runtime the program runs under, or null (a plain {@code Vm.run}). */
    default RuntimePort port() {
      return null;
    }
  }

  /** One built-in: its stable name (used in canonical hashing), its arity and its code. */
  record Native(String name, int arity, Impl impl) {}

  private static final List<Native> TABLE = new ArrayList<>();
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static void add(String name, int arity, Impl impl) {
    if (INDEX.containsKey(name)) throw new IllegalStateException("duplicate native " + name);
    INDEX.put(name, TABLE.size());
    TABLE.add(new Native(name, arity, impl));
  }

  static {
    Library.register();
  }

  /** The index of the built-in called {@code name}, for code generators; -1 if there is none. */
  public static int indexOf(String name) {
    return INDEX.getOrDefault(name, -1);
  }

  public static int arity(int index) {
    return TABLE.get(index).arity();
  }

  static int count() {
    return TABLE.size();
  }

  /** Every built-in's code, by index (for the interpreter's CALL_NATIVE). */
  static Impl[] impls() {
    Impl[] out = new Impl[TABLE.size()];
    for (int i = 0; i < out.length; i++) out[i] = TABLE.get(i).impl();
    return out;
  }

  static Native get(int index) {
    return TABLE.get(index);
  }

  // shared helpers for the library

  static ListValue list(List<?> items) {
    return new ListValue(new ArrayList<>(items));
  }

  static EnumValue some(Object v) {
    return new EnumValue(Library.OPTION, 0, new Object[] {v});
  }

  static EnumValue none() {
    return new EnumValue(Library.OPTION, 1, new Object[0]);
  }

  static EnumValue option(Object v) {
    return v == null ? none() : some(v);
  }

  static String str(Object o) {
    return (String) o;
  }

  /** An integer argument: a boxed i64, or the bits of a boxed u64. */
  static long i64(Object o) {
    return ((Number) o).longValue();
  }

  /** The elements of a collection, for reading only. */
  static List<Object> items(Object o) {
    return switch (o) {
      case ListValue l -> l.view();
      case SetValue s -> new ArrayList<>(s.items);
      case MapValue m -> {
        ArrayList<Object> out = new ArrayList<>();
        m.entries.forEach((k, v) -> out.add(new Values.TupleValue(java.util.Arrays.asList(k, v))));
        yield out;
      }
      case Library.RangeValue r -> r.toList();
      case VectorValue v -> {
        ArrayList<Object> out = new ArrayList<>();
        for (double d : v.values()) out.add(d);
        yield out;
      }
      default -> throw new SimplexPanic("not a collection: " + Display.debug(o));
    };
  }

  static Object copy(Object o) {
    return switch (o) {
      case ListValue l -> {
        if (l.isF64()) yield l.shallowCopy(); // f64 elements need no copy
        List<Object> in = l.view();
        ArrayList<Object> out = new ArrayList<>(in.size());
        for (Object x : in) out.add(copy(x));
        yield new ListValue(out);
      }
      case MapValue m -> {
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        m.entries.forEach((k, v) -> out.put(copy(k), copy(v)));
        yield new MapValue(out);
      }
      case SetValue s -> {
        LinkedHashSet<Object> out = new LinkedHashSet<>();
        for (Object x : s.items) out.add(copy(x));
        yield new SetValue(out);
      }
      case Values.StructValue s -> {
        Object[] f = s.fields.clone();
        for (int k = 0; k < f.length; k++) f[k] = copy(f[k]);
        yield new Values.StructValue(s.type, f);
      }
      case EnumValue e -> {
        Object[] p = e.payload.clone();
        for (int k = 0; k < p.length; k++) p[k] = copy(p[k]);
        yield new EnumValue(e.type, e.tag, p);
      }
      case Values.TupleValue t -> {
        List<Object> parts = new ArrayList<>();
        for (Object x : t.parts()) parts.add(copy(x));
        yield new Values.TupleValue(parts);
      }
      default -> o;
    };
  }

  static int cp(Object c) {
    return ((CharValue) c).codePoint();
  }

  static List<Object> sorted(List<Object> items) {
    List<Object> out = new ArrayList<>(items);
    out.sort(Compare::compare);
    return out;
  }

  static List<Object> reversed(List<Object> items) {
    List<Object> out = new ArrayList<>(items);
    Collections.reverse(out);
    return out;
  }
}
