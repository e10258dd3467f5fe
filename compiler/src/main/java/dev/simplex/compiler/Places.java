package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;

/**
 * Assignment targets (language.md §4.2): variables, field and tuple-field paths, {@code xs[i]},
 * {@code m[k]} and {@code *r}. Mutation needs a place rooted at a {@code var} or a {@code &mut}
 * borrow; otherwise E0402 at the target.
 */
final class Places {
  private final BodyChecker bc;

  Places(BodyChecker bc) {
    this.bc = bc;
  }

  /** Checks {@code target} as a mutable place and returns its type. */
  Type assignable(Expr target, Span opSpan) {
    return switch (target) {
      case Name n when n.path().size() == 1 -> {
        BodyChecker.LocalVar v = bc.lookup(n.last());
        if (v == null) {
          Type t = bc.check(n, null);
          // §7 Closures: inside the body captured variables are read-only
          if (bc.typing.resolved.get(n) instanceof Typing.Capture)
            bc.ck.error(
                "E0402",
                "cannot assign to `" + n.last() + "`, a variable captured by a closure",
                n.span(),
                "captured variables are read-only",
                "return the new value from the closure, or use a `var` outside it");
          yield t;
        }
        Type t = bc.check(n, null);
        if (!v.mutable() && !(bc.inf.resolve(v.type()) instanceof Type.Ref r && r.mut()))
          immutable(n, v);
        yield t;
      }
      case FieldAccess f -> {
        requireMutableRoot(f.target());
        yield bc.check(f, null);
      }
      case Index ix -> {
        requireMutableRoot(ix.target());
        Type t = bc.check(ix, null);
        if (Durations.isBytes(ExprTypes.deref(bc.inf.resolve(bc.typing.types.get(ix.target())))))
          bc.ck.error(
              "E0402",
              "cannot assign into `Bytes`, which are immutable",
              ix.span(),
              "immutable bytes",
              "build a new value with `Bytes::from(list)`");
        yield t;
      }
      case Deref d -> {
        Type t = bc.inf.resolve(bc.check(d.expr(), null));
        if (t instanceof Type.Ref r && !r.mut()) {
          bc.ck.error(
              "E0402",
              "cannot assign through a shared borrow",
              d.span(),
              "behind a `&` borrow",
              "take a `&mut` borrow instead");
        }
        if (!(t instanceof Type.Ref) && !(t instanceof Type.Error)) {
          bc.ck.error(
              "E0205",
              "cannot dereference a value of type `" + t + "`",
              d.span(),
              "not a borrow",
              "only `&T` and `&mut T` can be dereferenced");
        }
        Type inner = t instanceof Type.Ref r ? r.inner() : Type.Error.INSTANCE;
        bc.typing.types.put(d, inner);
        yield inner;
      }
      default -> {
        bc.check(target, null);
        bc.ck.error(
            "E0402",
            "invalid assignment target",
            target.span(),
            "cannot assign to this expression",
            "assign to a variable, a field, an element or `*r`");
        yield Type.Error.INSTANCE;
      }
    };
  }

  /** Reports E0402 unless the place is rooted at something mutable. */
  void requireMutableRoot(Expr e) {
    switch (e) {
      case Name n when n.path().size() == 1 -> {
        BodyChecker.LocalVar v = bc.lookup(n.last());
        if (v == null) return;
        Type t = bc.inf.resolve(v.type());
        if (v.mutable() || (t instanceof Type.Ref r && r.mut())) return;
        immutable(n, v);
      }
      case FieldAccess f -> requireMutableRoot(f.target());
      case Index ix -> requireMutableRoot(ix.target());
      case Deref d -> {
        Type t = bc.inf.resolve(bc.typing.types.getOrDefault(d.expr(), Prim.UNIT));
        if (t instanceof Type.Ref r && !r.mut()) {
          bc.ck.error(
              "E0402",
              "cannot mutate through a shared borrow",
              d.span(),
              "behind a `&` borrow",
              "take a `&mut` borrow instead");
        }
      }
      default -> {}
    }
  }

  private void immutable(Name n, BodyChecker.LocalVar v) {
    String name = v.name();
    if (bc.inf.resolve(v.type()) instanceof Type.Ref) {
      bc.ck.error(
          "E0402",
          "cannot mutate through the shared borrow `" + name + "`",
          n.span(),
          "behind a `&` borrow",
          "declare it `&mut` (a `&mut T` parameter or `&mut self`) and pass a `&mut` borrow");
      return;
    }
    bc.ck.error(
        "E0402",
        "cannot assign twice to immutable variable `" + name + "`",
        n.span(),
        "cannot assign",
        "declare it with `var " + name + "` to make it mutable");
  }
}
