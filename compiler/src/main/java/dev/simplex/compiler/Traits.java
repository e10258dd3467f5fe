package dev.simplex.compiler;

import dev.simplex.compiler.Type.Prim;

/** The built-in traits (language.md §3): which types satisfy them. */
final class Traits {
  private Traits() {}

  static boolean isOrd(Type t) {
    return switch (t) {
      case Prim p -> p.isNumeric() || p == Prim.CHAR || p == Prim.STRING || p == Prim.BOOL;
      case Type.Tuple tu -> tu.parts().stream().allMatch(Traits::isOrd);
      case Type.Builtin b -> b.name().equals("Duration");
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
      case Type.Builtin b -> b.name().equals("Range") || b.name().equals("Duration");
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
}
