package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model calls of language.md §11 ({@code ai::complete}, {@code try_complete}, {@code stream},
 * {@code embed}, {@code embed_batch}, {@code extract<T>}, {@code classify<T>}). Arguments bind by
 * position or name; every parameter after the first has a default, so the bound list holds {@code
 * null} where the call leaves one out. They lower to AI_CALL / AI_EXTRACT / AI_CLASSIFY with an
 * options map of the arguments given (AI_CONTRACT.md).
 */
final class AiCalls {
  /** One parameter of a model call: its name and type, and whether a call may leave it out. */
  record Param(String name, Type type, boolean optional) {}

  private static final Param MODEL = new Param("model", Prim.STRING, true);

  private static final List<Param> COMPLETE =
      List.of(
          new Param("prompt", Prim.STRING, false),
          MODEL,
          new Param("temperature", Prim.F64, true),
          new Param("max_tokens", Prim.I64, true),
          new Param("stop", Type.list(Prim.STRING), true));

  static final Map<String, List<Param>> PARAMS =
      Map.of(
          "ai::complete", COMPLETE,
          "ai::try_complete", COMPLETE,
          "ai::stream", List.of(new Param("prompt", Prim.STRING, false), MODEL),
          "ai::embed", List.of(new Param("text", Prim.STRING, false), MODEL),
          "ai::embed_batch", List.of(new Param("texts", Type.list(Prim.STRING), false), MODEL),
          "ai::extract", List.of(new Param("input", Prim.STRING, false), MODEL),
          "ai::classify", List.of(new Param("input", Prim.STRING, false), MODEL));

  /** The AI_CALL kind of each call that AI_CALL answers (AI_CONTRACT.md). */
  static final Map<String, Integer> KINDS =
      Map.of("complete", 0, "try_complete", 1, "stream", 2, "embed", 3, "embed_batch", 4);

  private final BodyChecker bc;
  private final Calls calls;

  AiCalls(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
  }

  static boolean isAiCall(Name n) {
    return PARAMS.containsKey(String.join("::", n.path()));
  }

  Type call(Call c, Name n, Type expected) {
    String name = String.join("::", n.path());
    List<Param> params = PARAMS.get(name);
    String signature =
        "`"
            + name
            + "` takes ("
            + String.join(", ", params.stream().map(Param::name).toList())
            + ")";
    Type result = result(name, n, expected);
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

  private Type result(String name, Name n, Type expected) {
    Builtins b = bc.ck.builtins();
    return switch (name) {
      case "ai::complete" -> Prim.STRING;
      case "ai::try_complete" -> b.result(Prim.STRING, new Type.Adt(b.aiError, List.of()));
      case "ai::stream" -> new Type.Builtin("Stream", List.of(Prim.STRING));
      case "ai::embed" -> VectorCalls.VECTOR;
      case "ai::embed_batch" -> Type.list(VectorCalls.VECTOR);
      case "ai::extract" -> {
        Type want =
            expected != null
                    && bc.inf.resolve(expected) instanceof Type.Adt r
                    && r.def() == b.result
                ? r.args().getFirst()
                : null;
        Type t = typeArgument(n, want);
        if (t instanceof Type.Error) yield t;
        checkExtractable(n, t);
        yield b.result(t, new Type.Adt(b.extractionError, List.of()));
      }
      case "ai::classify" -> {
        Type t = typeArgument(n, expected);
        if (t instanceof Type.Error) yield t;
        if (!(t instanceof Type.Adt a
            && a.def().kind() == AdtDef.Kind.ENUM
            && a.def().isUnitOnlyEnum())) {
          bc.ck.error(
              "E0209",
              "the trait bound `" + t + ": Enum` is not satisfied",
              typeSpan(n),
              "not a unit-only enum",
              "`ai::classify<T>` chooses one variant of an enum whose variants carry no data");
          yield Type.Error.INSTANCE;
        }
        yield t;
      }
      default -> throw new IllegalStateException(name);
    };
  }

  /** {@code T} of {@code extract<T>} / {@code classify<T>}: written, or the expected type. */
  private Type typeArgument(Name n, Type fromExpected) {
    if (n.typeArgs().size() == 1)
      return bc.ck.resolveType(n.typeArgs().getFirst(), bc.typeParams());
    if (n.typeArgs().size() > 1) {
      bc.ck.error(
          "E0201",
          "`" + String.join("::", n.path()) + "` takes 1 type argument",
          n.span(),
          "wrong number of type arguments",
          "write `" + String.join("::", n.path()) + "<T>(...)`");
      return Type.Error.INSTANCE;
    }
    Type t = fromExpected == null ? null : bc.inf.resolve(fromExpected);
    if (t != null && !bc.inf.hasUnsolved(t)) return t;
    bc.ck.error(
        "E0204",
        "type annotation needed: `" + String.join("::", n.path()) + "` needs the type to produce",
        n.span(),
        "type unknown",
        "write `" + String.join("::", n.path()) + "<T>(...)`");
    return Type.Error.INSTANCE;
  }

  /** §11: T of {@code extract<T>} is a sendable struct or enum without an ActorRef (E0502). */
  private void checkExtractable(Name n, Type t) {
    if (!(t instanceof Type.Adt)) {
      bc.ck.error(
          "E0209",
          "`ai::extract` needs a struct or enum type, found `" + t + "`",
          typeSpan(n),
          "not a struct or enum",
          "declare a struct with the fields to extract");
      return;
    }
    String why =
        !Traits.isSendable(t)
            ? "it is not sendable"
            : holdsActorRef(t, new java.util.HashSet<>()) ? "it holds an `ActorRef`" : null;
    if (why == null) return;
    bc.ck.error(
        "E0502",
        "`" + t + "` cannot be extracted from model output: " + why,
        typeSpan(n),
        "not extractable",
        "extract plain data (numbers, strings, lists, options, maps, structs and enums of them)");
  }

  private static boolean holdsActorRef(Type t, java.util.Set<AdtDef> seen) {
    return switch (t) {
      case Type.Builtin b ->
          b.name().equals("ActorRef") || b.args().stream().anyMatch(x -> holdsActorRef(x, seen));
      case Type.Tuple tu -> tu.parts().stream().anyMatch(x -> holdsActorRef(x, seen));
      case Type.Adt a ->
          a.args().stream().anyMatch(x -> holdsActorRef(x, seen))
              || (seen.add(a.def())
                  && a.def().variants.stream()
                      .flatMap(v -> v.fieldTypes().stream())
                      .anyMatch(x -> holdsActorRef(x, seen)));
      default -> false;
    };
  }

  private static Span typeSpan(Name n) {
    if (n.typeArgs().isEmpty()) return n.span();
    return n.typeArgs().getFirst().span();
  }

  private static int indexOf(List<Param> params, String name) {
    for (int k = 0; k < params.size(); k++) if (params.get(k).name().equals(name)) return k;
    return -1;
  }
}
