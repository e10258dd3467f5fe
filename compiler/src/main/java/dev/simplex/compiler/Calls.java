package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names, calls, fields, indexing and collection literals. */
final class Calls {
  static final Set<String> GLOBALS =
      Set.of(
          "print",
          "println",
          "eprintln",
          "panic",
          "assert",
          "assert_eq",
          "exit",
          "args",
          "send",
          "ask",
          "stop",
          "checkpoint",
          "drain",
          "lookup",
          "env",
          "sleep",
          "block_on",
          "now",
          "parallel");

  private final BodyChecker bc;
  private final ExprTypes ex;
  private final Checker ck;
  private final Inference inf;

  Calls(BodyChecker bc, ExprTypes ex) {
    this.bc = bc;
    this.ex = ex;
    this.ck = bc.ck;
    this.inf = bc.inf;
  }

  // ---- names

  Type name(Name n, Type expected) {
    List<String> path = n.path();
    if (path.size() == 1) {
      String s = path.getFirst();
      // language.md §8: `self` alone is this actor's ActorRef<Name>, e.g. as a message argument.
      if (s.equals("self")
          && bc.fn.actor != null
          && expected != null
          && inf.resolve(expected) instanceof Type.Builtin b
          && b.name().equals("ActorRef")) {
        bc.typing.resolved.put(n, new Typing.SelfRef(bc.fn.actor));
        return Actors.ref(bc.fn.actor);
      }
      BodyChecker.LocalVar v = bc.lookup(s);
      if (v != null) {
        bc.typing.resolved.put(n, new Typing.Local(v.slot(), v.type()));
        return v.type();
      }
      if (bc.fn.actor != null) {
        int field = bc.fn.actor.state.variants.getFirst().fieldNames().indexOf(s);
        if (field >= 0) {
          Type t = bc.fn.actor.state.variants.getFirst().fieldTypes().get(field);
          bc.typing.resolved.put(n, new Typing.ActorField(field, t));
          return t;
        }
      }
      Lambdas.Capture cap = Lambdas.capture(bc, s);
      if (cap != null) {
        bc.typing.resolved.put(n, new Typing.Capture(cap.index(), cap.type()));
        return cap.type();
      }
      FnSig f = ck.resolveFunction(bc.fn.module, path);
      if (f != null) {
        bc.typing.resolved.put(n, new Typing.Function(f));
        Map<String, Type> inst =
            ExprTypes.bindParams(f.typeParams, bc.freshArgs(f.typeParams.size()));
        return Inference.substitute(new Type.Fn(f.params, f.ret), inst);
      }
      ConstDecl c = ck.consts.get(s);
      if (c != null) {
        Type t = ck.constType(c);
        bc.typing.resolved.put(n, new Typing.Const(c.value(), t));
        return t;
      }
      Type variant = unqualifiedVariant(n, s, expected);
      if (variant != null) return variant;
    } else if (path.size() == 2) {
      Type t = qualified(n, path.get(0), path.get(1), expected);
      if (t != null) return t;
    }
    if (path.size() >= 2) {
      FnSig f = ck.resolveFunction(bc.fn.module, path);
      if (f != null) {
        bc.typing.resolved.put(n, new Typing.Function(f));
        Map<String, Type> inst =
            ExprTypes.bindParams(f.typeParams, bc.freshArgs(f.typeParams.size()));
        return Inference.substitute(new Type.Fn(f.params, f.ret), inst);
      }
    }
    ck.error(
        "E0100",
        "cannot find value `" + String.join("::", path) + "` in this scope",
        n.span(),
        "not found in this scope",
        "check the spelling, or declare it with `let` before this use");
    return Type.Error.INSTANCE;
  }

