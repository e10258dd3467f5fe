package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vector functions of language.md §11: {@code dot}, {@code normalize}, {@code ai::similarity},
 * {@code ai::nearest}.
 */
final class VectorCalls {
  static final Type VECTOR = new Type.Builtin("Vector", List.of());

  private static final Map<String, List<String>> PARAMS =
      Map.of(
          "dot", List.of("a", "b"),
          "normalize", List.of("v"),
          "ai::similarity", List.of("a", "b"),
          "ai::nearest", List.of("query", "candidates", "k"));

  private final BodyChecker bc;
  private final Calls calls;

  VectorCalls(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
  }

  static boolean isVectorCall(Name n) {
    return PARAMS.containsKey(String.join("::", n.path()));
  }

  Type call(Call c, Name n) {
    String name = String.join("::", n.path());
    List<String> params = PARAMS.get(name);
    Type[] types =
        switch (name) {
          case "ai::nearest" -> new Type[] {VECTOR, Type.list(VECTOR), Prim.I64};
          case "normalize" -> new Type[] {VECTOR};
          default -> new Type[] {VECTOR, VECTOR};
        };
    Type result =
        switch (name) {
          case "normalize" -> VECTOR;
          case "ai::nearest" -> Type.list(new Type.Tuple(List.of(Prim.I64, Prim.F64)));
          default -> Prim.F64;
        };
    Expr[] bound = new Expr[params.size()];
    int pos = 0;
    for (Arg a : c.args()) {
      int k = a.name() == null ? pos++ : params.indexOf(a.name());
      if (k < 0 || k >= bound.length || bound[k] != null) {
        bc.ck.error(
            k < 0 ? "E0202" : "E0201",
            k < 0
                ? "`" + name + "` has no parameter named `" + a.name() + "`"
                : "`" + name + "` takes " + params.size() + " arguments",
            k < 0 ? a.span() : n.span(),
            "bad argument",
            "`" + name + "` takes (" + String.join(", ", params) + ")");
        for (Arg x : c.args()) bc.check(x.value(), null);
        return result;
      }
      bound[k] = a.value();
    }
    for (int k = 0; k < bound.length; k++) {
      if (bound[k] == null) {
        bc.ck.error(
            "E0202",
            "missing argument `" + params.get(k) + "` of `" + name + "`",
            n.span(),
            "missing argument",
            "`" + name + "` takes (" + String.join(", ", params) + ")");
        return result;
      }
      calls.argument(bound[k], types[k]);
    }
    bc.typing.resolved.put(c, new Typing.Builtin("vector:" + name));
    bc.typing.argOrder.put(c, new ArrayList<>(List.of(bound)));
    return result;
  }

  static final Set<String> METHODS =
      Set.of("len", "magnitude", "normalize", "dot", "to_list", "clone", "to_string");
}
