package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one function body: bidirectional, local inference (language.md §4.8). Expected types flow
 * into literals, bindings, arguments and branches; unsuffixed literals take the expected numeric
 * type.
 */
final class BodyChecker {
  final Checker ck;
  final Typing typing;
  final FnSig fn;
  final Inference inf;
  final BodyChecker parent;
  private final Deque<Map<String, LocalVar>> scopes = new ArrayDeque<>();
  private final Deque<LoopCtx> loops = new ArrayDeque<>();
  final ExprTypes exprs;

  record LocalVar(String name, Type type, boolean mutable, int slot) {}

  static final class LoopCtx {
    final boolean valued;
    Type breakType;

    LoopCtx(boolean valued) {
      this.valued = valued;
    }
  }

  BodyChecker(Checker ck, FnSig fn) {
    this(ck, fn, null);
  }

  /** A checker for a lambda body nested in {@code parent}; it shares the parent's inference. */
  BodyChecker(Checker ck, FnSig fn, BodyChecker parent) {
    this.ck = ck;
    this.parent = parent;
    this.inf = parent == null ? new Inference() : parent.inf;
    this.typing = ck.typing;
    this.fn = fn;
    this.exprs = new ExprTypes(this);
  }

  void checkFunction() {
    FnDecl decl = fn.decl;
    pushScope();
    int first = 0;
    if (decl.receiver() != null) {
      int slot = fn.addLocal(decl.receiver().name(), fn.params.getFirst());
      declare(decl.receiver().name(), fn.params.getFirst(), decl.receiver().mut(), slot);
      first = 1;
    }
    // defaults are evaluated at the call site, so they are checked before any parameter is bound
    for (int k = first; k < fn.params.size(); k++) {
      Expr def = decl.params().get(k - first).defaultValue();
      if (def != null) expectType(def, check(def, fn.params.get(k)), fn.params.get(k));
    }
    for (int k = first; k < fn.params.size(); k++) {
      Param p = decl.params().get(k - first);
      int slot = fn.addLocal(p.name(), fn.params.get(k));
      typing.slots.put(p, slot);
      if (!p.name().equals("_")) declare(p.name(), fn.params.get(k), false, slot);
    }
    Block body = decl.body();
    Type t = checkBlock(body, fn.ret);
    Expr tail = blockTail(body);
    if (fn.ret != Prim.UNIT && t != Prim.NEVER && tail == null && !(t instanceof Type.Error)) {
      ck.error(
          "E0208",
          "function `" + fn.name + "` must return a value of type `" + fn.ret + "`",
          decl.nameSpan(),
          "missing return value",
          "end the body with an expression of type `" + fn.ret + "` or add `return`");
    } else if (tail != null) {
      expectType(tail, t, fn.ret);
    }
    popScope();
    finish();
  }

  /** Resolves every inferred type once the body is done; unsolved variables become errors. */
  /** A call of a generic user function whose bounds are checked once inference is done. */
  record BoundCheck(Object node, FnSig sig, Type.Fn instance, Span calleeSpan) {}

  final List<BoundCheck> boundChecks = new java.util.ArrayList<>();

  void finish() {
    for (BoundCheck b : boundChecks) Traits.checkBounds(this, b);
    for (Map.Entry<Expr, Type> e : typing.types.entrySet()) e.setValue(inf.resolve(e.getValue()));
    resolveLocals(fn);
  }

  private void resolveLocals(FnSig sig) {
    for (int k = 0; k < sig.localTypes.size(); k++)
      sig.localTypes.set(k, inf.resolve(sig.localTypes.get(k)));
    for (int k = 0; k < sig.params.size(); k++) sig.params.set(k, inf.resolve(sig.params.get(k)));
    sig.ret = inf.resolve(sig.ret);
    for (FnSig child : sig.children) resolveLocals(child);
  }

  // ---- scopes

  void pushScope() {
    scopes.push(new HashMap<>());
  }

  void popScope() {
    scopes.pop();
  }

  int declare(String name, Type type, boolean mutable) {
    int slot = fn.addLocal(name, type);
    declare(name, type, mutable, slot);
    return slot;
  }

  /** A slot for compiler temporaries (scrutinees, iterators); not visible by name. */
  int declareHidden(String name, Type type) {
    return fn.addLocal(name, type);
  }

  void declare(String name, Type type, boolean mutable, int slot) {
    scopes.peek().put(name, new LocalVar(name, type, mutable, slot));
  }

  LocalVar lookup(String name) {
    for (Map<String, LocalVar> s : scopes) {
      LocalVar v = s.get(name);
      if (v != null) return v;
    }
    return null;
  }

  Deque<LoopCtx> loops() {
    return loops;
  }

  // ---- statements and blocks

