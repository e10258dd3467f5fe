package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.Op;
import java.util.ArrayList;
import java.util.List;

/** Calls of user functions, closures, constructors and the global built-ins. */
final class CallGen {
  private final FnGen g;
  private final CodeBuilder code;

  CallGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  void call(Call c) {
    Typing.Resolved r = g.typing.resolved.get(c);
    if (r instanceof Typing.Builtin b) {
      if (b.name().startsWith("vector:")) {
        for (Expr a : g.typing.argOrder.get(c)) g.genBoxed(a);
        g.callNative(
            b.name().replace("vector:", "vector_").replace("ai::", ""),
            g.typing.argOrder.get(c).size());
        g.unboxTo(g.type(c));
        return;
      }
      if (b.name().startsWith("ai:") && !b.name().startsWith("ai::")) {
        ai(c, b.name().substring("ai:".length()));
        return;
      }
      if (b.name().equals("Resources")) {
        resources(c);
        return;
      }
      if (b.name().startsWith("log::")) log(c, b.name().substring(5));
      else if (b.name().contains("::")) statics(c, b.name());
      else global(c, b.name());
      return;
    }
    Typing.Resolved callee = g.typing.resolved.get(c.callee());
    switch (callee) {
      case Typing.Function f when f.sig().lambda == null -> userCall(c, f.sig(), null);
      case Typing.Variant v -> {
        for (Arg a : c.args()) g.genBoxed(a.value());
        code.emit(Op.MAKE_VARIANT, v.adt().typeIndex, v.index(), c.args().size());
      }
      case null, default -> {
        g.gen(c.callee());
        for (Arg a : c.args()) g.genBoxed(a.value());
        code.emit(Op.CALL_LOCAL, c.args().size());
        g.unboxTo(g.type(c));
      }
    }
  }

  /** {@code Resources(..)}: the three fields boxed in order, defaults where not given. */
  private void resources(Call c) {
    List<Expr> args = g.typing.argOrder.get(c);
    for (int k = 0; k < args.size(); k++) {
      Expr a = args.get(k);
      if (a != null) {
        g.genBoxed(a);
      } else if (Builtins.RESOURCES_DEFAULTS.get(k) instanceof String text) {
        g.pushStr(text);
      } else {
        g.pushI64((Long) Builtins.RESOURCES_DEFAULTS.get(k));
        code.emit(Op.BOX_I64);
      }
    }
    AdtDef def = ((Type.Adt) g.type(c)).def();
    code.emit(Op.ALLOC, def.typeIndex, args.size());
  }

  /** A call of a user function; {@code node} is the Call or MethodCall the checker bound. */
  void userCall(Object node, FnSig sig, Expr receiver) {
    userCallTo(node, sig, sig.index);
  }

  private void userCallTo(Object node, FnSig sig, int function) {
    if (g.cg.optimize && node instanceof Call c && function == sig.index && inline(c, sig)) return;
    Expr receiver = node instanceof MethodCall m ? m.receiver() : null;
    List<Expr> args = g.typing.argOrder.get(node);
    List<int[]> writeBacks = new ArrayList<>(); // {cell temp, variable slot}
    List<Type> writeTypes = new ArrayList<>();
    for (int k = 0; k < sig.params.size(); k++) {
      Expr a = args.get(k);
      Type declared = sig.params.get(k);
      if (a == null) {
        Expr def = sig.defaults.get(k);
        g.gen(def);
        g.coerce(g.type(def), declared);
        continue;
      }
      if (a instanceof Borrow b
          && b.mut()
          && FnGen.isPrim(g.type(b.expr()))
          && b.expr() instanceof Name n
          && g.typing.resolved.get(n) instanceof Typing.Local loc
          && !FnGen.isCell(loc.type())) {
        g.gen(a);
        int cell = g.temp(g.type(a));
        code.emit(Op.STORE_LOCAL, cell);
        code.emit(Op.LOAD_LOCAL, cell);
        writeBacks.add(new int[] {cell, loc.slot()});
        writeTypes.add(loc.type());
        continue;
      }
      g.gen(a);
      Type actual = g.type(a);
      if (k == 0 && receiver != null && FnGen.isCell(actual) && !FnGen.isCell(declared)) {
        g.callNative("cell_get", 1);
        g.unboxTo(ExprTypes.deref(actual));
        actual = ExprTypes.deref(actual);
      }
      g.coerce(actual, declared);
    }
    code.emit(Op.CALL, function);
    for (int k = 0; k < writeBacks.size(); k++) {
      code.emit(Op.LOAD_LOCAL, writeBacks.get(k)[0]);
      g.callNative("cell_get", 1);
      g.unboxTo(writeTypes.get(k));
      code.emit(Op.STORE_LOCAL, writeBacks.get(k)[1]);
    }
    if (sig.actor != null) g.unboxTo(g.type((Expr) node)); // actor members return boxed results
    else g.coerce(sig.ret, g.type((Expr) node));
  }

