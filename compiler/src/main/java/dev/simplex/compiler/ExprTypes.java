package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The typing rule of each expression form (language.md §4). */
final class ExprTypes {
  private static final Set<String> ARITH = Set.of("+", "-", "*", "/", "%");
  private static final Set<String> BITS = Set.of("&", "|", "^", "<<", ">>");
  private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

  private final BodyChecker bc;
  private final Checker ck;
  private final Inference inf;
  final Calls calls;

  ExprTypes(BodyChecker bc) {
    this.bc = bc;
    this.ck = bc.ck;
    this.inf = bc.inf;
    this.calls = new Calls(bc, this);
  }

  Type check(Expr e, Type expected) {
    return switch (e) {
      case IntLit l -> intLit(l, expected);
      case FloatLit f -> floatLit(f, expected);
      case BoolLit b -> Prim.BOOL;
      case CharLit c -> Prim.CHAR;
      case UnitLit u -> Prim.UNIT;
      case StrLit s -> string(s);
      case Name n -> calls.name(n, expected);
      case Unary u -> unary(u, expected);
      case Binary b -> binary(b, expected);
      case Assign a -> assign(a);
      case Call c -> calls.call(c, expected);
      case MethodCall m -> calls.method(m, expected);
      case FieldAccess f -> calls.field(f);
      case Index ix -> calls.index(ix);
      case Slice s -> calls.slice(s);
      case Cast c -> cast(c);
      case Try t -> calls.tryOp(t);
      case If i -> ifExpr(i, expected);
      case IfLet i -> new PatternChecker(bc).ifLet(i, expected);
      case While w -> {
        bc.expectType(w.cond(), bc.check(w.cond(), Prim.BOOL), Prim.BOOL);
        bc.loops().push(new BodyChecker.LoopCtx(false));
        bc.checkBlock(w.body(), Prim.UNIT);
        bc.loops().pop();
        yield Prim.UNIT;
      }
      case WhileLet w -> new PatternChecker(bc).whileLet(w);
      case For f -> new PatternChecker(bc).forLoop(f);
      case Loop l -> {
        BodyChecker.LoopCtx ctx = new BodyChecker.LoopCtx(true);
        ctx.breakType = expected;
        bc.loops().push(ctx);
        bc.checkBlock(l.body(), Prim.UNIT);
        bc.loops().pop();
        yield ctx.breakType == null || !ctxBroke(ctx) ? Prim.NEVER : ctx.breakType;
      }
      case Break b -> breakExpr(b);
      case Continue c -> {
        if (bc.loops().isEmpty()) misplaced(c.span(), "continue");
        yield Prim.NEVER;
      }
      case Return r -> {
        if (r.value() == null) {
          if (!inf.unify(Prim.UNIT, bc.fn.ret)) bc.mismatch(r.span(), bc.fn.ret, Prim.UNIT);
        } else {
          bc.expectType(r.value(), bc.check(r.value(), bc.fn.ret), bc.fn.ret);
        }
        yield Prim.NEVER;
      }
      case Block b -> bc.checkBlock(b, expected);
      case Range r -> range(r, expected);
      case TupleLit t -> tuple(t, expected);
      case ListLit l -> new Literals(bc, calls).list(l, expected);
      case MapLit m -> new Literals(bc, calls).map(m, expected);
      case SetLit s -> new Literals(bc, calls).set(s, expected);
      case EmptyBraces eb -> new Literals(bc, calls).emptyBraces(eb, expected);
      case StructLit s -> new Literals(bc, calls).structLit(s, expected);
      case Lambda l -> new Lambdas(bc).lambda(l, expected);
      case Match m -> new PatternChecker(bc).match(m, expected);
      case Borrow b -> {
        Type inner = bc.check(b.expr(), expected instanceof Type.Ref r ? r.inner() : null);
        yield new Type.Ref(b.mut(), inner);
      }
      case Spawn s -> new Actors(bc, calls).spawn(s);
      case Deref d -> {
        Type t = inf.resolve(bc.check(d.expr(), null));
        if (t instanceof Type.Ref r) yield r.inner();
        if (!(t instanceof Type.Error)) {
          ck.error(
              "E0205",
              "cannot dereference a value of type `" + t + "`",
              d.span(),
              "not a borrow",
              "only `&T` and `&mut T` can be dereferenced");
        }
        yield Type.Error.INSTANCE;
      }
    };
  }

