package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Patterns (language.md §5): checks them against the scrutinee type, declares their bindings, and
 * checks {@code match} arms and exhaustiveness ({@link Exhaustiveness}).
 */
final class PatternChecker {
  private final BodyChecker bc;
  private final Checker ck;
  private final Inference inf;
  private boolean reuseSlots;

  PatternChecker(BodyChecker bc) {
    this.bc = bc;
    this.ck = bc.ck;
    this.inf = bc.inf;
  }

  /** {@code let} patterns must be irrefutable (E0212). */
  void bindIrrefutable(Pattern p, Type t, boolean mutable) {
    bind(p, t, mutable);
    if (!Exhaustiveness.irrefutable(ck, p, inf.resolve(t), inf)) {
      ck.error(
          "E0212",
          "refutable pattern in a binding",
          p.span(),
          "this pattern may not match",
          "use `match` or `if let` instead");
    }
  }

  /** Checks {@code p} against {@code t} and declares its bindings in the current scope. */
  void bind(Pattern p, Type t, boolean mutable) {
    Type type = ExprTypes.deref(inf.resolve(t));
    switch (p) {
      case WildcardPat w -> {}
      case BindPat b -> {
        if (b.sub() != null) bind(b.sub(), type, mutable);
        BodyChecker.LocalVar existing = reuseSlots ? bc.lookup(b.name()) : null;
        int slot = existing != null ? existing.slot() : bc.declare(b.name(), type, mutable);
        bc.typing.slots.put(b, slot);
      }
      case LitPat l -> {
        Type lt = bc.check(l.literal(), type);
        bc.expectType(l.literal(), lt, type);
      }
      case RangePat r -> {
        bc.expectType(r.from(), bc.check(r.from(), type), type);
        bc.expectType(r.to(), bc.check(r.to(), type), type);
      }
      case TuplePat tp -> {
        if (type instanceof Type.Tuple tu
            && (tp.restAt() >= 0
                ? tp.parts().size() <= tu.parts().size()
                : tp.parts().size() == tu.parts().size())) {
          for (int k = 0; k < tp.parts().size(); k++) {
            int at =
                tp.restAt() >= 0 && k >= tp.restAt()
                    ? tu.parts().size() - (tp.parts().size() - k)
                    : k;
            bind(tp.parts().get(k), tu.parts().get(at), mutable);
          }
        } else if (!(type instanceof Type.Error)) {
          patternMismatch(p, type);
          bindAllAsError(p, mutable);
        }
      }
      case ListPat lp -> {
        if (type instanceof Type.Builtin b && b.name().equals("List")) {
          for (Pattern item : lp.items()) bind(item, b.args().getFirst(), mutable);
          if (lp.restName() != null) {
            int slot = bc.declare(lp.restName(), b, mutable);
            bc.typing.slots.put(lp, slot);
          }
        } else if (!(type instanceof Type.Error)) {
          patternMismatch(p, type);
          bindAllAsError(p, mutable);
        }
      }
      case OrPat o -> {
        // every alternative must bind the same names (E0301); bind once from the first
        List<String> first = Exhaustiveness.bindings(o.alternatives().getFirst());
        for (Pattern alt : o.alternatives().subList(1, o.alternatives().size())) {
          if (!Exhaustiveness.bindings(alt).equals(first)) {
            ck.error(
                "E0301",
                "alternatives bind different names",
                alt.span(),
                "binds " + Exhaustiveness.bindings(alt),
                "make every alternative bind " + first);
          }
        }
        // all alternatives store their bindings in the slots the first one declared
        bind(o.alternatives().getFirst(), type, mutable);
        boolean saved = reuseSlots;
        reuseSlots = true;
        for (Pattern alt : o.alternatives().subList(1, o.alternatives().size()))
          bind(alt, type, mutable);
        reuseSlots = saved;
      }
      case VariantPat vp -> variant(vp, type, mutable);
      case StructPat sp -> struct(sp, type, mutable);
    }
  }

