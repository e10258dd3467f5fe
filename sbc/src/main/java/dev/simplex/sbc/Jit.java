package dev.simplex.sbc;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The JIT tier (design.md): compiles hot SBC functions to JVM bytecode with ASM and loads them as
 * hidden classes. It takes only <em>pure</em> functions: every slot and the result primitive, only
 * stack, local, typed i64/f64 arithmetic and comparison, conversion and jump instructions, and
 * calls to functions that are pure themselves. Such a function cannot reach a checkpoint point (it
 * calls no runtime, allocates nothing, has no effects), so running it on the Java stack never hides
 * an execution context that a checkpoint would have to capture.
 *
 * <p>Because it has no effects, compiled code never raises a panic itself: where the interpreter
 * would panic (overflow, division by zero, a cast out of range, the frame limit) or the JVM stack
 * runs out, it throws {@link JitSupport.Deopt} and the interpreter runs the same call again from
 * its start, raising the exact panic with its Simplex stack trace.
 *
 * <p>Modes ({@code simplex run --jit=...}, system property {@code simplex.jit}): {@code off} never
 * compiles; {@code auto} (the default) compiles a function on its {@value #HOT_CALLS}th call;
 * {@code always} compiles every eligible function before its first call.
 */
final class Jit {
  static final int HOT_CALLS = 1_000;

  enum Mode {
    OFF,
    AUTO,
    ALWAYS;

    static Mode parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--jit must be off, auto or always, not '" + s + "'");
      }
    }

    /** The mode from the {@code simplex.jit} system property; {@code auto} when unset or bad. */
    static Mode configured() {
      String s = System.getProperty("simplex.jit");
      if (s == null) return AUTO;
      try {
        return parse(s);
      } catch (IllegalArgumentException e) {
        return AUTO;
      }
    }
  }

  /** A compiled function: reads its arguments from {@code p[base..]}, returns its result. */
  interface Entry {
    long invoke(long[] p, int base, int depth);
  }

  private static final Set<Op> PURE =
      EnumSet.of(
          Op.NOP,
          Op.MOVE,
          Op.DROP,
          Op.POP,
          Op.DUP,
          Op.SWAP,
          Op.PUSH_UNIT,
          Op.PUSH_TRUE,
          Op.PUSH_FALSE,
          Op.PUSH_I64,
          Op.PUSH_F64,
          Op.LOAD_LOCAL,
          Op.STORE_LOCAL,
          Op.ADD_I64,
          Op.SUB_I64,
          Op.MUL_I64,
          Op.DIV_I64,
          Op.REM_I64,
          Op.NEG_I64,
          Op.NARROW,
          Op.BAND_I64,
          Op.BOR_I64,
          Op.BXOR_I64,
          Op.SHL_I64,
          Op.SHR_I64,
          Op.BNOT_I64,
          Op.ADD_F64,
          Op.SUB_F64,
          Op.MUL_F64,
          Op.DIV_F64,
          Op.REM_F64,
          Op.NEG_F64,
          Op.EQ_I64,
          Op.NE_I64,
          Op.LT_I64,
          Op.LE_I64,
          Op.GT_I64,
          Op.GE_I64,
          Op.EQ_F64,
          Op.NE_F64,
          Op.LT_F64,
          Op.LE_F64,
          Op.GT_F64,
          Op.GE_F64,
          Op.NOT,
          Op.I64_TO_F64,
          Op.F64_TO_F32,
          Op.I64_TO_F32,
          Op.F64_TO_INT,
          Op.JUMP,
          Op.JUMP_IF_FALSE,
          Op.JUMP_IF_TRUE,
          Op.CALL,
          Op.RETURN);

  private static final Entry NOT_COMPILABLE = (p, base, depth) -> 0;
  private static final String SUPPORT = "dev/simplex/sbc/JitSupport";

  /**
   * Compiled code by the entry function's content hash, shared by every VM in this JVM: the hash
   * covers the function's canonical bytecode with its constants and its callees' hashes, which is
   * everything the generated class depends on, so a program run again (or many actors running one
   * module) reuses code HotSpot has already optimised. Bounded; past the bound nothing is added.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Entry> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int SHARED_MAX = 10_000;

  private final SbcModule module;
  private final SbcFunction[] functions;
  private final long[] constPrims;
  private final Mode mode;
  private final Entry[] entries;
  private final int[] calls;
  private int compiled;

  Jit(SbcModule module, SbcFunction[] functions, long[] constPrims, Mode mode) {
    this.module = module;
    this.functions = functions;
    this.constPrims = constPrims;
    this.mode = mode;
    this.entries = new Entry[functions.length];
    this.calls = new int[functions.length];
  }

  Mode mode() {
    return mode;
  }

  /** How many functions have been compiled so far. */
  synchronized int compiledCount() {
    return compiled;
  }

  /**
   * The compiled code of {@code fn}, or null to interpret it. In {@code auto} mode this counts the
   * call and compiles on the threshold; racy counts only move the moment of compiling.
   */
  /** Whether this tier may compile anything (false in {@code off} mode). */
  boolean enabled() {
    return mode != Mode.OFF;
  }

  Entry entry(int fn) {
    Entry e = entries[fn];
    if (e != null) return e == NOT_COMPILABLE ? null : e;
    if (mode == Mode.OFF) return null;
    if (mode == Mode.AUTO && ++calls[fn] < HOT_CALLS) return null;
    return compile(fn);
  }

  private synchronized Entry compile(int fn) {
    Entry e = entries[fn];
    if (e == null) {
      String key = module.hashHex(fn);
      e = SHARED.get(key);
      if (e == null) {
        List<Integer> group = pureClosure(fn);
        try {
          e = group == null ? NOT_COMPILABLE : define(fn, group);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
          e = NOT_COMPILABLE; // the verifier's guarantees make this unexpected: interpret instead
        }
        if (SHARED.size() < SHARED_MAX) SHARED.putIfAbsent(key, e);
      }
      if (e != NOT_COMPILABLE) compiled++;
      entries[fn] = e;
    }
    return e == NOT_COMPILABLE ? null : e;
  }

  /** {@code fn} and every function it may call, when all are pure; else null. */
  List<Integer> pureClosure(int fn) {
    Set<Integer> seen = new LinkedHashSet<>();
    Deque<Integer> todo = new ArrayDeque<>();
    todo.push(fn);
    while (!todo.isEmpty()) {
      int f = todo.pop();
      if (!seen.add(f)) continue;
      SbcFunction s = functions[f];
      if (s.returnsRef()) return null;
      for (SbcFunction.SlotKind k : s.localKinds()) if (k != SbcFunction.SlotKind.PRIM) return null;
      byte[] code = s.codeUnsafe();
      for (int pc = 0; pc < code.length; ) {
        Op op = Op.fromCode(code[pc] & 0xFF);
        if (op == null || !PURE.contains(op)) return null;
        if (op == Op.CALL) {
          int callee = Bytecode.u32(code, pc + 1);
          if (callee < 0 || callee >= functions.length) return null;
          todo.push(callee);
        }
        pc += op.size();
      }
    }
    return new ArrayList<>(seen);
  }

  private Entry define(int fn, List<Integer> group) throws ReflectiveOperationException {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    String name = "dev/simplex/sbc/JitCode";
    cw.visit(
        V21,
        ACC_FINAL | ACC_SYNTHETIC,
        name,
        null,
        "java/lang/Object",
        new String[] {"dev/simplex/sbc/Jit$Entry"});
    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    SbcFunction entry = functions[fn];
    MethodVisitor inv = cw.visitMethod(ACC_PUBLIC, "invoke", "([JII)J", null, null);
    inv.visitCode();
    for (int i = 0; i < entry.paramCount(); i++) {
      inv.visitVarInsn(ALOAD, 1);
      inv.visitVarInsn(ILOAD, 2);
      pushInt(inv, i);
      inv.visitInsn(IADD);
      inv.visitInsn(LALOAD);
    }
    inv.visitVarInsn(ILOAD, 3);
    inv.visitMethodInsn(INVOKESTATIC, name, "f" + fn, descriptor(entry), false);
    inv.visitInsn(LRETURN);
    inv.visitMaxs(0, 0);
    inv.visitEnd();

    for (int f : group) method(cw, name, f);
    cw.visitEnd();
    MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true);
    try {
      return (Entry)
          hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
    } catch (ReflectiveOperationException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static String descriptor(SbcFunction f) {
    return "(" + "J".repeat(f.paramCount()) + "I)J";
  }

  /** JVM local of SBC slot {@code k}: parameters first (two words each), then the depth int. */
  private static int jvmLocal(SbcFunction f, int k) {
    return k < f.paramCount() ? 2 * k : 2 * k + 1;
  }

  private void method(ClassWriter cw, String owner, int index) {
    SbcFunction f = functions[index];
    byte[] code = f.codeUnsafe();
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, "f" + index, descriptor(f), null, null);
    mv.visitCode();
    int depth = 2 * f.paramCount();
    mv.visitVarInsn(ILOAD, depth);
    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "depth", "(I)J", false);
    mv.visitInsn(POP2);
    for (int k = f.paramCount(); k < f.localCount(); k++) {
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, jvmLocal(f, k));
    }
    Map<Integer, Label> labels = new HashMap<>();
    Set<Integer> targets = new TreeSet<>();
    for (int pc = 0; pc < code.length; ) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == Op.JUMP || op == Op.JUMP_IF_FALSE || op == Op.JUMP_IF_TRUE)
        targets.add(Bytecode.u32(code, pc + 1));
      pc += op.size();
    }
    for (int t : targets) labels.put(t, new Label());
    for (int pc = 0; pc < code.length; ) {
      Label here = labels.get(pc);
      if (here != null) mv.visitLabel(here);
      Op op = Op.fromCode(code[pc] & 0xFF);
      switch (op) {
        case NOP, MOVE, DROP -> {}
        case POP -> mv.visitInsn(POP2);
        case DUP -> mv.visitInsn(DUP2);
        case SWAP -> {
          mv.visitInsn(DUP2_X2);
          mv.visitInsn(POP2);
        }
        case PUSH_UNIT, PUSH_FALSE -> mv.visitInsn(LCONST_0);
        case PUSH_TRUE -> mv.visitInsn(LCONST_1);
        case PUSH_I64, PUSH_F64 -> mv.visitLdcInsn(constPrims[Bytecode.u32(code, pc + 1)]);
        case LOAD_LOCAL -> mv.visitVarInsn(LLOAD, jvmLocal(f, Bytecode.u16(code, pc + 1)));
        case STORE_LOCAL -> mv.visitVarInsn(LSTORE, jvmLocal(f, Bytecode.u16(code, pc + 1)));
        case ADD_I64 -> support(mv, "add", "(JJ)J");
        case SUB_I64 -> support(mv, "sub", "(JJ)J");
        case MUL_I64 -> support(mv, "mul", "(JJ)J");
        case DIV_I64 -> support(mv, "div", "(JJ)J");
        case REM_I64 -> support(mv, "rem", "(JJ)J");
        case NEG_I64 -> support(mv, "neg", "(J)J");
        case NARROW -> kinded(mv, code[pc + 1], "narrow", "(JI)J");
        case BAND_I64 -> mv.visitInsn(LAND);
        case BOR_I64 -> mv.visitInsn(LOR);
        case BXOR_I64 -> mv.visitInsn(LXOR);
        case SHL_I64 -> kinded(mv, code[pc + 1], "shl", "(JJI)J");
        case SHR_I64 -> kinded(mv, code[pc + 1], "shr", "(JJI)J");
        case BNOT_I64 -> kinded(mv, code[pc + 1], "bnot", "(JI)J");
        case ADD_F64 -> support(mv, "addF", "(JJ)J");
        case SUB_F64 -> support(mv, "subF", "(JJ)J");
        case MUL_F64 -> support(mv, "mulF", "(JJ)J");
        case DIV_F64 -> support(mv, "divF", "(JJ)J");
        case REM_F64 -> support(mv, "remF", "(JJ)J");
        case NEG_F64 -> support(mv, "negF", "(J)J");
        case EQ_I64 -> support(mv, "eq", "(JJ)J");
        case NE_I64 -> support(mv, "ne", "(JJ)J");
        case LT_I64 -> support(mv, "lt", "(JJ)J");
        case LE_I64 -> support(mv, "le", "(JJ)J");
        case GT_I64 -> support(mv, "gt", "(JJ)J");
        case GE_I64 -> support(mv, "ge", "(JJ)J");
        case EQ_F64 -> support(mv, "eqF", "(JJ)J");
        case NE_F64 -> support(mv, "neF", "(JJ)J");
        case LT_F64 -> support(mv, "ltF", "(JJ)J");
        case LE_F64 -> support(mv, "leF", "(JJ)J");
        case GT_F64 -> support(mv, "gtF", "(JJ)J");
        case GE_F64 -> support(mv, "geF", "(JJ)J");
        case NOT -> support(mv, "not", "(J)J");
        case I64_TO_F64 -> support(mv, "toF", "(J)J");
        case F64_TO_F32 -> support(mv, "roundF32", "(J)J");
        case I64_TO_F32 -> support(mv, "toF32", "(J)J");
        case F64_TO_INT -> kinded(mv, code[pc + 1], "toInt", "(JI)J");
        case JUMP -> mv.visitJumpInsn(GOTO, labels.get(Bytecode.u32(code, pc + 1)));
        case JUMP_IF_FALSE, JUMP_IF_TRUE -> {
          mv.visitInsn(LCONST_0);
          mv.visitInsn(LCMP);
          mv.visitJumpInsn(
              op == Op.JUMP_IF_FALSE ? IFEQ : IFNE, labels.get(Bytecode.u32(code, pc + 1)));
        }
        case CALL -> {
          int callee = Bytecode.u32(code, pc + 1);
          mv.visitVarInsn(ILOAD, depth);
          mv.visitInsn(ICONST_1);
          mv.visitInsn(IADD);
          mv.visitMethodInsn(
              INVOKESTATIC, owner, "f" + callee, descriptor(functions[callee]), false);
        }
        case RETURN -> mv.visitInsn(LRETURN);
        default -> throw new IllegalStateException("not a pure instruction: " + op);
      }
      pc += op.size();
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void support(MethodVisitor mv, String method, String desc) {
    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, method, desc, false);
  }

  private static void kinded(MethodVisitor mv, byte kind, String method, String desc) {
    pushInt(mv, kind);
    support(mv, method, desc);
  }

  private static void pushInt(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
    else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
    else mv.visitIntInsn(SIPUSH, v);
  }
}
