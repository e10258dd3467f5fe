package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model calls of language.md §11 that the bytecode answers directly: {@code ai::embed} and
 * {@code ai::complete}. Arguments bind by position or name; every parameter after the first has a
 * default, so the bound list holds {@code null} where the call leaves one out.
 */
final class AiCalls {
  /** One parameter of a model call: its name and type, and whether a call may leave it out. */
  private record Param(String name, Type type, boolean optional) {}

  private static final Map<String, List<Param>> PARAMS =
      Map.of(
          "ai::embed",
          List.of(new Param("text", Prim.STRING, false), new Param("model", Prim.STRING, true)),
          "ai::complete",
          List.of(
              new Param("prompt", Prim.STRING, false),
              new Param("model", Prim.STRING, true),
              new Param("temperature", Prim.F64, true),
              new Param("max_tokens", Prim.I64, true),
              new Param("stop", Type.list(Prim.STRING), true)));

  private final BodyChecker bc;
  private final Calls calls;

  AiCalls(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
  }

  static boolean isAiCall(Name n) {
    return PARAMS.containsKey(String.join("::", n.path()));
  }

  Type call(Call c, Name n) {
    String name = String.join("::", n.path());
    List<Param> params = PARAMS.get(name);
    Type result = name.equals("ai::embed") ? VectorCalls.VECTOR : Prim.STRING;
    String signature =
        "`"
            + name
            + "` takes ("
            + String.join(", ", params.stream().map(Param::name).toList())
            + ")";
    Expr[] bound = new Expr[params.size()];
    int pos = 0;
    for (Arg a : c.args()) {
      int k = a.name() == null ? pos++ : indexOf(params, a.name());
      if (k < 0 || k >= bound.length || bound[k] != null) {
        String message =
            k < 0
                ? "`" + name + "` has no parameter named `" + a.name() + "`"
                : k >= bound.length
                    ? "`" + name + "` takes at most " + params.size() + " arguments"
                    : "argument `" + params.get(k).name() + "` of `" + name + "` is given twice";
        bc.ck.error(
            k >= bound.length ? "E0201" : "E0202",
            message,
            k >= bound.length ? n.span() : a.span(),
            "bad argument",
            signature);
        for (Arg x : c.args()) bc.check(x.value(), null);
        return result;
      }
      bound[k] = a.value();
    }
    for (int k = 0; k < bound.length; k++) {
      Param p = params.get(k);
      if (bound[k] == null) {
        if (p.optional()) continue;
        bc.ck.error(
            "E0202",
            "missing argument `" + p.name() + "` of `" + name + "`",
            n.span(),
            "missing argument",
            signature);
        for (Expr e : bound) if (e != null) bc.check(e, null);
        return result;
      }
      calls.argument(bound[k], p.type());
    }
    bc.typing.resolved.put(c, new Typing.Builtin("ai:" + name.substring("ai::".length())));
    bc.typing.argOrder.put(c, new ArrayList<>(Arrays.asList(bound)));
    return result;
  }

  private static int indexOf(List<Param> params, String name) {
    for (int k = 0; k < params.size(); k++) if (params.get(k).name().equals(name)) return k;
    return -1;
  }
}
