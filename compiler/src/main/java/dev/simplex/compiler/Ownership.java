package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ownership checking (language.md §6) over a checked body: values of move types are moved by move
 * contexts, and a moved or possibly moved variable may not be used again (E0400); moving out of a
 * borrow, a receiver or a capture is E0403; a closure may not capture a borrow (E0404); mutating
 * the collection a {@code for} loop walks is E0401. Branches are followed separately and merged;
 * loop bodies are walked twice so a move in one iteration is seen by the next.
 */
final class Ownership {
  /** Built-in methods whose arguments are moved (marked mv in §12.3). */
  private static final Set<String> MOVING_METHODS =
      Set.of(
          "List.push",
          "List.insert",
          "List.extend",
          "List.fold",
          "Map.insert",
          "Map.get_or",
          "Set.insert",
          "Option.unwrap_or",
          "Result.unwrap_or",
          "Option.or",
          "Option.ok_or");

  private record Moved(Span at, boolean maybe) {}

  private final Checker ck;
  private final Typing typing;
  private final FnSig fn;

  /** Moved variables by slot; null means the current point is unreachable. */
  private Map<Integer, Moved> state = new HashMap<>();

  private final Map<Integer, Span> iterating = new HashMap<>();

  /**
   * A live borrow of the variable in slot {@code root} (§6 rule 5): held by the local {@code
   * holder} until the offset {@code end} (its last use), or by a call argument while the call's
   * arguments are evaluated ({@code holder} -1).
   */
  private record Loan(int holder, int root, boolean mut, Span at, int end) {}

  private final java.util.List<Loan> loans = new java.util.ArrayList<>();
  private final java.util.List<Loan> argLoans = new java.util.ArrayList<>();
  private final java.util.Set<Integer> conflictsReported = new java.util.HashSet<>();
  private Map<Integer, Integer> lastUse;

  /** Loop bodies are walked twice; each problem is reported once, at its first sighting. */
  private final java.util.Set<String> reported = new java.util.HashSet<>();

  private void report(String code, String message, Span at, String label, String help) {
    if (reported.add(code + "@" + at.start() + ":" + message))
      ck.error(code, message, at, label, help);
  }

  private Ownership(Checker ck, FnSig fn) {
    this.ck = ck;
    this.typing = ck.typing;
    this.fn = fn;
  }

  static void check(Checker ck) {
    for (FnSig sig : List.copyOf(ck.typing.functions)) {
      Ownership o = new Ownership(ck, sig);
      if (sig.lambda != null) o.expr(sig.lambda.body(), true);
      else if (sig.decl != null && sig.decl.body() != null) o.expr(sig.decl.body(), true);
    }
  }

  private Type type(Expr e) {
    return typing.types.getOrDefault(e, Type.Error.INSTANCE);
  }

  private boolean isCopy(Type t) {
    return Traits.isCopy(t) || t instanceof Type.Var;
  }

  // ---- state

  private Map<Integer, Moved> copy() {
    return state == null ? null : new HashMap<>(state);
  }

  private static Map<Integer, Moved> merge(Map<Integer, Moved> a, Map<Integer, Moved> b) {
    if (a == null) return b;
    if (b == null) return a;
    Map<Integer, Moved> out = new HashMap<>();
    for (var e : a.entrySet()) {
      Moved other = b.get(e.getKey());
      out.put(
          e.getKey(),
          new Moved(e.getValue().at(), e.getValue().maybe() || other == null || other.maybe()));
    }
    for (var e : b.entrySet()) out.putIfAbsent(e.getKey(), new Moved(e.getValue().at(), true));
    return out;
  }

  private void use(int slot, Span at) {
    if (state == null) return;
    Moved m = state.get(slot);
    if (m == null) return;
    String name = fn.localNames.get(slot);
    String where = m.at().line() + ":" + m.at().column();
    report(
        "E0400",
        "use of " + (m.maybe() ? "possibly " : "") + "moved value `" + name + "`",
        at,
        "value used here after move",
        "`"
            + name
            + "` was moved at "
            + where
            + "; pass `"
            + name
            + ".clone()` there to keep using it");
    state.remove(slot); // report each move once
  }

  private void move(int slot, Span at) {
    if (state != null) state.put(slot, new Moved(at, false));
  }

  // ---- walking

