package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Op;

/**
 * Higher-order built-in methods (map, filter, fold, find, sort_by ... and the Option/Result
 * combinators) compiled to loops that call the closure with {@code CALL_LOCAL}: no native ever
 * calls back into bytecode, so calls never recurse on the Java stack.
 */
final class HigherOrderGen {
  private final FnGen g;
  private final CodeBuilder code;

  HigherOrderGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  /** Emits a higher-order method; false if {@code key} is not one. */
  boolean generate(MethodCall m, String key, Type rt) {
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