  /** §4.7: a variant of the expected enum, a prelude variant, or a variant of exactly one enum. */
  private Type unqualifiedVariant(Name n, String s, Type expected) {
    Type exp = inf.resolve(expected);
    if (exp instanceof Type.Adt a
        && a.def().kind() == AdtDef.Kind.ENUM
        && a.def().variantIndex(s) >= 0) {
      return variantValue(n, a.def(), a.def().variantIndex(s), exp);
    }
    for (AdtDef def : List.of(ck.builtins().option, ck.builtins().result)) {
      if (def.variantIndex(s) >= 0) return variantValue(n, def, def.variantIndex(s), expected);
    }
    AdtDef found = null;
    java.util.Set<AdtDef> prelude = ck.builtins().preludeEnums;
    // a user enum's variant wins over a prelude enum's (ExitReason::Error, Placement::Any ...)
    boolean user =
        ck.adts.values().stream()
            .anyMatch(
                d ->
                    !prelude.contains(d) && d.kind() == AdtDef.Kind.ENUM && d.variantIndex(s) >= 0);
    for (AdtDef def : ck.adts.values()) {
      if (user && prelude.contains(def)) continue;
      if (def.kind() == AdtDef.Kind.ENUM && def.variantIndex(s) >= 0) {
        if (found != null) {
          ck.error(
              "E0107",
              "`"
                  + s
                  + "` is ambiguous: a variant of both `"
                  + found.name()
                  + "` and `"
                  + def.name()
                  + "`",
              n.span(),
              "ambiguous name",
              "write `" + found.name() + "::" + s + "` or `" + def.name() + "::" + s + "`");
          return Type.Error.INSTANCE;
        }
        found = def;
      }
    }
    return found == null ? null : variantValue(n, found, found.variantIndex(s), expected);
  }

  private Type qualified(Name n, String owner, String member, Type expected) {
    AdtDef def = ck.adts.get(owner);
    if (def == null && owner.equals("Option")) def = ck.builtins().option;
    if (def == null && owner.equals("Result")) def = ck.builtins().result;
    if (def != null && def.kind() == AdtDef.Kind.ENUM && def.variantIndex(member) >= 0) {
      return variantValue(n, def, def.variantIndex(member), expected);
    }
    if (def != null) {
      FnSig m = ck.methods(def.name()).get(member);
      if (m != null) {
        bc.typing.resolved.put(n, new Typing.Function(m));
        Map<String, Type> inst =
            ExprTypes.bindParams(m.typeParams, bc.freshArgs(m.typeParams.size()));
        return Inference.substitute(new Type.Fn(m.params, m.ret), inst);
      }
      if (def.kind() == AdtDef.Kind.ENUM) {
        ck.error(
            "E0108",
            "no variant `" + member + "` in enum `" + owner + "`",
            n.span(),
            "unknown variant",
            "check the variant names of `" + owner + "`");
        return Type.Error.INSTANCE;
      }
    }
    Prim p = Checker.primitive(owner);
    if (p != null && p.isInt() && (member.equals("MAX") || member.equals("MIN"))) {
      bc.typing.resolved.put(n, new Typing.Builtin(owner + "::" + member));
      return p;
    }
    return null;
  }

  /**
   * {@code Resources(cpu: i64 = 1, memory: String = "256MB", gpu: i64 = 0)} (§8): bound like a call
   * of a function with defaults; the code generator fills the defaults in.
   */
  private Type resources(Call c, Name n) {
    bc.typing.resolved.put(c, new Typing.Builtin("Resources"));
    Type ret = new Type.Adt(ck.builtins().resources, List.of());
    List<Type> params = List.of(Prim.I64, Prim.STRING, Prim.I64);
    Span at = n.span();
    List<Expr> defaults =
        List.of(
            new IntLit(java.math.BigInteger.ONE, null, at),
            new StrLit(List.of(new StrText("256MB")), at),
            new IntLit(java.math.BigInteger.ZERO, null, at));
    FnSig sig =
        new FnSig(
            "Resources",
            List.of("cpu", "memory", "gpu"),
            params,
            defaults,
            ret,
            null,
            null,
            List.of());
    return userCall(c, sig, new Type.Fn(params, ret), at, c.args(), null);
  }

  /** A variant used as a value: a unit variant, or a constructor function for a payload variant. */
  private Type variantValue(Name n, AdtDef def, int index, Type expected) {
    bc.typing.resolved.put(n, new Typing.Variant(def, index));
    Type self = adtInstance(def, expected);
    AdtDef.VariantDef v = def.variants.get(index);
    if (v.fieldTypes().isEmpty()) return self;
    Map<String, Type> inst = ExprTypes.bindParams(def.typeParams(), ((Type.Adt) self).args());
    return new Type.Fn(
        v.fieldTypes().stream().map(t -> Inference.substitute(t, inst)).toList(), self);
  }

