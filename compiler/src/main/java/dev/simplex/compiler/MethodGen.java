package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Op;
import java.util.List;

/**
 * Built-in methods (language.md §12.3). Most become one {@code CALL_NATIVE}; the higher-order ones
 * (map, filter, fold, sort_by ...) become loops that call the closure with {@code CALL_LOCAL}, so
 * no native ever calls back into bytecode.
 */
final class MethodGen {
  private final FnGen g;
  private final CodeBuilder code;

  MethodGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  void method(MethodCall m, String key) {
    Type rt = ExprTypes.deref(g.type(m.receiver()));
    Type result = g.type(m);
    List<Arg> args = m.args();
    String name = key.substring(key.indexOf('.') + 1);
    if (new HigherOrderGen(g).generate(m, key, rt)) return;
    if (key.startsWith("Dynamic.")) {
      dynamic(m, key, result);
      return;
    }
    // receiver and arguments boxed, then one native
    g.genBoxed(m.receiver());
    if (rt instanceof Type.Builtin b
        && b.name().equals("Range")
        && !key.equals("List.len")
        && !key.equals("List.contains")) {
      g.callNative("iter_list", 1);
    }
    for (Arg a : args) g.genBoxed(a.value());
    switch (key) {
      case "Int.abs" -> {
        code.emit(Op.UNBOX_I64);
        Label pos = code.newLabel();
        code.emit(Op.DUP);
        g.pushI64(0);
        code.emit(Op.LT_I64);
        code.jump(Op.JUMP_IF_FALSE, pos);
        code.emit(Op.NEG_I64);
        code.place(pos);
        code.emit(Op.BOX_I64);
      }
      case "Int.pow" -> {
        g.pushStr(FnGen.intKind(rt).name());
        g.callNative("int_pow", 3);
      }
      case "Int.wrapping_add", "Int.wrapping_sub", "Int.wrapping_mul" -> {
        // compute in i64 without the overflow check, then wrap to the receiver's width
        g.pushStr(name.substring("wrapping_".length()));
        g.callNative("wrapping", 3);
        g.pushStr(FnGen.intKind(rt).name());
        g.callNative("int_wrap", 2);
      }
      case "Int.checked_add", "Int.checked_sub", "Int.checked_mul", "Int.checked_div" -> {
        g.pushStr(name.substring("checked_".length()));
        g.pushStr(FnGen.intKind(rt).name());
        g.callNative("int_checked", 4);
      }
      case "Int.min", "Int.max", "Float.min", "Float.max" -> {
        g.pushStr(name);
        g.callNative("num_minmax", 3);
      }
      case "Int.to_f64" -> {
        code.emit(Op.UNBOX_I64);
        code.emit(ExprTypes.deref(rt) == Prim.U64 ? Op.U64_TO_F64 : Op.I64_TO_F64);
        code.emit(Op.BOX_F64);
      }
      case "Int.to_i64", "Float.to_f64" -> {}
      case "Float.to_i64" -> {
        code.emit(Op.UNBOX_F64);
        code.emit(Op.F64_TO_INT, dev.simplex.sbc.IntKind.I64.ordinal());
        code.emit(Op.BOX_I64);
      }
      case "Float.pow" -> g.callNative("f64_pow", 2);
      case "Float.is_nan" -> {
        code.emit(Op.UNBOX_F64);
        code.emit(Op.DUP);
        code.emit(Op.NE_F64);
        code.emit(Op.BOX_BOOL);
      }
      case "Float.sqrt",
          "Float.floor",
          "Float.ceil",
          "Float.round",
          "Float.sin",
          "Float.cos",
          "Float.tan",
          "Float.exp",
          "Float.ln",
          "Float.log10",
          "Float.abs" -> {
        g.pushStr(name);
        g.callNative("f64_math", 2);
      }
      case "List.len", "Map.len", "Set.len" -> g.callNative("list_len", 1);
      case "Duration.as_millis", "Duration.as_secs", "Duration.as_nanos" -> {
        g.pushStr(name);
        g.callNative("duration_as", 2);
      }
      case "Vector.len", "Vector.magnitude", "Vector.normalize", "Vector.dot", "Vector.to_list" ->
          g.callNative("vector_" + name, args.size() + 1);
      case "List.is_empty", "Map.is_empty", "Set.is_empty" -> {
        g.callNative("list_len", 1);
        code.emit(Op.UNBOX_I64);
        g.pushI64(0);
        code.emit(Op.EQ_I64);
        code.emit(Op.BOX_BOOL);
      }
      case "List.push" -> {
        code.emit(Op.LIST_PUSH);
        code.emit(Op.PUSH_UNIT);
        code.emit(Op.BOX_UNIT);
      }
      case "List.contains" ->
          g.callNative(
              rt instanceof Type.Builtin b && b.name().equals("Range")
                  ? "range_contains"
                  : "list_contains",
              2);
      case "List.sum" -> {
        g.pushStr(
            ExprTypes.deref(result) instanceof Prim p && (p.isFloat() || p == Prim.U64)
                ? p.name().toLowerCase()
                : "i64");
        g.callNative("list_sum", 2);
      }
      case "List.collect" -> {
        Type t = ExprTypes.deref(result);
        if (t instanceof Type.Builtin b && b.name().equals("Set")) g.callNative("collect_set", 1);
        else if (t instanceof Type.Builtin b && b.name().equals("Map"))
          g.callNative("collect_map", 1);
        else if (t == Prim.STRING) g.callNative("collect_string", 1);
        else g.callNative("list_iter", 1);
      }
      case "Map.get",
          "Map.get_or",
          "Map.contains_key",
          "Map.keys",
          "Map.values",
          "Map.insert",
          "Map.remove" ->
          g.callNative("map_" + name, args.size() + 1);
      case "Map.iter", "Set.iter" -> g.callNative("list_iter", 1);
      case "Map.clear", "Set.clear", "List.clear" -> g.callNative("list_clear", 1);
      case "Set.contains", "Set.insert", "Set.remove" -> g.callNative("set_" + name, 2);
      case "Set.union", "Set.intersection", "Set.difference", "Set.symmetric_difference" -> {
        g.pushStr(name);
        g.callNative("set_op", 3);
      }
      case "Set.is_subset", "Set.is_superset", "Set.is_disjoint" -> {
        g.pushStr(name);
        g.callNative("set_relation", 3);
      }
      case "Option.is_some", "Result.is_ok", "Option.is_none", "Result.is_err" -> {
        code.emit(Op.MATCH_TAG, name.equals("is_some") || name.equals("is_ok") ? 0 : 1);
        code.emit(Op.BOX_BOOL);
      }
      case "Option.unwrap", "Result.unwrap" -> {
        code.emit(Op.PUSH_UNIT);
        code.emit(Op.BOX_UNIT);
        g.callNative("unwrap", 2);
      }
      case "Option.expect", "Result.expect" -> g.callNative("unwrap", 2);
      case "Option.unwrap_or", "Result.unwrap_or" -> g.callNative("unwrap_or", 2);
      case "Option.or" -> {
        int other = g.temp(result);
        code.emit(Op.STORE_LOCAL, other);
        code.emit(Op.DUP);
        code.emit(Op.MATCH_TAG, 0);
        Label keep = code.newLabel();
        code.jump(Op.JUMP_IF_TRUE, keep);
        code.emit(Op.POP);
        code.emit(Op.LOAD_LOCAL, other);
        code.place(keep);
      }
      case "Option.ok_or" -> g.callNative("ok_or", 2);
      case "Stream.next" -> g.callNative("stream.next", 1);
      case "Bytes.len" -> {
        code.emit(Op.LIST_LEN);
        code.emit(Op.BOX_I64);
      }
      case "Bytes.to_list" -> g.callNative("clone", 1);
      case "Bytes.to_string_utf8" -> g.callNative("bytes_to_string_utf8", 1);
      case "String.to_bytes" -> g.callNative("str_to_bytes", 1);
      case "Instant.elapsed" -> {
        g.callNative(Durations.NOW_NATIVE, 0);
        code.emit(Op.SWAP);
        g.pushStr("sub");
        g.callNative("duration_op", 3);
      }
      case "Instant.duration_since" -> {
        // zero when the other instant is later (§12.3)
        int other = g.temp(Durations.INSTANT);
        int self = g.temp(Durations.INSTANT);
        code.emit(Op.STORE_LOCAL, other);
        code.emit(Op.STORE_LOCAL, self);
        code.emit(Op.LOAD_LOCAL, self);
        code.emit(Op.LOAD_LOCAL, other);
        code.emit(Op.CMP_REF);
        g.pushI64(0);
        code.emit(Op.LT_I64);
        Label later = code.newLabel();
        Label done = code.newLabel();
        code.jump(Op.JUMP_IF_TRUE, later);
        code.emit(Op.LOAD_LOCAL, self);
        code.emit(Op.LOAD_LOCAL, other);
        g.pushStr("sub");
        g.callNative("duration_op", 3);
        int depth = code.depth();
        code.jump(Op.JUMP, done);
        code.setDepth(depth - 1);
        code.place(later);
        g.pushI64(0);
        code.emit(Op.BOX_I64);
        g.pushStr("nanoseconds");
        g.callNative("duration_of", 2);
        code.place(done);
      }
      case "Stream.collect" ->
          g.callNative(
              result == Type.Prim.STRING ? "stream.collect_string" : "stream.collect_list", 1);
      case "Result.ok" -> {
        code.emit(Op.PUSH_TRUE);
        code.emit(Op.BOX_BOOL);
        g.callNative("result_ok", 2);
      }
      case "Result.err" -> {
        code.emit(Op.PUSH_FALSE);
        code.emit(Op.BOX_BOOL);
        g.callNative("result_ok", 2);
      }
      case "Any.clone",
          "String.clone",
          "List.clone",
          "Map.clone",
          "Set.clone",
          "Option.clone",
          "Result.clone",
          "Int.clone",
          "Float.clone",
          "Char.clone" ->
          g.callNative("clone", 1);
      case "Any.to_string",
          "String.to_string",
          "List.to_string",
          "Map.to_string",
          "Set.to_string",
          "Option.to_string",
          "Result.to_string",
          "Int.to_string",
          "Float.to_string",
          "Char.to_string" ->
          g.callNative("display", 1);
      default -> {
        if (name.equals("cmp")) {
          g.callNative("cmp", 2);
        } else if (name.equals("clone")) {
          g.callNative("clone", 1);
        } else if (name.equals("to_string")) {
          g.callNative("display", 1);
        } else {
          String prefix =
              switch (key.substring(0, key.indexOf('.'))) {
                case "String" -> "str_";
                case "Char" -> "char_";
                default -> "list_";
              };
          g.callNative(prefix + name, args.size() + 1);
        }
      }
    }
    g.unboxTo(result);
  }

