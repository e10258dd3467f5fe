package dev.simplex.sbc;

import dev.simplex.sbc.RuntimePort.AiFailed;
import dev.simplex.sbc.RuntimePort.AiOptions;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI instructions of language.md §11 ({@code AI_CALL}, {@code AI_EXTRACT}, {@code
 * AI_CLASSIFY}): options with their defaults and range checks, then the {@link RuntimePort}.
 */
final class AiOps {
  private AiOps() {}

  static final int COMPLETE = 0;
  static final int TRY_COMPLETE = 1;
  static final int STREAM = 2;
  static final int EMBED = 3;
  static final int EMBED_BATCH = 4;
  static final int KINDS = 5;

  private static final String[] KIND_NAMES = {
    "complete", "try_complete", "stream", "embed", "embed_batch"
  };

  static final TypeDef AI_ERROR =
      new TypeDef(
          "AIError",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Unavailable", false, List.of()),
              new TypeDef.Variant("RateLimited", false, List.of()),
              new TypeDef.Variant("Timeout", false, List.of()),
              new TypeDef.Variant("ModelNotFound", false, List.of()),
              new TypeDef.Variant("InvalidOutput", false, List.of())));

  static final TypeDef EXTRACTION_ERROR =
      new TypeDef(
          "ExtractionError",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("InvalidFormat", false, List.of(""), List.of("String")),
              new TypeDef.Variant("MissingRequired", false, List.of(""), List.of("String")),
              new TypeDef.Variant("Model", false, List.of(""), List.of("AIError"))));

  /** {@code AI_CALL kind}: r[sp-2] input, r[sp-1] options; returns the new stack pointer. */
  static int call(RuntimePort port, SbcModule module, int kind, Object[] r, int sp) {
    String fn = "ai::" + KIND_NAMES[kind];
    AiOptions o = options(fn, r[sp - 1]);
    Object input = r[sp - 2];
    Object result;
    try {
      result =
          switch (kind) {
            case COMPLETE -> text(fn, port.aiComplete((String) input, o));
            case TRY_COMPLETE -> ok(text(fn, port.aiComplete((String) input, o)));
            case STREAM -> {
              var it = port.aiStream((String) input, o);
              if (it == null) throw new SimplexPanic(fn + ": the runtime produced no stream");
              yield new StreamValue(it);
            }
            case EMBED -> vector(fn, port.aiEmbed((String) input, o.model()));
            case EMBED_BATCH -> {
              List<String> texts = new ArrayList<>();
              for (Object t : ((ListValue) input).view()) texts.add((String) t);
              List<double[]> vs = port.aiEmbedBatch(List.copyOf(texts), o.model());
              if (vs == null || vs.size() != texts.size())
                throw new SimplexPanic(
                    fn
                        + ": the runtime returned "
                        + (vs == null ? 0 : vs.size())
                        + " vectors for "
                        + texts.size()
                        + " texts");
              ArrayList<Object> out = new ArrayList<>();
              for (double[] v : vs) out.add(vector(fn, v));
              yield new ListValue(out);
            }
            default -> throw new SimplexPanic("unknown AI call kind " + kind);
          };
    } catch (AiFailed e) {
      if (kind != TRY_COMPLETE) throw new SimplexPanic("AI error: " + e.variant());
      result = new EnumValue(Library.RESULT, 1, new Object[] {aiError(module, e)});
    }
    r[--sp] = null;
    r[sp - 1] = result;
    return sp;
  }

  /** {@code AI_EXTRACT t}: pushes {@code Ok(T)} or {@code Err(ExtractionError)}. */
  static int extract(RuntimePort port, SbcModule module, TypeDef t, Object[] r, int sp) {
    AiOptions o = options("ai::extract", r[sp - 1]);
    String input = (String) r[sp - 2];
    Object result;
    try {
      String reply = text("ai::extract", port.aiComplete(prompt(input, t, module), o));
      result = ok(new Extraction(module).fromReply(reply, t));
    } catch (AiFailed e) {
      result = err(module, 2, aiError(module, e));
    } catch (Extraction.Failed f) {
      result = err(module, f.tag, f.getMessage());
    }
    r[--sp] = null;
    r[sp - 1] = result;
    return sp;
  }

  /** {@code AI_CLASSIFY t}: pushes the unit variant of enum T the runtime chose. */
  static int classify(RuntimePort port, TypeDef t, Object[] r, int sp) {
    AiOptions o = options("ai::classify", r[sp - 1]);
    List<String> labels = t.variants().stream().map(TypeDef.Variant::name).toList();
    int index;
    try {
      index = port.aiClassify((String) r[sp - 2], labels, o.model());
    } catch (AiFailed e) {
      throw new SimplexPanic("AI error: " + e.variant());
    }
    if (index < 0 || index >= labels.size())
      throw new SimplexPanic(
          "ai::classify: the runtime chose label " + index + " of " + labels.size());
    r[--sp] = null;
    r[sp - 1] = new EnumValue(t, index, new Object[0]);
    return sp;
  }

  /** Reads the options map, applies the defaults of §11 and checks the ranges. */
  static AiOptions options(String fn, Object map) {
    AiOptions d = AiOptions.DEFAULT;
    String model = d.model();
    double temperature = d.temperature();
    long maxTokens = d.maxTokens();
    List<String> stop = d.stop();
    if (map instanceof MapValue m) {
      for (Map.Entry<Object, Object> e : m.entries.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object v = e.getValue();
        switch (key) {
          case "model" -> model = (String) v;
          case "temperature" -> temperature = ((Number) v).doubleValue();
          case "max_tokens" -> maxTokens = ((Number) v).longValue();
          case "stop" -> {
            List<String> s = new ArrayList<>();
            for (Object x : ((ListValue) v).view()) s.add((String) x);
            stop = s;
          }
          default -> throw new SimplexPanic(fn + ": unknown option `" + key + "`");
        }
      }
    } else if (map != null && map != Values.Unit.INSTANCE) {
      throw new SimplexPanic(fn + ": options must be a map");
    }
    if (!(temperature >= 0.0 && temperature <= 2.0))
      throw new SimplexPanic(
          fn + ": temperature must be within 0.0..=2.0, got " + Display.f64(temperature));
    if (maxTokens < 1)
      throw new SimplexPanic(fn + ": max_tokens must be at least 1, got " + maxTokens);
    return new AiOptions(model, temperature, maxTokens, stop);
  }

  private static String text(String fn, String s) {
    if (s == null) throw new SimplexPanic(fn + ": the runtime produced no text");
    return s;
  }

  private static VectorValue vector(String fn, double[] v) {
    if (v == null) throw new SimplexPanic(fn + ": the runtime produced no vector");
    return new VectorValue(v);
  }

  private static EnumValue ok(Object v) {
    return new EnumValue(Library.RESULT, 0, new Object[] {v});
  }

  private static EnumValue err(SbcModule module, int tag, Object payload) {
    TypeDef t = Extraction.typeNamed(module, "ExtractionError");
    return new EnumValue(
        Library.RESULT, 1, new Object[] {new EnumValue(t, tag, new Object[] {payload})});
  }

  /**
   * The AIError value for a failure; the program's own declaration of the type when it has one (the
   * compiler's prelude declares it with the same variant order).
   */
  static EnumValue aiError(SbcModule module, AiFailed e) {
    TypeDef t = Extraction.typeNamed(module, "AIError");
    for (int tag = 0; tag < AI_ERROR.variants().size(); tag++)
      if (AI_ERROR.variants().get(tag).name().equals(e.variant()))
        return new EnumValue(t, tag, new Object[0]);
    throw new SimplexPanic("AI error: " + e.variant() + " (not an AIError variant)");
  }

  /** The input, then an instruction to answer with one JSON value shaped like T. */
  static String prompt(String input, TypeDef t, SbcModule module) {
    return input
        + "\n\nRespond with only a JSON object of this shape (types as in Simplex; an Option may be"
        + " null or absent):\n"
        + shape(t, module, 0);
  }

  private static String shape(TypeDef t, SbcModule module, int depth) {
    if (t.kind() == TypeDef.Kind.STRUCT) return fieldsShape(t.variants().getFirst(), module, depth);
    StringBuilder sb = new StringBuilder("one of: ");
    for (int i = 0; i < t.variants().size(); i++) {
      TypeDef.Variant v = t.variants().get(i);
      if (i > 0) sb.append(" | ");
      if (v.fields().isEmpty()) sb.append(Json.quote(v.name()));
      else
        sb.append("{")
            .append(Json.quote(v.name()))
            .append(": ")
            .append(fieldsShape(v, module, depth));
      if (!v.fields().isEmpty()) sb.append("}");
    }
    return sb.toString();
  }

  private static String fieldsShape(TypeDef.Variant v, SbcModule module, int depth) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < v.fields().size(); i++) {
      if (i > 0) sb.append(", ");
      String name = v.fields().get(i).isEmpty() ? "_" + i : v.fields().get(i);
      String type = v.fieldTypes().get(i);
      sb.append(Json.quote(name)).append(": ");
      TypeDef nested = depth < 4 ? Extraction.typeNamed(module, type) : null;
      sb.append(
          nested != null
              ? shape(nested, module, depth + 1)
              : Json.quote(type.isEmpty() ? "any" : type));
    }
    return sb.append("}").toString();
  }

  /** Validates parsed JSON against a type's field types. */
  static final class Extraction {
    static final class Failed extends Exception {
      final int tag; // ExtractionError: 0 InvalidFormat, 1 MissingRequired

      Failed(int tag, String message) {
        super(message, null, false, false);
        this.tag = tag;
      }
    }

    private final SbcModule module;

    Extraction(SbcModule module) {
      this.module = module;
    }

    static TypeDef typeNamed(SbcModule module, String name) {
      if (name.isEmpty()) return null;
      for (TypeDef t : module.types()) if (t.name().equals(name)) return t;
      return switch (name) {
        case "AIError" -> AI_ERROR;
        case "ExtractionError" -> EXTRACTION_ERROR;
        default -> null;
      };
    }

    Object fromReply(String reply, TypeDef t) throws Failed {
      Object json;
      try {
        json = t.kind() == TypeDef.Kind.STRUCT ? Json.firstObject(reply) : firstValue(reply);
      } catch (Json.Malformed e) {
        throw new Failed(0, "malformed JSON: " + e.getMessage());
      }
      return typed(json, t, "", 0);
    }

    private static Object firstValue(String reply) throws Json.Malformed {
      int obj = reply.indexOf('{');
      int str = reply.indexOf('"');
      if (str >= 0 && (obj < 0 || str < obj)) {
        int end = reply.indexOf('"', str + 1);
        if (end > str) return Json.parse(reply.substring(str, end + 1));
      }
      return Json.firstObject(reply);
    }

    private Object typed(Object json, TypeDef t, String path, int depth) throws Failed {
      if (depth > Json.MAX_DEPTH) throw new Failed(0, at(path) + "nesting too deep");
      if (t.kind() == TypeDef.Kind.STRUCT) {
        if (!(json instanceof Map<?, ?> m)) throw wrong(path, t.name() + " (an object)", json);
        TypeDef.Variant v = t.variants().getFirst();
        return new Values.StructValue(t, fields(m, v, path, depth));
      }
      // enum: "Variant" for a unit variant, {"Variant": {fields}} otherwise
      String name;
      Object payload = null;
      if (json instanceof String s) name = s;
      else if (json instanceof Map<?, ?> m && m.size() == 1) {
        name = (String) m.keySet().iterator().next();
        payload = m.values().iterator().next();
      } else throw wrong(path, t.name() + " (a variant name)", json);
      for (int tag = 0; tag < t.variants().size(); tag++) {
        TypeDef.Variant v = t.variants().get(tag);
        if (!v.name().equals(name)) continue;
        if (v.fields().isEmpty()) {
          if (payload != null) throw new Failed(0, at(path) + name + " carries no values");
          return new EnumValue(t, tag, new Object[0]);
        }
        String p = path.isEmpty() ? name : path + "." + name;
        Object[] values;
        if (payload instanceof Map<?, ?> pm) values = fields(pm, v, p, depth);
        else if (payload instanceof List<?> pl && pl.size() == v.fields().size()) {
          values = new Object[pl.size()];
          for (int i = 0; i < values.length; i++)
            values[i] = value(pl.get(i), v.fieldTypes().get(i), p + "[" + i + "]", depth + 1);
        } else if (payload != null && v.fields().size() == 1)
          values = new Object[] {value(payload, v.fieldTypes().get(0), p, depth + 1)};
        else throw new Failed(1, p);
        return new EnumValue(t, tag, values);
      }
      throw new Failed(0, at(path) + t.name() + " has no variant \"" + name + "\"");
    }

    private Object[] fields(Map<?, ?> m, TypeDef.Variant v, String path, int depth) throws Failed {
      Object[] values = new Object[v.fields().size()];
      for (int i = 0; i < values.length; i++) {
        String f = v.fields().get(i);
        String type = v.fieldTypes().get(i);
        String p = path.isEmpty() ? f : path + "." + f;
        Object j = m.get(f);
        if (j == null || (j == Json.NULL && !type.startsWith("Option<"))) {
          if (type.startsWith("Option<")) {
            values[i] = Natives.none();
            continue;
          }
          throw new Failed(1, p);
        }
        values[i] = value(j, type, p, depth + 1);
      }
      return values;
    }

    /** The run-time value of {@code json} as a value of the Simplex type {@code type}. */
    Object value(Object json, String type, String path, int depth) throws Failed {
      type = type.strip();
      switch (type) {
        case "" -> {
          return untyped(json, path);
        }
        case "bool" -> {
          if (json instanceof Boolean b) return b;
          throw wrong(path, type, json);
        }
        case "String" -> {
          if (json instanceof String s) return s;
          throw wrong(path, type, json);
        }
        case "char" -> {
          if (json instanceof String s && s.codePointCount(0, s.length()) == 1)
            return new Values.CharValue(s.codePointAt(0));
          throw wrong(path, type, json);
        }
        case "f64", "f32" -> {
          if (json instanceof BigDecimal d) return d.doubleValue();
          throw wrong(path, type, json);
        }
        default -> {}
      }
      IntKind kind = intKind(type);
      if (kind != null) {
        if (json instanceof BigDecimal d) {
          try {
            long v = d.longValueExact();
            if (kind.fits(v)) return v;
          } catch (ArithmeticException e) {
            // not integral or out of i64
          }
          throw new Failed(
              0, at(path) + "expected " + type + ", got " + d.toPlainString() + " (out of range)");
        }
        throw wrong(path, type, json);
      }
      String inner = generic(type, "Option");
      if (inner != null)
        return json == Json.NULL ? Natives.none() : Natives.some(value(json, inner, path, depth));
      inner = generic(type, "List");
      if (inner == null) inner = generic(type, "Vec");
      if (inner != null) {
        if (!(json instanceof List<?> l)) throw wrong(path, type, json);
        ArrayList<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++)
          out.add(value(l.get(i), inner, path + "[" + i + "]", depth + 1));
        return new ListValue(out);
      }
      inner = generic(type, "Map");
      if (inner != null) {
        int comma = inner.indexOf(',');
        if (comma < 0 || !inner.substring(0, comma).strip().equals("String"))
          throw new Failed(0, at(path) + "cannot extract " + type + " (keys must be String)");
        String vt = inner.substring(comma + 1);
        if (!(json instanceof Map<?, ?> m)) throw wrong(path, type, json);
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet())
          out.put(e.getKey(), value(e.getValue(), vt, path + "." + e.getKey(), depth + 1));
        return new MapValue(out);
      }
      TypeDef t = typeNamed(module, type);
      if (t != null) return typed(json, t, path, depth + 1);
      throw new Failed(0, at(path) + "cannot extract a value of type " + type);
    }

    private static Object untyped(Object json, String path) throws Failed {
      if (json instanceof BigDecimal d) {
        try {
          return d.longValueExact();
        } catch (ArithmeticException e) {
          return d.doubleValue();
        }
      }
      if (json instanceof String || json instanceof Boolean) return json;
      if (json instanceof List<?> l) {
        ArrayList<Object> out = new ArrayList<>();
        for (Object x : l) out.add(untyped(x, path));
        return new ListValue(out);
      }
      if (json instanceof Map<?, ?> m) {
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey(), untyped(e.getValue(), path));
        return new MapValue(out);
      }
      return Values.Unit.INSTANCE;
    }

    private static IntKind intKind(String type) {
      return switch (type) {
        case "i8" -> IntKind.I8;
        case "i16" -> IntKind.I16;
        case "i32" -> IntKind.I32;
        case "i64", "isize", "int" -> IntKind.I64;
        case "u8" -> IntKind.U8;
        case "u16" -> IntKind.U16;
        case "u32" -> IntKind.U32;
        case "u64", "usize" -> IntKind.U64;
        default -> null;
      };
    }

    private static String generic(String type, String name) {
      if (type.startsWith(name + "<") && type.endsWith(">"))
        return type.substring(name.length() + 1, type.length() - 1);
      return null;
    }

    private static String at(String path) {
      return path.isEmpty() ? "" : "field `" + path + "`: ";
    }

    private static Failed wrong(String path, String expected, Object json) {
      String got =
          switch (json) {
            case String s -> "a string";
            case BigDecimal d -> "the number " + d.toPlainString();
            case Boolean b -> b.toString();
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> "null";
          };
      return new Failed(0, at(path) + "expected " + expected + ", got " + got);
    }
  }
}