  /**
   * Inlining: binds the arguments to fresh locals and emits the callee's body in place of the call;
   * refused (false) for a callee the {@link Inliner} rejects or one already being inlined.
   */
  private boolean inline(Call c, FnSig sig) {
    Expr body = g.cg.inliner.inlinableBody(sig);
    if (body == null) return false;
    for (FnGen.InlineFrame f : g.inlined) if (f.callee() == sig) return false;
    List<Expr> args = g.typing.argOrder.get(c);
    int[] slots = new int[sig.params.size()];
    for (int k = 0; k < slots.length; k++) {
      Type declared = sig.params.get(k);
      Expr a = args.get(k) == null ? sig.defaults.get(k) : args.get(k);
      g.gen(a);
      g.coerce(g.type(a), declared);
      slots[k] = g.temp(declared);
      code.emit(Op.STORE_LOCAL, slots[k]);
    }
    g.inlined.push(new FnGen.InlineFrame(sig, slots));
    g.gen(body);
    g.coerce(g.type(body), sig.ret);
    g.inlined.pop();
    g.coerce(sig.ret, g.type(c));
    g.line(c.span());
    return true;
  }

  void method(MethodCall m) {
    Typing.Resolved r = g.typing.resolved.get(m);
    switch (r) {
      case Typing.Function f -> userCall(m, f.sig(), m.receiver());
      case Typing.TraitCall t -> userCallTo(m, t.traitSig(), g.cg.dispatcherFor(t));
      case Typing.Builtin b -> new MethodGen(g).method(m, b.name());
      case Typing.SupervisorChild sc -> new ActorGen(g).child(m, sc.child());
      default -> throw new IllegalStateException("unresolved method " + m.method());
    }
  }

  private void global(Call c, String name) {
    List<Arg> args = c.args();
    switch (name) {
      case "print", "println", "eprintln" -> {
        if (args.isEmpty()) {
          g.pushStr("");
        } else {
          g.gen(args.getFirst().value());
          g.toDisplay(g.type(args.getFirst().value()));
        }
        code.emit(name.equals("eprintln") ? Op.EPRINT : Op.PRINT);
        code.emit(Op.PUSH_UNIT);
      }
      case "panic" -> {
        g.gen(args.getFirst().value());
        int depth = code.depth();
        code.emit(Op.PANIC);
        code.setDepth(depth);
      }
      case "exit" -> {
        g.genBoxed(args.getFirst().value());
        g.callNative("exit", 1);
        // exit never returns: end the path here, as for panic, so that no value of type `!`
        // reaches a join with the other branch (the verifier checks slot kinds there)
        int depth = code.depth();
        code.emit(Op.PANIC);
        code.setDepth(depth);
      }
      case "assert" -> {
        Label ok = code.newLabel();
        g.gen(args.getFirst().value());
        code.jump(Op.JUMP_IF_TRUE, ok);
        if (args.size() == 2) {
          g.pushStr("assertion failed: ");
          g.gen(args.get(1).value());
          code.emit(Op.CONCAT);
        } else {
          g.pushStr("assertion failed");
        }
        code.emit(Op.PANIC);
        code.place(ok);
        code.emit(Op.PUSH_UNIT);
      }
      case "assert_eq" -> {
        g.genBoxed(args.get(0).value());
        g.genBoxed(args.get(1).value());
        g.callNative("assert_eq", 2);
        g.unboxTo(Prim.UNIT);
      }
      case "args" -> g.callNative("args", 0);
      case "now" -> g.callNative(Durations.NOW_NATIVE, 0);
      case "env" -> {
        g.genBoxed(args.getFirst().value());
        g.callNative("env", 1);
      }
      case "send", "ask", "stop", "checkpoint", "drain", "lookup" -> new ActorGen(g).call(c, name);
      case "block_on" -> g.gen(args.getFirst().value());
      case "sleep" -> {
        g.genBoxed(args.getFirst().value());
        g.callNative("sleep", 1);
        g.unboxTo(Prim.UNIT);
      }
      case "parallel" -> {
        Type t = g.type(c);
        if (args.size() == 1 && t instanceof Type.Builtin) {
          new HigherOrderGen(g).callEach(args.getFirst().value());
        } else {
          for (Arg a : args) g.genBoxed(a.value());
          code.emit(Op.MAKE_TUPLE, args.size());
        }
      }
      default -> throw new IllegalStateException("global " + name);
    }
  }

