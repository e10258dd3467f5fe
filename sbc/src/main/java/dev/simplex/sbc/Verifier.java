package dev.simplex.sbc;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Checks bytecode before anything executes: opcodes and operands in range, jump targets on
 * instruction boundaries, constants of the right kind, call targets present, and a consistent stack
 * depth at every instruction (never negative, never above the declared maximum, never falling off
 * the end of the code). Hostile input is rejected with a message, never a crash.
 */
public final class Verifier {
  // What the verifier knows about a value, per stack slot and local. ANY: not known yet (a callee
  // whose body is not built); CONFLICT: a primitive on one path and a reference on another, which
  // only POP, DUP and SWAP may touch.
  private static final byte ANY = 0, I64 = 1, F64 = 2, PRIM = 3, REF = 4, CONFLICT = 5;

  private final List<Constant> constants;
  private final List<TypeDef> types;
  private final int[] paramCounts;

  /** The function at an index, or null while its body is not known (during building). */
  private final IntFunction<SbcFunction> known;

  /**
   * Per function: one more than the highest captured value it loads (0: not a closure body), or
   * null while building, when other bodies are not known yet.
   */
  private int[] captures;

  private Verifier(
      List<Constant> constants,
      List<TypeDef> types,
      int[] paramCounts,
      IntFunction<SbcFunction> known) {
    this.constants = constants;
    this.types = types;
    this.paramCounts = paramCounts;
    this.known = known;
  }

  private static Verifier of(SbcModule m) {
    int[] params = m.functions().stream().mapToInt(SbcFunction::paramCount).toArray();
    Verifier v = new Verifier(m.constants(), m.types(), params, m.functions()::get);
    v.captures = new int[m.functions().size()];
    for (int i = 0; i < v.captures.length; i++)
      v.captures[i] = capturesLoaded(m.functions().get(i).codeUnsafe());
    return v;
  }

