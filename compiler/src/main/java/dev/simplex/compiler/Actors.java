package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.ActorInfo;
import dev.simplex.compiler.Typing.FnSig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typing of the actor constructs (language.md §8): {@code spawn}, {@code send}, {@code ask}, {@code
 * stop}, {@code checkpoint} and {@code lookup}. A message must name a handler of the target actor
 * (E0500); its arguments are checked against the handler's parameters.
 */
final class Actors {

  private final BodyChecker bc;
  private final Calls calls;
  private final Checker ck;

  Actors(BodyChecker bc, Calls calls) {
    this.bc = bc;
    this.calls = calls;
    this.ck = bc.ck;
  }

  static Type ref(ActorInfo actor) {
    return new Type.Builtin("ActorRef", List.of(new Type.Adt(actor.state, List.of())));
  }

  Type spawn(Spawn s) {
    ActorInfo actor = bc.typing.actors.get(s.actor().last());
    if (actor == null) {
      ck.error(
          "E0101",
          "cannot find actor `" + s.actor().last() + "`",
          s.actor().span(),
          "not an actor",
          "declare `actor " + s.actor().last() + " { ... }`");
      return Type.Error.INSTANCE;
    }
    bc.typing.resolved.put(s, new Typing.SelfRef(actor));
    if (actor.init != null && !s.overrides().isEmpty()) {
      invalidSpawn(
          s.span(),
          "`" + actor.name + "` has an `init`, so its fields cannot be set by `spawn`",
          "pass the values to `init` instead");
    } else if (actor.init != null) {
      Type.Fn f = new Type.Fn(actor.init.params, Prim.UNIT);
      calls.userCall(s, actor.init, f, s.actor().span(), s.args(), s.actor());
    } else if (!s.args().isEmpty()) {
      invalidSpawn(
          s.span(),
          "`" + actor.name + "` has no `init` but `spawn` passes arguments",
          "remove the arguments or add an `init`");
    }
    AdtDef.VariantDef layout = actor.state.variants.getFirst();
    for (FieldInit f : s.overrides()) {
      int k = layout.fieldNames().indexOf(f.name());
      if (k < 0) {
        invalidSpawn(
            f.span(),
            "`" + actor.name + "` has no field `" + f.name() + "`",
            "the fields are " + layout.fieldNames());
        continue;
      }
      calls.argument(f.value(), layout.fieldTypes().get(k));
    }
    if (actor.init == null) {
      for (int k = 0; k < layout.fieldNames().size(); k++) {
        String field = layout.fieldNames().get(k);
        if (actor.fieldInits.get(k) == null
            && s.overrides().stream().noneMatch(o -> o.name().equals(field))) {
          ck.error(
              "E0405",
              "actor field `" + field + "` is never initialised",
              s.span(),
              "`" + field + "` has no value",
              "give the field an initialiser, set it in `spawn`, or add an `init`");
        }
      }
    }
    for (FieldInit o : s.options()) {
      Type t =
          switch (o.name()) {
            case "name" -> Prim.STRING;
            case "replicas" -> Prim.I64;
            case "placement" -> new Type.Adt(ck.builtins().placement, List.of());
            case "resources" -> new Type.Adt(ck.builtins().resources, List.of());
            default -> null;
          };
      if (t == null) {
        invalidSpawn(
            o.span(),
            "unknown spawn option `" + o.name() + "`",
            "the options are name, placement, resources and replicas");
        continue;
      }
      calls.argument(o.value(), t);
    }
    return ref(actor);
  }

  private void invalidSpawn(Span at, String message, String help) {
    ck.error("E0503", "invalid spawn: " + message, at, "invalid spawn", help);
  }

