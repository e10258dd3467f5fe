package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.Constant;
import dev.simplex.sbc.Op;
import dev.simplex.sbc.SbcFunction;
import java.util.ArrayList;
import java.util.List;

/** Actor constructs compiled to the actor instructions, which the runtime port carries out. */
final class ActorGen {
  private final FnGen g;
  private final CodeBuilder code;

  ActorGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  /** SPAWN takes the init arguments, then a map of field overrides and a map of options. */
  void spawn(Spawn s) {
    Typing.ActorInfo actor = ((Typing.SelfRef) g.typing.resolved.get(s)).actor();
    int count = initArgs(s, actor);
    namedValues(s.overrides());
    namedValues(s.options());
    code.emit(Op.SPAWN, actor.state.typeIndex, count + 2);
  }

  /** Pushes the boxed {@code init} arguments of a spawn, in parameter order; returns how many. */
  private int initArgs(Spawn s, Typing.ActorInfo actor) {
    List<Expr> order = g.typing.argOrder.get(s);
    int count = 0;
    if (order != null) {
      for (int k = 1; k < order.size(); k++) {
        Expr a = order.get(k);
        if (a == null) a = actor.init.defaults.get(k);
        g.gen(a);
        g.coerce(g.type(a), actor.init.params.get(k));
        g.boxFrom(actor.init.params.get(k));
        count++;
      }
    }
    return count;
  }

  /** {@code sup.child<A>(key)}: CHILD takes the supervisor's ref and a boxed index or name. */
  void child(MethodCall m, Typing.ActorInfo child) {
    g.gen(m.receiver());
    g.genBoxed(m.args().getFirst().value());
    code.emit(Op.CHILD, child.state.typeIndex);
  }

  /**
   * {@code S::$supervisor}: the plan the runtime starts {@code spawn S} from (see {@code
   * Vm.supervisorPlan}): {@code [strategy, max_restarts, within, children]}, each child {@code
   * [actor, init arguments, restart, name]} (restart a policy name, or {@code f} of {@code
   * Custom(f)}); {@code ()} stands for a default.
   */
  static void supervisor(CodeGen cg, Typing.ActorInfo sup, int index) {
    FnSig holder =
        new FnSig(
            sup.name + "::$supervisor",
            List.of(),
            new ArrayList<>(),
            List.of(),
            Prim.UNIT,
            null,
            null,
            List.of());
    holder.index = index;
    FnGen g = new FnGen(cg, holder);
    ActorGen gen = new ActorGen(g);
    Ast.SupervisorDecl decl = sup.supervisor;
    g.line(decl.span());
    g.pushStr(decl.strategy() == null ? "OneForOne" : decl.strategy());
    gen.boxedOrDefault(decl.maxRestarts());
    gen.boxedOrDefault(decl.within());
    for (Ast.ChildDecl c : decl.children()) {
      Typing.ActorInfo actor = ((Typing.SelfRef) g.typing.resolved.get(c.start())).actor();
      g.pushStr(actor.name);
      int n = gen.initArgs(c.start(), actor);
      g.code.emit(Op.LIST_NEW, n);
      if (c.custom() != null) {
        g.line(c.custom().span());
        g.genBoxed(c.custom()); // Custom(f): the function value itself
      } else g.pushStr(c.restart() == null ? "Always" : c.restart());
      gen.boxedOrDefault(c.name());
      g.code.emit(Op.LIST_NEW, 4);
    }
    g.code.emit(Op.LIST_NEW, decl.children().size());
    g.code.emit(Op.LIST_NEW, 4);
    g.code.emit(Op.RETURN);
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    for (Type t : holder.localTypes)
      kinds.add(FnGen.isPrim(t) ? SbcFunction.SlotKind.PRIM : SbcFunction.SlotKind.REF);
    g.code.finish(index, kinds, true, holder.localNames);
  }

  private void boxedOrDefault(Expr e) {
    if (e == null) {
      code.emit(Op.PUSH_UNIT);
      code.emit(Op.BOX_UNIT);
    } else {
      g.line(e.span());
      g.genBoxed(e);
    }
  }

  private void namedValues(List<FieldInit> values) {
    for (FieldInit f : values) {
      g.pushStr(f.name());
      g.genBoxed(f.value());
    }
    code.emit(Op.MAP_NEW, values.size());
  }

  void call(Call c, String name) {
    List<Arg> args = c.args();
    switch (name) {
      case "send", "ask" -> {
        g.gen(args.get(0).value());
        Expr msg = args.get(1).value();
        Typing.Message m = (Typing.Message) g.typing.resolved.get(msg);
        List<Expr> order = g.typing.argOrder.get(msg);
        int n = 0;
        for (int k = 1; k < order.size(); k++) {
          Expr a = order.get(k) != null ? order.get(k) : m.handler().defaults.get(k);
          g.genBoxed(a);
          n++;
        }
        code.emit(Op.MAKE_MESSAGE, g.cg.module.constant(new Constant.Str(m.name())), n);
        Expr timeout =
            args.stream()
                .filter(a -> "timeout".equals(a.name()))
                .map(Arg::value)
                .findFirst()
                .orElse(null);
        if (name.equals("send")) {
          code.emit(Op.SEND);
          code.emit(Op.PUSH_UNIT);
        } else if (timeout != null) {
          g.genBoxed(timeout);
          code.emit(Op.ASK_WITHIN);
        } else {
          code.emit(Op.ASK);
          g.unboxTo(g.type(c));
        }
      }
      case "stop" -> {
        g.gen(args.getFirst().value());
        code.emit(Op.STOP);
        code.emit(Op.PUSH_UNIT);
      }
      case "checkpoint" -> {
        code.emit(Op.CHECKPOINT);
        code.emit(Op.PUSH_UNIT);
      }
      case "drain" -> {
        g.callNative("drain", 0);
        g.unboxTo(Prim.UNIT);
      }
      default -> {
        Typing.ActorInfo actor = ((Typing.SelfRef) g.typing.resolved.get(c.callee())).actor();
        g.gen(args.getFirst().value());
        code.emit(Op.LOOKUP, actor.state.typeIndex);
      }
    }
  }

  /** {@code A::$fields}: the state with every field initialiser applied ({@code ()} where none). */
  static void fields(CodeGen cg, Typing.ActorInfo actor, int index) {
    FnSig holder =
        new FnSig(
            actor.name + "::$fields",
            List.of(),
            new ArrayList<>(),
            List.of(),
            Prim.UNIT,
            null,
            null,
            List.of());
    holder.index = index;
    FnGen g = new FnGen(cg, holder);
    for (Expr init : actor.fieldInits) {
      if (init == null) {
        g.code.emit(Op.PUSH_UNIT);
        g.code.emit(Op.BOX_UNIT);
      } else {
        g.line(init.span());
        g.genBoxed(init);
      }
    }
    g.code.emit(Op.ALLOC, actor.state.typeIndex, actor.fieldInits.size());
    g.code.emit(Op.RETURN);
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    for (Type t : holder.localTypes)
      kinds.add(FnGen.isPrim(t) ? SbcFunction.SlotKind.PRIM : SbcFunction.SlotKind.REF);
    g.code.finish(index, kinds, true, holder.localNames);
  }
}