  private void variant(VariantPat vp, Type type, boolean mutable) {
    Resolved r = resolveVariant(vp.path(), vp.span(), type);
    if (r == null) {
      if (vp.args() != null) for (Pattern a : vp.args()) bindAllAsError(a, mutable);
      return;
    }
    bc.typing.resolved.put(vp, new Typing.Variant(r.def, r.index));
    AdtDef.VariantDef v = r.def.variants.get(r.index);
    Map<String, Type> inst = ExprTypes.bindParams(r.def.typeParams(), r.type.args());
    int given = vp.args() == null ? 0 : vp.args().size();
    if (vp.args() == null && !v.fieldTypes().isEmpty()) {
      ck.error(
          "E0200",
          "`" + v.name() + "` has a payload",
          vp.span(),
          "missing payload pattern",
          "write `" + v.name() + "(..)`");
      return;
    }
    if (given != v.fieldTypes().size() && !v.named()) {
      ck.error(
          "E0200",
          "`"
              + v.name()
              + "` has "
              + v.fieldTypes().size()
              + " payload value"
              + (v.fieldTypes().size() == 1 ? "" : "s")
              + ", the pattern has "
              + given,
          vp.span(),
          "wrong number of payload patterns",
          "match every payload value");
      if (vp.args() != null) for (Pattern a : vp.args()) bindAllAsError(a, mutable);
      return;
    }
    for (int k = 0; k < given; k++)
      bind(vp.args().get(k), Inference.substitute(v.fieldTypes().get(k), inst), mutable);
  }

  private void struct(StructPat sp, Type type, boolean mutable) {
    Resolved r;
    if (sp.path().size() == 1
        && ck.adts.get(sp.path().getFirst()) instanceof AdtDef d
        && d.kind() == AdtDef.Kind.STRUCT) {
      if (!(type instanceof Type.Adt a && a.def() == d)) {
        if (!(type instanceof Type.Error)) patternMismatch(sp, type);
        for (FieldPat f : sp.fields()) bindAllAsError(f.pattern(), mutable);
        return;
      }
      r = new Resolved(d, 0, a);
    } else {
      r = resolveVariant(sp.path(), sp.span(), type);
    }
    if (r == null) {
      for (FieldPat f : sp.fields()) bindAllAsError(f.pattern(), mutable);
      return;
    }
    bc.typing.resolved.put(sp, new Typing.Variant(r.def, r.index));
    AdtDef.VariantDef v = r.def.variants.get(r.index);
    Map<String, Type> inst = ExprTypes.bindParams(r.def.typeParams(), r.type.args());
    for (FieldPat f : sp.fields()) {
      int k = v.fieldNames().indexOf(f.name());
      if (k < 0) {
        ck.error(
            "E0102",
            "no field `" + f.name() + "` in `" + v.name() + "`",
            f.span(),
            "unknown field",
            "the fields are " + v.fieldNames());
        bindAllAsError(f.pattern(), mutable);
        continue;
      }
      bind(f.pattern(), Inference.substitute(v.fieldTypes().get(k), inst), mutable);
    }
    if (!sp.rest() && sp.fields().size() < v.fieldNames().size()) {
      ck.error(
          "E0203",
          "pattern does not mention every field of `" + v.name() + "`",
          sp.span(),
          "missing fields",
          "list every field or add `..`");
    }
  }

  record Resolved(AdtDef def, int index, Type.Adt type) {}

  /** Resolves a variant name against the scrutinee type first (§5, uppercase names). */
  private Resolved resolveVariant(List<String> path, Span at, Type type) {
    String name = path.getLast();
    if (type instanceof Type.Error) return null;
    if (type instanceof Type.Adt a) {
      boolean ownerOk =
          path.size() == 1
              || path.get(path.size() - 2).equals(a.def().name())
              || (path.size() == 2 && path.get(0).equals("AskError"));
      int idx = a.def().variantIndex(name);
      if (ownerOk && idx >= 0) return new Resolved(a.def(), idx, a);
    }
    if (path.size() == 1 && ck.consts.containsKey(name)) return null;
    ck.error(
        "E0108",
        "no variant `" + String.join("::", path) + "` in type `" + type + "`",
        at,
        "unknown variant",
        "use a variant of `" + type + "`");
    return null;
  }

  private void patternMismatch(Pattern p, Type type) {
    ck.error(
        "E0200",
        "mismatched types: this pattern cannot match a value of type `" + type + "`",
        p.span(),
        "expected `" + type + "`",
        "write a pattern for `" + type + "`");
  }

  private void bindAllAsError(Pattern p, boolean mutable) {
    for (BindPat b : Exhaustiveness.bindPats(p)) {
      int slot = bc.declare(b.name(), Type.Error.INSTANCE, mutable);
      bc.typing.slots.put(b, slot);
    }
  }

  // ---- constructs

