package dev.simplex.compiler;

import dev.simplex.compiler.Type.Prim;
import java.util.List;

/** The built-in traits (language.md §3): which types satisfy them. */
final class Traits {
  private Traits() {}

  static boolean isOrd(Type t) {
    return switch (t) {
      case Prim p -> p.isNumeric() || p == Prim.CHAR || p == Prim.STRING || p == Prim.BOOL;
      case Type.Tuple tu -> tu.parts().stream().allMatch(Traits::isOrd);
      case Type.Builtin b -> b.name().equals("Duration") || b.name().equals("Instant");
      case Type.Param p ->
          p.bounds().contains("Ord")
              || p.bounds().contains("Numeric")
              || p.bounds().contains("Integer");
      case Type.Error e -> true;
      default -> false;
    };
  }

  static boolean isCopy(Type t) {
    return switch (t) {
      case Prim p -> p != Prim.STRING;
      case Type.Tuple tu -> tu.parts().stream().allMatch(Traits::isCopy);
      case Type.Fn f -> true;
      case Type.Builtin b ->
          b.name().equals("Range")
              || b.name().equals("Duration")
              || b.name().equals("ActorRef")
              || b.name().equals("Instant");
      case Type.Adt a ->
          a.def().isUnitOnlyEnum()
              || (a.def().name().equals("Option") && isCopy(a.args().getFirst()));
      case Type.Ref r -> !r.mut();
      case Type.Error e -> true;
      default -> false;
    };
  }

  /**
   * Sendable types (language.md §6, Actors): every type except functions, borrows, {@code Stream}
   * and types containing them.
   */
  static boolean isSendable(Type t) {
    return isSendable(t, new java.util.HashSet<>());
  }

  private static boolean isSendable(Type t, java.util.Set<AdtDef> seen) {
    return switch (t) {
      case Type.Fn f -> false;
      case Type.Ref r -> false;
      case Type.Tuple tu -> tu.parts().stream().allMatch(p -> isSendable(p, seen));
      case Type.Builtin b ->
          !b.name().equals("Stream") && b.args().stream().allMatch(a -> isSendable(a, seen));
      case Type.Adt a -> {
        if (!a.args().stream().allMatch(x -> isSendable(x, seen))) yield false;
        if (!seen.add(a.def())) yield true;
        yield a.def().variants.stream()
            .flatMap(v -> v.fieldTypes().stream())
            .allMatch(x -> isSendable(x, seen));
      }
      default -> true;
    };
  }

  static boolean isHash(Type t) {
    return switch (t) {
      case Prim p -> !p.isFloat();
      case Type.Tuple tu -> tu.parts().stream().allMatch(Traits::isHash);
      case Type.Adt a -> true;
      case Type.Error e -> true;
      default -> false;
    };
  }

  /** Whether a generic parameter of the current function carries {@code bound}. */
  static boolean paramHas(BodyChecker bc, Type.Param p, String bound) {
    if (p.bounds().contains(bound)) return true;
    if (bc.fn.decl == null) return false;
    return bc.fn.decl.typeParams().stream()
        .filter(tp -> tp.name().equals(p.name()))
        .flatMap(tp -> tp.bounds().stream())
        .anyMatch(
            b ->
                b instanceof Ast.NamedType n
                    && (n.path().getLast().equals(bound)
                        || (bound.equals("Ord") && n.path().getLast().equals("Numeric"))));
  }

  /**
   * E0209 when a generic parameter of a called user function is inferred as a type that lacks one
   * of its bounds (language.md §14), at the argument that fixed it.
   */
  static void checkBounds(BodyChecker bc, BodyChecker.BoundCheck b) {
    List<Ast.Expr> order = bc.typing.argOrder.get(b.node());
    java.util.Set<String> done = new java.util.HashSet<>();
    for (int k = 0; k < b.sig().params.size() && k < b.instance().params().size(); k++) {
      java.util.Map<Type.Param, Type> found = new java.util.LinkedHashMap<>();
      match(b.sig().params.get(k), bc.inf.resolve(b.instance().params().get(k)), found, bc);
      for (var e : found.entrySet()) {
        Type.Param p = e.getKey();
        Type t = e.getValue();
        if (t instanceof Type.Var || t instanceof Type.Error || !done.add(p.name())) continue;
        for (String bound : p.bounds()) {
          if (satisfies(bc, t, bound)) continue;
          Ast.Expr arg = order != null && k < order.size() ? order.get(k) : null;
          bc.ck.error(
              "E0209",
              "the trait bound `" + t + ": " + bound + "` is not satisfied",
              arg != null ? arg.span() : b.calleeSpan(),
              "`" + t + "` is not " + bound,
              "`"
                  + b.sig().name
                  + "` needs `"
                  + p.name()
                  + ": "
                  + bound
                  + "`; pass a value whose type satisfies it"
                  + (builtinBound(bound) ? "" : " or add `impl " + bound + " for " + t + "`"));
          break;
        }
      }
    }
  }

  private static boolean builtinBound(String bound) {
    return java.util.Set.of("Numeric", "Integer", "Ord", "Eq", "Hash", "Copy", "Clone", "Enum")
        .contains(bound);
  }

  private static void match(
      Type declared, Type actualType, java.util.Map<Type.Param, Type> out, BodyChecker bc) {
    Type actual = bc.inf.resolve(actualType);
    switch (declared) {
      case Type.Param p -> {
        if (!p.bounds().isEmpty()) out.putIfAbsent(p, actual);
      }
      case Type.Ref r -> match(r.inner(), ExprTypes.deref(actual), out, bc);
      case Type.Builtin d
          when actual instanceof Type.Builtin a && a.args().size() == d.args().size() -> {
        for (int i = 0; i < d.args().size(); i++) match(d.args().get(i), a.args().get(i), out, bc);
      }
      case Type.Adt d when actual instanceof Type.Adt a && a.args().size() == d.args().size() -> {
        for (int i = 0; i < d.args().size(); i++) match(d.args().get(i), a.args().get(i), out, bc);
      }
      case Type.Tuple d
          when actual instanceof Type.Tuple a && a.parts().size() == d.parts().size() -> {
        for (int i = 0; i < d.parts().size(); i++)
          match(d.parts().get(i), a.parts().get(i), out, bc);
      }
      default -> {}
    }
  }

  private static boolean satisfies(BodyChecker bc, Type t, String bound) {
    if (t instanceof Type.Param p)
      return paramHas(bc, p, bound)
          || (bound.equals("Eq") || bound.equals("Clone") || bound.equals("Hash"))
              && !p.bounds().isEmpty();
    return switch (bound) {
      case "Numeric" -> t instanceof Prim p && p.isNumeric();
      case "Integer" -> t instanceof Prim p && p.isNumeric() && !p.isFloat();
      case "Ord" -> isOrd(t) || t instanceof Type.Adt;
      case "Hash" -> isHash(t);
      case "Copy" -> isCopy(t);
      case "Enum" -> t instanceof Type.Adt a && a.def().isUnitOnlyEnum();
      case "Eq" -> !(t instanceof Type.Fn);
      case "Clone", "Display", "Debug", "ToString", "Sized", "Send", "Sync" -> true;
      default -> {
        List<Typing.TraitImpl> impls = bc.typing.traitImpls.get(bound);
        if (impls == null) yield !bc.ck.knowsTrait(bound); // unknown traits are E0101 elsewhere
        String key = Checker.typeKey(t);
        yield impls.stream().anyMatch(i -> i.typeKey().equals(key));
      }
    };
  }
}
