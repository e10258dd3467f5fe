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
    if (higherOrder(m, key, rt)) return;
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
        code.emit(Op.I64_TO_F64);
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
        g.pushStr(ExprTypes.deref(result) instanceof Prim p && p.isFloat() ? "f64" : "i64");
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
      case "Option.ok_or" -> {
        code.emit(Op.MAKE_VARIANT, resultTypeIndex(result), 1, 0 + 0);
        g.callNative("ok_or", 3);
      }
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

  private int resultTypeIndex(Type result) {
    return ((Type.Adt) ExprTypes.deref(result)).def().typeIndex;
  }

  // ---- higher-order methods, compiled to loops

  private boolean higherOrder(MethodCall m, String key, Type rt) {
    switch (key) {
      case "List.map",
          "List.filter",
          "List.filter_map",
          "List.fold",
          "List.find",
          "List.position",
          "List.any",
          "List.all",
          "List.sort_by",
          "List.sorted_by",
          "List.sorted_by_key" -> {}
      case "Option.map",
          "Option.and_then",
          "Option.unwrap_or_else",
          "Result.map",
          "Result.map_err",
          "Result.and_then",
          "Result.unwrap_or_else" -> {
        enumHigherOrder(m, key);
        return true;
      }
      default -> {
        return false;
      }
    }
    String name = key.substring(5);
    Type result = g.type(m);
    g.genBoxed(m.receiver());
    if (rt instanceof Type.Builtin b && !b.name().equals("List")) g.callNative("iter_list", 1);
    if (name.equals("sorted_by") || name.equals("sorted_by_key")) g.callNative("list_iter", 1);
    int list = g.temp(rt);
    code.emit(Op.STORE_LOCAL, list);
    int acc = g.temp(Type.Error.INSTANCE);
    if (name.equals("fold")) {
      g.genBoxed(m.args().get(0).value());
      code.emit(Op.STORE_LOCAL, acc);
    }
    g.gen(m.args().getLast().value());
    int fn = g.temp(Type.Error.INSTANCE);
    code.emit(Op.STORE_LOCAL, fn);
    Label done = code.newLabel();
    switch (name) {
      case "map", "filter", "filter_map" -> {
        code.emit(Op.LIST_NEW, 0);
        code.emit(Op.STORE_LOCAL, acc);
        forEach(
            list,
            (elem, idx) -> {
              Label skip = code.newLabel();
              callClosure(fn, elem);
              switch (name) {
                case "map" -> {
                  int v = g.temp(Type.Error.INSTANCE);
                  code.emit(Op.STORE_LOCAL, v);
                  code.emit(Op.LOAD_LOCAL, acc);
                  code.emit(Op.LOAD_LOCAL, v);
                  code.emit(Op.LIST_PUSH);
                }
                case "filter" -> {
                  code.emit(Op.UNBOX_BOOL);
                  code.jump(Op.JUMP_IF_FALSE, skip);
                  code.emit(Op.LOAD_LOCAL, acc);
                  code.emit(Op.LOAD_LOCAL, elem);
                  code.emit(Op.LIST_PUSH);
                }
                default -> {
                  int v = g.temp(Type.Error.INSTANCE);
                  code.emit(Op.STORE_LOCAL, v);
                  code.emit(Op.LOAD_LOCAL, v);
                  code.emit(Op.MATCH_TAG, 0);
                  code.jump(Op.JUMP_IF_FALSE, skip);
                  code.emit(Op.LOAD_LOCAL, acc);
                  code.emit(Op.LOAD_LOCAL, v);
                  code.emit(Op.LOAD_PAYLOAD, 0);
                  code.emit(Op.LIST_PUSH);
                }
              }
              code.place(skip);
            },
            done);
        code.place(done);
        code.emit(Op.LOAD_LOCAL, acc);
      }
      case "fold" -> {
        forEach(
            list,
            (elem, idx) -> {
              code.emit(Op.LOAD_LOCAL, fn);
              code.emit(Op.LOAD_LOCAL, acc);
              code.emit(Op.LOAD_LOCAL, elem);
              code.emit(Op.CALL_LOCAL, 2);
              code.emit(Op.STORE_LOCAL, acc);
            },
            done);
        code.place(done);
        code.emit(Op.LOAD_LOCAL, acc);
        g.unboxTo(result);
      }
      case "find", "position", "any", "all" -> {
        // the default answer, replaced when the predicate decides early
        switch (name) {
          case "find", "position" ->
              code.emit(Op.MAKE_VARIANT, ((Type.Adt) result).def().typeIndex, 1, 0);
          case "any" -> {
            code.emit(Op.PUSH_FALSE);
            code.emit(Op.BOX_BOOL);
          }
          default -> {
            code.emit(Op.PUSH_TRUE);
            code.emit(Op.BOX_BOOL);
          }
        }
        code.emit(Op.STORE_LOCAL, acc);
        forEach(
            list,
            (elem, idx) -> {
              Label next = code.newLabel();
              callClosure(fn, elem);
              code.emit(Op.UNBOX_BOOL);
              code.jump(name.equals("all") ? Op.JUMP_IF_TRUE : Op.JUMP_IF_FALSE, next);
              switch (name) {
                case "find" -> {
                  code.emit(Op.LOAD_LOCAL, elem);
                  code.emit(Op.MAKE_VARIANT, ((Type.Adt) result).def().typeIndex, 0, 1);
                }
                case "position" -> {
                  code.emit(Op.LOAD_LOCAL, idx);
                  code.emit(Op.BOX_I64);
                  code.emit(Op.MAKE_VARIANT, ((Type.Adt) result).def().typeIndex, 0, 1);
                }
                case "any" -> {
                  code.emit(Op.PUSH_TRUE);
                  code.emit(Op.BOX_BOOL);
                }
                default -> {
                  code.emit(Op.PUSH_FALSE);
                  code.emit(Op.BOX_BOOL);
                }
              }
              code.emit(Op.STORE_LOCAL, acc);
              code.jump(Op.JUMP, done);
              code.place(next);
            },
            done);
        code.place(done);
        code.emit(Op.LOAD_LOCAL, acc);
        g.unboxTo(result);
      }
      default -> {
        // sort_by, sorted_by, sorted_by_key: a stable insertion sort calling the closure
        boolean byKey = name.equals("sorted_by_key");
        insertionSort(list, fn, byKey);
        if (name.equals("sort_by")) {
          code.emit(Op.PUSH_UNIT);
        } else {
          code.emit(Op.LOAD_LOCAL, list);
        }
      }
    }
    return true;
  }

  /**
   * Calls each function in a list (of {@code fn() -> T}) in order and pushes the list of results.
   */
  void callEach(Expr jobs) {
    g.genBoxed(jobs);
    int list = g.temp(g.type(jobs));
    code.emit(Op.STORE_LOCAL, list);
    int out = g.temp(Type.Error.INSTANCE);
    code.emit(Op.LIST_NEW, 0);
    code.emit(Op.STORE_LOCAL, out);
    Label done = code.newLabel();
    forEach(
        list,
        (elem, idx) -> {
          code.emit(Op.LOAD_LOCAL, out);
          callClosure(elem);
          code.emit(Op.LIST_PUSH);
        },
        done);
    code.place(done);
    code.emit(Op.LOAD_LOCAL, out);
  }

  interface Body {
    void emit(int elemSlot, int indexSlot);
  }

  /**
   * Runs {@code body} for each element of the list in {@code list}; {@code exit} may be jumped to.
   */
  private void forEach(int list, Body body, Label exit) {
    int idx = g.temp(Prim.I64);
    int elem = g.temp(Type.Error.INSTANCE);
    g.pushI64(0);
    code.emit(Op.STORE_LOCAL, idx);
    Label start = code.newLabel();
    Label end = code.newLabel();
    code.place(start);
    code.emit(Op.LOAD_LOCAL, idx);
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LIST_LEN);
    code.emit(Op.LT_I64);
    code.jump(Op.JUMP_IF_FALSE, end);
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LOAD_LOCAL, idx);
    code.emit(Op.LIST_GET);
    code.emit(Op.STORE_LOCAL, elem);
    body.emit(elem, idx);
    code.emit(Op.LOAD_LOCAL, idx);
    g.pushI64(1);
    code.emit(Op.ADD_I64);
    code.emit(Op.STORE_LOCAL, idx);
    code.jump(Op.JUMP, start);
    code.place(end);
    code.jump(Op.JUMP, exit);
  }

  private void callClosure(int fn, int... argSlots) {
    code.emit(Op.LOAD_LOCAL, fn);
    for (int a : argSlots) code.emit(Op.LOAD_LOCAL, a);
    code.emit(Op.CALL_LOCAL, argSlots.length);
  }

  private void insertionSort(int list, int fn, boolean byKey) {
    int keys = list;
    if (byKey) {
      // keys[i] = f(list[i]); both lists are permuted together
      keys = g.temp(Type.Error.INSTANCE);
      code.emit(Op.LIST_NEW, 0);
      code.emit(Op.STORE_LOCAL, keys);
      Label done = code.newLabel();
      int k = keys;
      forEach(
          list,
          (elem, idx) -> {
            code.emit(Op.LOAD_LOCAL, k);
            callClosure(fn, elem);
            code.emit(Op.LIST_PUSH);
          },
          done);
      code.place(done);
    }
    int i = g.temp(Prim.I64);
    int j = g.temp(Prim.I64);
    g.pushI64(1);
    code.emit(Op.STORE_LOCAL, i);
    Label outer = code.newLabel();
    Label outerEnd = code.newLabel();
    code.place(outer);
    code.emit(Op.LOAD_LOCAL, i);
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LIST_LEN);
    code.emit(Op.LT_I64);
    code.jump(Op.JUMP_IF_FALSE, outerEnd);
    code.emit(Op.LOAD_LOCAL, i);
    code.emit(Op.STORE_LOCAL, j);
    Label inner = code.newLabel();
    Label innerEnd = code.newLabel();
    code.place(inner);
    code.emit(Op.LOAD_LOCAL, j);
    g.pushI64(0);
    code.emit(Op.GT_I64);
    code.jump(Op.JUMP_IF_FALSE, innerEnd);
    // compare element j-1 with element j: swap while the earlier one should come later
    if (byKey) {
      loadAt(keys, j, -1);
      loadAt(keys, j, 0);
      code.emit(Op.CMP_REF);
    } else {
      code.emit(Op.LOAD_LOCAL, fn);
      loadAt(list, j, -1);
      loadAt(list, j, 0);
      code.emit(Op.CALL_LOCAL, 2);
      code.emit(Op.UNBOX_I64);
    }
    g.pushI64(0);
    code.emit(Op.GT_I64);
    code.jump(Op.JUMP_IF_FALSE, innerEnd);
    swap(list, j);
    if (byKey) swap(keys, j);
    code.emit(Op.LOAD_LOCAL, j);
    g.pushI64(1);
    code.emit(Op.SUB_I64);
    code.emit(Op.STORE_LOCAL, j);
    code.jump(Op.JUMP, inner);
    code.place(innerEnd);
    code.emit(Op.LOAD_LOCAL, i);
    g.pushI64(1);
    code.emit(Op.ADD_I64);
    code.emit(Op.STORE_LOCAL, i);
    code.jump(Op.JUMP, outer);
    code.place(outerEnd);
  }

  private void loadAt(int list, int index, int offset) {
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LOAD_LOCAL, index);
    if (offset != 0) {
      g.pushI64(-offset);
      code.emit(Op.SUB_I64);
    }
    code.emit(Op.LIST_GET);
  }

  private void swap(int list, int j) {
    int t = g.temp(Type.Error.INSTANCE);
    loadAt(list, j, 0);
    code.emit(Op.STORE_LOCAL, t);
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LOAD_LOCAL, j);
    loadAt(list, j, -1);
    code.emit(Op.LIST_SET);
    code.emit(Op.LOAD_LOCAL, list);
    code.emit(Op.LOAD_LOCAL, j);
    g.pushI64(1);
    code.emit(Op.SUB_I64);
    code.emit(Op.LOAD_LOCAL, t);
    code.emit(Op.LIST_SET);
  }

  /** map / and_then / map_err / unwrap_or_else on Option and Result. */
  private void enumHigherOrder(MethodCall m, String key) {
    Type result = g.type(m);
    g.genBoxed(m.receiver());
    int v = g.temp(Type.Error.INSTANCE);
    code.emit(Op.STORE_LOCAL, v);
    g.gen(m.args().getFirst().value());
    int fn = g.temp(Type.Error.INSTANCE);
    code.emit(Op.STORE_LOCAL, fn);
    boolean onErr = key.equals("Result.map_err");
    Label other = code.newLabel();
    Label end = code.newLabel();
    code.emit(Op.LOAD_LOCAL, v);
    code.emit(Op.MATCH_TAG, onErr ? 1 : 0);
    code.jump(Op.JUMP_IF_FALSE, other);
    switch (key) {
      case "Option.unwrap_or_else", "Result.unwrap_or_else" -> {
        code.emit(Op.LOAD_LOCAL, v);
        code.emit(Op.LOAD_PAYLOAD, 0);
        code.jump(Op.JUMP, end);
        code.place(other);
        code.emit(Op.LOAD_LOCAL, fn);
        if (key.startsWith("Result")) {
          code.emit(Op.LOAD_LOCAL, v);
          code.emit(Op.LOAD_PAYLOAD, 0);
          code.emit(Op.CALL_LOCAL, 1);
        } else {
          code.emit(Op.CALL_LOCAL, 0);
        }
        code.place(end);
        g.unboxTo(result);
        return;
      }
      default -> {
        code.emit(Op.LOAD_LOCAL, fn);
        code.emit(Op.LOAD_LOCAL, v);
        code.emit(Op.LOAD_PAYLOAD, 0);
        code.emit(Op.CALL_LOCAL, 1);
        if (!key.endsWith("and_then")) {
          code.emit(
              Op.MAKE_VARIANT,
              ((Type.Adt) ExprTypes.deref(result)).def().typeIndex,
              onErr ? 1 : 0,
              1);
        }
        code.jump(Op.JUMP, end);
        code.place(other);
        code.emit(Op.LOAD_LOCAL, v);
        code.place(end);
      }
    }
  }
}