  /** {@code def} instantiated with the expected type's arguments, or fresh variables. */
  Type adtInstance(AdtDef def, Type expected) {
    Type exp = inf.resolve(expected);
    if (exp instanceof Type.Adt a && a.def() == def) return a;
    return new Type.Adt(def, bc.freshArgs(def.typeParams().size()));
  }

  // ---- calls

  Type call(Call c, Type expected) {
    if (c.callee() instanceof Name n
        && n.path().size() == 1
        && GLOBALS.contains(n.last())
        && bc.lookup(n.last()) == null
        && ck.resolveFunction(bc.fn.module, n.path()) == null) {
      return global(c, n.last());
    }
    if (c.callee() instanceof Name n
        && VectorCalls.isVectorCall(n)
        && bc.lookup(n.path().getFirst()) == null
        && ck.resolveFunction(bc.fn.module, n.path()) == null) {
      return new VectorCalls(bc, this).call(c, n);
    }
    if (c.callee() instanceof Name n
        && AiCalls.isAiCall(n)
        && bc.lookup(n.path().getFirst()) == null
        && ck.resolveFunction(bc.fn.module, n.path()) == null) {
      return new AiCalls(bc, this).call(c, n, expected);
    }
    if (c.callee() instanceof Name n
        && n.path().size() == 2
        && n.path().get(0).equals("log")
        && Set.of("debug", "info", "warn", "error").contains(n.path().get(1))) {
      bc.typing.resolved.put(c, new Typing.Builtin("log::" + n.path().get(1)));
      if (c.args().size() != 1) {
        ck.error(
            "E0201",
            "`log::" + n.path().get(1) + "` takes 1 argument",
            n.span(),
            "wrong number of arguments",
            "pass one message");
        return checkRest(c.args());
      }
      bc.check(c.args().getFirst().value(), null);
      return Prim.UNIT;
    }
    if (c.callee() instanceof Name n
        && n.path().size() == 1
        && n.last().equals("Resources")
        && bc.lookup("Resources") == null) {
      return resources(c, n);
    }
    if (c.callee() instanceof Name n && n.path().size() == 2 && Statics.isStatic(n)) {
      return new Statics(bc).call(c, n, expected);
    }
    Type calleeType = inf.resolve(bc.check(c.callee(), expected == null ? null : null));
    Typing.Resolved r = bc.typing.resolved.get(c.callee());
    if (r instanceof Typing.Variant v && v.adt().variants.get(v.index()).fieldTypes().isEmpty()) {
      ck.error(
          "E0200",
          "`" + v.adt().variants.get(v.index()).name() + "` takes no payload",
          c.span(),
          "not a function",
          "remove the parentheses");
      return Type.Error.INSTANCE;
    }
    if (r instanceof Typing.Variant v
        && v.adt() == ck.builtins().placement
        && calleeType instanceof Type.Fn f
        && c.args().size() == 1
        && c.args().getFirst().name() == null) {
      // Locality(ref): a ref of any actor type (§8)
      if (expected != null) inf.unify(f.ret(), expected);
      Expr a = c.args().getFirst().value();
      Type t = inf.resolve(bc.check(a, null));
      if (!(t instanceof Type.Error)
          && !(t instanceof Type.Builtin b && b.name().equals("ActorRef"))) {
        ck.error(
            "E0200",
            "mismatched types: expected an `ActorRef`, found `" + t + "`",
            a.span(),
            "expected an `ActorRef`",
            "pass the ref of the actor to place the new one near");
      }
      return f.ret();
    }
    if (r instanceof Typing.Variant v && calleeType instanceof Type.Fn f) {
      // constructors take the expected type into account for their payloads
      if (expected != null) inf.unify(f.ret(), expected);
      return positional(c, f, "`" + v.adt().variants.get(v.index()).name() + "`");
    }
    if (r instanceof Typing.Function fr && calleeType instanceof Type.Fn f) {
      if (expected != null && !fr.sig().typeParams.isEmpty()) inf.unify(f.ret(), expected);
      return userCall(c, fr.sig(), f, c.callee().span());
    }
    if (calleeType instanceof Type.Fn f) return positional(c, f, "this function");
    if (!(calleeType instanceof Type.Error)) {
      ck.error(
          "E0200",
          "expected a function, found `" + calleeType + "`",
          c.callee().span(),
          "not callable",
          "only functions and closures can be called");
    }
    for (Arg a : c.args()) bc.check(a.value(), null);
    return Type.Error.INSTANCE;
  }

