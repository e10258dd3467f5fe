package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.sbc.CodeBuilder;
import dev.simplex.sbc.CodeBuilder.Label;
import dev.simplex.sbc.IntKind;
import dev.simplex.sbc.Op;

/** Operators, assignments and casts, emitted as typed instructions. */
final class OperatorGen {
  private final FnGen g;
  private final CodeBuilder code;

  OperatorGen(FnGen g) {
    this.g = g;
    this.code = g.code;
  }

  void unary(Unary u) {
    Type t = ExprTypes.deref(g.type(u.operand()));
    g.gen(u.operand());
    g.coerce(g.type(u.operand()), t);
    if (u.op().equals("-")) {
      if (t instanceof Prim p && p.isFloat()) {
        code.emit(Op.NEG_F64);
      } else {
        code.emit(Op.NEG_I64);
        narrow(t);
      }
    } else if (t == Prim.BOOL) {
      code.emit(Op.NOT);
    } else {
      code.emit(Op.BNOT_I64, FnGen.intKind(t).ordinal());
    }
  }

  private void narrow(Type t) {
    IntKind k = FnGen.intKind(t);
    if (k != IntKind.I64) code.emit(Op.NARROW, k.ordinal());
  }

  void binary(Binary b) {
    String op = b.op();
    if (op.equals("&&") || op.equals("||")) {
      Label shortCut = code.newLabel();
      Label end = code.newLabel();
      g.gen(b.left());
      code.jump(op.equals("&&") ? Op.JUMP_IF_FALSE : Op.JUMP_IF_TRUE, shortCut);
      g.gen(b.right());
      code.jump(Op.JUMP, end);
      code.place(shortCut);
      code.emit(op.equals("&&") ? Op.PUSH_FALSE : Op.PUSH_TRUE);
      code.place(end);
      return;
    }
    Type t = ExprTypes.deref(g.type(b.left()));
    if (t == Prim.NEVER) t = ExprTypes.deref(g.type(b.right()));
    g.gen(b.left());
    g.coerce(g.type(b.left()), t);
    g.gen(b.right());
    g.coerce(g.type(b.right()), t);
    emitOp(op, t);
  }

  /** Emits the instruction for binary operator {@code op} on two operands of type {@code t}. */
  void emitOp(String op, Type t) {
    boolean isFloat = t instanceof Prim p && p.isFloat();
    boolean prim = FnGen.isPrim(t);
    switch (op) {
      case "+" -> {
        if (t == Prim.STRING) {
          code.emit(Op.CONCAT);
          return;
        }
        if (t.equals(Durations.DURATION)) {
          g.pushStr("add");
          g.callNative("duration_op", 3);
          return;
        }
        arith(isFloat, Op.ADD_F64, Op.ADD_I64, t);
      }
      case "-" -> {
        if (t.equals(Durations.DURATION)) {
          g.pushStr("sub");
          g.callNative("duration_op", 3);
          return;
        }
        arith(isFloat, Op.SUB_F64, Op.SUB_I64, t);
      }
      case "*" -> arith(isFloat, Op.MUL_F64, Op.MUL_I64, t);
      case "/" -> arith(isFloat, Op.DIV_F64, Op.DIV_I64, t);
      case "%" -> arith(isFloat, Op.REM_F64, Op.REM_I64, t);
      case "&" -> code.emit(Op.BAND_I64);
      case "|" -> code.emit(Op.BOR_I64);
      case "^" -> code.emit(Op.BXOR_I64);
      case "<<" -> code.emit(Op.SHL_I64, FnGen.intKind(t).ordinal());
      case ">>" -> code.emit(Op.SHR_I64, FnGen.intKind(t).ordinal());
      case "==", "!=", "<", "<=", ">", ">=" -> {
        if (!prim) {
          if (op.equals("==")) {
            code.emit(Op.EQ_REF);
            return;
          }
          if (op.equals("!=")) {
            code.emit(Op.NE_REF);
            return;
          }
          code.emit(Op.CMP_REF);
          g.pushI64(0);
          code.emit(compare(op, false));
          return;
        }
        code.emit(t == Prim.U64 ? compareUnsigned(op) : compare(op, isFloat));
      }
      default -> throw new IllegalStateException("operator " + op);
    }
  }

  private void arith(boolean isFloat, Op f, Op i, Type t) {
    if (t == Prim.U64) {
      code.emit(
          switch (i) {
            case ADD_I64 -> Op.ADD_U64;
            case SUB_I64 -> Op.SUB_U64;
            case MUL_I64 -> Op.MUL_U64;
            case DIV_I64 -> Op.DIV_U64;
            default -> Op.REM_U64;
          });
      return;
    }
    if (t instanceof Type.Param) {
      // erased generic arithmetic (T: Numeric) works on boxed numbers
      g.pushStr(i.name());
      g.callNative("num_op", 3);
      return;
    }
    code.emit(isFloat ? f : i);
    if (!isFloat) narrow(t);
    // f32 arithmetic is computed in f64 and rounded: exact for + - * / % of two f32 (§2)
    else if (t == Prim.F32) code.emit(Op.F64_TO_F32);
  }

