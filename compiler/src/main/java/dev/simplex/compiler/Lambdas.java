package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.util.ArrayList;
import java.util.List;

/**
 * Closures (language.md §4.4): parameter types from annotations or the expected function type, the
 * body checked in a nested {@link BodyChecker}, outer variables captured by value when mentioned.
 */
final class Lambdas {
  private final BodyChecker bc;

  Lambdas(BodyChecker bc) {
    this.bc = bc;
  }

  record Capture(int index, Type type) {}

  /** Resolves {@code name} in the bodies enclosing a lambda, capturing it; null if not found. */
  static Capture capture(BodyChecker bc, String name) {
    if (bc.parent == null) return null;
    int existing = bc.fn.captureNames.indexOf(name);
    if (existing >= 0) return new Capture(existing, captureType(bc.fn.captures.get(existing)));
    Typing.Resolved source;
    BodyChecker.LocalVar v = bc.parent.lookup(name);
    if (v != null) {
      source = new Typing.Local(v.slot(), v.type());
    } else {
      Capture outer = capture(bc.parent, name);
      if (outer == null) return null;
      source = new Typing.Capture(outer.index(), outer.type());
    }
    bc.fn.captures.add(source);
    bc.fn.captureNames.add(name);
    return new Capture(bc.fn.captures.size() - 1, captureType(source));
  }

  private static Type captureType(Typing.Resolved r) {
    return switch (r) {
      case Typing.Local l -> l.type();
      case Typing.Capture c -> c.type();
      default -> Type.Error.INSTANCE;
    };
  }

  Type lambda(Lambda l, Type expected) {
    Type exp = bc.inf.resolve(expected);
    Type.Fn expFn = exp instanceof Type.Fn f ? f : null;
    boolean destructure =
        expFn != null
            && l.params().size() >= 2
            && expFn.params().size() == 1
            && bc.inf.resolve(expFn.params().getFirst()) instanceof Type.Tuple tu
            && tu.parts().size() == l.params().size();
    List<Type> paramTypes = new ArrayList<>();
    if (expFn != null && !destructure && expFn.params().size() != l.params().size()) {
      bc.ck.error(
          "E0201",
          "this closure takes "
              + l.params().size()
              + " parameter"
              + (l.params().size() == 1 ? "" : "s")
              + " but "
              + expFn.params().size()
              + (expFn.params().size() == 1 ? " is" : " are")
              + " expected",
          l.span(),
          "wrong number of parameters",
          "write a closure with "
              + expFn.params().size()
              + " parameter"
              + (expFn.params().size() == 1 ? "" : "s"));
      return Type.Error.INSTANCE;
    }
    List<Type> tupleParts =
        destructure ? ((Type.Tuple) bc.inf.resolve(expFn.params().getFirst())).parts() : null;
    for (int k = 0; k < l.params().size(); k++) {
      Param p = l.params().get(k);
      Type t =
          p.type() != null
              ? bc.ck.resolveType(p.type(), bc.typeParams())
              : destructure ? tupleParts.get(k) : expFn != null ? expFn.params().get(k) : null;
      if (t == null) {
        bc.ck.error(
            "E0204",
            "type annotation needed for closure parameter `" + p.name() + "`",
            p.span(),
            "type unknown",
            "annotate it, e.g. `("
                + p.name()
                + ": i64) => ...`, or pass the closure where a function type is expected");
        t = Type.Error.INSTANCE;
      }
      if (p.type() != null && expFn != null && !destructure) bc.inf.unify(expFn.params().get(k), t);
      paramTypes.add(t);
    }
    Type ret =
        l.ret() != null
            ? bc.ck.resolveType(l.ret(), bc.typeParams())
            : expFn != null ? expFn.ret() : bc.inf.fresh();
    List<Type> sigParams = new ArrayList<>();
    sigParams.add(Prim.UNIT); // the closure itself, parameter 0
    if (destructure) sigParams.add(bc.inf.resolve(expFn.params().getFirst()));
    else sigParams.addAll(paramTypes);
    List<String> names = new ArrayList<>(List.of("$closure"));
    if (destructure) names.add("$tuple");
    else l.params().forEach(p -> names.add(p.name()));
    String name = bc.fn.name + "$lambda" + (bc.fn.children.size() + 1);
    FnSig sig =
        new FnSig(
            name,
            names,
            sigParams,
            new ArrayList<>(java.util.Collections.nCopies(sigParams.size(), null)),
            ret,
            null,
            l,
            bc.fn.typeParams);
    sig.module = bc.fn.module;
    bc.typing.functions.add(sig);
    bc.fn.children.add(sig);
    bc.typing.resolved.put(l, new Typing.Function(sig));
    BodyChecker child = new BodyChecker(bc.ck, sig, bc);
    child.pushScope();
    for (int k = 0; k < sigParams.size(); k++) sig.addLocal(names.get(k), sigParams.get(k));
    for (int k = 0; k < l.params().size(); k++) {
      Param p = l.params().get(k);
      if (destructure) {
        int slot = child.declare(p.name(), paramTypes.get(k), false);
        bc.typing.slots.put(p, slot);
      } else if (!p.name().equals("_")) {
        // the parameter arrives boxed in slot k + 1 (the closure convention); the body uses its
        // own slot of the parameter's type, so a slot never holds two kinds
        int slot = child.declare(p.name(), paramTypes.get(k), false);
        bc.typing.slots.put(p, slot);
      }
    }
    Type body = child.check(l.body(), ret);
    if (body != Prim.NEVER) child.expectType(l.body(), body, ret);
    child.popScope();
    Type.Fn type = new Type.Fn(paramTypes, ret);
    if (destructure) return new Type.Fn(List.of(bc.inf.resolve(expFn.params().getFirst())), ret);
    return type;
  }
}