  /**
   * Binds arguments to a user function's parameters: positional, named, defaults (§3, Functions).
   */
  Type userCall(Object node, FnSig sig, Type.Fn f, Span calleeSpan, List<Arg> args, Expr receiver) {
    if (!sig.typeParams.isEmpty())
      bc.boundChecks.add(new BodyChecker.BoundCheck(node, sig, f, calleeSpan));
    int offset = receiver == null ? 0 : 1;
    Expr[] bound = new Expr[sig.params.size()];
    if (receiver != null) bound[0] = receiver;
    int pos = offset;
    boolean sawNamed = false;
    for (Arg a : args) {
      if (a.name() == null) {
        if (sawNamed) {
          ck.error(
              "E0202",
              "positional argument after a named one",
              a.span(),
              "positional after named",
              "put positional arguments first");
          return checkRest(args);
        }
        if (pos >= sig.params.size()) {
          ck.error(
              "E0201",
              "`"
                  + sig.name
                  + "` takes "
                  + (sig.params.size() - offset)
                  + " argument"
                  + (sig.params.size() - offset == 1 ? "" : "s")
                  + " but "
                  + (args.size())
                  + " were given",
              calleeSpan,
              "too many arguments",
              "remove the extra arguments");
          return checkRest(args);
        }
        bound[pos++] = a.value();
      } else {
        sawNamed = true;
        int k = sig.paramNames.indexOf(a.name());
        if (k < offset) {
          ck.error(
              "E0202",
              "`" + sig.name + "` has no parameter named `" + a.name() + "`",
              a.span(),
              "unknown parameter",
              "check the parameter names");
          return checkRest(args);
        }
        if (bound[k] != null) {
          ck.error(
              "E0202",
              "parameter `" + a.name() + "` is given twice",
              a.span(),
              "duplicate argument",
              "give each argument once");
          return checkRest(args);
        }
        bound[k] = a.value();
      }
    }
    for (int k = 0; k < bound.length; k++) {
      if (bound[k] == null && sig.defaults.get(k) == null) {
        ck.error(
            "E0202",
            "missing argument for parameter `" + sig.paramNames.get(k) + "` of `" + sig.name + "`",
            calleeSpan,
            "missing `" + sig.paramNames.get(k) + "`",
            "pass a value for `" + sig.paramNames.get(k) + "`");
        return checkRest(args);
      }
    }
    List<Expr> order = Arrays.asList(bound);
    bc.typing.argOrder.put(node, order);
    List<Lambda> deferred = new ArrayList<>();
    for (int k = offset; k < bound.length; k++) {
      if (bound[k] instanceof Lambda) {
        deferred.add((Lambda) bound[k]);
        continue;
      }
      if (bound[k] != null) argument(bound[k], f.params().get(k));
    }
    for (int k = offset; k < bound.length; k++) {
      if (bound[k] instanceof Lambda) argument(bound[k], f.params().get(k));
    }
    return f.ret();
  }

  private Type userCall(Call c, FnSig sig, Type.Fn f, Span calleeSpan) {
    return userCall(c, sig, f, calleeSpan, c.args(), null);
  }

  /** Checks an argument against its parameter type; a borrow parameter needs an explicit `&`. */
  void argument(Expr arg, Type param) {
    Type p = inf.resolve(param);
    Type t = bc.check(arg, p);
    Type at = inf.resolve(t);
    if (p instanceof Type.Ref pr
        && !(at instanceof Type.Ref)
        && !(at instanceof Type.Error)
        && at != Prim.NEVER) {
      bc.mismatch(arg.span(), p, at);
      return;
    }
    if (!(p instanceof Type.Ref) && at instanceof Type.Ref r) {
      bc.mismatch(arg.span(), p, at);
      return;
    }
    bc.expectType(arg, t, p);
  }

  private Type checkRest(List<Arg> args) {
    for (Arg a : args) bc.check(a.value(), null);
    return Type.Error.INSTANCE;
  }

