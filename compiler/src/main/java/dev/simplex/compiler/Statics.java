package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.List;
import java.util.Set;

/**
 * Built-in associated functions: {@code List::new()}, {@code Map::new()}, {@code T::zero()} and
 * friends.
 */
final class Statics {
  private static final Set<String> OWNERS =
      Set.of(
          "List",
          "Vec",
          "Map",
          "Set",
          "String",
          "Box",
          "Vector",
          "Duration",
          "Dynamic",
          "Instant",
          "Bytes");

  private final BodyChecker bc;

  Statics(BodyChecker bc) {
    this.bc = bc;
  }

  static boolean isStatic(Name n) {
    return OWNERS.contains(n.path().getFirst())
        || Checker.primitive(n.path().getFirst()) != null
        || (n.path().getFirst().length() == 1
            && Character.isUpperCase(n.path().getFirst().charAt(0))
            && Set.of("zero", "one").contains(n.path().get(1)));
  }

  Type call(Call c, Name n, Type expected) {
    String owner = n.path().get(0);
    String member = n.path().get(1);
    String key = (owner.equals("Vec") ? "List" : owner) + "::" + member;
    Type exp = bc.inf.resolve(expected);
    Type result;
    List<Type> params;
    switch (key) {
      case "Vector::from" -> {
        result = VectorCalls.VECTOR;
        params = List.of(Type.list(Prim.F64));
      }
      case "Vector::zeros" -> {
        result = VectorCalls.VECTOR;
        params = List.of(Prim.I64);
      }
      case "List::new" -> {
        result =
            exp instanceof Type.Builtin b && b.name().equals("List")
                ? b
                : Type.list(bc.inf.fresh());
        params = List.of();
      }
      case "Map::new" -> {
        result =
            exp instanceof Type.Builtin b && b.name().equals("Map")
                ? b
                : new Type.Builtin("Map", List.of(bc.inf.fresh(), bc.inf.fresh()));
        params = List.of();
      }
      case "Set::new" -> {
        result =
            exp instanceof Type.Builtin b && b.name().equals("Set")
                ? b
                : new Type.Builtin("Set", List.of(bc.inf.fresh()));
        params = List.of();
      }
      case "List::repeat" -> {
        Type elem = bc.inf.fresh();
        result = Type.list(elem);
        params = List.of(elem, Prim.I64);
      }
      case "Duration::seconds",
          "Duration::milliseconds",
          "Duration::minutes",
          "Duration::microseconds",
          "Duration::nanoseconds",
          "Duration::hours" -> {
        result = Durations.DURATION;
        params = List.of(Prim.I64);
      }
      case "String::new" -> {
        result = Prim.STRING;
        params = List.of();
      }
      case "String::from" -> {
        result = Prim.STRING;
        params = List.of(Prim.STRING);
      }
      case "Bytes::from" -> {
        result = Durations.BYTES;
        params = List.of(Type.list(Prim.U8));
      }
      case "Instant::now" -> {
        result = Durations.INSTANT;
        params = List.of();
        Durations.requireClock(bc, n.span());
      }
      case "Dynamic::from" -> {
        if (c.args().size() == 1 && c.args().getFirst().name() == null) {
          Expr arg = c.args().getFirst().value();
          Type t = bc.check(arg, null);
          bc.typing.resolved.put(c, new Typing.Builtin(key));
          if (!Durations.boxable(t, bc.inf) && !(bc.inf.resolve(t) instanceof Type.Error)) {
            bc.ck.error(
                "E0502",
                "`" + bc.inf.resolve(t) + "` cannot be boxed into a `Dynamic`: it is not sendable",
                arg.span(),
                "not sendable",
                "a Dynamic holds data of a known type; functions, borrows and streams cannot be boxed");
          }
          return Durations.DYNAMIC;
        }
        result = Durations.DYNAMIC;
        params = List.of(bc.inf.fresh());
      }
      case "Box::new" -> {
        result = exp != null ? exp : bc.inf.fresh();
        params = List.of(result);
      }
      default -> {
        if (member.equals("zero") || member.equals("one")) {
          Prim p = Checker.primitive(owner);
          result = p != null ? p : new Type.Param(owner, List.of("Numeric"));
          params = List.of();
        } else {
          bc.ck.error(
              "E0100",
              "cannot find function `" + key + "`",
              n.span(),
              "not found",
              "check the name");
          for (Arg a : c.args()) bc.check(a.value(), null);
          return Type.Error.INSTANCE;
        }
      }
    }
    bc.typing.resolved.put(c, new Typing.Builtin(key));
    return new Calls(bc, bc.exprs).positional(c, new Type.Fn(params, result), "`" + key + "`");
  }
}