  /** Walks {@code e}; {@code move} when its value is moved (a move context, §6). */
  private void expr(Expr e, boolean move) {
    if (e == null) return;
    switch (e) {
      case Name n -> name(n, move);
      case FieldAccess f -> {
        if (move && !isCopy(type(f))) movePath(f, f.span());
        else expr(f.target(), false);
      }
      case Index ix -> {
        expr(ix.target(), false);
        expr(ix.index(), false);
      }
      case Slice s -> {
        expr(s.target(), false);
        expr(s.from(), false);
        expr(s.to(), false);
      }
      case Call c -> call(c);
      case MethodCall m -> method(m);
      case StrLit s -> {
        for (StrPart p : s.parts()) if (p instanceof StrInterp in) expr(in.expr(), false);
      }
      case Unary u -> expr(u.operand(), false);
      case Binary b -> {
        expr(b.left(), false);
        Map<Integer, Moved> before = copy();
        expr(b.right(), false);
        if (b.op().equals("&&") || b.op().equals("||")) state = merge(state, before);
      }
      case Assign a -> {
        if (a.target() instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l) {
          if (!a.op().equals("=")) use(l.slot(), n.span());
          mutation(n);
          expr(a.value(), true);
          if (state != null) state.remove(l.slot());
        } else {
          place(a.target());
          expr(a.value(), true);
        }
      }
      case Cast c -> expr(c.expr(), false);
      case Try t -> expr(t.expr(), true);
      case If i -> {
        expr(i.cond(), false);
        Map<Integer, Moved> before = copy();
        expr(i.then(), move);
        Map<Integer, Moved> afterThen = state;
        state = before;
        expr(i.otherwise(), move);
        state = merge(afterThen, state);
      }
      case IfLet i -> {
        expr(i.scrutinee(), false);
        fresh(i.pattern());
        Map<Integer, Moved> before = copy();
        expr(i.then(), move);
        Map<Integer, Moved> afterThen = state;
        state = before;
        expr(i.otherwise(), move);
        state = merge(afterThen, state);
      }
      case Match m -> {
        expr(m.scrutinee(), false);
        Map<Integer, Moved> before = copy();
        Map<Integer, Moved> after = null;
        boolean any = false;
        for (MatchArm arm : m.arms()) {
          state = before == null ? null : new HashMap<>(before);
          fresh(arm.pattern());
          expr(arm.guard(), false);
          expr(arm.body(), move);
          after = any ? merge(after, state) : state;
          any = true;
        }
        state = any ? after : before;
      }
      case While w ->
          loop(
              () -> {
                expr(w.cond(), false);
                expr(w.body(), false);
              });
      case WhileLet w ->
          loop(
              () -> {
                expr(w.scrutinee(), false);
                expr(w.body(), false);
              });
      case For f -> {
        expr(f.iterable(), false);
        Integer slot =
            f.iterable() instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l
                ? l.slot()
                : null;
        if (slot != null) iterating.put(slot, f.iterable().span());
        loop(
            () -> {
              fresh(f.pattern());
              expr(f.body(), false);
            });
        if (slot != null) iterating.remove(slot);
      }
      case Loop l -> loop(() -> expr(l.body(), false));
      case Break b -> {
        expr(b.value(), true);
        state = null;
      }
      case Continue c -> state = null;
      case Return r -> {
        expr(r.value(), true);
        state = null;
      }
      case Block b -> block(b, move);
      case Range r -> {
        expr(r.from(), false);
        expr(r.to(), false);
      }
      case TupleLit t -> t.parts().forEach(p -> expr(p, true));
      case ListLit l -> l.items().forEach(p -> expr(p, true));
      case MapLit m -> {
        for (int k = 0; k < m.keys().size(); k++) {
          expr(m.keys().get(k), true);
          expr(m.values().get(k), true);
        }
      }
      case SetLit s -> s.items().forEach(p -> expr(p, true));
      case StructLit s -> {
        s.fields().forEach(f -> expr(f.value(), true));
        expr(s.base(), true);
      }
      case Lambda l -> lambda(l);
      case Spawn s -> {
        // spawn arguments are moved to the new actor (§6, Actors)
        s.args().forEach(a -> expr(a.value(), true));
        s.overrides().forEach(f -> expr(f.value(), true));
        s.options().forEach(f -> expr(f.value(), false));
      }
      case Borrow b -> {
        if (b.mut()) mutation(b.expr());
        expr(b.expr(), false);
      }
      case Deref d -> {
        expr(d.expr(), false);
        if (move && !isCopy(type(d))) {
          report(
              "E0403",
              "cannot move out of `*" + text(d.expr()) + "`, which is behind a borrow",
              d.span(),
              "move out of a borrow",
              "call `.clone()` to copy the value");
        }
      }
      case IntLit i -> {}
      case FloatLit f -> {}
      case BoolLit b -> {}
      case CharLit c -> {}
      case UnitLit u -> {}
      case EmptyBraces eb -> {}
    }
  }

