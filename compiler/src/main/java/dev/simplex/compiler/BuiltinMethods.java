package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Signatures of the built-in methods (language.md §12.3). A method is named by a key such as {@code
 * String.len} or {@code List.map}; the code generator implements each key. A Range offers the
 * read-only List methods, as if on the List of its elements.
 */
final class BuiltinMethods {
  private static final Set<String> STRING =
      Set.of(
          "len",
          "is_empty",
          "to_bytes",
          "contains",
          "starts_with",
          "ends_with",
          "find",
          "replace",
          "to_uppercase",
          "to_lowercase",
          "trim",
          "trim_start",
          "trim_end",
          "repeat",
          "substring",
          "split",
          "split_whitespace",
          "lines",
          "chars",
          "parse_int",
          "parse_float",
          "to_string",
          "clone",
          "cmp");
  private static final Set<String> INT =
      Set.of(
          "pow",
          "wrapping_add",
          "wrapping_sub",
          "wrapping_mul",
          "checked_add",
          "checked_sub",
          "checked_mul",
          "checked_div",
          "abs",
          "min",
          "max",
          "to_f64",
          "to_i64",
          "to_string",
          "clone",
          "cmp");
  private static final Set<String> FLOAT =
      Set.of(
          "pow",
          "sqrt",
          "floor",
          "ceil",
          "round",
          "sin",
          "cos",
          "tan",
          "exp",
          "ln",
          "log10",
          "abs",
          "is_nan",
          "min",
          "max",
          "to_f64",
          "to_i64",
          "to_string",
          "clone",
          "cmp");
  private static final Set<String> CHAR =
      Set.of(
          "is_alphabetic",
          "is_numeric",
          "is_alphanumeric",
          "is_whitespace",
          "is_uppercase",
          "is_lowercase",
          "to_uppercase",
          "to_lowercase",
          "to_digit",
          "to_string",
          "clone",
          "cmp");
  static final Set<String> LIST_READ =
      Set.of(
          "len",
          "count",
          "is_empty",
          "get",
          "first",
          "last",
          "contains",
          "index_of",
          "map",
          "filter",
          "filter_map",
          "enumerate",
          "zip",
          "take",
          "skip",
          "rev",
          "concat",
          "sorted",
          "sorted_by",
          "sorted_by_key",
          "iter",
          "fold",
          "sum",
          "min",
          "max",
          "find",
          "position",
          "any",
          "all",
          "join",
          "collect",
          "clone",
          "to_string");
  private static final Set<String> LIST_MUT =
      Set.of(
          "push",
          "push_mut",
          "insert",
          "extend",
          "pop",
          "pop_mut",
          "remove",
          "clear",
          "reverse",
          "sort",
          "sort_by");
  private static final Set<String> MAP =
      Set.of(
          "len",
          "is_empty",
          "get",
          "get_or",
          "contains_key",
          "keys",
          "values",
          "iter",
          "entries",
          "insert",
          "remove",
          "clear",
          "clone",
          "to_string");
  private static final Set<String> SET =
      Set.of(
          "len",
          "is_empty",
          "contains",
          "iter",
          "union",
          "intersection",
          "difference",
          "symmetric_difference",
          "is_subset",
          "is_superset",
          "is_disjoint",
          "insert",
          "remove",
          "clone",
          "to_string");
  private static final Set<String> OPTION =
      Set.of(
          "is_some",
          "is_none",
          "unwrap",
          "expect",
          "unwrap_or",
          "unwrap_or_else",
          "map",
          "and_then",
          "or",
          "ok_or",
          "clone",
          "to_string");
  private static final Set<String> RESULT =
      Set.of(
          "is_ok",
          "is_err",
          "unwrap",
          "expect",
          "unwrap_or",
          "unwrap_or_else",
          "map",
          "map_err",
          "and_then",
          "ok",
          "err",
          "clone",
          "to_string");

  private final BodyChecker bc;
  private final Calls calls;
  private final Inference inf;

  BuiltinMethods(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
    this.inf = bc.inf;
  }