  private static Op compareUnsigned(String op) {
    return switch (op) {
      case "==" -> Op.EQ_I64;
      case "!=" -> Op.NE_I64;
      case "<" -> Op.LT_U64;
      case "<=" -> Op.LE_U64;
      case ">" -> Op.GT_U64;
      default -> Op.GE_U64;
    };
  }

  private static Op compare(String op, boolean isFloat) {
    return switch (op) {
      case "==" -> isFloat ? Op.EQ_F64 : Op.EQ_I64;
      case "!=" -> isFloat ? Op.NE_F64 : Op.NE_I64;
      case "<" -> isFloat ? Op.LT_F64 : Op.LT_I64;
      case "<=" -> isFloat ? Op.LE_F64 : Op.LE_I64;
      case ">" -> isFloat ? Op.GT_F64 : Op.GT_I64;
      default -> isFloat ? Op.GE_F64 : Op.GE_I64;
    };
  }

  void assign(Assign a) {
    String op = a.op().equals("=") ? null : a.op().substring(0, a.op().length() - 1);
    Expr target = a.target();
    switch (target) {
      case Name n when g.typing.resolved.get(n) instanceof Typing.ActorField f -> {
        // a bare actor field is a field of the state in local 0
        code.emit(Op.LOAD_LOCAL, 0);
        valueWithOp(
            a,
            op,
            () -> {
              code.emit(Op.LOAD_LOCAL, 0);
              code.emit(Op.LOAD_FIELD, f.index());
              g.unboxTo(f.type());
            },
            f.type());
        g.boxFrom(f.type());
        code.emit(Op.STORE_FIELD, f.index());
      }
      case Name n -> {
        Typing.Resolved r = g.typing.resolved.get(n);
        int slot = ((Typing.Local) r).slot();
        Type t = ((Typing.Local) r).type();
        if (FnGen.isCell(t)) {
          // assigning through a `&mut` parameter of primitive type writes its cell
          code.emit(Op.LOAD_LOCAL, slot);
          valueWithOp(
              a,
              op,
              () -> {
                code.emit(Op.LOAD_LOCAL, slot);
                g.callNative("cell_get", 1);
                g.unboxTo(ExprTypes.deref(t));
              },
              ExprTypes.deref(t));
          g.boxFrom(ExprTypes.deref(t));
          g.callNative("cell_set", 2);
          code.emit(Op.POP);
        } else {
          valueWithOp(a, op, () -> code.emit(Op.LOAD_LOCAL, slot), t);
          code.emit(Op.STORE_LOCAL, slot);
        }
      }
      case FieldAccess f -> {
        g.gen(f.target());
        g.derefCell(g.type(f.target()));
        int obj = g.temp(g.type(f.target()));
        code.emit(Op.STORE_LOCAL, obj);
        code.emit(Op.LOAD_LOCAL, obj);
        int index = g.fieldIndex(f);
        Type ft = g.type(f);
        valueWithOp(
            a,
            op,
            () -> {
              code.emit(Op.LOAD_LOCAL, obj);
              code.emit(Op.LOAD_FIELD, index);
              g.unboxTo(ft);
            },
            ft);
        g.boxFrom(ft);
        code.emit(Op.STORE_FIELD, index);
      }
      case Index ix -> {
        Type ct = ExprTypes.deref(g.type(ix.target()));
        boolean isMap = ct instanceof Type.Builtin b && b.name().equals("Map");
        // the collection and the key are read once, before the value: a plain local is read
        // from its own slot (every read of it comes before the value is evaluated), anything
        // else is evaluated once into a temporary
        int collLocal = g.plainLocalSlot(ix.target());
        if (collLocal < 0) {
          g.gen(ix.target());
          collLocal = g.temp(ct);
          code.emit(Op.STORE_LOCAL, collLocal);
        }
        int coll = collLocal;
        Type kt = g.type(ix.index());
        int keyLocal = isMap && FnGen.isPrim(kt) ? -1 : g.plainLocalSlot(ix.index());
        if (keyLocal < 0) {
          g.gen(ix.index());
          if (isMap) g.boxFrom(kt);
          keyLocal = g.temp(kt);
          code.emit(Op.STORE_LOCAL, keyLocal);
        }
        int key = keyLocal;
        code.emit(Op.LOAD_LOCAL, coll);
        code.emit(Op.LOAD_LOCAL, key);
        Type et = g.type(ix);
        valueWithOp(
            a,
            op,
            () -> {
              code.emit(Op.LOAD_LOCAL, coll);
              code.emit(Op.LOAD_LOCAL, key);
              code.emit(isMap ? Op.MAP_GET : Op.LIST_GET);
              g.unboxTo(et);
            },
            et);
        g.boxFrom(et);
        code.emit(isMap ? Op.MAP_SET : Op.LIST_SET);
      }
      case Deref d -> {
        Type rt = g.type(d.expr());
        g.gen(d.expr());
        Type inner = ExprTypes.deref(rt);
        int cell = g.temp(rt);
        code.emit(Op.STORE_LOCAL, cell);
        code.emit(Op.LOAD_LOCAL, cell);
        valueWithOp(
            a,
            op,
            () -> {
              code.emit(Op.LOAD_LOCAL, cell);
              g.callNative("cell_get", 1);
              g.unboxTo(inner);
            },
            inner);
        g.boxFrom(inner);
        g.callNative("cell_set", 2);
        code.emit(Op.POP);
      }
      default -> throw new IllegalStateException("assignment target " + target);
    }
    code.emit(Op.PUSH_UNIT);
  }