  Type call(Call c, String name) {
    List<Arg> args = c.args();
    return switch (name) {
      case "send", "ask" -> {
        if (args.size() < 2 || args.get(0).name() != null || args.get(1).name() != null) {
          ck.error(
              "E0201",
              "`" + name + "` takes a target and a message",
              c.callee().span(),
              "wrong arguments",
              "write `" + name + "(actor, Message(args))`");
          for (Arg a : args) bc.check(a.value(), null);
          yield Type.Error.INSTANCE;
        }
        ActorInfo target = target(args.get(0).value(), name.equals("ask"));
        FnSig handler = target == null ? null : message(target, args.get(1).value());
        Expr timeout = null;
        for (Arg a : args.subList(2, args.size())) {
          if ("timeout".equals(a.name()) && name.equals("ask")) {
            timeout = a.value();
            calls.argument(a.value(), Durations.DURATION);
          } else {
            ck.error(
                "E0202",
                "unexpected argument to `" + name + "`",
                a.span(),
                "unexpected argument",
                name.equals("ask")
                    ? "`ask` accepts only `timeout: Duration`"
                    : "`send` takes a target and a message");
          }
        }
        if (name.equals("send")) yield Prim.UNIT;
        Type reply = handler == null ? Type.Error.INSTANCE : handler.ret;
        yield timeout == null
            ? reply
            : ck.builtins().result(reply, new Type.Adt(ck.builtins().askError, List.of()));
      }
      case "stop" -> {
        if (args.size() != 1) {
          ck.error(
              "E0201",
              "`stop` takes one actor",
              c.callee().span(),
              "wrong arguments",
              "write `stop(actor)`");
          yield Prim.UNIT;
        }
        target(args.getFirst().value(), false);
        yield Prim.UNIT;
      }
      case "drain" -> {
        if (bc.fn.actor == null) {
          ck.error(
              "E0501",
              "`drain()` outside an actor",
              c.callee().span(),
              "not in an actor",
              "call it inside an actor's handler or hook");
        } else if (!args.isEmpty()) {
          ck.error(
              "E0201",
              "`drain` takes no arguments",
              c.callee().span(),
              "wrong arguments",
              "write `drain()`");
          for (Arg a : args) bc.check(a.value(), null);
        }
        yield Prim.UNIT;
      }
      case "checkpoint" -> {
        if (bc.fn.actor == null) {
          ck.error(
              "E0501",
              "`checkpoint()` outside an actor",
              c.callee().span(),
              "not in an actor",
              "call it inside an actor's handler");
        }
        yield Prim.UNIT;
      }
      default -> lookup(c);
    };
  }

  private Type lookup(Call c) {
    Name callee = (Name) c.callee();
    ActorInfo actor =
        callee.typeArgs().size() == 1 && callee.typeArgs().getFirst() instanceof NamedType t
            ? bc.typing.actors.get(t.path().getLast())
            : null;
    if (actor == null || c.args().size() != 1) {
      ck.error(
          "E0201",
          "`lookup` takes an actor type and a name",
          callee.span(),
          "write `lookup<Actor>(\"name\")`",
          "name the actor type");
      for (Arg a : c.args()) bc.check(a.value(), null);
      return Type.Error.INSTANCE;
    }
    bc.typing.resolved.put(c.callee(), new Typing.SelfRef(actor));
    calls.argument(c.args().getFirst().value(), Prim.STRING);
    return ck.builtins().option(ref(actor));
  }

  /** The actor a send or ask goes to; {@code self} inside an actor is its own address. */
  private ActorInfo target(Expr e, boolean ask) {
    if (e instanceof Name n && n.path().equals(List.of("self")) && bc.fn.actor != null) {
      if (ask)
        ck.error(
            "E0505",
            "an actor cannot `ask` itself",
            n.span(),
            "`ask` to `self`",
            "call a helper function, or `send` to self");
      bc.typing.resolved.put(n, new Typing.SelfRef(bc.fn.actor));
      bc.typing.types.put(n, ref(bc.fn.actor));
      return bc.fn.actor;
    }
    Type t = bc.inf.resolve(bc.check(e, null));
    if (t instanceof Type.Builtin b
        && b.name().equals("ActorRef")
        && bc.inf.resolve(b.args().getFirst()) instanceof Type.Adt a) {
      return bc.typing.actors.get(a.def().name());
    }
    if (!(t instanceof Type.Error)) {
      ck.error(
          "E0200",
          "mismatched types: expected an `ActorRef`, found `" + t + "`",
          e.span(),
          "not an actor",
          "send messages to the result of `spawn`");
    }
    return null;
  }

  /** Resolves {@code Msg} or {@code Msg(args)} against the target's handlers (E0500). */
  private FnSig message(ActorInfo actor, Expr msg) {
    Name name;
    List<Arg> args;
    if (msg instanceof Name n && n.path().size() == 1) {
      name = n;
      args = List.of();
    } else if (msg instanceof Call c && c.callee() instanceof Name n && n.path().size() == 1) {
      name = n;
      args = c.args();
    } else {
      ck.error(
          "E0200",
          "expected a message such as `Ping` or `Add(1)`",
          msg.span(),
          "not a message",
          "write the message name and its arguments");
      return null;
    }
    FnSig handler = actor.handlers.get(name.last());
    if (handler == null) {
      List<String> known = new ArrayList<>(actor.handlers.keySet());
      ck.error(
          "E0500",
          "actor `" + actor.name + "` has no handler for message `" + name.last() + "`",
          name.span(),
          "unknown message",
          known.isEmpty()
              ? "`" + actor.name + "` handles no messages"
              : "`" + actor.name + "` handles " + String.join(", ", known));
      for (Arg a : args) bc.check(a.value(), null);
      return null;
    }
    bc.typing.resolved.put(msg, new Typing.Message(actor, name.last(), handler));
    bc.typing.types.put(msg, Prim.UNIT);
    calls.userCall(msg, handler, new Type.Fn(handler.params, handler.ret), name.span(), args, name);
    return handler;
  }

  static final Set<String> CONSTRUCTS =
      Set.of("send", "ask", "stop", "checkpoint", "drain", "lookup");
}
