package dev.simplex.compiler;

import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Type variables and their solutions by unification, local to one function body. */
final class Inference {
  private final Map<Integer, Type> solved = new HashMap<>();
  private int next;

  Type fresh() {
    return new Type.Var(next++);
  }

  /** Follows solved variables everywhere inside {@code t}. */
  Type resolve(Type t) {
    return switch (t) {
      case null -> null;
      case Type.Var v -> {
        Type s = solved.get(v.id());
        yield s == null ? v : resolve(s);
      }
      case Type.Fn f -> new Type.Fn(all(f.params()), resolve(f.ret()));
      case Type.Tuple tu -> new Type.Tuple(all(tu.parts()));
      case Type.Builtin b -> new Type.Builtin(b.name(), all(b.args()));
      case Type.Adt a -> new Type.Adt(a.def(), all(a.args()));
      case Type.Ref r -> new Type.Ref(r.mut(), resolve(r.inner()));
      default -> t;
    };
  }

  private List<Type> all(List<Type> ts) {
    List<Type> out = new ArrayList<>(ts.size());
    for (Type t : ts) out.add(resolve(t));
    return out;
  }

  boolean hasUnsolved(Type t) {
    return switch (resolve(t)) {
      case Type.Var v -> true;
      case Type.Fn f -> f.params().stream().anyMatch(this::hasUnsolved) || hasUnsolved(f.ret());
      case Type.Tuple tu -> tu.parts().stream().anyMatch(this::hasUnsolved);
      case Type.Builtin b -> b.args().stream().anyMatch(this::hasUnsolved);
      case Type.Adt a -> a.args().stream().anyMatch(this::hasUnsolved);
      case Type.Ref r -> hasUnsolved(r.inner());
      default -> false;
    };
  }

  /** Makes {@code actual} and {@code expected} equal if possible; {@code !} fits anything. */
  boolean unify(Type actual, Type expected) {
    Type a = resolve(actual);
    Type b = resolve(expected);
    if (a == null || b == null) return true;
    if (a.equals(b)) return true;
    if (a instanceof Type.Error || b instanceof Type.Error) return true;
    if (a == Prim.NEVER) return true;
    if (a instanceof Type.Var v) return bind(v, b);
    if (b instanceof Type.Var v) return bind(v, a);
    // Borrows are read through automatically where a value is expected (language.md §6, rule 7).
    if (a instanceof Type.Ref r && !(b instanceof Type.Ref)) return unify(r.inner(), b);
    return switch (a) {
      case Type.Fn f when b instanceof Type.Fn g ->
          f.params().size() == g.params().size()
              && allUnify(f.params(), g.params())
              && unify(f.ret(), g.ret());
      case Type.Tuple t when b instanceof Type.Tuple u ->
          t.parts().size() == u.parts().size() && allUnify(t.parts(), u.parts());
      case Type.Builtin x when b instanceof Type.Builtin y ->
          x.name().equals(y.name()) && allUnify(x.args(), y.args());
      case Type.Adt x when b instanceof Type.Adt y ->
          x.def() == y.def() && allUnify(x.args(), y.args());
      case Type.Ref x when b instanceof Type.Ref y ->
          (x.mut() || !y.mut()) && unify(x.inner(), y.inner());
      default -> false;
    };
  }

  private boolean allUnify(List<Type> xs, List<Type> ys) {
    boolean ok = true;
    for (int k = 0; k < xs.size(); k++) ok &= unify(xs.get(k), ys.get(k));
    return ok;
  }

  private boolean bind(Type.Var v, Type t) {
    if (t instanceof Type.Var w && w.id() == v.id()) return true;
    if (occurs(v, t)) return false;
    solved.put(v.id(), t);
    return true;
  }

  private boolean occurs(Type.Var v, Type t) {
    return switch (resolve(t)) {
      case Type.Var w -> w.id() == v.id();
      case Type.Fn f -> f.params().stream().anyMatch(p -> occurs(v, p)) || occurs(v, f.ret());
      case Type.Tuple tu -> tu.parts().stream().anyMatch(p -> occurs(v, p));
      case Type.Builtin b -> b.args().stream().anyMatch(p -> occurs(v, p));
      case Type.Adt a -> a.args().stream().anyMatch(p -> occurs(v, p));
      case Type.Ref r -> occurs(v, r.inner());
      default -> false;
    };
  }

  /** Replaces generic parameters by the given types. */
  static Type substitute(Type t, Map<String, Type> map) {
    if (map.isEmpty()) return t;
    return switch (t) {
      case Type.Param p -> map.getOrDefault(p.name(), p);
      case Type.Fn f ->
          new Type.Fn(
              f.params().stream().map(x -> substitute(x, map)).toList(), substitute(f.ret(), map));
      case Type.Tuple tu ->
          new Type.Tuple(tu.parts().stream().map(x -> substitute(x, map)).toList());
      case Type.Builtin b ->
          new Type.Builtin(b.name(), b.args().stream().map(x -> substitute(x, map)).toList());
      case Type.Adt a ->
          new Type.Adt(a.def(), a.args().stream().map(x -> substitute(x, map)).toList());
      case Type.Ref r -> new Type.Ref(r.mut(), substitute(r.inner(), map));
      default -> t;
    };
  }
}