  private void block(Block b, boolean move) {
    Expr tail = BodyChecker.blockTail(b);
    for (Stmt s : b.stmts()) {
      switch (s) {
        case Let l -> {
          expr(l.init(), true);
          fresh(l.pattern());
          if (l.init() instanceof Borrow bw
              && l.pattern() instanceof BindPat bp
              && typing.slots.get(bp) instanceof Integer holder
              && rootSlot(bw.expr()) instanceof Integer root) {
            int end = lastUses().getOrDefault(holder, -1);
            if (end > bw.span().end()) loans.add(new Loan(holder, root, bw.mut(), bw.span(), end));
          }
        }
        case ExprStmt es -> {
          expr(es.expr(), es.expr() == tail && move);
          if (type(es.expr()) == Prim.NEVER) state = null;
        }
        case ItemStmt is -> {
          if (is.item() instanceof ConstDecl c) expr(c.value(), false);
        }
      }
    }
  }

  /** Bindings made by a pattern hold new values, whatever happened to earlier ones in the slot. */
  private void fresh(Pattern p) {
    if (state == null) return;
    for (BindPat b : Exhaustiveness.bindPats(p)) {
      Integer slot = typing.slots.get(b);
      if (slot != null) state.remove(slot);
    }
    if (p instanceof ListPat lp && typing.slots.get(lp) instanceof Integer slot) state.remove(slot);
  }

  private void loop(Runnable body) {
    Map<Integer, Moved> before = copy();
    body.run();
    // a second pass sees what the first iteration moved
    state = merge(before, state);
    body.run();
    state = merge(before, state);
  }

  private void name(Name n, boolean move) {
    switch (typing.resolved.get(n)) {
      case Typing.Local l -> {
        use(l.slot(), n.span());
        Loan held = liveLoan(l.slot(), n.span(), true);
        if (held != null && held.mut()) conflict(n, held, "use", "it is mutably borrowed");
        if (move && !isCopy(l.type()) && !(l.type() instanceof Type.Ref)) {
          Loan any = liveLoan(l.slot(), n.span(), false);
          if (any != null) conflict(n, any, "move", "it is borrowed");
          if (isReceiver(l.slot())) {
            report(
                "E0403",
                "cannot move out of `" + n.last() + "`, a method receiver",
                n.span(),
                "move out of a receiver",
                "call `" + n.last() + ".clone()` to copy it");
          } else {
            move(l.slot(), n.span());
          }
        }
      }
      case Typing.Capture c -> {
        if (move && !isCopy(c.type())) {
          report(
              "E0403",
              "cannot move out of `" + n.last() + "`, which is captured by a closure",
              n.span(),
              "move out of a capture",
              "call `" + n.last() + ".clone()` to copy it");
        }
      }
      case null, default -> {}
    }
  }

  private boolean isReceiver(int slot) {
    return fn.decl != null && fn.decl.receiver() != null && slot == 0;
  }

  /**
   * Moving a field path moves its root variable (no partial moves), or is E0403 behind a borrow.
   */
  private void movePath(Expr path, Span at) {
    Expr root = path;
    while (root instanceof FieldAccess f) root = f.target();
    if (root instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l) {
      use(l.slot(), n.span());
      if (l.type() instanceof Type.Ref || isReceiver(l.slot())) {
        report(
            "E0403",
            "cannot move out of `" + text(path) + "`, which is behind a borrow",
            at,
            "move out of a borrow",
            "call `.clone()` to copy the value");
      } else {
        move(l.slot(), at);
      }
      return;
    }
    expr(root, false);
  }

  private void place(Expr target) {
    switch (target) {
      case FieldAccess f -> place(f.target());
      case Index ix -> {
        place(ix.target());
        expr(ix.index(), false);
      }
      default -> expr(target, false);
    }
    mutation(target);
  }