  Type match(Match m, Type expected) {
    Type st = ExprTypes.deref(inf.resolve(bc.check(m.scrutinee(), null)));
    int scrutSlot = bc.declareHidden("$match", st);
    bc.typing.slots.put(m, scrutSlot);
    Type result = expected == Prim.UNIT ? Prim.UNIT : expected;
    boolean any = false;
    for (MatchArm arm : m.arms()) {
      bc.pushScope();
      bind(arm.pattern(), st, false);
      if (arm.guard() != null)
        bc.expectType(arm.guard(), bc.check(arm.guard(), Prim.BOOL), Prim.BOOL);
      Type t = bc.check(arm.body(), result);
      bc.popScope();
      if (t == Prim.NEVER || expected == Prim.UNIT) continue;
      if (result == null) {
        result = t;
      } else if (!inf.unify(t, result)) {
        bc.mismatch(arm.body().span(), result, t);
      }
      any = true;
    }
    List<String> missing = Exhaustiveness.missing(ck, inf, m.arms(), st);
    if (!missing.isEmpty()) {
      String list =
          missing.size() > 3
              ? String.join(", ", missing.subList(0, 3)) + " and " + (missing.size() - 3) + " more"
              : String.join(", ", missing);
      ck.error(
          "E0300",
          "non-exhaustive match: missing " + list,
          m.keyword(),
          "not all cases are covered",
          "add arms for the missing cases, or a `_ =>` arm");
    }
    if (expected == Prim.UNIT) return Prim.UNIT;
    if (!any) return m.arms().isEmpty() ? Prim.NEVER : (result == null ? Prim.NEVER : result);
    return result;
  }

  Type ifLet(IfLet i, Type expected) {
    Type st = ExprTypes.deref(inf.resolve(bc.check(i.scrutinee(), null)));
    int slot = bc.declareHidden("$iflet", st);
    bc.typing.slots.put(i, slot);
    bc.pushScope();
    bind(i.pattern(), st, false);
    Type t = bc.checkBlock(i.then(), i.otherwise() == null ? Prim.UNIT : expected);
    bc.popScope();
    if (i.otherwise() == null) return Prim.UNIT;
    Type o = bc.check(i.otherwise(), expected != null ? expected : t);
    if (t == Prim.NEVER) return o;
    if (o != Prim.NEVER && !inf.unify(o, t)) bc.mismatch(i.otherwise().span(), t, o);
    return t;
  }

  Type whileLet(WhileLet w) {
    Type st = ExprTypes.deref(inf.resolve(bc.check(w.scrutinee(), null)));
    int slot = bc.declareHidden("$whilelet", st);
    bc.typing.slots.put(w, slot);
    bc.pushScope();
    bind(w.pattern(), st, false);
    bc.loops().push(new BodyChecker.LoopCtx(false));
    bc.checkBlock(w.body(), Prim.UNIT);
    bc.loops().pop();
    bc.popScope();
    return Prim.UNIT;
  }

  Type forLoop(For f) {
    Type it = ExprTypes.deref(inf.resolve(bc.check(f.iterable(), null)));
    Type elem = elementType(it);
    if (elem == null) {
      ck.error(
          "E0200",
          "`" + it + "` is not iterable",
          f.iterable().span(),
          "cannot iterate",
          "iterate a range, List, Set or Map"
              + (it == Prim.STRING ? " (use `.chars()` for a String)" : ""));
      elem = Type.Error.INSTANCE;
    }
    // a range keeps its bound (a primitive) in the iterator slot
    Type iterSlot = f.iterable() instanceof Range && elem != null ? elem : it;
    bc.typing.slots.put(f, bc.declareHidden("$iter", iterSlot));
    bc.declareHidden("$index", Prim.I64);
    bc.pushScope();
    bindIrrefutable(f.pattern(), elem, false);
    bc.loops().push(new BodyChecker.LoopCtx(false));
    bc.checkBlock(f.body(), Prim.UNIT);
    bc.loops().pop();
    bc.popScope();
    return Prim.UNIT;
  }

  static Type elementType(Type it) {
    if (it instanceof Type.Error) return it;
    if (it instanceof Type.Builtin b) {
      return switch (b.name()) {
        case "Range", "List", "Set", "Stream" -> b.args().getFirst();
        case "Vector" -> Prim.F64;
        case "Map" -> new Type.Tuple(List.of(b.args().get(0), b.args().get(1)));
        default -> null;
      };
    }
    return null;
  }

  static List<Pattern> alternatives(Pattern p) {
    return p instanceof OrPat o ? o.alternatives() : new ArrayList<>(List.of(p));
  }
}
