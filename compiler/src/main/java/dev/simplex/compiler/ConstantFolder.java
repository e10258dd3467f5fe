package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.sbc.IntKind;
import java.math.BigInteger;
import java.util.IdentityHashMap;

/**
 * Constant folding: the compile-time value of an integer or boolean expression built from literals,
 * constants and operators. An expression that would panic at run time (overflow for its integer
 * kind, division by zero) has no value here, so the panic stays where the program puts it.
 */
final class ConstantFolder {
  /** A folded value. */
  sealed interface Value {}

  record IntValue(long value) implements Value {}

  record BoolValue(boolean value) implements Value {}

  /** Marks an expression already found not to be constant (the map cannot hold null values). */
  private record NotConstant() implements Value {}

  private static final Value NONE = new NotConstant();

  private final Typing typing;
  private final IdentityHashMap<Expr, Value> memo = new IdentityHashMap<>();

  ConstantFolder(Typing typing) {
    this.typing = typing;
  }

  /** The value of {@code e}, or null when it is not a constant that evaluates without panicking. */
  Value fold(Expr e) {
    Value v = memo.get(e);
    if (v == null) {
      v = compute(e);
      memo.put(e, v == null ? NONE : v);
    }
    return v == NONE ? null : v;
  }

  private Value compute(Expr e) {
    Type t = typing.types.get(e);
    return switch (e) {
      case IntLit l when t instanceof Prim p && p.isInt() -> intValue(l.value(), p);
      case BoolLit b -> new BoolValue(b.value());
      case Name n when typing.resolved.get(n) instanceof Typing.Const c && c.type().equals(t) ->
          fold(c.value());
      case Unary u -> unary(u, t);
      case Binary b -> binary(b, t);
      case Block b when b.stmts().size() == 1 && BodyChecker.blockTail(b) != null ->
          fold(BodyChecker.blockTail(b));
      default -> null;
    };
  }

  private static Value intValue(BigInteger v, Prim p) {
    IntKind k = p.intKind();
    if (v.bitLength() > 63 || !k.fits(v.longValue())) return null;
    return new IntValue(v.longValue());
  }

  private Value unary(Unary u, Type t) {
    Value operand = fold(u.operand());
    return switch (operand) {
      case IntValue(long v) when u.op().equals("-") && t instanceof Prim p && p.isInt() ->
          v == Long.MIN_VALUE ? null : checked(-v, p);
      case BoolValue(boolean v) when u.op().equals("!") -> new BoolValue(!v);
      case null, default -> null;
    };
  }

  private Value binary(Binary b, Type t) {
    Value left = fold(b.left());
    if (left == null) return null;
    // `&&` and `||` short-circuit: a constant left side decides without the right one
    if (left instanceof BoolValue(boolean l) && (b.op().equals("&&") || b.op().equals("||"))) {
      if (b.op().equals("&&") && !l) return new BoolValue(false);
      if (b.op().equals("||") && l) return new BoolValue(true);
      return fold(b.right()) instanceof BoolValue r ? r : null;
    }
    Value right = fold(b.right());
    if (right == null) return null;
    if (left instanceof IntValue(long x) && right instanceof IntValue(long y)) {
      if (comparison(b.op())) return new BoolValue(compare(b.op(), Long.compare(x, y)));
      if (t instanceof Prim p && p.isInt()) return arithmetic(b.op(), x, y, p);
      return null;
    }
    if (left instanceof BoolValue(boolean x) && right instanceof BoolValue(boolean y)) {
      return switch (b.op()) {
        case "==" -> new BoolValue(x == y);
        case "!=" -> new BoolValue(x != y);
        default -> null;
      };
    }
    return null;
  }

  private static boolean comparison(String op) {
    return switch (op) {
      case "==", "!=", "<", "<=", ">", ">=" -> true;
      default -> false;
    };
  }

  private static boolean compare(String op, int c) {
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /** The same checked arithmetic the interpreter does, or null where it would panic. */
  private static Value arithmetic(String op, long x, long y, Prim p) {
    try {
      return switch (op) {
        case "+" -> checked(Math.addExact(x, y), p);
        case "-" -> checked(Math.subtractExact(x, y), p);
        case "*" -> checked(Math.multiplyExact(x, y), p);
        case "/" -> y == 0 || (x == Long.MIN_VALUE && y == -1) ? null : checked(x / y, p);
        case "%" -> y == 0 ? null : checked(y == -1 ? 0 : x % y, p);
        case "&" -> new IntValue(x & y);
        case "|" -> new IntValue(x | y);
        case "^" -> new IntValue(x ^ y);
        default -> null; // shifts depend on the kind's width: left to the interpreter
      };
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  private static Value checked(long v, Prim p) {
    return p.intKind().fits(v) ? new IntValue(v) : null;
  }
}
