package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Op;
import java.util.List;
import java.util.Map;

/**
 * Pattern matching code: each pattern becomes tests that jump to a failure label, then stores into
 * the binding slots the checker assigned. Sub-values are reloaded from the scrutinee's slot by
 * path, so tests never leave values behind on the stack.
 */
final class PatternGen {
  private final FnGen g;
  private final CodeBuilder code;

  PatternGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  /** Pops the value on the stack into the bindings of an irrefutable pattern. */
  void bindIrrefutable(Pattern p, Type t) {
    if (p instanceof BindPat b && b.sub() == null) {
      code.emit(Op.STORE_LOCAL, g.typing.slots.get(b));
      return;
    }
    if (p instanceof WildcardPat) {
      code.emit(Op.POP);
      return;
    }
    int slot = g.temp(t);
    code.emit(Op.STORE_LOCAL, slot);
    Label fail = code.newLabel();
    Label ok = code.newLabel();
    test(p, t, () -> code.emit(Op.LOAD_LOCAL, slot), fail);
    code.jump(Op.JUMP, ok);
    code.place(fail);
    g.pushStr("pattern did not match");
    code.emit(Op.PANIC);
    code.place(ok);
  }

  /**
   * Emits code that jumps to {@code fail} unless the value {@code load} pushes matches; binds on
   * success.
   */
  void test(Pattern p, Type type, Runnable load, Label fail) {
    Type t = ExprTypes.deref(type);
    switch (p) {
      case WildcardPat w -> {}
      case BindPat b -> {
        if (b.sub() != null) test(b.sub(), t, load, fail);
        load.run();
        if (FnGen.isCell(type)) {
          g.callNative("cell_get", 1);
          g.unboxTo(t);
        }
        code.emit(Op.STORE_LOCAL, g.typing.slots.get(b));
      }
      case LitPat l -> {
        load.run();
        g.gen(l.literal());
        new OperatorGen(g).emitOp("==", t);
        code.jump(Op.JUMP_IF_FALSE, fail);
      }
      case RangePat r -> {
        load.run();
        g.gen(r.from());
        code.emit(Op.GE_I64);
        code.jump(Op.JUMP_IF_FALSE, fail);
        load.run();
        g.gen(r.to());
        code.emit(r.inclusive() ? Op.LE_I64 : Op.LT_I64);
        code.jump(Op.JUMP_IF_FALSE, fail);
      }
      case TuplePat tp -> {
        if (!(t instanceof Type.Tuple tu)) return;
        for (int k = 0; k < tp.parts().size(); k++) {
          int at =
              tp.restAt() >= 0 && k >= tp.restAt()
                  ? tu.parts().size() - (tp.parts().size() - k)
                  : k;
          Type pt = tu.parts().get(at);
          test(
              tp.parts().get(k),
              pt,
              () -> {
                load.run();
                code.emit(Op.LOAD_FIELD, at);
                g.unboxTo(pt);
              },
              fail);
        }
      }
      case VariantPat vp -> {
        Typing.Variant v = (Typing.Variant) g.typing.resolved.get(vp);
        if (v == null) return;
        variantTest(v, t, load, fail);
        if (vp.args() == null) return;
        List<Type> fields = fieldTypes(t, v);
        for (int k = 0; k < vp.args().size(); k++) {
          int index = k;
          Type ft = fields.get(k);
          test(
              vp.args().get(k),
              ft,
              () -> {
                load.run();
                code.emit(Op.LOAD_PAYLOAD, index);
                g.unboxTo(ft);
              },
              fail);
        }
      }
      case StructPat sp -> {
        Typing.Variant v = (Typing.Variant) g.typing.resolved.get(sp);
        if (v == null) return;
        boolean isStruct = v.adt().kind() == AdtDef.Kind.STRUCT;
        if (!isStruct) variantTest(v, t, load, fail);
        List<Type> fields = fieldTypes(t, v);
        List<String> names = v.adt().variants.get(v.index()).fieldNames();
        for (FieldPat f : sp.fields()) {
          int index = names.indexOf(f.name());
          Type ft = fields.get(index);
          test(
              f.pattern(),
              ft,
              () -> {
                load.run();
                code.emit(isStruct ? Op.LOAD_FIELD : Op.LOAD_PAYLOAD, index);
                g.unboxTo(ft);
              },
              fail);
        }
      }
      case ListPat lp -> listTest(lp, t, load, fail);
      case OrPat o -> {
        Label matched = code.newLabel();
        for (int k = 0; k < o.alternatives().size(); k++) {
          boolean last = k == o.alternatives().size() - 1;
          Label next = last ? fail : code.newLabel();
          test(o.alternatives().get(k), type, load, next);
          code.jump(Op.JUMP, matched);
          if (!last) code.place(next);
        }
        code.place(matched);
      }
    }
  }

  private void variantTest(Typing.Variant v, Type t, Runnable load, Label fail) {
    if (v.adt().kind() == AdtDef.Kind.STRUCT) return;
    load.run();
    code.emit(Op.MATCH_TAG, v.index());
    code.jump(Op.JUMP_IF_FALSE, fail);
  }