  private boolean ctxBroke(BodyChecker.LoopCtx ctx) {
    return ctx.breakType != null && broke.contains(ctx);
  }

  private final Set<BodyChecker.LoopCtx> broke =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private Type breakExpr(Break b) {
    if (bc.loops().isEmpty()) {
      misplaced(b.span(), "break");
      return Prim.NEVER;
    }
    BodyChecker.LoopCtx ctx = bc.loops().peek();
    broke.add(ctx);
    if (b.value() != null) {
      if (!ctx.valued) {
        misplaced(b.span(), "break with a value");
        return Prim.NEVER;
      }
      Type t = bc.check(b.value(), ctx.breakType);
      if (ctx.breakType == null) ctx.breakType = t;
      else bc.expectType(b.value(), t, ctx.breakType);
    } else if (ctx.valued) {
      if (ctx.breakType == null) ctx.breakType = Prim.UNIT;
      else if (!inf.unify(Prim.UNIT, ctx.breakType))
        bc.mismatch(b.span(), ctx.breakType, Prim.UNIT);
    }
    return Prim.NEVER;
  }

  private void misplaced(Span at, String what) {
    ck.error(
        "E0213",
        "`" + what + "` outside of a loop",
        at,
        "cannot " + what.split(" ")[0] + " here",
        what.startsWith("break with")
            ? "only `loop` can break with a value"
            : "use it inside `loop`, `while` or `for`");
  }

  // ---- literals

  static boolean isUnsuffixedLiteral(Expr e) {
    return (e instanceof IntLit i && i.suffix().isEmpty())
        || (e instanceof FloatLit f && f.suffix().isEmpty());
  }

  private Type intLit(IntLit l, Type expected) {
    Prim t = Prim.I64;
    if (!l.suffix().isEmpty()) {
      t = Checker.primitive(l.suffix());
      if (t.isFloat()) return Prim.F64;
    } else if (expected instanceof Prim p && p.isInt()) {
      t = p;
    }
    if (!BodyChecker.fitsInt(l.value(), t)) {
      ck.error(
          "E0004",
          "literal out of range for `" + t + "`",
          l.span(),
          "does not fit in `" + t + "`",
          "use a wider type or a smaller value");
    }
    return t;
  }

  private Type floatLit(FloatLit f, Type expected) {
    Prim t = Prim.F64;
    if (!f.suffix().isEmpty()) t = Checker.primitive(f.suffix());
    else if (expected instanceof Prim p && p.isFloat()) t = p;
    if (Double.isInfinite(f.value()) || (t == Prim.F32 && Float.isInfinite((float) f.value()))) {
      ck.error(
          "E0004",
          "float literal out of range for `" + t + "`",
          f.span(),
          "rounds to infinity",
          "use a smaller value");
    }
    return t;
  }

  private Type string(StrLit s) {
    for (StrPart p : s.parts()) {
      if (p instanceof StrInterp in) {
        Type t = inf.resolve(bc.check(in.expr(), null));
        if (!in.spec().isEmpty()) FormatSpecs.check(ck, in, t);
      }
    }
    return Prim.STRING;
  }

  // ---- operators

  private Type unary(Unary u, Type expected) {
    Type t = inf.resolve(bc.check(u.operand(), u.op().equals("!") ? expected : expected));
    Type base = t instanceof Type.Ref r ? r.inner() : t;
    if (base instanceof Type.Error) return base;
    if (u.op().equals("-")) {
      if (base instanceof Prim p && p.isNumeric() && (p.isFloat() || p.intKind().signed()))
        return p;
      if (base instanceof Type.Param) return base;
    } else {
      if (base == Prim.BOOL || (base instanceof Prim p && p.isInt())) return base;
    }
    ck.error(
        "E0205",
        "cannot apply unary `" + u.op() + "` to `" + base + "`",
        u.span(),
        "operator not defined for `" + base + "`",
        u.op().equals("-") ? "negation needs a signed number" : "`!` needs a Bool or an integer");
    return Type.Error.INSTANCE;
  }

