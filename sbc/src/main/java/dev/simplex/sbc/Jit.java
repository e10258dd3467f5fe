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
 * hidden classes. It takes a function when it and every function it may call use only the
 * instructions below: stack, local, typed i64/f64 arithmetic and comparison, conversion, jumps and
 * calls; and, on references, list reads and writes ({@code LIST_GET}, {@code LIST_SET}, {@code
 * LIST_LEN}, {@code LIST_PUSH}, unboxed for f64 lists), struct field loads and stores, boxing,
 * string constants, borrows, list and map literals, every built-in ({@code CALL_NATIVE}; {@code
 * list_len} and {@code f64_math} inline, the others through the interpreter's method handles),
 * printing, formatting, enum tests and payloads, {@code PANIC}, and the actor instructions {@code
 * MAKE_MESSAGE}, {@code SEND}, {@code SELF} and {@code SPAWN}. A send hands its message to the
 * runtime and never runs a handler; a spawn runs the new actor's {@code init} in a context of its
 * own; no built-in captures or suspends the caller; none of the others asks, receives or
 * checkpoints, so no checkpoint point is reachable from compiled code, and running it on the Java
 * stack never hides an execution context that a checkpoint would capture. Anything else (map reads
 * and writes, closures, asks, awaits) keeps the function interpreted.
 *
 * <p>Panics: a <em>pure</em> group (every slot and result primitive, no reference instruction) has
 * no effects, so where the interpreter would panic (overflow, division by zero, a cast out of
 * range, the frame limit) or the JVM stack runs out, its code throws {@link JitSupport.Deopt} and
 * the interpreter runs the same call again from its start, raising the exact panic with its Simplex
 * stack trace. A group with references may have changed lists or structs before it fails, so it is
 * never run again (nor compiled when recursive, so the JVM's stack never runs out inside it): its
 * code raises the interpreter's panic itself ({@link JitSupport.Panic}), and each compiled frame it
 * unwinds through adds its function and offset, so the message and the Simplex stack trace are the
 * interpreter's.
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

  /**
   * A compiled function: reads its arguments from {@code p[base..]} and {@code r[base..]} by their
   * kinds, leaves a reference result in {@code r[base]} (null for a primitive one) and returns a
   * primitive result (0 for a reference one).
   */
  interface Entry {
    long invoke(long[] p, Object[] r, int base, int depth, JitSupport.Env env);
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

  /** What a group with references may use besides {@link #PURE}. */
  private static final Set<Op> WITH_REFS =
      EnumSet.of(
          Op.PUSH_STR,
          Op.LIST_GET,
          Op.LIST_SET,
          Op.LIST_LEN,
          Op.LOAD_FIELD,
          Op.STORE_FIELD,
          Op.BOX_I64,
          Op.BOX_F64,
          Op.BOX_BOOL,
          Op.BOX_UNIT,
          Op.UNBOX_I64,
          Op.UNBOX_F64,
          Op.UNBOX_BOOL,
          Op.BORROW,
          Op.BORROW_MUT,
          Op.CALL_NATIVE,
          Op.LIST_NEW,
          Op.CONCAT,
          Op.TO_STR_PRIM,
          Op.TO_STR_REF,
          Op.FORMAT,
          Op.PRINT,
          Op.MATCH_TAG,
          Op.LOAD_PAYLOAD,
          Op.MAKE_MESSAGE,
          Op.SEND,
          Op.SELF,
          Op.SPAWN,
          Op.MAP_NEW,
          Op.LIST_PUSH,
          Op.PANIC);

  private static final int LIST_LEN_NATIVE = Natives.indexOf("list_len");
  private static final int F64_MATH_NATIVE = Natives.indexOf("f64_math");

  private static final Entry NOT_COMPILABLE = (p, r, base, depth, env) -> 0;
  private static final String ENV = "Ldev/simplex/sbc/JitSupport$Env;";
  private static final String MESSAGE = "Ldev/simplex/sbc/Message;";
  private static final String SUPPORT = "dev/simplex/sbc/JitSupport";
  private static final String PANIC = "dev/simplex/sbc/JitSupport$Panic";
  private static final String OBJ = "Ljava/lang/Object;";

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
  private final Object[] constRefs;
  private final Mode mode;
  private final Entry[] entries;
  private final int[] calls;
  // per function: 0 not looked at yet, 1 no backward jump, 2 a loop; a handler without a loop is
  // asked about on every message, so the scan runs once
  private final byte[] loops;
  private final boolean[] rerun;
  private int compiled;

  Jit(SbcModule module, SbcFunction[] functions, long[] constPrims, Object[] constRefs, Mode mode) {
    this.module = module;
    this.functions = functions;
    this.constPrims = constPrims;
    this.constRefs = constRefs;
    this.mode = mode;
    this.entries = new Entry[functions.length];
    this.calls = new int[functions.length];
    this.loops = new byte[functions.length];
    this.rerun = new boolean[functions.length];
  }

  Mode mode() {
    return mode;
  }

  /** How many functions have been compiled so far. */
  synchronized int compiledCount() {
    return compiled;
  }

  /** Whether this tier may compile anything (false in {@code off} mode). */
  boolean enabled() {
    return mode != Mode.OFF;
  }

  /**
   * The compiled code of {@code fn}, or null to interpret it. In {@code auto} mode this counts the
   * call and compiles on the threshold; racy counts only move the moment of compiling.
   */
  Entry entry(int fn) {
    Entry e = entries[fn];
    if (e != null) return e == NOT_COMPILABLE ? null : e;
    if (mode == Mode.OFF) return null;
    if (mode == Mode.AUTO && ++calls[fn] < HOT_CALLS && !loops(fn)) {
      // code already compiled in this JVM (an earlier run of the program, another module with the
      // function) is used from the first call: interpreting it again would only re-profile the
      // interpreter's loop with a body that compiled code runs
      if (calls[fn] > 1 || !SHARED.containsKey(module.hashHex(fn))) return null;
    }
    return compile(fn);
  }

  /**
   * Whether {@code fn} has a backward jump: in {@code auto} mode such a function is compiled on its
   * first call (a loop makes even one call hot), so its body is never profiled by the interpreter's
   * loop only to run compiled afterwards.
   */
  private boolean loops(int fn) {
    byte known = loops[fn];
    if (known == 0) loops[fn] = known = scanForLoop(fn) ? (byte) 2 : (byte) 1;
    return known == 2;
  }

  private boolean scanForLoop(int fn) {
    byte[] code = functions[fn].codeUnsafe();
    for (int pc = 0; pc < code.length; ) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null) return false;
      if ((op == Op.JUMP || op == Op.JUMP_IF_FALSE || op == Op.JUMP_IF_TRUE)
          && Bytecode.u32(code, pc + 1) <= pc) return true;
      pc += op.size();
    }
    return false;
  }

  /**
   * Compiled code to run {@code fn} as the entry of a run (a program's {@code main}, an actor's
   * handler): in {@code auto} mode when it has a loop (a {@code main} runs once), or on its {@value
   * #HOT_CALLS}th run (a handler runs once per message); null to interpret it.
   */
  Entry entryOfRun(int fn) {
    Entry e = entries[fn];
    if (e != null) return e == NOT_COMPILABLE ? null : e;
    if (mode == Mode.OFF || (mode == Mode.AUTO && !loops(fn) && ++calls[fn] < HOT_CALLS))
      return null;
    return compile(fn);
  }

  private synchronized Entry compile(int fn) {
    Entry e = entries[fn];
    if (e == null) {
      String key = module.hashHex(fn);
      e = SHARED.get(key);
      if (e == null) {
        Group group = closure(fn);
        try {
          e = group == null ? NOT_COMPILABLE : define(fn, group);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
          e = NOT_COMPILABLE; // the verifier's guarantees make this unexpected: interpret instead
        }
        // shared by hash only where the group is laid out the same in every module with this
        // hash: a group holding two functions of one hash could be ordered differently elsewhere
        if (SHARED.size() < SHARED_MAX && (group == null || group.distinctHashes()))
          SHARED.putIfAbsent(key, e);
      }
      if (e != NOT_COMPILABLE) {
        compiled++;
        Group g = closure(fn);
        rerun[fn] = g != null && g.pure();
      }
      entries[fn] = e;
    }
    return e == NOT_COMPILABLE ? null : e;
  }

  /**
   * The functions of a compiled group, entry first, the JVM kinds ({@code 'J'} or {@code 'L'}) of
   * the operand stack before each instruction of each, and whether the group is pure.
   */
  private record Group(
      List<Integer> fns, Map<Integer, String[]> kinds, boolean pure, String[] hashes) {
    boolean distinctHashes() {
      return new java.util.HashSet<>(List.of(hashes)).size() == hashes.length;
    }
  }

  /** Whether compiled {@code fn} hands a failing call back to be run again (it is pure). */
  boolean rerunsOnFailure(int fn) {
    return rerun[fn];
  }

  /**
   * The frames a {@link JitSupport.Panic} raised under compiled {@code entryFn} unwound, innermost
   * first, as (function index, pc) pairs of this module.
   */
  int[] framesOf(int entryFn, JitSupport.Panic panic) {
    Group g = closure(entryFn);
    int[] out = new int[panic.count * 2];
    for (int i = 0; i < panic.count; i++) {
      int pos = panic.frames[2 * i];
      out[2 * i] = g == null || pos >= g.fns().size() ? entryFn : g.fns().get(pos);
      out[2 * i + 1] = panic.frames[2 * i + 1];
    }
    return out;
  }

  /** {@code fn} and every function it may call, when all are compilable; else null. */
  private Group closure(int fn) {
    List<Integer> fns = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    Deque<Integer> todo = new ArrayDeque<>();
    todo.push(fn);
    boolean pure = true;
    while (!todo.isEmpty()) {
      int f = todo.pop();
      if (!seen.add(f)) continue;
      fns.add(f);
      SbcFunction s = functions[f];
      if (s.returnsRef()) pure = false;
      for (SbcFunction.SlotKind k : s.localKinds())
        if (k != SbcFunction.SlotKind.PRIM) pure = false;
      byte[] code = s.codeUnsafe();
      for (int pc = 0; pc < code.length; ) {
        Op op = Op.fromCode(code[pc] & 0xFF);
        if (op == null) return null;
        if (!PURE.contains(op)) {
          if (!WITH_REFS.contains(op)) return null;
          pure = false;
        }
        if (op == Op.CALL_NATIVE) {
          int nat = Bytecode.u16(code, pc + 1);
          if (nat >= Natives.count() || Bytecode.u16(code, pc + 3) != Natives.arity(nat))
            return null;
        }
        if (op == Op.SPAWN) {
          int type = Bytecode.u32(code, pc + 1);
          if (type < 0 || type >= module.types().size() || Bytecode.u16(code, pc + 5) < 2)
            return null;
        }
        if (op == Op.CALL) {
          int callee = Bytecode.u32(code, pc + 1);
          if (callee < 0 || callee >= functions.length) return null;
          todo.push(callee);
        }
        pc += op.size();
      }
    }
    // Recursion only in pure groups: they hand a JVM stack overflow back to the interpreter, which
    // raises its panic with the full trace; a group with references could not be run again.
    if (!pure && cyclic(fns)) return null;
    Map<Integer, String[]> kinds = new HashMap<>();
    for (int f : fns) {
      String[] k = stackKinds(functions[f]);
      if (k == null) return null;
      kinds.put(f, k);
    }
    String[] hashes = new String[fns.size()];
    for (int i = 0; i < hashes.length; i++) hashes[i] = module.hashHex(fns.get(i));
    return new Group(fns, kinds, pure, hashes);
  }

  /** Whether the calls among {@code fns} form a cycle (some function can reach itself). */
  private boolean cyclic(List<Integer> fns) {
    Map<Integer, Integer> state = new HashMap<>(); // 1 on the DFS path, 2 done
    for (int f : fns) if (reachesPath(f, state)) return true;
    return false;
  }

  private boolean reachesPath(int f, Map<Integer, Integer> state) {
    Integer s = state.get(f);
    if (s != null) return s == 1;
    state.put(f, 1);
    byte[] code = functions[f].codeUnsafe();
    for (int pc = 0; pc < code.length; ) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == Op.CALL && reachesPath(Bytecode.u32(code, pc + 1), state)) return true;
      pc += op.size();
    }
    state.put(f, 2);
    return false;
  }

  private static char jvmKind(SbcFunction f, int slot) {
    return f.localKinds().get(slot) == SbcFunction.SlotKind.REF ? 'L' : 'J';
  }

  /**
   * The JVM kinds of the operand stack before each instruction of {@code f} (null where none starts
   * or it is unreachable), or null when a value's kind differs between paths, or a store, call or
   * return meets a value of the other kind.
   */
  private String[] stackKinds(SbcFunction f) {
    byte[] code = f.codeUnsafe();
    String[] at = new String[code.length];
    Deque<Integer> work = new ArrayDeque<>();
    at[0] = "";
    work.push(0);
    while (!work.isEmpty()) {
      int pc = work.pop();
      String st = at[pc];
      Op op = Op.fromCode(code[pc] & 0xFF);
      int d = st.length();
      String out;
      switch (op) {
        case LOAD_LOCAL, BORROW, BORROW_MUT -> out = st + jvmKind(f, Bytecode.u16(code, pc + 1));
        case STORE_LOCAL -> {
          if (d < 1 || st.charAt(d - 1) != jvmKind(f, Bytecode.u16(code, pc + 1))) return null;
          out = st.substring(0, d - 1);
        }
        case DUP -> {
          if (d < 1) return null;
          out = st + st.charAt(d - 1);
        }
        case SWAP -> {
          if (d < 2) return null;
          out = st.substring(0, d - 2) + st.charAt(d - 1) + st.charAt(d - 2);
        }
        case POP -> {
          if (d < 1) return null;
          out = st.substring(0, d - 1);
        }
        case RETURN -> {
          if (d < 1 || st.charAt(d - 1) != (f.returnsRef() ? 'L' : 'J')) return null;
          out = null;
        }
        case PANIC -> { // no successor: what follows is reached, if at all, by a jump
          if (d < 1 || st.charAt(d - 1) != 'L') return null;
          out = null;
        }
        case CALL -> {
          SbcFunction callee = functions[Bytecode.u32(code, pc + 1)];
          int n = callee.paramCount();
          if (d < n) return null;
          for (int i = 0; i < n; i++) if (st.charAt(d - n + i) != jvmKind(callee, i)) return null;
          out = st.substring(0, d - n) + (callee.returnsRef() ? 'L' : 'J');
        }
        case MAKE_MESSAGE -> {
          int count = Bytecode.u16(code, pc + 5);
          if (d < count) return null;
          for (int i = d - count; i < d; i++) if (st.charAt(i) != 'L') return null;
          out = st.substring(0, d - count) + 'L';
        }
        case LIST_NEW, CALL_NATIVE, SPAWN, MAP_NEW -> {
          int count =
              switch (op) {
                case LIST_NEW -> Bytecode.u16(code, pc + 1);
                case CALL_NATIVE -> Bytecode.u16(code, pc + 3);
                case SPAWN -> Bytecode.u16(code, pc + 5);
                default -> 2 * Bytecode.u16(code, pc + 1); // MAP_NEW: keys and values
              };
          if (d < count) return null;
          for (int i = d - count; i < d; i++) if (st.charAt(i) != 'L') return null;
          out = st.substring(0, d - count) + 'L';
        }
        default -> {
          String in = op.inKinds(), o = op.outKinds();
          if (in.contains("*") || in.contains("a") || o.contains("a")) return null;
          int n = in.length();
          if (d < n) return null;
          for (int i = 0; i < n; i++) {
            char want = in.charAt(i) == 'r' ? 'L' : 'J';
            if (st.charAt(d - n + i) != want) return null;
          }
          StringBuilder sb = new StringBuilder(st.substring(0, d - n));
          for (int i = 0; i < o.length(); i++) sb.append(o.charAt(i) == 'r' ? 'L' : 'J');
          out = sb.toString();
        }
      }
      if (out == null) continue;
      int next = pc + op.size();
      int[] succ =
          switch (op) {
            case JUMP -> new int[] {Bytecode.u32(code, pc + 1)};
            case JUMP_IF_FALSE, JUMP_IF_TRUE -> new int[] {Bytecode.u32(code, pc + 1), next};
            default -> new int[] {next};
          };
      for (int t : succ) {
        if (t < 0 || t >= code.length) return null;
        if (at[t] == null) {
          at[t] = out;
          work.push(t);
        } else if (!at[t].equals(out)) return null;
      }
    }
    return at;
  }

  private Entry define(int fn, Group group) throws ReflectiveOperationException {
    ClassWriter cw =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
          @Override
          protected String getCommonSuperClass(String a, String b) {
            return "java/lang/Object"; // every reference the code keeps is typed Object
          }
        };
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
    MethodVisitor inv =
        cw.visitMethod(ACC_PUBLIC, "invoke", "([J[Ljava/lang/Object;II" + ENV + ")J", null, null);
    inv.visitCode();
    for (int i = 0; i < entry.paramCount(); i++) {
      boolean ref = jvmKind(entry, i) == 'L';
      inv.visitVarInsn(ALOAD, ref ? 2 : 1);
      inv.visitVarInsn(ILOAD, 3);
      pushInt(inv, i);
      inv.visitInsn(IADD);
      inv.visitInsn(ref ? AALOAD : LALOAD);
    }
    inv.visitVarInsn(ILOAD, 4);
    inv.visitVarInsn(ALOAD, 5);
    inv.visitMethodInsn(INVOKESTATIC, name, "f" + fn, descriptor(entry), false);
    if (entry.returnsRef()) {
      inv.visitVarInsn(ASTORE, 6);
      inv.visitVarInsn(ALOAD, 2);
      inv.visitVarInsn(ILOAD, 3);
      inv.visitVarInsn(ALOAD, 6);
      inv.visitInsn(AASTORE);
      inv.visitInsn(LCONST_0);
    } else {
      inv.visitVarInsn(LSTORE, 6);
      inv.visitVarInsn(ALOAD, 2);
      inv.visitVarInsn(ILOAD, 3);
      inv.visitInsn(ACONST_NULL);
      inv.visitInsn(AASTORE);
      inv.visitVarInsn(LLOAD, 6);
    }
    inv.visitInsn(LRETURN);
    inv.visitMaxs(0, 0);
    inv.visitEnd();

    for (int i = 0; i < group.fns().size(); i++) method(cw, name, group, i);
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
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < f.paramCount(); i++) sb.append(jvmKind(f, i) == 'L' ? OBJ : "J");
    return sb.append("I" + ENV + ")").append(f.returnsRef() ? OBJ : "J").toString();
  }

  /**
   * JVM local of each SBC slot of {@code f}: parameters first (two words for a primitive, one for a
   * reference), then the depth int ({@code [n]}) and the PrintStream ({@code [n] + 1}), then the
   * other locals; {@code [n + 1]} is the first free local (scratch for LIST_NEW).
   */
  private static int[] layout(SbcFunction f) {
    int n = f.localCount();
    int[] at = new int[n + 2];
    int next = 0;
    for (int k = 0; k < f.paramCount(); k++) {
      at[k] = next;
      next += jvmKind(f, k) == 'L' ? 1 : 2;
    }
    at[n] = next;
    next += 2;
    for (int k = f.paramCount(); k < n; k++) {
      at[k] = next;
      next += jvmKind(f, k) == 'L' ? 1 : 2;
    }
    at[n + 1] = next;
    return at;
  }

  /** Instructions whose code may raise a panic (so a group with references records its frame). */
  private static final Set<Op> MAY_PANIC =
      EnumSet.of(
          Op.ADD_I64,
          Op.SUB_I64,
          Op.MUL_I64,
          Op.DIV_I64,
          Op.REM_I64,
          Op.NEG_I64,
          Op.NARROW,
          Op.SHL_I64,
          Op.SHR_I64,
          Op.F64_TO_INT,
          Op.LIST_GET,
          Op.LIST_SET,
          Op.LOAD_FIELD,
          Op.FORMAT,
          Op.SEND,
          Op.SELF,
          Op.SPAWN,
          Op.CALL_NATIVE,
          Op.PANIC,
          Op.CALL);

  private void method(ClassWriter cw, String owner, Group group, int position) {
    int index = group.fns().get(position);
    SbcFunction f = functions[index];
    String[] kinds = group.kinds().get(index);
    boolean panics = !group.pure();
    String x = panics ? "P" : ""; // the support methods that panic rather than deoptimise
    byte[] code = f.codeUnsafe();
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, "f" + index, descriptor(f), null, null);
    mv.visitCode();
    int[] slot = layout(f);
    int depth = slot[f.localCount()];
    int scratch = slot[f.localCount() + 1];
    mv.visitVarInsn(ILOAD, depth);
    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "depth" + x, "(I)J", false);
    mv.visitInsn(POP2);
    for (int k = f.paramCount(); k < f.localCount(); k++) {
      boolean ref = jvmKind(f, k) == 'L';
      mv.visitInsn(ref ? ACONST_NULL : LCONST_0);
      mv.visitVarInsn(ref ? ASTORE : LSTORE, slot[k]);
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
    List<int[]> handlerAt = new ArrayList<>(); // (pc) of each handler, beside handlerLabels
    List<Label> handlerLabels = new ArrayList<>();
    for (int pc = 0; pc < code.length; ) {
      Label here = labels.get(pc);
      if (here != null) mv.visitLabel(here);
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (kinds[pc] == null) { // unreachable: nothing to emit
        pc += op.size();
        continue;
      }
      String st = kinds[pc];
      int d = st.length();
      Label end = null;
      // the instruction run this step covers (peepholes fuse a following one that no jump enters)
      int size = op.size();
      int panicPc = pc;
      Op next = pc + size < code.length ? Op.fromCode(code[pc + size] & 0xFF) : null;
      boolean fuseNext = next != null && !targets.contains(pc + size);
      if (op == Op.BOX_F64 && fuseNext && next == Op.LIST_SET) panicPc = pc + size;
      if (panics && (MAY_PANIC.contains(op) || panicPc != pc)) {
        Label start = new Label(), handler = new Label();
        end = new Label();
        mv.visitTryCatchBlock(start, end, handler, PANIC);
        mv.visitLabel(start);
        handlerAt.add(new int[] {panicPc});
        handlerLabels.add(handler);
      }
      switch (op) {
        case NOP, MOVE, DROP -> {}
        case POP -> mv.visitInsn(st.charAt(d - 1) == 'L' ? POP : POP2);
        case DUP -> mv.visitInsn(st.charAt(d - 1) == 'L' ? DUP : DUP2);
        case SWAP -> {
          char below = st.charAt(d - 2), top = st.charAt(d - 1);
          if (below == 'J' && top == 'J') {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
          } else if (below == 'L' && top == 'L') {
            mv.visitInsn(SWAP);
          } else if (below == 'J') {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
          } else {
            mv.visitInsn(DUP2_X1);
            mv.visitInsn(POP2);
          }
        }
        case PUSH_UNIT, PUSH_FALSE -> mv.visitInsn(LCONST_0);
        case PUSH_TRUE -> mv.visitInsn(LCONST_1);
        case PUSH_I64, PUSH_F64 -> mv.visitLdcInsn(constPrims[Bytecode.u32(code, pc + 1)]);
        case PUSH_STR -> mv.visitLdcInsn((String) constRefs[Bytecode.u32(code, pc + 1)]);
        case LOAD_LOCAL, BORROW, BORROW_MUT -> {
          int k = Bytecode.u16(code, pc + 1);
          mv.visitVarInsn(jvmKind(f, k) == 'L' ? ALOAD : LLOAD, slot[k]);
        }
        case STORE_LOCAL -> {
          int k = Bytecode.u16(code, pc + 1);
          mv.visitVarInsn(jvmKind(f, k) == 'L' ? ASTORE : LSTORE, slot[k]);
        }
        case ADD_I64 -> support(mv, "add" + x, "(JJ)J");
        case SUB_I64 -> support(mv, "sub" + x, "(JJ)J");
        case MUL_I64 -> support(mv, "mul" + x, "(JJ)J");
        case DIV_I64 -> support(mv, "div" + x, "(JJ)J");
        case REM_I64 -> support(mv, "rem" + x, "(JJ)J");
        case NEG_I64 -> support(mv, "neg" + x, "(J)J");
        case NARROW -> kinded(mv, code[pc + 1], "narrow" + x, "(JI)J");
        case BAND_I64 -> mv.visitInsn(LAND);
        case BOR_I64 -> mv.visitInsn(LOR);
        case BXOR_I64 -> mv.visitInsn(LXOR);
        case SHL_I64 -> kinded(mv, code[pc + 1], "shl" + x, "(JJI)J");
        case SHR_I64 -> kinded(mv, code[pc + 1], "shr" + x, "(JJI)J");
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
        case F64_TO_INT -> kinded(mv, code[pc + 1], "toInt" + x, "(JI)J");
        case BOX_I64 -> support(mv, "boxI", "(J)" + OBJ);
        case BOX_BOOL -> support(mv, "boxB", "(J)" + OBJ);
        case BOX_UNIT -> support(mv, "boxUnit", "(J)" + OBJ);
        case UNBOX_I64 -> support(mv, "unboxI", "(" + OBJ + ")J");
        case UNBOX_F64 -> support(mv, "unboxF", "(" + OBJ + ")J");
        case UNBOX_BOOL -> support(mv, "unboxB", "(" + OBJ + ")J");
        case BOX_F64 -> {
          if (fuseNext && next == Op.LIST_SET) {
            support(mv, "listSetF", "(" + OBJ + "JJ)V");
            size += next.size();
          } else if (fuseNext
              && next == Op.PUSH_STR
              && f64MathAt(code, pc + size + next.size(), targets)) {
            String math = (String) constRefs[Bytecode.u32(code, pc + size + 1)];
            if (math.equals("sqrt")) support(mv, "sqrtF", "(J)J");
            else {
              mv.visitLdcInsn(math);
              support(mv, "f64Math", "(JLjava/lang/String;)J");
            }
            size += next.size() + Op.CALL_NATIVE.size() + Op.UNBOX_F64.size();
          } else support(mv, "boxF", "(J)" + OBJ);
        }
        case LIST_GET -> {
          if (fuseNext && next == Op.UNBOX_F64) {
            support(mv, "listGetF", "(" + OBJ + "J)J");
            size += next.size();
          } else support(mv, "listGet", "(" + OBJ + "J)" + OBJ);
        }
        case LIST_SET -> support(mv, "listSet", "(" + OBJ + "J" + OBJ + ")V");
        case LIST_LEN -> support(mv, "listLen", "(" + OBJ + ")J");
        case LOAD_FIELD -> {
          pushInt(mv, Bytecode.u16(code, pc + 1));
          support(mv, "loadField", "(" + OBJ + "I)" + OBJ);
        }
        case STORE_FIELD -> {
          pushInt(mv, Bytecode.u16(code, pc + 1));
          support(mv, "storeField", "(" + OBJ + OBJ + "I)V");
        }
        case CALL_NATIVE -> {
          int nat = Bytecode.u16(code, pc + 1);
          if (nat == LIST_LEN_NATIVE) {
            if (fuseNext && next == Op.UNBOX_I64) {
              support(mv, "listLen", "(" + OBJ + ")J");
              size += next.size();
            } else support(mv, "listLenBoxed", "(" + OBJ + ")" + OBJ);
          } else if (nat == F64_MATH_NATIVE) {
            support(mv, "f64MathBoxed", "(" + OBJ + OBJ + ")" + OBJ);
          } else {
            popIntoArray(mv, Bytecode.u16(code, pc + 3), scratch);
            pushInt(mv, nat);
            mv.visitVarInsn(ALOAD, depth + 1);
            support(mv, "callNative", "([Ljava/lang/Object;I" + ENV + ")" + OBJ);
          }
        }
        case SPAWN -> {
          popIntoArray(mv, Bytecode.u16(code, pc + 5), scratch);
          mv.visitLdcInsn(module.types().get(Bytecode.u32(code, pc + 1)).name());
          mv.visitVarInsn(ALOAD, depth + 1);
          support(mv, "spawn", "([Ljava/lang/Object;Ljava/lang/String;" + ENV + ")" + OBJ);
        }
        case MAP_NEW -> {
          popIntoArray(mv, 2 * Bytecode.u16(code, pc + 1), scratch);
          support(mv, "mapNew", "([Ljava/lang/Object;)" + OBJ);
        }
        case LIST_PUSH -> support(mv, "listPush", "(" + OBJ + OBJ + ")V");
        case LIST_NEW -> {
          popIntoArray(mv, Bytecode.u16(code, pc + 1), scratch);
          support(mv, "listNew", "([Ljava/lang/Object;)" + OBJ);
        }
        case CONCAT -> support(mv, "concat", "(" + OBJ + OBJ + ")" + OBJ);
        case TO_STR_PRIM -> kinded(mv, code[pc + 1], "toStrPrim", "(JI)" + OBJ);
        case TO_STR_REF -> support(mv, "toStrRef", "(" + OBJ + ")" + OBJ);
        case FORMAT -> {
          mv.visitLdcInsn((String) constRefs[Bytecode.u32(code, pc + 1)]);
          support(mv, "format", "(" + OBJ + "Ljava/lang/String;)" + OBJ);
        }
        case PRINT -> {
          mv.visitVarInsn(ALOAD, depth + 1);
          support(mv, "print", "(" + OBJ + ENV + ")V");
        }
        case SEND -> {
          mv.visitVarInsn(ALOAD, depth + 1);
          support(mv, "send", "(" + OBJ + OBJ + ENV + ")V");
        }
        case SELF -> {
          mv.visitVarInsn(ALOAD, depth + 1);
          support(mv, "self", "(" + ENV + ")" + OBJ);
        }
        case PANIC -> {
          support(mv, "panic", "(" + OBJ + ")L" + PANIC + ";");
          mv.visitInsn(ATHROW);
        }
        case MATCH_TAG -> {
          pushInt(mv, code[pc + 1] & 0xFF);
          support(mv, "matchTag", "(" + OBJ + "I)J");
        }
        case LOAD_PAYLOAD -> {
          pushInt(mv, Bytecode.u16(code, pc + 1));
          support(mv, "payload", "(" + OBJ + "I)" + OBJ);
        }
        case MAKE_MESSAGE -> {
          String message = (String) constRefs[Bytecode.u32(code, pc + 1)];
          int count = Bytecode.u16(code, pc + 5);
          if (count == 0) { // one value per class: a message without arguments cannot change
            String field = "bare" + position + "_" + pc;
            cw.visitField(ACC_PRIVATE | ACC_STATIC, field, MESSAGE, null, null).visitEnd();
            Label known = new Label();
            mv.visitFieldInsn(GETSTATIC, owner, field, MESSAGE);
            mv.visitInsn(DUP);
            mv.visitJumpInsn(IFNONNULL, known);
            mv.visitInsn(POP);
            mv.visitLdcInsn(message);
            support(mv, "bareMessage", "(Ljava/lang/String;)" + MESSAGE);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(PUTSTATIC, owner, field, MESSAGE);
            mv.visitLabel(known);
          } else {
            popIntoArray(mv, count, scratch);
            mv.visitLdcInsn(message);
            support(mv, "message", "([Ljava/lang/Object;Ljava/lang/String;)" + OBJ);
          }
        }
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
          mv.visitVarInsn(ALOAD, depth + 1);
          mv.visitMethodInsn(
              INVOKESTATIC, owner, "f" + callee, descriptor(functions[callee]), false);
        }
        case RETURN -> mv.visitInsn(f.returnsRef() ? ARETURN : LRETURN);
        default -> throw new IllegalStateException("not a compilable instruction: " + op);
      }
      if (end != null) mv.visitLabel(end);
      // a fused instruction's followers are skipped, but a label on them (none: fuseNext) or
      // their being reachable otherwise is impossible, as no jump enters them
      pc += size;
    }
    for (int i = 0; i < handlerLabels.size(); i++) {
      mv.visitLabel(handlerLabels.get(i));
      pushInt(mv, position);
      pushInt(mv, handlerAt.get(i)[0]);
      mv.visitMethodInsn(
          INVOKESTATIC, SUPPORT, "frame", "(L" + PANIC + ";II)L" + PANIC + ";", false);
      mv.visitInsn(ATHROW);
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Whether {@code CALL_NATIVE f64_math 2; UNBOX_F64} starts at {@code pc}, entered by no jump. */
  private static boolean f64MathAt(byte[] code, int pc, Set<Integer> targets) {
    if (pc + Op.CALL_NATIVE.size() + Op.UNBOX_F64.size() > code.length) return false;
    if (targets.contains(pc) || targets.contains(pc + Op.CALL_NATIVE.size())) return false;
    return Op.fromCode(code[pc] & 0xFF) == Op.CALL_NATIVE
        && Bytecode.u16(code, pc + 1) == F64_MATH_NATIVE
        && Bytecode.u16(code, pc + 3) == 2
        && Op.fromCode(code[pc + Op.CALL_NATIVE.size()] & 0xFF) == Op.UNBOX_F64;
  }

  /**
   * Replaces the {@code count} references on top of the JVM stack with an {@code Object[]} of them
   * in stack order, through the scratch locals from {@code scratch} on.
   */
  private static void popIntoArray(MethodVisitor mv, int count, int scratch) {
    for (int i = count - 1; i >= 0; i--) mv.visitVarInsn(ASTORE, scratch + i);
    pushInt(mv, count);
    mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
    for (int i = 0; i < count; i++) {
      mv.visitInsn(DUP);
      pushInt(mv, i);
      mv.visitVarInsn(ALOAD, scratch + i);
      mv.visitInsn(AASTORE);
    }
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