  /**
   * A mutation of the collection a `for` loop is walking, or of a variable while a borrow of it
   * lives, is a borrow conflict (§4.2, §6 rule 5).
   */
  private void mutation(Expr target) {
    Expr root = target;
    while (root instanceof FieldAccess || root instanceof Index)
      root = root instanceof FieldAccess f ? f.target() : ((Index) root).target();
    if (root instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l) {
      Loan held = liveLoan(l.slot(), n.span(), false);
      if (held != null && !held.mut()) conflict(n, held, "mutate", "it is borrowed");
    }
    if (root instanceof Name n
        && typing.resolved.get(n) instanceof Typing.Local l
        && iterating.containsKey(l.slot())) {
      Span loop = iterating.get(l.slot());
      report(
          "E0401",
          "cannot mutate `" + n.last() + "` while a `for` loop borrows it",
          n.span(),
          "mutation during iteration",
          "the loop at "
              + loop.line()
              + ":"
              + loop.column()
              + " borrows `"
              + n.last()
              + "`; collect the changes and apply them after the loop");
    }
  }

  /** The loan of {@code slot} alive at {@code at}, preferring a {@code &mut} one, or null. */
  private Loan liveLoan(int slot, Span at, boolean mutOnly) {
    Loan found = null;
    for (Loan l : argLoans)
      if (l.root() == slot && (l.mut() || !mutOnly) && (found == null || l.mut())) found = l;
    for (Loan l : loans)
      if (l.root() == slot
          && l.at().end() <= at.start()
          && at.start() <= l.end()
          && (l.mut() || !mutOnly)
          && (found == null || l.mut())) found = l;
    return found;
  }

  private void conflict(Name n, Loan loan, String verb, String why) {
    if (!conflictsReported.add(n.span().start())) return;
    String holder =
        loan.holder() >= 0 ? "`" + fn.localNames.get(loan.holder()) + "`" : "an argument";
    report(
        "E0401",
        "cannot " + verb + " `" + n.last() + "` while " + why,
        n.span(),
        "conflicting use",
        "the "
            + (loan.mut() ? "`&mut` " : "`&` ")
            + "borrow at "
            + loan.at().line()
            + ":"
            + loan.at().column()
            + (loan.holder() >= 0
                ? " lives until the last use of " + holder
                : " lives until the call returns")
            + "; end it first or "
            + (loan.mut() ? "use the value through the borrow" : "clone the value"));
  }

  /** The local variable a place expression is rooted at. */
  private Integer rootSlot(Expr e) {
    while (e instanceof FieldAccess || e instanceof Index)
      e = e instanceof FieldAccess f ? f.target() : ((Index) e).target();
    return e instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l
        ? l.slot()
        : null;
  }

  /** Argument borrows of one call live until it returns; they start where each is taken. */
  private void argBorrow(Expr a) {
    if (a instanceof Borrow b && rootSlot(b.expr()) instanceof Integer root)
      argLoans.add(new Loan(-1, root, b.mut(), b.span(), Integer.MAX_VALUE));
  }

  /**
   * The offset of each local's last use; a use inside a loop that the local was declared outside of
   * lasts to the end of that loop (the next iteration uses it again).
   */
  private Map<Integer, Integer> lastUses() {
    if (lastUse != null) return lastUse;
    lastUse = new HashMap<>();
    Map<Integer, Integer> declared = new HashMap<>();
    Object body = fn.lambda != null ? fn.lambda.body() : fn.decl.body();
    scanUses(body, new java.util.ArrayDeque<>(), declared);
    return lastUse;
  }