  private Type binary(Binary b, Type expected) {
    String op = b.op();
    if (op.equals("&&") || op.equals("||")) {
      bc.expectType(b.left(), bc.check(b.left(), Prim.BOOL), Prim.BOOL);
      bc.expectType(b.right(), bc.check(b.right(), Prim.BOOL), Prim.BOOL);
      return Prim.BOOL;
    }
    Type hint = ARITH.contains(op) || BITS.contains(op) ? expected : null;
    Type lt;
    Type rt;
    if (isUnsuffixedLiteral(b.left()) && !isUnsuffixedLiteral(b.right())) {
      rt = bc.check(b.right(), hint);
      lt = bc.check(b.left(), deref(rt));
    } else {
      lt = bc.check(b.left(), hint);
      rt = bc.check(b.right(), deref(lt));
    }
    Type l = deref(inf.resolve(lt));
    Type r = deref(inf.resolve(rt));
    if (l instanceof Type.Error || r instanceof Type.Error)
      return COMPARE.contains(op) ? Prim.BOOL : Type.Error.INSTANCE;
    if (!inf.unify(r, l)) {
      operatorError(b, l, r);
      return COMPARE.contains(op) ? Prim.BOOL : Type.Error.INSTANCE;
    }
    if (COMPARE.contains(op)) {
      if (op.equals("==") || op.equals("!=")) {
        if (l instanceof Type.Fn) operatorError(b, l, r);
        return Prim.BOOL;
      }
      if (!Traits.isOrd(l)) operatorError(b, l, r);
      return Prim.BOOL;
    }
    if (ARITH.contains(op)) {
      if (op.equals("+") && l == Prim.STRING) return Prim.STRING;
      if ((op.equals("+") || op.equals("-")) && l.equals(Durations.DURATION)) return l;
      if ((l instanceof Prim p && p.isNumeric())
          || (l instanceof Type.Param pp && Traits.paramHas(bc, pp, "Numeric"))) return l;
      operatorError(b, l, r);
      return Type.Error.INSTANCE;
    }
    if (l instanceof Prim p && p.isInt()) return l;
    if (l == Prim.BOOL && !op.startsWith("<") && !op.startsWith(">")) return l;
    operatorError(b, l, r);
    return Type.Error.INSTANCE;
  }

  static Type deref(Type t) {
    return t instanceof Type.Ref r ? r.inner() : t;
  }

  private void operatorError(Binary b, Type l, Type r) {
    String msg =
        l.equals(r)
            ? "cannot apply `" + b.op() + "` to `" + l + "`"
            : "cannot apply `" + b.op() + "` to `" + l + "` and `" + r + "`";
    ck.error(
        "E0205",
        msg,
        b.opSpan(),
        "operator not defined for these types",
        l.equals(r)
            ? "this operator is not defined for `" + l + "`"
            : "both operands must have the same type; convert one with `as`");
  }

  private Type assign(Assign a) {
    Type target = new Places(bc).assignable(a.target(), a.opSpan());
    Type t = deref(inf.resolve(target));
    if (a.op().equals("=")) {
      Type v = bc.check(a.value(), t);
      bc.expectType(a.value(), v, t);
    } else {
      String op = a.op().substring(0, a.op().length() - 1);
      Type v = bc.check(a.value(), t);
      Type rv = deref(inf.resolve(v));
      boolean ok =
          inf.unify(rv, t)
              && (t instanceof Type.Error
                  || (t instanceof Prim p
                      && (p.isNumeric() && !BITS.contains(op)
                          || p.isInt()
                          || (op.equals("+") && p == Prim.STRING)))
                  || (t instanceof Type.Param pp && Traits.paramHas(bc, pp, "Numeric")));
      if (!ok) {
        ck.error(
            "E0205",
            "cannot apply `" + a.op() + "` to `" + t + "` and `" + rv + "`",
            a.opSpan(),
            "operator not defined for these types",
            "both sides must have the same numeric type");
      }
    }
    return Prim.UNIT;
  }

