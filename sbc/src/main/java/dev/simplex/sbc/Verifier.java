package dev.simplex.sbc;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Checks bytecode before anything executes: opcodes and operands in range, jump targets on
 * instruction boundaries, constants of the right kind, call targets present, and a consistent stack
 * depth at every instruction (never negative, never above the declared maximum, never falling off
 * the end of the code). Hostile input is rejected with a message, never a crash.
 */
public final class Verifier {
  private final List<Constant> constants;
  private final List<TypeDef> types;
  private final int[] paramCounts;

  private Verifier(List<Constant> constants, List<TypeDef> types, int[] paramCounts) {
    this.constants = constants;
    this.types = types;
    this.paramCounts = paramCounts;
  }

  public static void verify(SbcModule m) throws SbcFormatException {
    int[] params = m.functions().stream().mapToInt(SbcFunction::paramCount).toArray();
    Verifier v = new Verifier(m.constants(), m.types(), params);
    if (m.entry() < 0 || m.entry() >= m.functions().size()) {
      throw new SbcFormatException("entry function index " + m.entry() + " is out of range");
    }
    if (m.functions().get(m.entry()).paramCount() != 0) {
      throw new SbcFormatException(
          "entry function `" + m.functions().get(m.entry()).name() + "` takes parameters");
    }
    for (int i = 0; i < m.functions().size(); i++) {
      SbcFunction f = m.functions().get(i);
      int needed = v.maxDepth(f.name(), f.codeUnsafe(), f.localCount(), f.paramCount());
      if (needed > f.maxStack()) {
        throw new SbcFormatException(
            "function `"
                + f.name()
                + "` needs a stack of "
                + needed
                + " but declares "
                + f.maxStack());
      }
    }
  }

  /**
   * Maximum operand stack depth of a function body; used by builders to fill in {@code maxStack}.
   */
  static int maxDepth(
      List<Constant> constants,
      List<TypeDef> types,
      int[] paramCounts,
      String name,
      byte[] code,
      int locals,
      int params)
      throws SbcFormatException {
    return new Verifier(constants, types, paramCounts).maxDepth(name, code, locals, params);
  }