  private void scanUses(Object o, java.util.Deque<Span> loops, Map<Integer, Integer> declared) {
    if (o instanceof List<?> list) {
      for (Object x : list) scanUses(x, loops, declared);
      return;
    }
    if (o == null || !o.getClass().isRecord() || o.getClass().getEnclosingClass() != Ast.class)
      return;
    if (o instanceof BindPat b && typing.slots.get(b) instanceof Integer slot)
      declared.putIfAbsent(slot, b.span().start());
    if (o instanceof Name n && typing.resolved.get(n) instanceof Typing.Local l) {
      int end = n.span().start();
      int decl = declared.getOrDefault(l.slot(), -1);
      for (Span loop : loops) if (loop.start() > decl) end = Math.max(end, loop.end());
      lastUse.merge(l.slot(), end, Math::max);
    }
    boolean isLoop =
        o instanceof While || o instanceof WhileLet || o instanceof For || o instanceof Loop;
    if (isLoop) loops.push(((Expr) o).span());
    try {
      for (java.lang.reflect.RecordComponent rc : o.getClass().getRecordComponents())
        if (rc.getType() != Span.class) scanUses(rc.getAccessor().invoke(o), loops, declared);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    if (isLoop) loops.pop();
  }

  private void call(Call c) {
    Typing.Resolved callee = typing.resolved.get(c.callee());
    List<Expr> order = typing.argOrder.get(c);
    if (callee instanceof Typing.Function f && order != null) {
      // `Type::m(p, a)` borrows its explicit receiver, as `p.m(a)` does
      boolean hasReceiver = f.sig().decl != null && f.sig().decl.receiver() != null;
      int mark = argLoans.size();
      for (int k = 0; k < order.size(); k++) {
        Expr a = order.get(k);
        if (a != null) {
          expr(a, !(k == 0 && hasReceiver) && !(f.sig().params.get(k) instanceof Type.Ref));
          argBorrow(a);
        }
      }
      argLoans.subList(mark, argLoans.size()).clear();
      return;
    }
    boolean builtin = typing.resolved.get(c) instanceof Typing.Builtin;
    if (!builtin) expr(c.callee(), false);
    for (Arg a : c.args()) expr(a.value(), !builtin);
  }

  private void method(MethodCall m) {
    Typing.Resolved r = typing.resolved.get(m);
    expr(m.receiver(), false);
    FnSig sig =
        switch (r) {
          case Typing.Function f -> f.sig();
          case Typing.TraitCall t -> t.traitSig();
          default -> null;
        };
    if (sig != null) {
      if (sig.decl != null && sig.decl.receiver() != null && sig.decl.receiver().mut())
        mutation(m.receiver());
      List<Expr> order = typing.argOrder.get(m);
      int mark = argLoans.size();
      for (int k = 1; order != null && k < order.size(); k++) {
        Expr a = order.get(k);
        if (a != null) {
          expr(a, !(sig.params.get(k) instanceof Type.Ref));
          argBorrow(a);
        }
      }
      // the receiver's borrow begins after the arguments (§6 rule 5)
      if (sig.decl != null
          && sig.decl.receiver() != null
          && sig.decl.receiver().ref()
          && rootSlot(m.receiver()) instanceof Integer root) {
        Expr rv = m.receiver();
        while (rv instanceof FieldAccess || rv instanceof Index)
          rv = rv instanceof FieldAccess f ? f.target() : ((Index) rv).target();
        for (Loan l : argLoans.subList(mark, argLoans.size()))
          if (l.root() == root && (l.mut() || sig.decl.receiver().mut()))
            conflict(
                (Name) rv,
                l,
                sig.decl.receiver().mut() ? "mutate" : "use",
                "an argument borrows it");
      }
      argLoans.subList(mark, argLoans.size()).clear();
      return;
    }
    String key = r instanceof Typing.Builtin b ? b.name() : "";
    if (Methods.MUTATING.contains(m.method())
        || key.equals("Map.insert")
        || key.equals("Set.insert")
        || key.endsWith(".remove")) {
      mutation(m.receiver());
    }
    for (int k = 0; k < m.args().size(); k++) {
      boolean moves =
          MOVING_METHODS.contains(key)
              && !(key.equals("List.fold") && k > 0)
              && !(key.equals("Map.get_or") && k == 0);
      expr(m.args().get(k).value(), moves);
    }
  }

  private void lambda(Lambda l) {
    if (!(typing.resolved.get(l) instanceof Typing.Function f)) return;
    for (int k = 0; k < f.sig().captures.size(); k++) {
      Typing.Resolved source = f.sig().captures.get(k);
      if (source instanceof Typing.Local loc) {
        use(loc.slot(), l.span());
        if (loc.type() instanceof Type.Ref) {
          report(
              "E0404",
              "closure captures the borrow `" + f.sig().captureNames.get(k) + "`",
              l.span(),
              "borrow captured here",
              "clone the borrowed value into a local before the closure");
        } else if (!isCopy(loc.type())) {
          move(loc.slot(), l.span());
        }
      }
    }
  }

  private static String text(Expr e) {
    return switch (e) {
      case Name n -> String.join("::", n.path());
      case FieldAccess f -> text(f.target()) + "." + f.field();
      default -> "value";
    };
  }
}