  private List<Type> fieldTypes(Type t, Typing.Variant v) {
    Map<String, Type> inst =
        t instanceof Type.Adt a ? ExprTypes.bindParams(a.def().typeParams(), a.args()) : Map.of();
    return v.adt().variants.get(v.index()).fieldTypes().stream()
        .map(ft -> Inference.substitute(ft, inst))
        .toList();
  }

  private void listTest(ListPat lp, Type t, Runnable load, Label fail) {
    Type elem = t instanceof Type.Builtin b ? b.args().getFirst() : Type.Error.INSTANCE;
    int n = lp.items().size();
    load.run();
    code.emit(Op.LIST_LEN);
    g.pushI64(n);
    code.emit(lp.restAt() >= 0 ? Op.GE_I64 : Op.EQ_I64);
    code.jump(Op.JUMP_IF_FALSE, fail);
    for (int k = 0; k < n; k++) {
      int index = k;
      boolean fromEnd = lp.restAt() >= 0 && k >= lp.restAt();
      test(
          lp.items().get(k),
          elem,
          () -> {
            load.run();
            if (fromEnd) {
              load.run();
              code.emit(Op.LIST_LEN);
              g.pushI64(n - index);
              code.emit(Op.SUB_I64);
            } else {
              g.pushI64(index);
            }
            code.emit(Op.LIST_GET);
            g.unboxTo(elem);
          },
          fail);
    }
    if (lp.restName() != null) {
      int suffix = n - lp.restAt();
      load.run();
      g.pushI64(lp.restAt());
      code.emit(Op.BOX_I64);
      load.run();
      code.emit(Op.LIST_LEN);
      g.pushI64(suffix);
      code.emit(Op.SUB_I64);
      code.emit(Op.BOX_I64);
      code.emit(Op.PUSH_FALSE);
      code.emit(Op.BOX_BOOL);
      g.callNative("list_slice", 4);
      code.emit(Op.STORE_LOCAL, g.typing.slots.get(lp));
    }
  }

  // ---- constructs

  void match(Match m) {
    int slot = g.typing.slots.get(m);
    Type st = ExprTypes.deref(g.type(m.scrutinee()));
    g.gen(m.scrutinee());
    g.coerce(g.type(m.scrutinee()), st);
    code.emit(Op.STORE_LOCAL, slot);
    Label end = code.newLabel();
    Type result = g.type(m);
    for (MatchArm arm : m.arms()) {
      Label next = code.newLabel();
      g.line(arm.span());
      test(arm.pattern(), st, () -> code.emit(Op.LOAD_LOCAL, slot), next);
      if (arm.guard() != null) {
        g.gen(arm.guard());
        code.jump(Op.JUMP_IF_FALSE, next);
      }
      g.gen(arm.body());
      g.coerce(g.type(arm.body()), result);
      code.jump(Op.JUMP, end);
      code.place(next);
    }
    g.pushStr("no match arm matched");
    int depth = code.depth();
    code.emit(Op.PANIC);
    code.setDepth(depth);
    code.place(end);
  }

  void ifLet(IfLet i) {
    int slot = g.typing.slots.get(i);
    Type st = ExprTypes.deref(g.type(i.scrutinee()));
    g.gen(i.scrutinee());
    g.coerce(g.type(i.scrutinee()), st);
    code.emit(Op.STORE_LOCAL, slot);
    Label otherwise = code.newLabel();
    Label end = code.newLabel();
    test(i.pattern(), st, () -> code.emit(Op.LOAD_LOCAL, slot), otherwise);
    g.gen(i.then());
    g.coerce(g.type(i.then()), g.type(i));
    code.jump(Op.JUMP, end);
    code.place(otherwise);
    if (i.otherwise() == null) {
      code.emit(Op.PUSH_UNIT);
    } else {
      g.gen(i.otherwise());
      g.coerce(g.type(i.otherwise()), g.type(i));
    }
    code.place(end);
  }

  void whileLet(WhileLet w) {
    int slot = g.typing.slots.get(w);
    Type st = ExprTypes.deref(g.type(w.scrutinee()));
    Label start = code.newLabel();
    Label exit = code.newLabel();
    Label end = code.newLabel();
    int depth = code.depth();
    code.place(start);
    g.gen(w.scrutinee());
    g.coerce(g.type(w.scrutinee()), st);
    code.emit(Op.STORE_LOCAL, slot);
    test(w.pattern(), st, () -> code.emit(Op.LOAD_LOCAL, slot), exit);
    g.loopBody(
        start,
        end,
        depth,
        () -> {
          g.gen(w.body());
          code.emit(Op.POP);
        });
    code.jump(Op.JUMP, start);
    code.place(exit);
    code.emit(Op.PUSH_UNIT);
    code.place(end);
  }