  /** {@code type_name()} and {@code downcast<T>()} on the (type name, value) tuple of a Dynamic. */
  private void dynamic(MethodCall m, String key, Type result) {
    g.gen(m.receiver());
    if (key.equals("Dynamic.type_name")) {
      code.emit(Op.LOAD_FIELD, 0);
      return;
    }
    Type target = ((Type.Adt) result).args().getFirst();
    AdtDef option = ((Type.Adt) result).def();
    int d = g.temp(Durations.DYNAMIC);
    code.emit(Op.STORE_LOCAL, d);
    code.emit(Op.LOAD_LOCAL, d);
    code.emit(Op.LOAD_FIELD, 0);
    g.pushStr(target.toString());
    code.emit(Op.EQ_REF);
    Label none = code.newLabel();
    Label end = code.newLabel();
    code.jump(Op.JUMP_IF_FALSE, none);
    code.emit(Op.LOAD_LOCAL, d);
    code.emit(Op.LOAD_FIELD, 1);
    code.emit(Op.MAKE_VARIANT, option.typeIndex, 0, 1);
    int depth = code.depth();
    code.jump(Op.JUMP, end);
    code.setDepth(depth - 1);
    code.place(none);
    code.emit(Op.MAKE_VARIANT, option.typeIndex, 1, 0);
    code.place(end);
  }
}