  /** {@code log::info(msg)}: a stderr line {@code [INFO] msg} when the level is enabled. */
  /**
   * A model call (AI_CONTRACT.md): the arguments are evaluated left to right as written, then the
   * input and a map of the optional arguments given (keys are the parameter names) are pushed for
   * AI_CALL kind, AI_EXTRACT T or AI_CLASSIFY T.
   */
  private void ai(Call c, String fn) {
    List<Expr> bound = g.typing.argOrder.get(c);
    List<AiCalls.Param> params = AiCalls.PARAMS.get("ai::" + fn);
    int[] slots = new int[bound.size()];
    boolean inOrder = true;
    int last = -1;
    for (Arg a : c.args()) {
      int k = bound.indexOf(a.value());
      if (k < last) inOrder = false;
      last = k;
    }
    if (!inOrder) {
      // named arguments out of parameter order: evaluate as written into temporaries
      for (Arg a : c.args()) {
        int k = bound.indexOf(a.value());
        g.genBoxed(a.value());
        slots[k] = g.temp(Type.Prim.STRING);
        code.emit(Op.STORE_LOCAL, slots[k]);
      }
    }
    boolean direct = inOrder;
    java.util.function.IntConsumer load =
        k -> {
          if (direct) g.genBoxed(bound.get(k));
          else code.emit(Op.LOAD_LOCAL, slots[k]);
        };
    load.accept(0);
    int given = 0;
    for (int k = 1; k < bound.size(); k++) {
      if (bound.get(k) == null) continue;
      g.pushStr(params.get(k).name());
      load.accept(k);
      given++;
    }
    code.emit(Op.MAP_NEW, given);
    switch (fn) {
      case "extract" -> {
        Type t = ((Type.Adt) g.type(c)).args().getFirst();
        code.emit(Op.AI_EXTRACT, ((Type.Adt) t).def().typeIndex);
      }
      case "classify" -> code.emit(Op.AI_CLASSIFY, ((Type.Adt) g.type(c)).def().typeIndex);
      default -> code.emit(Op.AI_CALL, AiCalls.KINDS.get(fn));
    }
  }

  private void log(Call c, String level) {
    Label skip = code.newLabel();
    Label end = code.newLabel();
    g.pushStr(level);
    g.callNative("log_enabled", 1);
    code.emit(Op.UNBOX_BOOL);
    code.jump(Op.JUMP_IF_FALSE, skip);
    g.pushStr("[" + level.toUpperCase(java.util.Locale.ROOT) + "] ");
    Expr msg = c.args().getFirst().value();
    g.gen(msg);
    g.toDisplay(g.type(msg));
    code.emit(Op.CONCAT);
    code.emit(Op.EPRINT);
    code.place(skip);
    code.emit(Op.PUSH_UNIT);
  }

  private void statics(Call c, String key) {
    switch (key) {
      case "List::new" -> code.emit(Op.LIST_NEW, 0);
      case "Map::new" -> code.emit(Op.MAP_NEW, 0);
      case "Set::new" -> code.emit(Op.SET_NEW, 0);
      case "String::new" -> g.pushStr("");
      case "String::from", "Box::new" -> g.gen(c.args().getFirst().value());
      case "Instant::now" -> g.callNative(Durations.NOW_NATIVE, 0);
      case "Bytes::from" -> {
        // a copy: the list stays the caller's to change, the bytes never change
        g.genBoxed(c.args().getFirst().value());
        g.callNative("clone", 1);
      }
      case "Dynamic::from" -> {
        Expr arg = c.args().getFirst().value();
        g.genBoxed(arg);
        if (!Durations.isDynamic(g.type(arg))) g.boxDynamic(g.type(arg));
      }
      case "Duration::seconds",
          "Duration::milliseconds",
          "Duration::minutes",
          "Duration::microseconds",
          "Duration::nanoseconds",
          "Duration::hours" -> {
        g.genBoxed(c.args().getFirst().value());
        g.pushStr(key.substring("Duration::".length()));
        g.callNative("duration_of", 2);
      }
      case "Vector::from", "Vector::zeros" -> {
        g.genBoxed(c.args().getFirst().value());
        g.callNative(key.equals("Vector::from") ? "vector_from" : "vector_zeros", 1);
      }
      case "List::repeat" -> {
        g.genBoxed(c.args().get(0).value());
        g.genBoxed(c.args().get(1).value());
        g.callNative("list_repeat", 2);
      }
      default -> {
        long v = key.endsWith("one") ? 1 : 0;
        Type t = g.type(c);
        if (t instanceof Prim p && p.isFloat()) {
          code.pushConst(dev.simplex.sbc.Constant.F64.of(v));
        } else if (t instanceof Prim) {
          g.pushI64(v);
        } else {
          g.pushI64(v);
          code.emit(Op.BOX_I64);
          g.callNative("generic_number", 1);
        }
      }
    }
  }
}