  private Type cast(Cast c) {
    Type target = ck.resolveType(c.type(), bc.typeParams());
    Type source = deref(inf.resolve(bc.check(c.expr(), null)));
    if (source instanceof Type.Error || target instanceof Type.Error) return target;
    boolean ok =
        source instanceof Prim s
            && target instanceof Prim t
            && ((s.isNumeric() && t.isNumeric())
                || (s == Prim.BOOL && t.isInt())
                || (s == Prim.CHAR && t.isInt())
                || (s.isInt() && t == Prim.CHAR));
    if (source instanceof Type.Adt a
        && a.def().isUnitOnlyEnum()
        && target instanceof Prim t
        && t.isInt()) ok = true;
    if (!ok) {
      ck.error(
          "E0206",
          "cannot cast `" + source + "` as `" + target + "`",
          c.asSpan(),
          "invalid cast",
          "casts convert between numbers, Bool/Char to integers, and integers to Char");
    }
    return target;
  }

  private Type ifExpr(If i, Type expected) {
    bc.expectType(i.cond(), bc.check(i.cond(), Prim.BOOL), Prim.BOOL);
    if (i.otherwise() == null) {
      bc.checkBlock(i.then(), Prim.UNIT);
      return Prim.UNIT;
    }
    Type t = bc.checkBlock(i.then(), expected);
    Type eExpected = expected != null ? expected : (t == Prim.NEVER ? null : t);
    Type o = bc.check(i.otherwise(), eExpected);
    if (t == Prim.NEVER) return o;
    if (o == Prim.NEVER) return t;
    if (expected == Prim.UNIT) return Prim.UNIT;
    if (!inf.unify(o, t)) {
      Expr at =
          i.otherwise() instanceof Block b && BodyChecker.blockTail(b) != null
              ? BodyChecker.blockTail(b)
              : i.otherwise();
      bc.mismatch(at.span(), t, o);
    }
    return t;
  }

  private Type range(Range r, Type expected) {
    Type elem =
        expected instanceof Type.Builtin b && b.name().equals("Range") ? b.args().getFirst() : null;
    Type lt;
    Type rt;
    if (isUnsuffixedLiteral(r.from()) && !isUnsuffixedLiteral(r.to())) {
      rt = bc.check(r.to(), elem);
      lt = bc.check(r.from(), rt);
    } else {
      lt = bc.check(r.from(), elem);
      rt = bc.check(r.to(), lt);
    }
    Type l = deref(inf.resolve(lt));
    if (!(l instanceof Prim p && p.isInt()) && !(l instanceof Type.Error)) {
      ck.error(
          "E0200",
          "ranges need integer bounds, found `" + l + "`",
          r.from().span(),
          "not an integer",
          "use integer bounds");
      return Type.Error.INSTANCE;
    }
    bc.expectType(r.to(), deref(rt), l);
    return new Type.Builtin("Range", List.of(l));
  }

  private Type tuple(TupleLit t, Type expected) {
    List<Type> exp =
        expected instanceof Type.Tuple tu && tu.parts().size() == t.parts().size()
            ? tu.parts()
            : null;
    List<Type> parts = new ArrayList<>();
    for (int k = 0; k < t.parts().size(); k++)
      parts.add(bc.check(t.parts().get(k), exp == null ? null : exp.get(k)));
    return new Type.Tuple(parts);
  }

  static Map<String, Type> bindParams(List<String> names, List<Type> args) {
    Map<String, Type> m = new HashMap<>();
    for (int k = 0; k < names.size() && k < args.size(); k++) m.put(names.get(k), args.get(k));
    return m;
  }

  FnSig fnNamed(String name) {
    return ck.resolveFunction(bc.fn.module, List.of(name));
  }
}