  /**
   * One more than the highest index of LOAD_CAPTURE in {@code code}; malformed code stops the scan
   * (the function's own check reports it).
   */
  private static int capturesLoaded(byte[] code) {
    int n = 0;
    for (int pc = 0; pc < code.length; ) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > code.length) break;
      if (op == Op.LOAD_CAPTURE) n = Math.max(n, Bytecode.u16(code, pc + 1) + 1);
      pc += op.size();
    }
    return n;
  }

  public static void verify(SbcModule m) throws SbcFormatException {
    ActorDef.verify(m);
    Verifier v = of(m);
    if (m.entry() < 0 || m.entry() >= m.functions().size()) {
      throw new SbcFormatException("entry function index " + m.entry() + " is out of range");
    }
    if (m.functions().get(m.entry()).paramCount() != 0) {
      throw new SbcFormatException(
          "entry function `" + m.functions().get(m.entry()).name() + "` takes parameters");
    }
    for (int i = 0; i < m.functions().size(); i++) {
      SbcFunction f = m.functions().get(i);
      int needed =
          v.maxDepth(f.name(), f.codeUnsafe(), f.localKinds(), f.paramCount(), f.returnsRef());
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
   * Calls of functions that {@code known} does not have yet are checked by {@link #verify} later.
   */
  static int maxDepth(
      List<Constant> constants,
      List<TypeDef> types,
      int[] paramCounts,
      IntFunction<SbcFunction> known,
      String name,
      byte[] code,
      List<SbcFunction.SlotKind> localKinds,
      int params,
      boolean returnsRef)
      throws SbcFormatException {
    return new Verifier(constants, types, paramCounts, known)
        .maxDepth(name, code, localKinds, params, returnsRef);
  }

  /**
   * The operand stack depth before each instruction of a verified function (-1 where no instruction
   * starts or the code is unreachable); used to check a resumed execution context.
   */
  static int[] depths(SbcModule m, int function) throws SbcFormatException {
    SbcFunction f = m.functions().get(function);
    Verifier v = of(m);
    v.maxDepth(f.name(), f.codeUnsafe(), f.localKinds(), f.paramCount(), f.returnsRef());
    return v.lastDepths;
  }

  private int[] lastDepths;

  private int maxDepth(
      String fn, byte[] code, List<SbcFunction.SlotKind> localKinds, int params, boolean returnsRef)
      throws SbcFormatException {
    int locals = localKinds.size();
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
    boolean[] declaredRef = new boolean[locals];
    byte[] entryLocals = new byte[locals];
    for (int i = 0; i < locals; i++) {
      declaredRef[i] = localKinds.get(i) == SbcFunction.SlotKind.REF;
      entryLocals[i] = declaredRef[i] ? REF : PRIM;
    }
    boolean closureBody = capturesLoaded(code) > 0;
    Flow flow = new Flow(fn, code, boundary);
    flow.merge(0, 0, new byte[0], entryLocals);
    int max = 0;
    while (!flow.work.isEmpty()) {
      int at = flow.work.pop();
      flow.queued[at] = false;
      int d = flow.stackAt[at].length;
      Op op = Op.fromCode(code[at] & 0xFF);
      int pops = pops(code, at, op);
      if (d < pops) throw error(fn, at, op + " pops " + pops + " values from a stack of " + d);
      int after = d - pops + op.pushes();
      max = Math.max(max, Math.max(after, d));
      byte[] stack = Arrays.copyOf(flow.stackAt[at], Math.max(d, after));
      byte[] loc = flow.localsAt[at].clone();
      transfer(fn, code, at, op, stack, d, pops, loc, declaredRef, params, closureBody, returnsRef);
      byte[] out = Arrays.copyOf(stack, after);
      int next = at + op.size();
      switch (op) {
        case RETURN, PANIC -> {}
        case JUMP -> flow.merge(at, target(fn, code, at, op), out, loc);
        case JUMP_IF_FALSE, JUMP_IF_TRUE -> {
          flow.merge(at, target(fn, code, at, op), out, loc);
          flow.merge(at, next, out, loc);
        }
        default -> flow.merge(at, next, out, loc);
      }
    }
    int[] depth = new int[code.length];
    for (int i = 0; i < code.length; i++)
      depth[i] = flow.stackAt[i] == null ? -1 : flow.stackAt[i].length;
    lastDepths = depth;
    return max;
  }

  /** The kinds known before each instruction, merged over every path that reaches it. */
  private static final class Flow {
    final String fn;
    final byte[] code;
    final boolean[] boundary;
    final byte[][] stackAt;
    final byte[][] localsAt;
    final boolean[] queued;
    final Deque<Integer> work = new ArrayDeque<>();

    Flow(String fn, byte[] code, boolean[] boundary) {
      this.fn = fn;
      this.code = code;
      this.boundary = boundary;
      this.stackAt = new byte[code.length][];
      this.localsAt = new byte[code.length][];
      this.queued = new boolean[code.length];
    }

    void merge(int from, int at, byte[] stack, byte[] locals) throws SbcFormatException {
      if (at >= code.length) throw error(fn, at, "execution falls off the end of the code");
      if (!boundary[at]) throw error(fn, at, "jump into the middle of an instruction");
      boolean changed = false;
      if (stackAt[at] == null) {
        stackAt[at] = stack.clone();
        localsAt[at] = locals.clone();
        changed = true;
      } else {
        byte[] s = stackAt[at];
        if (s.length != stack.length) {
          throw error(
              fn, at, "inconsistent stack depth (" + s.length + " and " + stack.length + ")");
        }
        for (int i = 0; i < s.length; i++) {
          byte m = join(s[i], stack[i]);
          if (m != s[i]) {
            s[i] = m;
            changed = true;
          }
        }
        byte[] l = localsAt[at];
        for (int i = 0; i < l.length; i++) {
          byte m = join(l[i], locals[i]);
          if (m != l[i]) {
            l[i] = m;
            changed = true;
          }
        }
      }
      if (changed && !queued[at]) {
        queued[at] = true;
        work.push(at);
      }
    }
  }

  private static byte join(byte a, byte b) {
    if (a == b) return a;
    if (a == CONFLICT || b == CONFLICT) return CONFLICT;
    if (a == ANY || b == ANY) return ANY;
    if (a == REF || b == REF) return CONFLICT;
    return PRIM; // two different primitive kinds
  }

  private static byte kindOf(char c) {
    return switch (c) {
      case 'i' -> I64;
      case 'f' -> F64;
      case 'p' -> PRIM;
      case 'r' -> REF;
      default -> ANY;
    };
  }

  private static boolean accepts(char expected, byte actual) {
    if (actual == ANY || expected == 'a') return true;
    return switch (expected) {
      case 'i' -> actual == I64 || actual == PRIM;
      case 'f' -> actual == F64 || actual == PRIM;
      case 'p' -> actual == I64 || actual == F64 || actual == PRIM;
      case 'r' -> actual == REF;
      default -> false;
    };
  }

  private static String expected(char c) {
    return switch (c) {
      case 'i' -> "an i64";
      case 'f' -> "an f64";
      case 'p' -> "a primitive";
      default -> "a reference";
    };
  }

  private static String found(byte k) {
    return switch (k) {
      case I64 -> "an i64";
      case F64 -> "an f64";
      case PRIM -> "a primitive";
      case REF -> "a reference";
      default -> "a value that is a primitive on one path and a reference on another";
    };
  }

  /**
   * Checks the kinds {@code op} pops from {@code stack} (depth {@code d}) and writes the kinds it
   * pushes; updates the locals it stores.
   */
  private void transfer(
      String fn,
      byte[] code,
      int at,
      Op op,
      byte[] stack,
      int d,
      int pops,
      byte[] loc,
      boolean[] declaredRef,
      int params,
      boolean closureBody,
      boolean returnsRef)
      throws SbcFormatException {
    int base = d - pops;
    switch (op) {
      case POP -> {}
      case DUP -> stack[d] = stack[d - 1];
      case SWAP -> {
        byte t = stack[d - 1];
        stack[d - 1] = stack[d - 2];
        stack[d - 2] = t;
      }
      case LOAD_LOCAL, BORROW, BORROW_MUT -> stack[d] = loc[Bytecode.u16(code, at + 1)];
      case STORE_LOCAL -> {
        int slot = Bytecode.u16(code, at + 1);
        byte v = stack[d - 1];
        if (slot == 0 && closureBody) {
          throw error(fn, at, op + " overwrites local 0, the closure this function loads from");
        }
        char want = declaredRef[slot] ? 'r' : 'p';
        if (!accepts(want, v)) {
          throw error(
              fn,
              at,
              op
                  + " stores "
                  + found(v)
                  + " into "
                  + (declaredRef[slot] ? "reference" : "primitive")
                  + " local "
                  + slot);
        }
        loc[slot] = v == ANY ? kindOf(want) : v;
      }
      case RETURN -> {
        char want = returnsRef ? 'r' : 'p';
        if (!accepts(want, stack[d - 1])) {
          throw error(
              fn,
              at,
              op
                  + " returns "
                  + found(stack[d - 1])
                  + " from a function that returns "
                  + (returnsRef ? "a reference" : "a primitive"));
        }
      }
      case CALL -> {
        int index = Bytecode.u32(code, at + 1);
        SbcFunction callee = known.apply(index);
        if (captures != null && captures[index] > 0) {
          throw error(
              fn, at, op + " calls `" + callee.name() + "` directly, but it is a closure body");
        }
        if (callee == null) {
          stack[base] = ANY;
          return;
        }
        for (int k = 0; k < pops; k++) {
          boolean ref = callee.localKinds().get(k) == SbcFunction.SlotKind.REF;
          if (!accepts(ref ? 'r' : 'p', stack[base + k])) {
            throw error(
                fn,
                at,
                op
                    + " passes "
                    + found(stack[base + k])
                    + " as "
                    + (ref ? "reference" : "primitive")
                    + " parameter "
                    + k
                    + " of `"
                    + callee.name()
                    + "`");
          }
        }
        stack[base] = callee.returnsRef() ? REF : PRIM;
      }
      case LOAD_CAPTURE -> {
        // the closure arrives as parameter 0 and stays there (STORE_LOCAL 0 is rejected below)
        if (params == 0 || !declaredRef[0]) {
          throw error(fn, at, op + " needs the closure, a reference parameter, in local 0");
        }
        stack[d] = REF;
      }
      default -> {
        String in = op.inKinds();
        if (op == Op.MAKE_CLOSURE || op == Op.FUNC_REF) checkClosureTarget(fn, code, at, op);
        if (op == Op.TO_STR_PRIM) {
          in =
              switch (PrimKind.fromCode(code[at + 1] & 0xFF)) {
                case F64, F32 -> "f";
                case U64 -> "i";
                case UNIT -> "p";
                default -> "i";
              };
        }
        for (int k = 0; k < pops; k++) {
          char want = in.startsWith("*") ? in.charAt(1) : in.charAt(k);
          if (!accepts(want, stack[base + k])) {
            throw error(
                fn,
                at,
                op
                    + " expects "
                    + expected(want)
                    + " but finds "
                    + found(stack[base + k])
                    + (pops > 1 ? " (operand " + (k + 1) + " of " + pops + ")" : ""));
          }
        }
        String out = op.outKinds();
        for (int k = 0; k < out.length(); k++) stack[base + k] = kindOf(out.charAt(k));
      }
    }
  }

  /**
   * A closure's function is called through CALL_LOCAL, which passes references and expects one: all
   * its parameters and its result must be references.
   */
  private void checkClosureTarget(String fn, byte[] code, int at, Op op) throws SbcFormatException {
    int index = Bytecode.u32(code, at + 1);
    SbcFunction target = known.apply(index);
    if (target == null) return;
    int needed = captures == null ? 0 : captures[index];
    int given = op == Op.MAKE_CLOSURE ? Bytecode.u16(code, at + 5) : 0;
    if (given < needed) {
      throw error(
          fn,
          at,
          op
              + " gives `"
              + target.name()
              + "` "
              + given
              + " captured values, but it loads captured value "
              + (needed - 1));
    }
    boolean ok = target.returnsRef();
    for (int k = 0; k < target.paramCount(); k++)
      ok &= target.localKinds().get(k) == SbcFunction.SlotKind.REF;
    if (!ok) {
      throw error(
          fn,
          at,
          op
              + " makes a closure of `"
              + target.name()
              + "`, which must take and return references only");
    }
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
