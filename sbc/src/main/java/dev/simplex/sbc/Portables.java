package dev.simplex.sbc;

import dev.simplex.sbc.PortableValue.Entry;
import dev.simplex.sbc.PortableValue.Field;
import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import dev.simplex.sbc.Values.StructValue;
import dev.simplex.sbc.Values.TupleValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/** Converts run-time values to and from {@link PortableValue}s; errors name the path inside. */
final class Portables {
  private Portables() {}

  /** Reserved enum type names for function values and ranges in an {@link ExecutionContext}. */
  static final String FN = "$fn";

  static final String RANGE = "$range";

  static PortableValue export(Object value, String path) {
    return export(value, new Path(null, path, -1), null);
  }

  static PortableValue export(Object value, String path, SbcModule module) {
    return export(value, new Path(null, path, -1), module);
  }

  /** Where inside a value the exporter is, rendered only for an error message. */
  private record Path(Path parent, String text, int index) {
    Path at(String t) {
      return new Path(this, t, -1);
    }

    Path at(int i) {
      return new Path(this, null, i);
    }

    @Override
    public String toString() {
      String own = text != null ? text : "[" + index + "]";
      return parent == null ? own : parent + own;
    }
  }

  /**
   * Like {@link #export(Object, String)}; with a module, function values (by hash) and ranges are
   * exported too, as the variants {@code $fn::<hash>} and {@code $range::Range}.
   */
  private static PortableValue export(Object value, Path path, SbcModule module) {
    if (module != null) {
      if (value instanceof Values.Closure c) {
        List<PortableValue> payload = new ArrayList<>();
        payload.add(new PortableValue.Bool(c.hasEnv()));
        payload.addAll(exportAll(c.captures(), path.at("(captures)"), module));
        return new PortableValue.Variant(FN, module.hashHex(c.function()), payload);
      }
      if (value instanceof Library.RangeValue r)
        return new PortableValue.Variant(
            RANGE,
            "Range",
            List.of(
                new PortableValue.Int(r.from()),
                new PortableValue.Int(r.to()),
                new PortableValue.Bool(r.inclusive())));
    }
    return switch (value) {
      case null -> throw new IllegalArgumentException(path + ": no value");
      case Values.Unit u -> PortableValue.UnitValue.INSTANCE;
      case Boolean b -> new PortableValue.Bool(b);
      case Long l -> new PortableValue.Int(l);
      case Values.GenericNumber n -> new PortableValue.Int(n.value);
      case Double d -> new PortableValue.Float(d);
      case Float f -> new PortableValue.Float(f);
      case Values.U64 u -> new PortableValue.Int(u.bits);
      case CharValue c -> new PortableValue.Char(c.codePoint());
      case String s -> new PortableValue.Str(s);
      case DurationValue d -> new PortableValue.Duration(d.nanos());
      case VectorValue v -> new PortableValue.Vector(v.values());
      case ListValue l -> new PortableValue.ListOf(exportAll(l.view(), path, module));
      case SetValue s -> new PortableValue.SetOf(exportAll(List.copyOf(s.items), path, module));
      case TupleValue t -> new PortableValue.Tuple(exportAll(t.parts(), path, module));
      case MapValue m -> {
        List<Entry> entries = new ArrayList<>(m.entries.size());
        m.entries.forEach(
            (k, v) ->
                entries.add(
                    new Entry(
                        export(k, path.at("{key}"), module),
                        export(v, path.at("{value}"), module))));
        yield new PortableValue.MapOf(entries);
      }
      case StructValue s -> {
        List<String> names = s.type.variants().getFirst().fields();
        List<Field> fields = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++)
          fields.add(
              new Field(names.get(k), export(s.fields[k], path.at("." + names.get(k)), module)));
        yield new PortableValue.Struct(s.type.name(), fields);
      }
      case EnumValue e -> {
        Path at = path.at("(" + e.type.name() + "::" + e.variant().name() + ")");
        yield new PortableValue.Variant(
            e.type.name(), e.variant().name(), exportAll(List.of(e.payload), at, module));
      }
      case Values.Closure c ->
          throw new IllegalArgumentException(path + ": a function value cannot be stored");
      case Library.RangeValue r ->
          throw new IllegalArgumentException(path + ": a range cannot be stored");
      case StreamValue st ->
          throw new IllegalArgumentException(path + ": a stream cannot be stored");
      case Library.Cell c ->
          throw new IllegalArgumentException(path + ": a borrow cannot be stored");
      // anything else came from the runtime port: an actor address
      default -> new PortableValue.Actor(value);
    };
  }

  private static List<PortableValue> exportAll(List<Object> values, Path path, SbcModule module) {
    List<PortableValue> out = new ArrayList<>(values.size());
    for (int k = 0; k < values.size(); k++) out.add(export(values.get(k), path.at(k), module));
    return out;
  }

  static Object rebuild(SbcModule module, PortableValue value, String path) {
    return switch (value) {
      case PortableValue.UnitValue u -> Values.Unit.INSTANCE;
      case PortableValue.Bool b -> b.value();
      case PortableValue.Int i -> i.value();
      case PortableValue.Float f -> f.value();
      case PortableValue.Char c -> {
        int cp = c.codePoint();
        if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF))
          throw new IllegalArgumentException(path + ": not a Unicode scalar value: " + cp);
        yield new CharValue(cp);
      }
      case PortableValue.Str s -> s.value();
      case PortableValue.Duration d -> {
        if (d.nanos() < 0) throw new IllegalArgumentException(path + ": negative duration");
        yield new DurationValue(d.nanos());
      }
      case PortableValue.Vector v -> new VectorValue(v.values());
      case PortableValue.ListOf l -> ListValue.of(rebuildAll(module, l.items(), path).toArray());
      case PortableValue.SetOf s ->
          new SetValue(new LinkedHashSet<>(rebuildAll(module, s.items(), path)));
      case PortableValue.Tuple t -> new TupleValue(rebuildAll(module, t.items(), path));
      case PortableValue.MapOf m -> {
        LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();
        for (Entry e : m.entries())
          entries.put(
              rebuild(module, e.key(), path + "{key}"),
              rebuild(module, e.value(), path + "{value}"));
        yield new MapValue(entries);
      }
      case PortableValue.Struct s -> rebuildStruct(module, s, path);
      case PortableValue.Variant v -> rebuildVariant(module, v, path);
      case PortableValue.Actor a -> a.address();
    };
  }

  private static ArrayList<Object> rebuildAll(
      SbcModule module, List<PortableValue> values, String path) {
    ArrayList<Object> out = new ArrayList<>(values.size());
    for (int k = 0; k < values.size(); k++)
      out.add(rebuild(module, values.get(k), path + "[" + k + "]"));
    return out;
  }

  /** Every declared field must be present, and no other: a nested struct has no initialisers. */
  private static StructValue rebuildStruct(SbcModule module, PortableValue.Struct s, String path) {
    TypeDef type = type(module, s.type(), TypeDef.Kind.STRUCT, path);
    List<String> names = type.variants().getFirst().fields();
    Object[] fields = new Object[names.size()];
    for (Field f : s.fields()) {
      int k = names.indexOf(f.name());
      if (k < 0)
        throw new IllegalArgumentException(
            path + ": struct " + s.type() + " has no field `" + f.name() + "`");
      if (fields[k] != null)
        throw new IllegalArgumentException(path + ": field `" + f.name() + "` given twice");
      fields[k] = rebuild(module, f.value(), path + "." + f.name());
    }
    for (int k = 0; k < names.size(); k++)
      if (fields[k] == null)
        throw new IllegalArgumentException(
            path + ": struct " + s.type() + " lacks field `" + names.get(k) + "`");
    return new StructValue(type, fields);
  }

  private static Object rebuildVariant(SbcModule module, PortableValue.Variant v, String path) {
    if (v.type().equals(FN)) {
      int f = functionByHash(module, v.variant());
      if (f < 0)
        throw new IllegalArgumentException(
            "code changed: function " + v.variant() + " not in module (" + path + ")");
      if (v.payload().isEmpty() || !(v.payload().getFirst() instanceof PortableValue.Bool env))
        throw new IllegalArgumentException(path + ": a function value without its form");
      List<Object> captures =
          rebuildAll(module, v.payload().subList(1, v.payload().size()), path + "(captures)");
      if (!env.value() && !captures.isEmpty())
        throw new IllegalArgumentException(path + ": a plain function with captures");
      return new Values.Closure(f, captures, env.value());
    }
    if (v.type().equals(RANGE)) {
      if (v.payload().size() == 3
          && v.payload().get(0) instanceof PortableValue.Int from
          && v.payload().get(1) instanceof PortableValue.Int to
          && v.payload().get(2) instanceof PortableValue.Bool inclusive)
        return new Library.RangeValue(from.value(), to.value(), inclusive.value());
      throw new IllegalArgumentException(path + ": a malformed range");
    }
    return rebuildEnum(module, v, path);
  }

  /** The index of the function with content hash {@code hex}, or -1. */
  static int functionByHash(SbcModule module, String hex) {
    for (int i = 0; i < module.functions().size(); i++) if (module.hashHex(i).equals(hex)) return i;
    return -1;
  }

  private static EnumValue rebuildEnum(SbcModule module, PortableValue.Variant v, String path) {
    TypeDef type = type(module, v.type(), TypeDef.Kind.ENUM, path);
    for (int tag = 0; tag < type.variants().size(); tag++) {
      TypeDef.Variant variant = type.variants().get(tag);
      if (!variant.name().equals(v.variant())) continue;
      if (variant.fields().size() != v.payload().size())
        throw new IllegalArgumentException(
            path
                + ": "
                + v.type()
                + "::"
                + v.variant()
                + " carries "
                + variant.fields().size()
                + " values, not "
                + v.payload().size());
      String at = path + "(" + v.type() + "::" + v.variant() + ")";
      return new EnumValue(type, tag, rebuildAll(module, v.payload(), at).toArray());
    }
    throw new IllegalArgumentException(
        path + ": enum " + v.type() + " has no variant `" + v.variant() + "`");
  }

  private static TypeDef type(SbcModule module, String name, TypeDef.Kind kind, String path) {
    for (TypeDef t : module.types())
      if (t.name().equals(name)) {
        if (t.kind() != kind)
          throw new IllegalArgumentException(
              path
                  + ": "
                  + name
                  + " is not "
                  + (kind == TypeDef.Kind.ENUM ? "an enum" : "a struct"));
        return t;
      }
    if (name.equals("Option") && kind == TypeDef.Kind.ENUM) return Library.OPTION;
    if (name.equals("Result") && kind == TypeDef.Kind.ENUM) return Library.RESULT;
    if (name.equals("AIError") && kind == TypeDef.Kind.ENUM) return AiOps.AI_ERROR;
    if (name.equals("ExtractionError") && kind == TypeDef.Kind.ENUM) return AiOps.EXTRACTION_ERROR;
    throw new IllegalArgumentException(path + ": the program declares no type " + name);
  }
}
