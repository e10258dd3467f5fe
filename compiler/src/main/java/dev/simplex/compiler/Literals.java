package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collection and struct literals (language.md §4.6): element types from the expected type or the
 * first element.
 */
final class Literals {
  private final BodyChecker bc;
  private final Calls calls;
  private final Checker ck;
  private final Inference inf;

  Literals(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
    this.ck = bc.ck;
    this.inf = bc.inf;
  }

  Type list(ListLit l, Type expected) {
    Type exp = inf.resolve(expected);
    Type elem =
        exp instanceof Type.Builtin b && b.name().equals("List") ? b.args().getFirst() : null;
    if (elem == null) elem = inf.fresh();
    for (Expr item : l.items()) {
      Type t = bc.check(item, elem);
      bc.expectType(item, t, elem);
    }
    return Type.list(elem);
  }

  Type map(MapLit m, Type expected) {
    Type exp = inf.resolve(expected);
    Type k =
        exp instanceof Type.Builtin b && b.name().equals("Map") ? b.args().get(0) : inf.fresh();
    Type v =
        exp instanceof Type.Builtin b && b.name().equals("Map") ? b.args().get(1) : inf.fresh();
    for (int i = 0; i < m.keys().size(); i++) {
      bc.expectType(m.keys().get(i), bc.check(m.keys().get(i), k), k);
      bc.expectType(m.values().get(i), bc.check(m.values().get(i), v), v);
    }
    return new Type.Builtin("Map", List.of(k, v));
  }

  Type set(SetLit s, Type expected) {
    Type exp = inf.resolve(expected);
    Type elem =
        exp instanceof Type.Builtin b && b.name().equals("Set") ? b.args().getFirst() : inf.fresh();
    for (Expr item : s.items()) bc.expectType(item, bc.check(item, elem), elem);
    return new Type.Builtin("Set", List.of(elem));
  }

  Type emptyBraces(EmptyBraces e, Type expected) {
    Type exp = inf.resolve(expected);
    if (exp instanceof Type.Builtin b && (b.name().equals("Map") || b.name().equals("Set")))
      return b;
    return Prim.UNIT;
  }

  Type structLit(StructLit s, Type expected) {
    String name = s.type().last();
    AdtDef def = null;
    int variant = 0;
    if (s.type().path().size() == 1) {
      def = ck.adts.get(name);
      if (def != null && def.kind() != AdtDef.Kind.STRUCT) def = null;
      if (def == null) {
        Type exp = inf.resolve(expected);
        if (exp instanceof Type.Adt a && a.def().variantIndex(name) >= 0) {
          def = a.def();
          variant = def.variantIndex(name);
        } else {
          for (AdtDef d : ck.adts.values()) {
            if (d.kind() == AdtDef.Kind.ENUM && d.variantIndex(name) >= 0) {
              def = d;
              variant = d.variantIndex(name);
            }
          }
        }
      }
    } else {
      def = ck.adts.get(s.type().path().get(s.type().path().size() - 2));
      if (def != null) variant = def.variantIndex(name);
      if (variant < 0) def = null;
    }
    if (def == null) {
      ck.error(
          "E0101",
          "cannot find struct `" + String.join("::", s.type().path()) + "`",
          s.type().span(),
          "not found",
          "declare the struct first");
      for (FieldInit f : s.fields()) bc.check(f.value(), null);
      return Type.Error.INSTANCE;
    }
    bc.typing.resolved.put(s, new Typing.Variant(def, variant));
    Type self = calls.adtInstance(def, expected);
    Map<String, Type> inst = ExprTypes.bindParams(def.typeParams(), ((Type.Adt) self).args());
    AdtDef.VariantDef v = def.variants.get(variant);
    List<String> seen = new ArrayList<>();
    for (FieldInit f : s.fields()) {
      int k = v.fieldNames().indexOf(f.name());
      if (k < 0 || seen.contains(f.name())) {
        ck.error(
            "E0203",
            (k < 0 ? "unknown field `" : "field given twice: `")
                + f.name()
                + "` in `"
                + v.name()
                + "`",
            f.span(),
            "unknown field",
            "the fields of `" + v.name() + "` are " + String.join(", ", v.fieldNames()));
        bc.check(f.value(), null);
        continue;
      }
      seen.add(f.name());
      calls.argument(f.value(), Inference.substitute(v.fieldTypes().get(k), inst));
    }
    if (s.base() != null) {
      bc.expectType(s.base(), bc.check(s.base(), self), self);
    } else if (seen.size() < v.fieldNames().size()) {
      List<String> missing = v.fieldNames().stream().filter(fn -> !seen.contains(fn)).toList();
      ck.error(
          "E0203",
          "missing field"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing.stream().map(x -> "`" + x + "`").toList())
              + " in `"
              + v.name()
              + "`",
          s.type().span(),
          "missing fields",
          "give every field a value, or use `..base`");
    }
    return self;
  }
}
