package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Typing.FnSig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method calls: inherent and trait methods first, then the built-in methods of language.md §12.3,
 * then uniform call syntax (a free function whose first parameter accepts the receiver).
 */
final class Methods {
  /** Built-in methods that mutate their receiver (rule 4 of §6). */
  static final Set<String> MUTATING =
      Set.of(
          "push",
          "insert",
          "extend",
          "pop",
          "remove",
          "clear",
          "reverse",
          "sort",
          "sort_by",
          "push_mut",
          "pop_mut");

  private final BodyChecker bc;
  private final Calls calls;
  private final Checker ck;
  private final Inference inf;

  Methods(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
    this.ck = bc.ck;
    this.inf = bc.inf;
  }

  Type check(MethodCall m, Type expected) {
    Type rt = ExprTypes.deref(inf.resolve(bc.check(m.receiver(), null)));
    if (rt instanceof Type.Error) {
      for (Arg a : m.args()) bc.check(a.value(), null);
      return rt;
    }
    if (m.method().equals("child") && supervisorOf(rt) != null) return child(m);
    FnSig user = ck.methodFor(rt, m.method());
    if (user != null) return userMethod(m, user, rt, expected);
    if (rt instanceof Type.Param p) {
      List<String> bounds = new java.util.ArrayList<>(p.bounds());
      if (bc.fn.decl != null) {
        bc.fn.decl.typeParams().stream()
            .filter(tp -> tp.name().equals(p.name()))
            .flatMap(tp -> tp.bounds().stream())
            .forEach(
                b -> {
                  if (b instanceof Ast.NamedType n) bounds.add(n.path().getLast());
                });
      }
      List<String> candidates =
          ck.traitsWithMethod(bounds.stream().distinct().toList(), m.method());
      if (candidates.size() > 1) {
        ck.error(
            "E0107",
            "method `"
                + m.method()
                + "` is ambiguous: it is in traits "
                + String.join(" and ", candidates),
            m.methodSpan(),
            "ambiguous method",
            "call it as `" + candidates.getFirst() + "::" + m.method() + "(x)`");
        return Type.Error.INSTANCE;
      }
      if (candidates.size() == 1) {
        FnSig traitSig = ck.traitMethod(candidates.getFirst(), m.method());
        bc.typing.resolved.put(
            m, new Typing.TraitCall(candidates.getFirst(), m.method(), traitSig));
        Map<String, Type> self = Map.of("Self", rt);
        Type.Fn f =
            (Type.Fn) Inference.substitute(new Type.Fn(traitSig.params, traitSig.ret), self);
        return calls.userCall(m, traitSig, f, m.methodSpan(), m.args(), m.receiver());
      }
    }
    String key = BuiltinMethods.key(rt, m.method());
    if (key != null) {
      if (MUTATING.contains(m.method())
          || (rt instanceof Type.Builtin b
              && !b.name().equals("Range")
              && Set.of("insert", "remove").contains(m.method()))) {
        new Places(bc).requireMutableRoot(m.receiver());
      }
      bc.typing.resolved.put(m, new Typing.Builtin(key));
      return new BuiltinMethods(bc, calls).check(key, m, rt, expected);
    }
    FnSig free = ck.resolveFunction(bc.fn.module, List.of(m.method()));
    if (free != null && !free.params.isEmpty()) {
      Type.Fn f = instantiate(free);
      if (inf.unify(rt, ExprTypes.deref(f.params().getFirst()))
          || f.params().getFirst() instanceof Type.Param) {
        bc.typing.resolved.put(m, new Typing.Function(free));
        return calls.userCall(m, free, f, m.methodSpan(), m.args(), m.receiver());
      }
    }
    ck.error(
        "E0103",
        "no method `" + m.method() + "` on type `" + rt + "`",
        m.methodSpan(),
        "method not found",
        "check the method name; see language.md §12.3 for built-in methods");
    for (Arg a : m.args()) bc.check(a.value(), null);
    return Type.Error.INSTANCE;
  }

  /** The supervisor behind an {@code ActorRef<S>}, or null for other types. */
  private Typing.ActorInfo supervisorOf(Type t) {
    if (t instanceof Type.Builtin b
        && b.name().equals("ActorRef")
        && b.args().size() == 1
        && b.args().getFirst() instanceof Type.Adt a) {
      Typing.ActorInfo info = bc.typing.actors.get(a.def().name());
      return info != null && info.supervisor != null ? info : null;
    }
    return null;
  }

  /** {@code sup.child<A>(i: i64)} or {@code sup.child<A>(name: String)}: an {@code ActorRef<A>}. */
  private Type child(MethodCall m) {
    Typing.ActorInfo child = null;
    if (m.typeArgs().size() == 1 && m.typeArgs().getFirst() instanceof Ast.NamedType n)
      child = bc.typing.actors.get(n.path().getLast());
    if (child == null) {
      ck.error(
          "E0201",
          "`child` needs the child's actor type",
          m.methodSpan(),
          "which actor?",
          "write `sup.child<Worker>(0)` or `sup.child<Worker>(\"name\")`");
      for (Arg a : m.args()) bc.check(a.value(), null);
      return Type.Error.INSTANCE;
    }
    if (m.args().size() != 1 || m.args().getFirst().name() != null) {
      ck.error(
          "E0201",
          "`child` takes one argument, an index or a name",
          m.methodSpan(),
          "wrong arguments",
          "write `sup.child<" + child.name + ">(0)` or `sup.child<" + child.name + ">(\"name\")`");
      for (Arg a : m.args()) bc.check(a.value(), null);
      return Type.Error.INSTANCE;
    }
    Expr key = m.args().getFirst().value();
    Type kt = ExprTypes.deref(inf.resolve(bc.check(key, null)));
    // a name is a String; anything else must be an index
    if (kt != Type.Prim.STRING) bc.expectType(key, kt, Type.Prim.I64);
    bc.typing.resolved.put(m, new Typing.SupervisorChild(child));
    return Actors.ref(child);
  }

  private Type.Fn instantiate(FnSig sig) {
    Map<String, Type> inst =
        ExprTypes.bindParams(sig.typeParams, bc.freshArgs(sig.typeParams.size()));
    return (Type.Fn) Inference.substitute(new Type.Fn(sig.params, sig.ret), inst);
  }

  private Type userMethod(MethodCall m, FnSig sig, Type rt, Type expected) {
    bc.typing.resolved.put(m, new Typing.Function(sig));
    Type.Fn f = instantiate(sig);
    Type self = ExprTypes.deref(f.params().getFirst());
    inf.unify(rt, self);
    if (sig.decl != null && sig.decl.receiver() != null && sig.decl.receiver().mut())
      new Places(bc).requireMutableRoot(m.receiver());
    return calls.userCall(m, sig, f, m.methodSpan(), m.args(), m.receiver());
  }
}