  /** Calls of closures and constructors: positional arguments only. */
  Type positional(Call c, Type.Fn f, String what) {
    for (Arg a : c.args()) {
      if (a.name() != null) {
        ck.error(
            "E0202",
            "named arguments are not allowed here",
            a.span(),
            "named argument",
            "pass the arguments by position");
        return checkRest(c.args());
      }
    }
    if (c.args().size() != f.params().size()) {
      ck.error(
          "E0201",
          what
              + " takes "
              + f.params().size()
              + " argument"
              + (f.params().size() == 1 ? "" : "s")
              + " but "
              + c.args().size()
              + (c.args().size() == 1 ? " was" : " were")
              + " given",
          c.callee().span(),
          "wrong number of arguments",
          "pass exactly " + f.params().size());
      return checkRest(c.args());
    }
    for (int k = 0; k < f.params().size(); k++)
      argument(c.args().get(k).value(), f.params().get(k));
    return f.ret();
  }

  private Type global(Call c, String name) {
    bc.typing.resolved.put(c, new Typing.Builtin(name));
    List<Arg> args = c.args();
    int min, max;
    Type result;
    switch (name) {
      case "block_on" -> {
        // §10: there is no Future type; block_on(e), like await e, simply evaluates e
        if (args.size() != 1 || args.getFirst().name() != null) {
          ck.error(
              "E0201",
              "`block_on` takes one expression",
              c.callee().span(),
              "wrong arguments",
              "write `block_on(e)`");
          return checkRest(args);
        }
        return bc.check(args.getFirst().value(), null);
      }
      case "print", "println", "eprintln" -> {
        min = name.equals("println") ? 0 : 1;
        max = 1;
        result = Prim.UNIT;
      }
      case "panic" -> {
        min = max = 1;
        result = Prim.NEVER;
      }
      case "exit" -> {
        min = max = 1;
        result = Prim.NEVER;
      }
      case "assert" -> {
        min = 1;
        max = 2;
        result = Prim.UNIT;
      }
      case "assert_eq" -> {
        min = max = 2;
        result = Prim.UNIT;
      }
      case "args" -> {
        min = max = 0;
        result = Type.list(Prim.STRING);
      }
      case "now" -> {
        min = max = 0;
        result = Durations.INSTANT;
        Durations.requireClock(bc, c.callee().span());
      }
      case "env" -> {
        min = max = 1;
        result = ck.builtins().option(Prim.STRING);
      }
      case "sleep" -> {
        min = max = 1;
        result = Prim.UNIT;
      }
      case "parallel" -> {
        return parallel(c);
      }
      case "send", "ask", "stop", "checkpoint", "drain", "lookup" -> {
        return new Actors(bc, this).call(c, name);
      }
      default -> throw new IllegalStateException(name);
    }
    if (args.size() < min || args.size() > max) {
      ck.error(
          "E0201",
          "`"
              + name
              + "` takes "
              + (min == max ? "" + min : min + " or " + max)
              + " argument"
              + (max == 1 ? "" : "s")
              + " but "
              + args.size()
              + " were given",
          c.callee().span(),
          "wrong number of arguments",
          "see language.md §12.2");
      checkRest(args);
      return result;
    }
    switch (name) {
      case "panic", "env" -> argument(args.getFirst().value(), Prim.STRING);
      case "exit" -> argument(args.getFirst().value(), Prim.I64);
      case "sleep" -> argument(args.getFirst().value(), Durations.DURATION);
      case "assert" -> {
        argument(args.getFirst().value(), Prim.BOOL);
        if (args.size() == 2) argument(args.get(1).value(), Prim.STRING);
      }
      case "assert_eq" -> {
        Type a = bc.check(args.get(0).value(), null);
        Type b = bc.check(args.get(1).value(), a);
        bc.expectType(args.get(1).value(), b, a);
      }
      default -> {
        for (Arg a : args) bc.check(a.value(), null);
      }
    }
    return result;
  }