  /** The key of built-in method {@code name} on {@code t}, or null if there is none. */
  static String key(Type t, String method) {
    String name = method;
    String owner =
        switch (t) {
          case Prim p when p == Prim.STRING -> STRING.contains(name) ? "String" : null;
          case Prim p when p.isInt() -> INT.contains(name) ? "Int" : null;
          case Prim p when p.isFloat() -> FLOAT.contains(name) ? "Float" : null;
          case Prim p when p == Prim.CHAR -> CHAR.contains(name) ? "Char" : null;
          case Type.Builtin b when b.name().equals("List") ->
              LIST_READ.contains(name) || LIST_MUT.contains(name) ? "List" : null;
          case Type.Builtin b when b.name().equals("Range") ->
              LIST_READ.contains(name) ? "List" : null;
          case Type.Builtin b when b.name().equals("Map") -> MAP.contains(name) ? "Map" : null;
          case Type.Builtin b when b.name().equals("Set") -> SET.contains(name) ? "Set" : null;
          case Type.Builtin b when b.name().equals("Duration") ->
              Set.of("as_millis", "as_secs", "as_nanos", "clone", "to_string").contains(name)
                  ? "Duration"
                  : null;
          case Type.Builtin b when b.name().equals("Bytes") ->
              Set.of("len", "to_list", "to_string_utf8", "clone", "to_string").contains(name)
                  ? "Bytes"
                  : null;
          case Type.Builtin b when b.name().equals("Instant") ->
              Set.of("elapsed", "duration_since", "clone", "to_string").contains(name)
                  ? "Instant"
                  : null;
          case Type.Builtin b when b.name().equals("Dynamic") ->
              Set.of("downcast", "type_name").contains(name) ? "Dynamic" : null;
          case Type.Builtin b when b.name().equals("Stream") ->
              Set.of("next", "collect").contains(name) ? "Stream" : null;
          case Type.Builtin b when b.name().equals("Vector") ->
              VectorCalls.METHODS.contains(name) ? "Vector" : null;
          case Type.Adt a
              when a.def().name().equals("Option")
                  && a.def().typeParams().size() == 1
                  && OPTION.contains(name) ->
              "Option";
          case Type.Adt a
              when a.def().name().equals("Result")
                  && a.def().typeParams().size() == 2
                  && RESULT.contains(name) ->
              "Result";
          default -> name.equals("clone") || name.equals("to_string") ? "Any" : null;
        };
    if (owner == null) return null;
    String canonical =
        switch (method) {
          case "push_mut" -> "push";
          case "pop_mut" -> "pop";
          case "count" -> "len";
          case "entries" -> "iter";
          default -> method;
        };
    return owner + "." + canonical;
  }

  /** {@code T} of {@code d.downcast<T>()}: written, or from an expected {@code Option<T>}. */
  private Type downcastTarget(MethodCall m, Type expected) {
    if (m.typeArgs().size() == 1)
      return bc.ck.resolveType(m.typeArgs().getFirst(), bc.typeParams());
    if (expected != null
        && inf.resolve(expected) instanceof Type.Adt a
        && a.def() == bc.ck.builtins().option
        && !inf.hasUnsolved(a.args().getFirst())) return inf.resolve(a.args().getFirst());
    bc.ck.error(
        "E0204",
        "type annotation needed: `downcast` needs the type to look for",
        m.methodSpan(),
        "type unknown",
        "write `d.downcast<T>()`");
    return Type.Error.INSTANCE;
  }