  /** The expression giving a block its value: the last statement, if an expression without `;`. */
  static Expr blockTail(Block b) {
    if (b.stmts().isEmpty()) return null;
    return b.stmts().getLast() instanceof ExprStmt es && !es.semi() ? es.expr() : null;
  }

  Type checkBlock(Block b, Type expected) {
    pushScope();
    Type result = Prim.UNIT;
    Expr tail = blockTail(b);
    boolean diverges = false;
    for (Stmt s : b.stmts()) {
      if (s instanceof ExprStmt es && es.expr() == tail) {
        result = check(tail, expected == Prim.UNIT ? null : expected);
        if (expected == Prim.UNIT) result = result == Prim.NEVER ? Prim.NEVER : Prim.UNIT;
      } else {
        Type st = checkStmt(s);
        if (st == Prim.NEVER) diverges = true;
      }
    }
    if (diverges && tail == null) result = Prim.NEVER;
    popScope();
    typing.types.put(b, result);
    return result;
  }

  private Type checkStmt(Stmt s) {
    return switch (s) {
      case Let l -> {
        Type declared = l.type() == null ? null : ck.resolveType(l.type(), fn.typeParams);
        // a local may be a borrow, but not hold one inside another type (§6 rule 6)
        if (l.type() instanceof RefType r) ck.noBorrow(r.inner(), "a type argument");
        else if (l.type() != null) ck.noBorrow(l.type(), "a type argument");
        Type t = declared != null ? declared : null;
        Type init = check(l.init(), t);
        if (declared != null) expectType(l.init(), init, declared);
        Type bound = declared != null ? declared : init;
        if (bound == Prim.NEVER) bound = Type.Error.INSTANCE;
        if (declared == null && inf.hasUnsolved(bound)) {
          // local inference: a binding's type must be known when the statement ends (§4.8)
          ck.error(
              "E0204",
              "type annotation needed: cannot infer the type of `"
                  + l.init()
                      .span()
                      .file()
                      .text()
                      .substring(l.init().span().start(), l.init().span().end())
                  + "`",
              l.init().span(),
              "type unknown",
              "annotate the binding, e.g. `let xs: List<i64> = []`");
          bound = Type.Error.INSTANCE;
        }
        if (l.pattern() instanceof BindPat bp
            && bp.sub() == null
            && inf.resolve(bound) instanceof Type.Ref r
            && !FnGen.isCell(r)) {
          // `let r = &xs` keeps the borrow (§6 rule 5); `&mut` of a primitive stays a copy
          typing.slots.put(bp, declare(bp.name(), r, l.mutable()));
        } else new PatternChecker(this).bindIrrefutable(l.pattern(), bound, l.mutable());
        yield init == Prim.NEVER ? Prim.NEVER : Prim.UNIT;
      }
      case ExprStmt es -> check(es.expr(), null);
      case ItemStmt is -> {
        if (is.item() instanceof ConstDecl c) {
          Type t = ck.resolveType(c.type(), fn.typeParams);
          Type v = check(c.value(), t);
          expectType(c.value(), v, t);
          int slot = declare(c.name(), t, false);
          typing.slots.put(c, slot);
        }
        yield Prim.UNIT;
      }
    };
  }

  // ---- expressions

  Type check(Expr e, Type expected) {
    Type t = exprs.check(e, expected == null ? null : inf.resolve(expected));
    typing.types.put(e, t);
    return t;
  }

  /** Reports E0200 unless {@code actual} fits {@code expected}. */
  void expectType(Expr e, Type actual, Type expected) {
    // where Dynamic is expected, a sendable value is boxed implicitly (§2)
    if (Durations.isDynamic(inf.resolve(expected)) && Durations.boxable(actual, inf)) return;
    if (!inf.unify(actual, expected)) mismatch(e.span(), expected, actual);
  }

  void mismatch(Span at, Type expected, Type actual) {
    Type ex = inf.resolve(expected);
    Type ac = inf.resolve(actual);
    ck.error(
        "E0200",
        "mismatched types: expected `" + ex + "`, found `" + ac + "`",
        at,
        "expected `" + ex + "`",
        "convert the value or change the declared type");
  }

  static boolean fitsInt(BigInteger v, Prim p) {
    return BigInteger.valueOf(p.intKind().min()).compareTo(v) <= 0 && v.compareTo(max(p)) <= 0;
  }

  private static BigInteger max(Prim p) {
    return p == Prim.U64
        ? BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
        : BigInteger.valueOf(p.intKind().max());
  }

  List<String> typeParams() {
    return fn.typeParams;
  }

  List<Type> freshArgs(int n) {
    List<Type> out = new ArrayList<>();
    for (int k = 0; k < n; k++) out.add(inf.fresh());
    return out;
  }
}