  /**
   * {@code parallel(a, b, …)} gives the tuple of its arguments' results; {@code parallel(jobs)}
   * with a list of functions gives the list of their results (language.md §10). Async calls run to
   * completion where they are made in this executor, so the results are those values.
   */
  private Type parallel(Call c) {
    List<Arg> args = c.args();
    if (args.size() == 1) {
      Type t = inf.resolve(bc.check(args.getFirst().value(), null));
      if (t instanceof Type.Builtin b
          && b.name().equals("List")
          && inf.resolve(b.args().getFirst()) instanceof Type.Fn f
          && f.params().isEmpty()) {
        return Type.list(f.ret());
      }
      return new Type.Tuple(List.of(t));
    }
    List<Type> parts = new java.util.ArrayList<>();
    for (Arg a : args) parts.add(bc.check(a.value(), null));
    return new Type.Tuple(parts);
  }

  // ---- methods, fields, indexing

  Type method(MethodCall m, Type expected) {
    return new Methods(bc, this).check(m, expected);
  }

  Type field(FieldAccess f) {
    Type t = ExprTypes.deref(inf.resolve(bc.check(f.target(), null)));
    if (t instanceof Type.Error) return t;
    if (t instanceof Type.Tuple tu && Character.isDigit(f.field().charAt(0))) {
      int k = Integer.parseInt(f.field());
      if (k < tu.parts().size()) return tu.parts().get(k);
    }
    if (t instanceof Type.Adt a && a.def().kind() == AdtDef.Kind.STRUCT) {
      AdtDef.VariantDef v = a.def().variants.getFirst();
      int k = v.fieldNames().indexOf(f.field());
      if (k >= 0)
        return Inference.substitute(
            v.fieldTypes().get(k), ExprTypes.bindParams(a.def().typeParams(), a.args()));
    }
    ck.error(
        "E0102",
        "no field `" + f.field() + "` on type `" + t + "`",
        f.fieldSpan(),
        "unknown field",
        "check the field names of `" + t + "`");
    return Type.Error.INSTANCE;
  }

  Type index(Index ix) {
    Type t = ExprTypes.deref(inf.resolve(bc.check(ix.target(), null)));
    if (t instanceof Type.Builtin b && b.name().equals("List")) {
      argument(ix.index(), Prim.I64);
      return b.args().getFirst();
    }
    if (t instanceof Type.Builtin b && b.name().equals("Map")) {
      argument(ix.index(), b.args().get(0));
      return b.args().get(1);
    }
    if (t instanceof Type.Builtin b && b.name().equals("Vector")) {
      argument(ix.index(), Prim.I64);
      return Prim.F64;
    }
    if (Durations.isBytes(t)) {
      argument(ix.index(), Prim.I64);
      return Prim.U8;
    }
    bc.check(ix.index(), null);
    if (!(t instanceof Type.Error)) {
      ck.error(
          "E0205",
          "cannot index a value of type `" + t + "`",
          ix.span(),
          "not indexable",
          "only lists and maps can be indexed");
    }
    return Type.Error.INSTANCE;
  }

  Type slice(Slice s) {
    Type t = ExprTypes.deref(inf.resolve(bc.check(s.target(), null)));
    if (s.from() != null) argument(s.from(), Prim.I64);
    if (s.to() != null) argument(s.to(), Prim.I64);
    if (t instanceof Type.Builtin b && b.name().equals("List")) return b;
    if (!(t instanceof Type.Error)) {
      ck.error(
          "E0205",
          "cannot slice a value of type `" + t + "`",
          s.span(),
          "not sliceable",
          "only lists can be sliced");
    }
    return Type.Error.INSTANCE;
  }

  Type tryOp(Try t) {
    Type inner = inf.resolve(bc.check(((Try) t).expr(), null));
    Type ret = inf.resolve(bc.fn.ret);
    if (inner instanceof Type.Adt a
        && a.def() == ck.builtins().option
        && ret instanceof Type.Adt r
        && r.def() == ck.builtins().option) {
      return a.args().getFirst();
    }
    if (inner instanceof Type.Adt a
        && a.def() == ck.builtins().result
        && ret instanceof Type.Adt r
        && r.def() == ck.builtins().result) {
      if (inf.unify(a.args().get(1), r.args().get(1))) return a.args().getFirst();
    }
    if (inner instanceof Type.Error) return inner;
    ck.error(
        "E0207",
        "the `?` operator cannot be applied here",
        t.span(),
        "invalid `?`",
        "`?` needs an Option or Result in a function returning the same kind (with the same error type)");
    return Type.Error.INSTANCE;
  }
}
