package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Constant;
import dev.simplex.sbc.IntKind;
import dev.simplex.sbc.Natives;
import dev.simplex.sbc.Op;
import dev.simplex.sbc.PrimKind;
import dev.simplex.sbc.SbcFunction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Emits one function body. Every expression leaves exactly one value on the stack, in the long half
 * when its type is primitive ({@link Type#isPrim}) and in the reference half otherwise. Values are
 * boxed where they enter uniform storage (fields, collections, captures, generic parameters,
 * closure calls) and unboxed where they leave it.
 */
final class FnGen {
  final CodeGen cg;
  final FnSig sig;
  final CodeBuilder code;
  final Typing typing;
  private final Deque<LoopLabels> loops = new ArrayDeque<>();
  final PatternGen patterns;
  final CallGen calls;

  record LoopLabels(Label breakTo, Label continueTo, int depth) {}

  /**
   * A call being inlined: the callee, and the caller's slots now holding the callee's parameters.
   */
  record InlineFrame(FnSig callee, int[] paramSlots) {}

  final Deque<InlineFrame> inlined = new ArrayDeque<>();

  FnGen(CodeGen cg, FnSig sig) {
    this.cg = cg;
    this.sig = sig;
    this.code = new CodeBuilder(cg.module);
    this.typing = cg.typing;
    this.patterns = new PatternGen(this);
    this.calls = new CallGen(this);
  }

  boolean isLambda() {
    return sig.lambda != null;
  }

  void generate() {
    if (isLambda()) {
      Lambda l = sig.lambda;
      line(l.span());
      boolean destructure = sig.paramNames.size() == 2 && sig.paramNames.get(1).equals("$tuple");
      if (destructure) {
        for (int k = 0; k < l.params().size(); k++) {
          Integer slot = typing.slots.get(l.params().get(k));
          code.emit(Op.LOAD_LOCAL, 1);
          code.emit(Op.LOAD_FIELD, k);
          unboxTo(sig.localTypes.get(slot));
          code.emit(Op.STORE_LOCAL, slot);
        }
      } else {
        for (int k = 1; k < sig.params.size(); k++) {
          Integer slot = typing.slots.get(l.params().get(k - 1));
          if (slot == null) continue;
          code.emit(Op.LOAD_LOCAL, k);
          if (isPrim(sig.params.get(k))) unboxTo(sig.params.get(k));
          code.emit(Op.STORE_LOCAL, slot);
        }
      }
      gen(l.body());
      boxFrom(type(l.body()));
      code.emit(Op.RETURN);
    } else {
      line(sig.decl.span());
      gen(sig.decl.body());
      coerce(type(sig.decl.body()), sig.ret);
      // actor members are called by the runtime, which takes every result boxed
      if (sig.actor != null) boxFrom(sig.ret);
      code.emit(Op.RETURN);
    }
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    for (int k = 0; k < sig.localTypes.size(); k++) {
      boolean boxedParam = isLambda() && k < sig.params.size();
      kinds.add(
          !boxedParam && isPrim(sig.localTypes.get(k))
              ? SbcFunction.SlotKind.PRIM
              : SbcFunction.SlotKind.REF);
    }
    code.finish(
        sig.index, kinds, !isPrim(sig.ret) || isLambda() || sig.actor != null, sig.localNames);
  }

  /**
   * The body of a function used as a value ({@code FUNC_REF}, a closure without environment, so no
   * closure parameter): boxed arguments and result outside, the function's convention inside.
   */
  static void adapter(CodeGen cg, FnSig target, int index) {
    CodeBuilder code = new CodeBuilder(cg.module);
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < target.params.size(); k++) {
      code.emit(Op.LOAD_LOCAL, k);
      if (isPrim(target.params.get(k))) code.emit(unboxOp(target.params.get(k)));
      kinds.add(SbcFunction.SlotKind.REF);
      names.add(target.paramNames.get(k));
    }
    code.emit(Op.CALL, target.index);
    if (isPrim(target.ret)) code.emit(boxOp(target.ret));
    code.emit(Op.RETURN);
    code.finish(index, kinds, true, names);
  }

  // ---- representation

  Type type(Expr e) {
    Type t = typing.types.get(e);
    return t == null ? Type.Error.INSTANCE : t;
  }

  /** Whether values of {@code t} travel in the long half; {@code &mut} of a primitive is a cell. */
  static boolean isPrim(Type t) {
    if (t instanceof Type.Ref r) return !r.mut() && isPrim(r.inner());
    return Type.isPrim(t);
  }

  static boolean isCell(Type t) {
    return t instanceof Type.Ref r && r.mut() && Type.isPrim(r.inner());
  }

  static Op boxOp(Type t) {
    Type b = t instanceof Type.Ref r ? r.inner() : t;
    if (b instanceof Prim p) {
      if (p == Prim.F32) return Op.BOX_F32;
      if (p == Prim.U64) return Op.BOX_U64;
      if (p.isFloat()) return Op.BOX_F64;
      if (p == Prim.BOOL) return Op.BOX_BOOL;
      if (p == Prim.CHAR) return Op.BOX_CHAR;
      if (p == Prim.UNIT || p == Prim.NEVER) return Op.BOX_UNIT;
    }
    return Op.BOX_I64;
  }

  static Op unboxOp(Type t) {
    Type b = t instanceof Type.Ref r ? r.inner() : t;
    if (b instanceof Prim p) {
      if (p.isFloat()) return Op.UNBOX_F64;
      if (p == Prim.BOOL) return Op.UNBOX_BOOL;
      if (p == Prim.CHAR) return Op.UNBOX_CHAR;
    }
    return Op.UNBOX_I64;
  }

  void boxFrom(Type t) {
    if (isPrim(t)) code.emit(boxOp(t));
  }

  void unboxTo(Type t) {
    if (!isPrim(t)) return;
    Type b = t instanceof Type.Ref r ? r.inner() : t;
    if (b == Prim.UNIT || b == Prim.NEVER) {
      code.emit(Op.POP);
      code.emit(Op.PUSH_UNIT);
      return;
    }
    code.emit(unboxOp(t));
    // a boxed f32 may come from a built-in computed in f64: round it back to an f32
    if (b == Prim.F32) code.emit(Op.F64_TO_F32);
  }

  /**
   * Converts a value of static type {@code from} to the representation of declared type {@code to}.
   */
  void coerce(Type from, Type to) {
    if (from == Prim.NEVER) return;
    if (Durations.isDynamic(to) && !Durations.isDynamic(from) && !(from instanceof Type.Error)) {
      boxFrom(from);
      boxDynamic(from);
      return;
    }
    if (isCell(from) && !isCell(to)) {
      callNative("cell_get", 1);
      unboxTo(to);
      return;
    }
    boolean a = isPrim(from);
    boolean b = isPrim(to);
    if (a && !b) boxFrom(from);
    else if (!a && b) unboxTo(to);
  }

  void callNative(String name, int argc) {
    int index = Natives.indexOf(name);
    if (index < 0) throw new IllegalStateException("no native " + name);
    code.emit(Op.CALL_NATIVE, index, argc);
  }

  void pushStr(String s) {
    code.pushConst(new Constant.Str(s));
  }

  void pushI64(long v) {
    code.pushConst(new Constant.I64(v));
  }

  int temp(Type t) {
    return sig.addLocal("$tmp", t);
  }

  void line(Span s) {
    code.line(s.line());
  }

  static PrimKind primKind(Type t) {
    Type b = t instanceof Type.Ref r ? r.inner() : t;
    if (b instanceof Prim p) {
      if (p == Prim.F32) return PrimKind.F32;
      if (p == Prim.U64) return PrimKind.U64;
      if (p.isFloat()) return PrimKind.F64;
      if (p == Prim.BOOL) return PrimKind.BOOL;
      if (p == Prim.CHAR) return PrimKind.CHAR;
      if (p == Prim.UNIT || p == Prim.NEVER) return PrimKind.UNIT;
    }
    return PrimKind.INT;
  }

  static IntKind intKind(Type t) {
    Type b = t instanceof Type.Ref r ? r.inner() : t;
    return b instanceof Prim p && p.isInt() ? p.intKind() : IntKind.I64;
  }

  /** Replaces the value on the stack by its display string. */
  /** [boxed value] -> the Dynamic tuple (type name, value). */
  void boxDynamic(Type t) {
    pushStr(t.toString());
    code.emit(Op.SWAP);
    code.emit(Op.MAKE_TUPLE, 2);
  }

  void toDisplay(Type t) {
    if (Durations.isDynamic(t)) {
      code.emit(Op.LOAD_FIELD, 1);
      code.emit(Op.TO_STR_REF);
    } else if (isCell(t)) {
      callNative("cell_get", 1);
      code.emit(Op.TO_STR_REF);
    } else if (isPrim(t)) {
      code.emit(Op.TO_STR_PRIM, primKind(t).ordinal());
    } else {
      code.emit(Op.TO_STR_REF);
    }
  }

  // ---- statements

  void genBlock(Block b) {
    Expr tail = BodyChecker.blockTail(b);
    for (Stmt s : b.stmts()) {
      genStmt(s, tail);
      // dead code: nothing after a statement that never finishes (return, break, panic) runs;
      // an unreachable unit stands in for the block's value so the stack depths still agree
      if (cg.optimize && diverges(s)) {
        boolean valuePushed = s instanceof ExprStmt es && es.expr() == tail;
        if (!valuePushed && code.depth() != CodeBuilder.DEAD) code.emit(Op.PUSH_UNIT);
        return;
      }
    }
    if (tail == null) code.emit(Op.PUSH_UNIT);
    else if (type(b) == Prim.UNIT && !isPrim(type(tail)) && code.depth() != CodeBuilder.DEAD) {
      // a unit block whose tail value is discarded: its value is `()`, a primitive
      code.emit(Op.POP);
      code.emit(Op.PUSH_UNIT);
    }
  }

  private boolean diverges(Stmt s) {
    return switch (s) {
      case ExprStmt es -> type(es.expr()) == Prim.NEVER;
      case Let l -> type(l.init()) == Prim.NEVER;
      case ItemStmt is -> false;
    };
  }

  private void genStmt(Stmt s, Expr tail) {
    line(s.span());
    switch (s) {
      case ExprStmt es when es.expr() == tail -> gen(tail);
      case ExprStmt es -> {
        gen(es.expr());
        // a statement whose value is a freshly pushed `()` needs neither the push nor the pop
        if (!(cg.optimize && code.dropTrailing(Op.PUSH_UNIT))) code.emit(Op.POP);
      }
      case Let l -> {
        gen(l.init());
        // `let x = &mut <primitive>` binds a copy (the slot's type), not the cell
        Type declared =
            l.type() == null && !isCell(type(l.init())) ? type(l.init()) : bindingType(l);
        coerce(type(l.init()), declared);
        patterns.bindIrrefutable(l.pattern(), declared);
      }
      case ItemStmt is -> {
        if (is.item() instanceof ConstDecl c) {
          gen(c.value());
          code.emit(Op.STORE_LOCAL, typing.slots.get(c));
        }
      }
    }
  }

  /** The type the checker gave the binding of an annotated `let` (its slot's type). */
  private Type bindingType(Let l) {
    if (l.pattern() instanceof BindPat b && typing.slots.get(b) instanceof Integer slot)
      return sig.localTypes.get(slot);
    return type(l.init());
  }

  // ---- expressions

  void gen(Expr e) {
    if (cg.optimize && (e instanceof Binary || e instanceof Unary || e instanceof Name)) {
      switch (cg.folder.fold(e)) {
        case ConstantFolder.IntValue(long v) -> {
          pushI64(v);
          return;
        }
        case ConstantFolder.BoolValue(boolean v) -> {
          code.emit(v ? Op.PUSH_TRUE : Op.PUSH_FALSE);
          return;
        }
        case null, default -> {}
      }
    }
    switch (e) {
      case IntLit l -> {
        if (isPrim(type(l)) && ExprTypes.deref(type(l)) instanceof Prim p && p.isFloat())
          code.pushConst(Constant.F64.of(l.value().doubleValue()));
        else pushI64(l.value().longValue());
      }
      case FloatLit f ->
          code.pushConst(Constant.F64.of(type(f) == Prim.F32 ? (float) f.value() : f.value()));
      case BoolLit b -> code.emit(b.value() ? Op.PUSH_TRUE : Op.PUSH_FALSE);
      case CharLit c -> pushI64(c.codePoint());
      case UnitLit u -> code.emit(Op.PUSH_UNIT);
      case StrLit s -> string(s);
      case Name n -> name(n);
      case Unary u -> new OperatorGen(this).unary(u);
      case Binary b -> new OperatorGen(this).binary(b);
      case Assign a -> new OperatorGen(this).assign(a);
      case Cast c -> new OperatorGen(this).cast(c);
      case Call c -> calls.call(c);
      case MethodCall m -> calls.method(m);
      case FieldAccess f -> {
        gen(f.target());
        derefCell(type(f.target()));
        code.emit(Op.LOAD_FIELD, fieldIndex(f));
        unboxTo(type(f));
      }
      case Index ix -> {
        Type t = ExprTypes.deref(type(ix.target()));
        gen(ix.target());
        if (t instanceof Type.Builtin b && b.name().equals("Map")) {
          gen(ix.index());
          boxFrom(type(ix.index()));
          code.emit(Op.MAP_GET);
        } else if (t instanceof Type.Builtin b && b.name().equals("Vector")) {
          genBoxed(ix.index());
          callNative("vector_get", 2);
        } else {
          gen(ix.index());
          coerce(type(ix.index()), Prim.I64);
          code.emit(Op.LIST_GET);
        }
        unboxTo(type(ix));
      }
      case Slice s -> {
        gen(s.target());
        genBoxedOrUnit(s.from());
        genBoxedOrUnit(s.to());
        code.emit(s.inclusive() ? Op.PUSH_TRUE : Op.PUSH_FALSE);
        code.emit(Op.BOX_BOOL);
        callNative("list_slice", 4);
      }
      case Try t -> patterns.tryOp(t);
      case If i -> ifExpr(i);
      case IfLet i -> patterns.ifLet(i);
      case While w -> whileLoop(w);
      case WhileLet w -> patterns.whileLet(w);
      case For f -> patterns.forLoop(f);
      case Loop l -> loop(l);
      case Break b -> breakExpr(b);
      case Continue c -> {
        LoopLabels target = loops.peek();
        int depth = code.depth();
        popTo(target.depth());
        code.jump(Op.JUMP, target.continueTo());
        code.setDepth(depth + 1);
      }
      case Return r -> {
        if (r.value() == null) code.emit(Op.PUSH_UNIT);
        else gen(r.value());
        int depth = code.depth();
        if (isLambda()) boxFrom(r.value() == null ? Prim.UNIT : type(r.value()));
        else {
          coerce(r.value() == null ? Prim.UNIT : type(r.value()), sig.ret);
          if (sig.actor != null) boxFrom(sig.ret);
        }
        code.emit(Op.RETURN);
        code.setDepth(depth);
      }
      case Block b -> genBlock(b);
      case Range r -> {
        genBound(r.from());
        boxFrom(ExprTypes.deref(type(r.from())));
        genBound(r.to());
        boxFrom(ExprTypes.deref(type(r.to())));
        code.emit(r.inclusive() ? Op.PUSH_TRUE : Op.PUSH_FALSE);
        code.emit(Op.BOX_BOOL);
        callNative("range_new", 3);
      }
      case TupleLit t -> {
        for (Expr p : t.parts()) genBoxed(p);
        code.emit(Op.MAKE_TUPLE, t.parts().size());
      }
      case ListLit l -> {
        for (Expr p : l.items()) genBoxed(p);
        code.emit(Op.LIST_NEW, l.items().size());
      }
      case MapLit m -> {
        for (int k = 0; k < m.keys().size(); k++) {
          genBoxed(m.keys().get(k));
          genBoxed(m.values().get(k));
        }
        code.emit(Op.MAP_NEW, m.keys().size());
      }
      case SetLit s -> {
        for (Expr p : s.items()) genBoxed(p);
        code.emit(Op.SET_NEW, s.items().size());
      }
      case EmptyBraces eb -> {
        Type t = type(eb);
        if (t instanceof Type.Builtin b && b.name().equals("Map")) code.emit(Op.MAP_NEW, 0);
        else if (t instanceof Type.Builtin b && b.name().equals("Set")) code.emit(Op.SET_NEW, 0);
        else code.emit(Op.PUSH_UNIT);
      }
      case StructLit s -> structLit(s);
      case Lambda l -> lambda(l);
      case Match m -> patterns.match(m);
      case Borrow b -> {
        gen(b.expr());
        if (b.mut() && isPrim(type(b.expr()))) {
          boxFrom(type(b.expr()));
          callNative("cell_new", 1);
        }
      }
      case Spawn s -> new ActorGen(this).spawn(s);
      case Deref d -> {
        gen(d.expr());
        derefCell(type(d.expr()));
        if (isCell(type(d.expr()))) unboxTo(type(d));
      }
    }
  }

  void derefCell(Type t) {
    if (isCell(t)) callNative("cell_get", 1);
  }

  /**
   * A range bound: an integer, or a borrow of one, which the checker dereferences automatically
   * ({@code 0..&mut n}); either way the value lands as a primitive.
   */
  void genBound(Expr e) {
    gen(e);
    Type t = type(e);
    if (isCell(t)) {
      callNative("cell_get", 1);
      unboxTo(ExprTypes.deref(t));
    }
  }

  void genBoxed(Expr e) {
    gen(e);
    if (isCell(type(e))) callNative("cell_get", 1);
    else boxFrom(type(e));
  }

  private void genBoxedOrUnit(Expr e) {
    if (e == null) {
      code.emit(Op.PUSH_UNIT);
      code.emit(Op.BOX_UNIT);
    } else {
      genBoxed(e);
    }
  }

  int fieldIndex(FieldAccess f) {
    Type t = ExprTypes.deref(type(f.target()));
    if (t instanceof Type.Adt a) return a.def().variants.getFirst().fieldNames().indexOf(f.field());
    return Integer.parseInt(f.field());
  }

  private void string(StrLit s) {
    boolean first = true;
    for (StrPart p : s.parts()) {
      switch (p) {
        case StrText t -> pushStr(t.text());
        case StrInterp in -> {
          gen(in.expr());
          Type t = type(in.expr());
          if (in.spec().isEmpty()) {
            toDisplay(t);
          } else {
            if (isCell(t)) callNative("cell_get", 1);
            else boxFrom(t);
            String kind =
                ExprTypes.deref(t) instanceof Prim pr && pr.isInt() ? pr.intKind().name() : "";
            code.emit(Op.FORMAT, cg.module.constant(new Constant.Str(kind + "|" + in.spec())));
          }
        }
      }
      if (!first) code.emit(Op.CONCAT);
      first = false;
    }
    if (first) pushStr("");
  }

  /**
   * The slot that {@code e} is read from with a single {@code LOAD_LOCAL} (a plain local variable,
   * not a mutable cell), or -1.
   */
  int plainLocalSlot(Expr e) {
    if (!(e instanceof Name n) || !(typing.resolved.get(n) instanceof Typing.Local l)) return -1;
    if (isCell(l.type())) return -1;
    return inlined.isEmpty() ? l.slot() : inlined.peek().paramSlots()[l.slot()];
  }

  private void name(Name n) {
    Typing.Resolved r = typing.resolved.get(n);
    switch (r) {
      case Typing.Local l ->
          code.emit(
              Op.LOAD_LOCAL, inlined.isEmpty() ? l.slot() : inlined.peek().paramSlots()[l.slot()]);
      case Typing.Capture c -> {
        code.emit(Op.LOAD_CAPTURE, c.index());
        if (!isCell(c.type())) unboxTo(c.type());
      }
      case Typing.Function f -> code.emit(Op.FUNC_REF, cg.adapterFor(f.sig()));
      case Typing.Const c -> {
        gen(c.value());
        coerce(type(c.value()), c.type());
      }
      case Typing.Variant v -> {
        // a constructor with a payload, used as a value, is a function
        if (type(n) instanceof Type.Fn fn && !fn.params().isEmpty())
          code.emit(Op.FUNC_REF, cg.variantAdapterFor(v.adt(), v.index(), fn.params().size()));
        else code.emit(Op.MAKE_VARIANT, v.adt().typeIndex, v.index(), 0);
      }
      case Typing.Builtin b -> {
        Prim p = Checker.primitive(b.name().substring(0, b.name().indexOf(':')));
        // u64::MAX is all 64 bits set
        pushI64(
            b.name().endsWith("MAX")
                ? (p == Prim.U64 ? -1L : p.intKind().max())
                : p.intKind().min());
      }
      case Typing.ActorField f -> {
        code.emit(Op.LOAD_LOCAL, 0);
        code.emit(Op.LOAD_FIELD, f.index());
        unboxTo(f.type());
      }
      case Typing.SelfRef s -> code.emit(Op.SELF);
      case Typing.Message m ->
          throw new IllegalStateException("message used as a value: " + n.path());
      case Typing.TraitCall t ->
          throw new IllegalStateException("trait method used as a value: " + n.path());
      case Typing.SupervisorChild c ->
          throw new IllegalStateException("`child` used as a value: " + n.path());
      case null ->
          throw new IllegalStateException("unresolved name " + n.path() + " at " + n.span().line());
    }
  }

  private void ifExpr(If i) {
    if (cg.optimize && cg.folder.fold(i.cond()) instanceof ConstantFolder.BoolValue(boolean c)) {
      // dead-code elimination: a constant condition keeps only the branch that runs
      Expr live = c ? i.then() : i.otherwise();
      if (live == null) {
        code.emit(Op.PUSH_UNIT);
      } else {
        gen(live);
        coerce(type(live), type(i));
      }
      return;
    }
    Label otherwise = code.newLabel();
    Label end = code.newLabel();
    gen(i.cond());
    code.jump(Op.JUMP_IF_FALSE, otherwise);
    gen(i.then());
    coerce(type(i.then()), type(i));
    code.jump(Op.JUMP, end);
    code.place(otherwise);
    if (i.otherwise() == null) {
      code.emit(Op.PUSH_UNIT);
    } else {
      gen(i.otherwise());
      coerce(type(i.otherwise()), type(i));
    }
    code.place(end);
  }

  private void whileLoop(While w) {
    if (cg.optimize
        && cg.folder.fold(w.cond()) instanceof ConstantFolder.BoolValue(boolean c)
        && !c) {
      code.emit(Op.PUSH_UNIT); // a loop whose condition is constantly false never runs
      return;
    }
    Label start = code.newLabel();
    Label exit = code.newLabel();
    Label end = code.newLabel();
    int depth = code.depth();
    code.place(start);
    gen(w.cond());
    code.jump(Op.JUMP_IF_FALSE, exit);
    loops.push(new LoopLabels(end, start, depth));
    gen(w.body());
    code.emit(Op.POP);
    loops.pop();
    code.jump(Op.JUMP, start);
    code.place(exit);
    code.emit(Op.PUSH_UNIT);
    code.place(end);
  }

  void loopBody(Label start, Label end, int depth, Runnable body) {
    loops.push(new LoopLabels(end, start, depth));
    body.run();
    loops.pop();
  }

  private void loop(Loop l) {
    Label start = code.newLabel();
    Label end = code.newLabel();
    int depth = code.depth();
    code.place(start);
    loops.push(new LoopLabels(end, start, depth));
    gen(l.body());
    code.emit(Op.POP);
    loops.pop();
    code.jump(Op.JUMP, start);
    code.place(end);
    if (code.depth() == CodeBuilder.DEAD) code.setDepth(depth + 1);
  }

  private void breakExpr(Break b) {
    LoopLabels target = loops.peek();
    int depth = code.depth();
    if (b.value() == null) {
      popTo(target.depth());
      code.emit(Op.PUSH_UNIT);
    } else {
      gen(b.value());
      int slot = temp(type(b.value()));
      code.emit(Op.STORE_LOCAL, slot);
      popTo(target.depth());
      code.emit(Op.LOAD_LOCAL, slot);
    }
    code.jump(Op.JUMP, target.breakTo());
    code.setDepth(depth + 1);
  }

  void popTo(int depth) {
    while (code.depth() > depth) code.emit(Op.POP);
  }

  private void structLit(StructLit s) {
    Typing.Variant v = (Typing.Variant) typing.resolved.get(s);
    AdtDef.VariantDef variant = v.adt().variants.get(v.index());
    int baseSlot = -1;
    if (s.base() != null) {
      gen(s.base());
      baseSlot = temp(type(s.base()));
      code.emit(Op.STORE_LOCAL, baseSlot);
    }
    for (String field : variant.fieldNames()) {
      FieldInit init =
          s.fields().stream().filter(f -> f.name().equals(field)).findFirst().orElse(null);
      if (init != null) {
        genBoxed(init.value());
      } else {
        code.emit(Op.LOAD_LOCAL, baseSlot);
        code.emit(Op.LOAD_FIELD, variant.fieldNames().indexOf(field));
      }
    }
    if (v.adt().kind() == AdtDef.Kind.STRUCT)
      code.emit(Op.ALLOC, v.adt().typeIndex, variant.fieldNames().size());
    else code.emit(Op.MAKE_VARIANT, v.adt().typeIndex, v.index(), variant.fieldNames().size());
  }

  private void lambda(Lambda l) {
    FnSig target = ((Typing.Function) typing.resolved.get(l)).sig();
    for (Typing.Resolved source : target.captures) {
      switch (source) {
        case Typing.Local loc -> {
          code.emit(Op.LOAD_LOCAL, loc.slot());
          if (!isCell(loc.type())) boxFrom(loc.type());
        }
        case Typing.Capture c -> code.emit(Op.LOAD_CAPTURE, c.index());
        default -> throw new IllegalStateException("bad capture " + source);
      }
    }
    code.emit(Op.MAKE_CLOSURE, target.index, target.captures.size());
  }
}