  /** Pushes the value to store: {@code e}, or {@code current op e} for a compound assignment. */
  private void valueWithOp(Assign a, String op, Runnable loadCurrent, Type t) {
    if (op != null) loadCurrent.run();
    g.gen(a.value());
    g.coerce(g.type(a.value()), t);
    if (op != null) emitOp(op, ExprTypes.deref(t));
  }

  void cast(Cast c) {
    Type from = ExprTypes.deref(g.type(c.expr()));
    Type to = g.type(c);
    g.gen(c.expr());
    g.coerce(g.type(c.expr()), from);
    if (from instanceof Type.Adt) {
      g.callNative("enum_tag", 1);
      code.emit(Op.UNBOX_I64);
      return;
    }
    if (!(from instanceof Prim f) || !(to instanceof Prim t)) return;
    if (f == Prim.U64 && t.isFloat()) {
      code.emit(Op.U64_TO_F64);
      if (t == Prim.F32) code.emit(Op.F64_TO_F32);
    } else if (f.isInt() && t.isFloat()) code.emit(t == Prim.F32 ? Op.I64_TO_F32 : Op.I64_TO_F64);
    else if (f == Prim.F64 && t == Prim.F32) code.emit(Op.F64_TO_F32);
    else if (f.isFloat() && t == Prim.U64) code.emit(Op.F64_TO_U64);
    else if (f.isFloat() && t.isInt()) code.emit(Op.F64_TO_INT, t.intKind().ordinal());
    else if (f == t) {
      // same type: nothing to check
    } else if (f == Prim.U64 && t.isInt()) {
      // a u64 at or above 2^63 has its sign bit set: out of range for every other integer type
      castNarrow(t.intKind(), true);
    } else if ((f.isInt() || f == Prim.CHAR) && t.isInt()) {
      if (t.intKind() != IntKind.I64) castNarrow(t.intKind());
    } else if (f.isInt() && t == Prim.CHAR) {
      code.emit(Op.BOX_I64);
      g.callNative("to_char", 1);
      code.emit(Op.UNBOX_CHAR);
    }
  }

  /** Integer casts are checked: out-of-range values panic `cast overflow` (language.md §2). */
  private void castNarrow(IntKind k) {
    castNarrow(k, false);
  }

  /** {@code fromU64}: the value is a u64, so a set sign bit (2^63 and above) fails first. */
  private void castNarrow(IntKind k, boolean fromU64) {
    Label ok = code.newLabel();
    Label fail = code.newLabel();
    int slot = g.temp(Prim.I64);
    code.emit(Op.STORE_LOCAL, slot);
    if (fromU64) {
      code.emit(Op.LOAD_LOCAL, slot);
      g.pushI64(0);
      code.emit(Op.LT_I64);
      code.jump(Op.JUMP_IF_TRUE, fail);
    }
    code.emit(Op.LOAD_LOCAL, slot);
    g.pushI64(k.min());
    code.emit(Op.LT_I64);
    code.jump(Op.JUMP_IF_TRUE, fail);
    code.emit(Op.LOAD_LOCAL, slot);
    g.pushI64(k.max());
    code.emit(Op.GT_I64);
    code.jump(Op.JUMP_IF_FALSE, ok);
    code.place(fail);
    g.pushStr("cast overflow");
    code.emit(Op.PANIC);
    code.place(ok);
    code.emit(Op.LOAD_LOCAL, slot);
  }
}