  private int maxDepth(String fn, byte[] code, int locals, int params) throws SbcFormatException {
    if (params > locals) throw error(fn, 0, params + " parameters but only " + locals + " locals");
    if (code.length == 0) throw error(fn, 0, "empty body");
    boolean[] boundary = new boolean[code.length];
    int pc = 0;
    while (pc < code.length) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null)
        throw error(fn, pc, "unknown opcode 0x" + Integer.toHexString(code[pc] & 0xFF));
      if (pc + op.size() > code.length) throw error(fn, pc, op + " is truncated");
      boundary[pc] = true;
      checkOperands(fn, code, pc, op, locals);
      pc += op.size();
    }
    int[] depth = new int[code.length];
    Arrays.fill(depth, -1);
    Deque<int[]> work = new ArrayDeque<>();
    work.push(new int[] {0, 0});
    int max = 0;
    while (!work.isEmpty()) {
      int[] item = work.pop();
      int at = item[0];
      int d = item[1];
      if (at >= code.length) throw error(fn, at, "execution falls off the end of the code");
      if (!boundary[at]) throw error(fn, at, "jump into the middle of an instruction");
      if (depth[at] >= 0) {
        if (depth[at] != d) {
          throw error(fn, at, "inconsistent stack depth (" + depth[at] + " and " + d + ")");
        }
        continue;
      }
      depth[at] = d;
      Op op = Op.fromCode(code[at] & 0xFF);
      int pops = pops(code, at, op);
      if (d < pops) throw error(fn, at, op + " pops " + pops + " values from a stack of " + d);
      int after = d - pops + op.pushes();
      max = Math.max(max, Math.max(after, d));
      int next = at + op.size();
      switch (op) {
        case RETURN, PANIC -> {}
        case JUMP -> work.push(new int[] {target(fn, code, at, op), after});
        case JUMP_IF_FALSE, JUMP_IF_TRUE -> {
          work.push(new int[] {target(fn, code, at, op), after});
          work.push(new int[] {next, after});
        }
        default -> work.push(new int[] {next, after});
      }
    }
    return max;
  }

  private int target(String fn, byte[] code, int at, Op op) throws SbcFormatException {
    int t = Bytecode.u32(code, at + 1);
    if (t < 0 || t >= code.length)
      throw error(fn, at, op + " target " + t + " is outside the code");
    return t;
  }

  private int pops(byte[] code, int at, Op op) {
    if (op.pops() != Op.VARIABLE) return op.pops();
    return switch (op) {
      case CALL -> paramCounts[Bytecode.u32(code, at + 1)];
      case CALL_LOCAL -> Bytecode.u16(code, at + 1) + 1;
      case CALL_NATIVE, ALLOC, SPAWN -> Bytecode.u16(code, at + 3 + (op == Op.CALL_NATIVE ? 0 : 2));
      case MAKE_VARIANT -> Bytecode.u16(code, at + 6);
      case MAKE_MESSAGE -> Bytecode.u16(code, at + 5);
      case MAKE_CLOSURE -> Bytecode.u16(code, at + 5);
      case MAKE_TUPLE, LIST_NEW, SET_NEW -> Bytecode.u16(code, at + 1);
      case MAP_NEW -> 2 * Bytecode.u16(code, at + 1);
      default -> throw new IllegalStateException("no variable stack effect for " + op);
    };
  }

  private void checkOperands(String fn, byte[] code, int pc, Op op, int locals)
      throws SbcFormatException {
    int at = pc + 1;
    for (OperandKind k : op.operands()) {
      int v = Bytecode.operand(code, at, k);
      switch (k) {
        case LOCAL -> {
          if (v >= locals) throw error(fn, pc, op + " names local " + v + " of " + locals);
        }
        case CONST -> checkConstant(fn, pc, op, v);
        case FUNC -> {
          if (v < 0 || v >= paramCounts.length)
            throw error(fn, pc, op + " calls missing function #" + v);
        }
        case TYPE -> {
          if (v < 0 || v >= types.size()) throw error(fn, pc, op + " names missing type #" + v);
          if (op == Op.AI_CLASSIFY
              && (types.get(v).kind() != TypeDef.Kind.ENUM
                  || types.get(v).variants().isEmpty()
                  || types.get(v).variants().stream().anyMatch(x -> !x.fields().isEmpty())))
            throw error(fn, pc, op + " needs an enum of unit variants, not " + types.get(v).name());
        }
        case NATIVE -> {
          if (v >= Natives.count()) throw error(fn, pc, op + " names missing built-in #" + v);
          if (Bytecode.u16(code, at + 2) != Natives.arity(v)) {
            throw error(
                fn,
                pc,
                "built-in `"
                    + Natives.get(v).name()
                    + "` takes "
                    + Natives.arity(v)
                    + " arguments");
          }
        }
        case BYTE -> {
          boolean ok =
              switch (op) {
                case NARROW, F64_TO_INT, SHL_I64, SHR_I64, BNOT_I64 -> IntKind.fromCode(v) != null;
                case TO_STR_PRIM -> PrimKind.fromCode(v) != null;
                case AI_CALL -> v < AiOps.KINDS;
                default -> true;
              };
          if (!ok) throw error(fn, pc, op + " has an invalid kind operand " + v);
        }
        case TARGET, COUNT -> {}
      }
      at += k.width;
    }
  }

  private void checkConstant(String fn, int pc, Op op, int index) throws SbcFormatException {
    if (index < 0 || index >= constants.size()) {
      throw error(fn, pc, op + " names constant #" + index + " of " + constants.size());
    }
    Constant c = constants.get(index);
    boolean ok =
        switch (op) {
          case PUSH_I64 -> c instanceof Constant.I64;
          case PUSH_F64 -> c instanceof Constant.F64;
          case PUSH_STR, FORMAT, MAKE_MESSAGE -> c instanceof Constant.Str;
          default -> true;
        };
    if (!ok) throw error(fn, pc, op + " expects a different kind of constant than #" + index);
  }

  private static SbcFormatException error(String fn, int pc, String what) {
    return new SbcFormatException("function `" + fn + "` at offset " + pc + ": " + what);
  }
}