  /** {@code for}: ranges count in a primitive slot; collections are walked by index over a list. */
  void forLoop(For f) {
    if (ExprTypes.deref(g.type(f.iterable())) instanceof Type.Builtin sb
        && sb.name().equals("Stream")) {
      streamLoop(f, sb.args().getFirst());
      return;
    }
    int iter = g.typing.slots.get(f);
    int index = iter + 1;
    Type it = ExprTypes.deref(g.type(f.iterable()));
    Type elem = PatternChecker.elementType(it);
    boolean range = f.iterable() instanceof Range;
    Label start = code.newLabel();
    Label cont = code.newLabel();
    Label exit = code.newLabel();
    Label end = code.newLabel();
    if (range) {
      Range r = (Range) f.iterable();
      g.genBound(r.from());
      code.emit(Op.STORE_LOCAL, index);
      g.genBound(r.to());
      code.emit(Op.STORE_LOCAL, iter);
    } else {
      g.genBoxed(f.iterable());
      g.callNative("iter_list", 1);
      code.emit(Op.STORE_LOCAL, iter);
      g.pushI64(0);
      code.emit(Op.STORE_LOCAL, index);
    }
    int depth = code.depth();
    code.place(start);
    code.emit(Op.LOAD_LOCAL, index);
    if (range) {
      code.emit(Op.LOAD_LOCAL, iter);
      code.emit(((Range) f.iterable()).inclusive() ? Op.LE_I64 : Op.LT_I64);
    } else {
      code.emit(Op.LOAD_LOCAL, iter);
      code.emit(Op.LIST_LEN);
      code.emit(Op.LT_I64);
    }
    code.jump(Op.JUMP_IF_FALSE, exit);
    code.emit(Op.LOAD_LOCAL, index);
    if (!range) {
      code.emit(Op.LOAD_LOCAL, iter);
      code.emit(Op.SWAP);
      code.emit(Op.LIST_GET);
      g.unboxTo(elem);
    }
    bindIrrefutable(f.pattern(), elem);
    g.loopBody(
        cont,
        end,
        depth,
        () -> {
          g.gen(f.body());
          code.emit(Op.POP);
        });
    code.place(cont);
    if (range && ((Range) f.iterable()).inclusive()) {
      // stop before incrementing past the bound, so `..=i64::MAX` cannot overflow
      code.emit(Op.LOAD_LOCAL, index);
      code.emit(Op.LOAD_LOCAL, iter);
      code.emit(Op.EQ_I64);
      code.jump(Op.JUMP_IF_TRUE, exit);
    }
    code.emit(Op.LOAD_LOCAL, index);
    g.pushI64(1);
    code.emit(Op.ADD_I64);
    code.emit(Op.STORE_LOCAL, index);
    code.jump(Op.JUMP, start);
    code.place(exit);
    code.emit(Op.PUSH_UNIT);
    code.place(end);
  }

  /**
   * {@code for x in stream}: takes one piece per iteration ({@code stream.next}), so a {@code
   * break} leaves the rest of the stream unread.
   */
  private void streamLoop(For f, Type elem) {
    int iter = g.typing.slots.get(f);
    int next = g.temp(Type.Prim.STRING); // a reference slot for the Option
    Label start = code.newLabel();
    Label exit = code.newLabel();
    Label end = code.newLabel();
    g.genBoxed(f.iterable());
    code.emit(Op.STORE_LOCAL, iter);
    int depth = code.depth();
    code.place(start);
    code.emit(Op.LOAD_LOCAL, iter);
    g.callNative("stream.next", 1);
    code.emit(Op.STORE_LOCAL, next);
    code.emit(Op.LOAD_LOCAL, next);
    code.emit(Op.MATCH_TAG, 0);
    code.jump(Op.JUMP_IF_FALSE, exit);
    code.emit(Op.LOAD_LOCAL, next);
    code.emit(Op.LOAD_PAYLOAD, 0);
    g.unboxTo(elem);
    bindIrrefutable(f.pattern(), elem);
    g.loopBody(
        start,
        end,
        depth,
        () -> {
          g.gen(f.body());
          code.emit(Op.POP);
        });
    code.jump(Op.JUMP, start);
    code.place(exit);
    code.emit(Op.PUSH_UNIT);
    code.place(end);
  }

  void tryOp(Try t) {
    Type inner = ExprTypes.deref(g.type(t.expr()));
    g.genBoxed(t.expr());
    int slot = g.temp(inner);
    code.emit(Op.STORE_LOCAL, slot);
    Label ok = code.newLabel();
    code.emit(Op.LOAD_LOCAL, slot);
    code.emit(Op.MATCH_TAG, 0);
    code.jump(Op.JUMP_IF_TRUE, ok);
    code.emit(Op.LOAD_LOCAL, slot);
    int depth = code.depth();
    code.emit(Op.RETURN);
    code.setDepth(depth - 1);
    code.place(ok);
    code.emit(Op.LOAD_LOCAL, slot);
    code.emit(Op.LOAD_PAYLOAD, 0);
    g.unboxTo(g.type(t));
  }
}