  Type check(String key, MethodCall m, Type rt, Type expected) {
    Type elem =
        rt instanceof Type.Builtin b && !b.args().isEmpty()
            ? b.args().getFirst()
            : rt instanceof Type.Adt a && !a.args().isEmpty() ? a.args().getFirst() : rt;
    Type second =
        rt instanceof Type.Builtin b && b.args().size() > 1
            ? b.args().get(1)
            : rt instanceof Type.Adt a && a.args().size() > 1 ? a.args().get(1) : null;
    Prim s = Prim.STRING, i = Prim.I64, bool = Prim.BOOL;
    Type opt = bc.ck.builtins().option(elem);
    Type list = Type.list(elem);
    Type u = inf.fresh();
    Type sig =
        switch (key) {
          case "String.len" -> fn(i);
          case "String.is_empty" -> fn(bool);
          case "String.contains", "String.starts_with", "String.ends_with" -> fn(bool, s);
          case "String.find" -> fn(bc.ck.builtins().option(i), s);
          case "String.replace" -> fn(s, s, s);
          case "String.to_uppercase",
              "String.to_lowercase",
              "String.trim",
              "String.trim_start",
              "String.trim_end" ->
              fn(s);
          case "String.repeat" -> fn(s, i);
          case "String.substring" -> fn(s, i, i);
          case "String.split" -> fn(Type.list(s), s);
          case "String.split_whitespace", "String.lines" -> fn(Type.list(s));
          case "String.chars" -> fn(Type.list(Prim.CHAR));
          case "String.parse_int" -> fn(bc.ck.builtins().option(i));
          case "String.parse_float" -> fn(bc.ck.builtins().option(Prim.F64));
          case "Int.pow" -> fn(rt, i);
          case "Int.wrapping_add",
              "Int.wrapping_sub",
              "Int.wrapping_mul",
              "Int.min",
              "Int.max",
              "Float.min",
              "Float.max",
              "Float.pow" ->
              fn(rt, rt);
          case "Int.checked_add", "Int.checked_sub", "Int.checked_mul", "Int.checked_div" ->
              fn(bc.ck.builtins().option(rt), rt);
          case "Int.abs",
              "Float.abs",
              "Float.sqrt",
              "Float.floor",
              "Float.ceil",
              "Float.round",
              "Float.sin",
              "Float.cos",
              "Float.tan",
              "Float.exp",
              "Float.ln",
              "Float.log10" ->
              fn(rt);
          case "Float.is_nan" -> fn(bool);
          case "Int.to_f64", "Float.to_f64" -> fn(Prim.F64);
          case "Int.to_i64", "Float.to_i64" -> fn(i);
          case "Char.is_alphabetic",
              "Char.is_numeric",
              "Char.is_alphanumeric",
              "Char.is_whitespace",
              "Char.is_uppercase",
              "Char.is_lowercase" ->
              fn(bool);
          case "Char.to_uppercase", "Char.to_lowercase" -> fn(Prim.CHAR);
          case "Char.to_digit" -> fn(bc.ck.builtins().option(i), i);
          case "List.len" -> fn(i);
          case "List.is_empty" -> fn(bool);
          case "List.get" -> fn(opt, i);
          case "List.first", "List.last", "List.pop", "List.min", "List.max" -> fn(opt);
          case "List.contains" -> fn(bool, elem);
          case "List.index_of" -> fn(bc.ck.builtins().option(i), elem);
          case "List.push" -> fn(Prim.UNIT, elem);
          case "List.insert" -> fn(Prim.UNIT, i, elem);
          case "List.extend" -> fn(Prim.UNIT, list);
          case "List.remove" -> fn(elem, i);
          case "List.clear", "List.reverse", "List.sort" -> fn(Prim.UNIT);
          case "List.sort_by" -> fn(Prim.UNIT, new Type.Fn(List.of(elem, elem), i));
          case "List.sorted_by" -> fn(list, new Type.Fn(List.of(elem, elem), i));
          case "List.sorted_by_key" -> fn(list, new Type.Fn(List.of(elem), u));
          case "List.map" -> fn(Type.list(u), new Type.Fn(List.of(elem), u));
          case "List.filter" -> fn(list, new Type.Fn(List.of(elem), bool));
          case "List.filter_map" ->
              fn(Type.list(u), new Type.Fn(List.of(elem), bc.ck.builtins().option(u)));
          case "List.enumerate" -> fn(Type.list(new Type.Tuple(List.of(i, elem))));
          case "List.zip" -> fn(Type.list(new Type.Tuple(List.of(elem, u))), Type.list(u));
          case "List.take", "List.skip" -> fn(list, i);
          case "List.rev", "List.sorted", "List.iter" -> fn(list);
          case "List.concat" -> fn(list, list);
          case "List.fold" -> fn(u, u, new Type.Fn(List.of(u, elem), u));
          case "List.sum" -> fn(elem);
          case "List.find" -> fn(opt, new Type.Fn(List.of(elem), bool));
          case "List.position" -> fn(bc.ck.builtins().option(i), new Type.Fn(List.of(elem), bool));
          case "List.any", "List.all" -> fn(bool, new Type.Fn(List.of(elem), bool));
          case "List.join" -> fn(s, s);
          case "List.collect" -> fn(collectTarget(elem, expected));
          case "Map.len" -> fn(i);
          case "Map.is_empty" -> fn(bool);
          case "Map.get" -> fn(bc.ck.builtins().option(second), elem);
          case "Map.get_or" -> fn(second, elem, second);
          case "Map.contains_key" -> fn(bool, elem);
          case "Map.keys" -> fn(Type.list(elem));
          case "Map.values" -> fn(Type.list(second));
          case "Map.iter" -> fn(Type.list(new Type.Tuple(List.of(elem, second))));
          case "Map.insert" -> fn(bc.ck.builtins().option(second), elem, second);
          case "Map.remove" -> fn(bc.ck.builtins().option(second), elem);
          case "Map.clear", "Set.clear" -> fn(Prim.UNIT);
          case "Duration.as_millis", "Duration.as_secs", "Duration.as_nanos" -> fn(i);
          // ai::stream (§11): `collect()` makes a String where one is expected, else a List
          case "Dynamic.type_name" -> fn(s);
          case "Bytes.len" -> fn(i);
          case "Bytes.to_list" -> fn(Type.list(Prim.U8));
          case "Bytes.to_string_utf8" -> {
            Durations.requireNative(bc, "bytes_to_string_utf8", "to_string_utf8", m.methodSpan());
            yield fn(bc.ck.builtins().option(s));
          }
          case "String.to_bytes" -> {
            Durations.requireNative(bc, "str_to_bytes", "to_bytes", m.methodSpan());
            yield fn(Durations.BYTES);
          }
          case "Instant.elapsed" -> fn(Durations.DURATION);
          case "Instant.duration_since" -> fn(Durations.DURATION, Durations.INSTANT);
          case "Dynamic.downcast" -> fn(bc.ck.builtins().option(downcastTarget(m, expected)));
          case "Stream.next" -> fn(opt);
          case "Stream.collect" ->
              fn(expected != null && inf.resolve(expected) == Prim.STRING ? s : list);
          case "Vector.len" -> fn(i);
          case "Vector.magnitude" -> fn(Prim.F64);
          case "Vector.normalize" -> fn(rt);
          case "Vector.dot" -> fn(Prim.F64, rt);
          case "Vector.to_list" -> fn(Type.list(Prim.F64));
          case "Set.len" -> fn(i);
          case "Set.is_empty" -> fn(bool);
          case "Set.contains", "Set.remove", "Set.insert" -> fn(bool, elem);
          case "Set.iter" -> fn(list);
          case "Set.union", "Set.intersection", "Set.difference", "Set.symmetric_difference" ->
              fn(rt, rt);
          case "Set.is_subset", "Set.is_superset", "Set.is_disjoint" -> fn(bool, rt);
          case "Option.is_some", "Option.is_none", "Result.is_ok", "Result.is_err" -> fn(bool);
          case "Option.unwrap", "Result.unwrap" -> fn(elem);
          case "Option.expect", "Result.expect" -> fn(elem, s);
          case "Option.unwrap_or", "Result.unwrap_or" -> fn(elem, elem);
          case "Option.unwrap_or_else" -> fn(elem, new Type.Fn(List.of(), elem));
          case "Result.unwrap_or_else" -> fn(elem, new Type.Fn(List.of(second), elem));
          case "Option.map" -> fn(bc.ck.builtins().option(u), new Type.Fn(List.of(elem), u));
          case "Option.and_then" ->
              fn(
                  bc.ck.builtins().option(u),
                  new Type.Fn(List.of(elem), bc.ck.builtins().option(u)));
          case "Option.or" -> fn(rt, rt);
          case "Option.ok_or" -> fn(bc.ck.builtins().result(elem, u), u);
          case "Result.map" ->
              fn(bc.ck.builtins().result(u, second), new Type.Fn(List.of(elem), u));
          case "Result.map_err" ->
              fn(bc.ck.builtins().result(elem, u), new Type.Fn(List.of(second), u));
          case "Result.and_then" ->
              fn(
                  bc.ck.builtins().result(u, second),
                  new Type.Fn(List.of(elem), bc.ck.builtins().result(u, second)));
          case "Result.ok" -> fn(bc.ck.builtins().option(elem));
          case "Result.err" -> fn(bc.ck.builtins().option(second));
          default -> {
            String name = key.substring(key.indexOf('.') + 1);
            if (name.equals("clone")) yield fn(rt);
            if (name.equals("to_string")) yield fn(s);
            if (name.equals("cmp")) yield fn(i, rt);
            throw new IllegalStateException("no signature for " + key);
          }
        };
    Type.Fn f = (Type.Fn) sig;
    if (key.equals("List.sum") && !(inf.resolve(elem) instanceof Prim p && p.isNumeric())) {
      bc.ck.error(
          "E0209",
          "`sum` needs numbers, found `" + inf.resolve(elem) + "`",
          m.methodSpan(),
          "not Numeric",
          "sum a list of numbers");
    }
    if ((key.equals("List.sort")
            || key.equals("List.sorted")
            || key.equals("List.min")
            || key.equals("List.max"))
        && !Traits.isOrd(inf.resolve(elem))) {
      bc.ck.error(
          "E0209",
          "`" + m.method() + "` needs an ordered element type, found `" + inf.resolve(elem) + "`",
          m.methodSpan(),
          "not Ord",
          "use `sort_by` with a comparison function");
    }
    if (expected != null && !key.equals("List.collect")) inf.unify(f.ret(), expected);
    return calls.positional(
        new Call(new Name(List.of(m.method()), List.of(), m.methodSpan()), m.args(), m.span()),
        f,
        "`" + m.method() + "`");
  }

  private Type collectTarget(Type elem, Type expected) {
    Type exp = inf.resolve(expected);
    if (exp instanceof Type.Builtin b && b.name().equals("Set")) {
      inf.unify(elem, b.args().getFirst());
      return b;
    }
    if (exp instanceof Type.Builtin b && b.name().equals("Map")) {
      inf.unify(elem, new Type.Tuple(List.of(b.args().get(0), b.args().get(1))));
      return b;
    }
    if (exp == Prim.STRING) return Prim.STRING;
    return Type.list(elem);
  }

  private static Type fn(Type ret, Type... params) {
    return new Type.Fn(new ArrayList<>(List.of(params)), ret);
  }
}
