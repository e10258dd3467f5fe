package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Typing.FnSig;
import java.util.IdentityHashMap;

/**
 * Decides which calls are inlined: free, non-generic, non-recursive functions whose body is one
 * small expression over their parameters (literals, comparisons, logic, float arithmetic, field
 * reads, `if`, calls of other inlinable functions). Such a body reads its parameters but never
 * writes, borrows or captures them, so the caller binds the arguments to fresh locals and emits the
 * body in place of the call. It also cannot panic, so no panic's backtrace loses a frame.
 */
final class Inliner {
  /** Bodies with more nodes than this stay calls: inlining them would grow the code. */
  static final int MAX_NODES = 16;

  private final Typing typing;
  private final IdentityHashMap<FnSig, Expr> bodies = new IdentityHashMap<>();

  Inliner(Typing typing) {
    this.typing = typing;
  }

  /** The expression to emit in place of a call of {@code sig}, or null when it stays a call. */
  Expr inlinableBody(FnSig sig) {
    if (!bodies.containsKey(sig)) {
      bodies.put(sig, null); // while deciding: a call back to it (recursion) is not inlinable
      bodies.put(sig, decide(sig));
    }
    return bodies.get(sig);
  }

  private Expr decide(FnSig sig) {
    if (sig.decl == null || sig.lambda != null || sig.actor != null) return null;
    if (sig.decl.receiver() != null || !sig.typeParams.isEmpty() || sig.decl.body() == null)
      return null;
    for (Type p : sig.params) if (p instanceof Type.Ref) return null;
    Block body = sig.decl.body();
    if (body.stmts().size() != 1) return null;
    Expr tail = BodyChecker.blockTail(body);
    if (tail == null) return null;
    int[] budget = {MAX_NODES};
    return simple(tail, sig, budget) ? tail : null;
  }

  /** Whether {@code e} is inlinable: only allowed forms, within the node budget, no self-call. */
  private boolean simple(Expr e, FnSig self, int[] budget) {
    if (--budget[0] < 0) return false;
    return switch (e) {
      case IntLit l -> true;
      case FloatLit f -> true;
      case BoolLit b -> true;
      case CharLit c -> true;
      case UnitLit u -> true;
      case Name n ->
          switch (typing.resolved.get(n)) {
            case Typing.Local l -> l.slot() < self.params.size();
            case Typing.Const c -> true;
            case Typing.Builtin b -> true;
            case null, default -> false;
          };
      case Unary u -> (u.op().equals("!") || isFloat(u)) && simple(u.operand(), self, budget);
      case Binary b ->
          cannotPanic(b) && simple(b.left(), self, budget) && simple(b.right(), self, budget);
      case FieldAccess f -> simple(f.target(), self, budget);
      case If i ->
          simple(i.cond(), self, budget)
              && simple(i.then(), self, budget)
              && (i.otherwise() == null || simple(i.otherwise(), self, budget));
      case Block b ->
          b.stmts().size() == 1
              && BodyChecker.blockTail(b) != null
              && simple(BodyChecker.blockTail(b), self, budget);
      case Call c -> {
        if (typing.resolved.get(c) instanceof Typing.Builtin) yield false;
        if (!(typing.resolved.get(c.callee()) instanceof Typing.Function f)) yield false;
        if (f.sig() == self || !(c.callee() instanceof Name) || inlinableBody(f.sig()) == null)
          yield false;
        for (Arg a : c.args())
          if (a.value() == null || !simple(a.value(), self, budget)) yield false;
        yield c.args().size() == f.sig().params.size();
      }
      default -> false;
    };
  }

  private boolean isFloat(Expr e) {
    return typing.types.get(e) instanceof Type.Prim p && p.isFloat();
  }

  /**
   * Integer arithmetic can overflow or divide by zero; floats, logic, bitwise operators and
   * comparisons cannot, nor can division by a constant other than 0 and -1.
   */
  private boolean cannotPanic(Binary b) {
    return switch (b.op()) {
      case "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "^" -> true;
      case "/", "%" ->
          isFloat(b)
              || typing.types.get(b.right()) instanceof Type.Prim p
                  && p.isInt()
                  && b.right() instanceof IntLit l
                  && l.value().signum() > 0;
      case "+", "-", "*" -> isFloat(b);
      default -> false;
    };
  }
}
