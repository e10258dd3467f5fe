package dev.simplex.sbc;

import static dev.simplex.sbc.Predecode.*;
import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.Closure;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import dev.simplex.sbc.Values.StructValue;
import dev.simplex.sbc.Values.TupleValue;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The bytecode interpreter: one loop, one switch with a case per opcode. Frames are data (three int
 * arrays), so an SBC call never recurses on the Java stack. Each stack slot is a pair: a long for
 * primitives (i64, f64 bits, Bool, Char) and an Object for references; typed instructions address
 * the half they need, so i64 and f64 stay unboxed. A frame's locals sit at its base, its operands
 * above.
 */
final class Interpreter {
  static final int MAX_FRAMES = 100_000;
  private static final Op[] OPS = Op.values();

  static {
    // Load the value classes the dispatch loop names before HotSpot compiles it: a class still
    // unloaded when the loop is compiled becomes a trap that throws the compiled loop away (and
    // the loop is the largest method to recompile) the first time a program creates such a value.
    for (Class<?> c :
        List.of(
            EnumValue.class,
            StructValue.class,
            ListValue.class,
            MapValue.class,
            SetValue.class,
            TupleValue.class,
            Closure.class,
            CharValue.class,
            Values.Unit.class,
            SimplexPanic.class,
            JitSupport.Deopt.class)) {
      try {
        Class.forName(c.getName(), true, c.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
    // links the concatenations' call sites (an unlinked one in the compiled loop is such a trap)
    concat(concat("", ""), "", "");
  }

  /** {@code a + b}: one exactly sized string (the JDK's concatenation), out of the loop. */
  static String concat(String a, String b) {
    return a + b;
  }

  private static String concat(String a, String b, String c) {
    return a + b + c;
  }

  record Result(long prim, Object ref) {}

  /** A panic that left the interpreter, with its Simplex stack trace (innermost first). */
  static final class PanicWithTrace extends RuntimeException {
    private final List<String> trace;

    PanicWithTrace(String message, List<String> trace) {
      super(message, null, false, false);
      this.trace = trace;
    }

    List<String> trace() {
      return trace;
    }
  }

  /** {@code exit(code)}: leave at once without hooks. */
  static final class Exit extends RuntimeException {
    private final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }

    int code() {
      return code;
    }
  }

  private final SbcModule module;
  private final SbcFunction[] functions;
  private final TypeDef[] types;
  private final long[] constPrims;
  private final Object[] constRefs;
  private final int[][] decoded;
  private final int[] fnParams;
  private final int[] fnLocals;
  private final int[] fnMaxStack;
  private final EnumValue[][] unitVariants;
  private final boolean jitOn;

  /**
   * The built-ins as method handles, not as {@link Natives.Impl}s called through their interface:
   * HotSpot inlines an interface call its profile saw one or two classes at, behind a class check,
   * and a program calling a third built-in there then threw the whole compiled dispatch loop away
   * (an 8 KB method, a second of compiling each time; the 10k-actors benchmark recompiled it four
   * times in one run). A call through a method handle that is not a constant is never inlined into
   * the loop, so which built-ins a program calls cannot undo its compilation.
   */
  private static final MethodHandle[] NATIVES = nativeHandles();

  private static MethodHandle[] nativeHandles() {
    Natives.Impl[] impls = Natives.impls();
    MethodHandle[] out = new MethodHandle[impls.length];
    try {
      MethodHandle apply =
          MethodHandles.lookup()
              .findVirtual(
                  Natives.Impl.class,
                  "apply",
                  MethodType.methodType(Object.class, Object[].class, Natives.Context.class));
      for (int i = 0; i < impls.length; i++) out[i] = apply.bindTo(impls[i]);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    return out;
  }

  static Object callNative(int index, Object[] args, Natives.Context ctx) {
    try {
      return (Object) NATIVES[index].invokeExact(args, ctx);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private final PrintStream out;
  private final PrintStream err;
  private final RuntimePort port;
  private final Natives.Context nativeContext;
  private final Jit jit;
  private final JitSupport.Env jitEnv;

  private final Prepared prepared;
  private final List<String> programArgs;

  /**
   * Whether a run is in progress (or was cut off) on this interpreter: {@link #reset} clears it.
   */
  boolean busy;

  /**
   * Whether this interpreter runs {@code prepared} with {@code args} as the program's arguments.
   */
  boolean serves(Prepared prepared, List<String> args) {
    return this.prepared == prepared && programArgs == args;
  }

  /**
   * Makes a finished interpreter as a new one, for the next call on this thread (the actor runtime
   * calls one handler after another): no slot keeps a reference of the last run alive, {@link #run}
   * clears the entry's locals (a checkpoint captures every slot of its frames), and stacks a deep
   * run grew go back to their first size.
   */
  void reset() {
    if (refs.length > 256) {
      prims = new long[16];
      refs = new Object[16];
    } else if (refsUsed) {
      Arrays.fill(refs, null); // primitive slots are cleared where a frame is entered
    }
    refsUsed = false;
    if (frames.length > 3 * 64) frames = new int[3 * 4];
    fp = -1;
    fuel = Long.MAX_VALUE;
    jitOffAbove = Integer.MAX_VALUE;
    compiledFrames = null;
    resultRef = null;
    busy = false;
  }

  /**
   * Whether a reference slot may hold a value since the last {@link #reset}: false after a run that
   * compiled code did whole (it clears the entry's slots), so a compiled handler's call does not
   * also clear every slot the thread's interpreter ever grew.
   */
  private boolean refsUsed;

  /** Compiled code is not used in frames deeper than this (inside a call that deoptimised). */
  private int jitOffAbove = Integer.MAX_VALUE;

  // Small at first (an actor handler usually needs a few slots): ensure() and pushFrame() grow
  // them, so a run that goes deep pays for the room it uses and a short one allocates little.
  private long[] prims = new long[16];
  private Object[] refs = new Object[16];
  // frame k is frames[3k] (function), frames[3k + 1] (pc: where it resumes), frames[3k + 2] (base)
  private int[] frames = new int[3 * 4];
  private int fp = -1;

  /**
   * What every run over one module shares, built once per module rather than once per call: the
   * function and type tables, the constant pool split into its primitive and reference halves, and
   * the function index by name. Immutable, so one instance serves every thread.
   */
  static final class Prepared {
    final SbcModule module;
    final SbcFunction[] functions;
    final TypeDef[] types;
    final long[] constPrims;
    final Object[] constRefs;
    final int[][] decoded;
    final int[] fnParams;
    final int[] fnLocals;
    final int[] fnMaxStack;
    final EnumValue[][] unitVariants;

    /**
     * A message without arguments, per constant index of its name: a message is a value that nobody
     * can change, so one serves every send of it (a fan-in of {@code Increment}s queues no message
     * objects, only envelopes). Filled on first use; a race makes an equal one.
     */
    final Message[] bareMessages;

    final Jit jit;
    private final java.util.Map<String, Integer> byName = new java.util.HashMap<>();

    Prepared(SbcModule module) {
      this(module, Jit.Mode.configured());
    }

    Prepared(SbcModule module, Jit.Mode jitMode) {
      this.module = module;
      this.functions = module.functions().toArray(SbcFunction[]::new);
      this.types = module.types().toArray(TypeDef[]::new);
      int n = module.constants().size();
      constPrims = new long[n];
      constRefs = new Object[n];
      for (int i = 0; i < n; i++) {
        switch (module.constants().get(i)) {
          case Constant.I64 c -> constPrims[i] = c.value();
          case Constant.F64 c -> constPrims[i] = c.bits();
          case Constant.Str c -> constRefs[i] = c.value();
        }
      }
      unitVariants = new EnumValue[types.length][];
      bareMessages = new Message[n];
      decoded = new int[functions.length][];
      fnParams = new int[functions.length];
      fnLocals = new int[functions.length];
      fnMaxStack = new int[functions.length];
      for (int i = 0; i < functions.length; i++) {
        decoded[i] = Predecode.decode(functions[i].codeUnsafe(), constRefs);
        fnParams[i] = functions[i].paramCount();
        fnLocals[i] = functions[i].localCount();
        fnMaxStack[i] = functions[i].maxStack();
      }
      for (int i = 0; i < functions.length; i++) {
        Predecode.linkCalls(decoded[i], functions[i].codeUnsafe(), fnParams, fnLocals, fnMaxStack);
      }
      for (int i = functions.length - 1; i >= 0; i--) byName.put(functions[i].name(), i);
      jit = new Jit(module, functions, constPrims, constRefs, jitMode);
    }

    /** The index of the first function named {@code name}, or -1. */
    int indexOf(String name) {
      return byName.getOrDefault(name, -1);
    }
  }

  /**
   * Jumps and calls left before the run panics with {@code step budget exhausted}; unlimited unless
   * a tool (the fuzz tests) sets a budget.
   */
  private long fuel = Long.MAX_VALUE;

  void stepBudget(long steps) {
    fuel = steps;
  }

  private static SimplexPanic budgetExhausted() {
    return new SimplexPanic("step budget exhausted");
  }

  Interpreter(
      SbcModule module, PrintStream out, PrintStream err, RuntimePort port, List<String> args) {
    this(new Prepared(module), out, err, port, args);
  }

  Interpreter(
      Prepared prepared, PrintStream out, PrintStream err, RuntimePort port, List<String> args) {
    this.module = prepared.module;
    this.functions = prepared.functions;
    this.types = prepared.types;
    this.out = out;
    this.err = err;
    this.port = port;
    this.prepared = prepared;
    this.programArgs = args;
    List<String> programArgs = args.isEmpty() ? List.of() : List.copyOf(args);
    this.nativeContext =
        new Natives.Context() {
          @Override
          public List<String> args() {
            return programArgs;
          }

          @Override
          public RuntimePort port() {
            return port;
          }
        };
    constPrims = prepared.constPrims;
    constRefs = prepared.constRefs;
    decoded = prepared.decoded;
    fnParams = prepared.fnParams;
    fnLocals = prepared.fnLocals;
    fnMaxStack = prepared.fnMaxStack;
    unitVariants = prepared.unitVariants;
    jit = prepared.jit;
    jitOn = jit.enabled();
    jitEnv = new JitSupport.Env(out, port, nativeContext, module);
  }

  Result run(int entry) {
    return run(entry, new Object[0]);
  }

  /** Runs a function with boxed arguments; primitive parameters are unboxed by their slot kind. */
  Result run(int entry, Object[] entryArgs) {
    SbcFunction fn = functions[entry];
    int sp = enterEntry(entry, fn);
    for (int i = 0; i < entryArgs.length; i++) argument(fn, i, entryArgs[i]);
    finish(entry, sp, entryArgs.length);
    return result();
  }

  /**
   * Runs {@code entry} on {@code first} and then {@code rest} (an actor's state and a message's
   * arguments) and returns what it returned, boxed as {@link Vm#invoke(int, Object[])} gives it: no
   * argument array and no {@link Result} are made, which a handler call on every message would
   * otherwise leave for the collector.
   */
  Object call(int entry, Object first, List<Object> rest) {
    SbcFunction fn = functions[entry];
    int sp = enterEntry(entry, fn);
    argument(fn, 0, first);
    int n = rest.size();
    for (int i = 0; i < n; i++) argument(fn, i + 1, rest.get(i));
    finish(entry, sp, n + 1);
    return fn.returnsRef() ? resultRef : (Object) resultPrim;
  }

  private int enterEntry(int entry, SbcFunction fn) {
    refsUsed = true;
    fp = -1;
    pushFrame(entry, 0, 0);
    int sp = fn.localCount();
    ensure(sp + fn.maxStack());
    return sp;
  }

  private void argument(SbcFunction fn, int i, Object value) {
    if (fn.localKinds().get(i) == SbcFunction.SlotKind.PRIM) prims[i] = unboxed(value);
    else refs[i] = value;
  }

  private void finish(int entry, int sp, int args) {
    // an interpreter used before (Vm keeps one per thread) has old numbers there
    for (int i = args; i < sp; i++) prims[i] = 0;
    if (jitOn && runCompiled(entry)) return;
    loop(sp);
  }

  /** What the last run returned; {@link #loop} and {@link #runCompiled} leave it in two fields. */
  private long resultPrim;

  private Object resultRef;

  private Result result() {
    Result r = new Result(resultPrim, resultRef);
    resultRef = null;
    return r;
  }

  /**
   * Continues a captured execution: frames bottom first (function index, resume pc, base), and the
   * slots of all frames laid out contiguously. The caller has validated the shape.
   */
  Result resume(int[] fns, int[] pcs, int[] bases, long[] slotPrims, Object[] slotRefs) {
    loop(restore(fns, pcs, bases, slotPrims, slotRefs));
    return result();
  }

  /**
   * As {@link #resume} for a task captured waiting in an ask: the top frame's stack gets {@code
   * reply} in the ask's result slot, or, with a {@code panic} message, the task panics there.
   */
  Result resumeAfterAsk(
      int[] fns,
      int[] pcs,
      int[] bases,
      long[] slotPrims,
      Object[] slotRefs,
      Object reply,
      String panic) {
    int sp = restore(fns, pcs, bases, slotPrims, slotRefs);
    if (panic != null) throw new PanicWithTrace(panic, trace());
    prims[sp] = 0;
    refs[sp++] = reply;
    loop(sp);
    return result();
  }

  /** Lays out the captured frames and slots; returns the stack pointer of the top frame. */
  private int restore(int[] fns, int[] pcs, int[] bases, long[] slotPrims, Object[] slotRefs) {
    refsUsed = true;
    fp = -1;
    for (int i = 0; i < fns.length; i++) pushFrame(fns[i], bases[i], pcs[i]);
    int sp = slotPrims.length;
    ensure(sp + functions[fns[fns.length - 1]].maxStack() + 1);
    System.arraycopy(slotPrims, 0, prims, 0, sp);
    System.arraycopy(slotRefs, 0, refs, 0, sp);
    return sp;
  }

  /**
   * Which outcomes of comparing two i64s (bit 0 less, 1 equal, 2 greater) make each comparison
   * true, three bits per instruction: the fused compare-and-jump instructions in the order LT, LE,
   * GT, GE, EQ, NE (the same for both families), and the plain ones in the order EQ, NE, LT, LE,
   * GT, GE. One case then covers a family at the cost of a shift.
   */
  private static final int JIF_MASKS = 0b101_010_110_100_011_001;

  private static final int COMPARE_MASKS = 0b110_100_011_001_101_010;

  /**
   * The interpreter loop, from the pc of the top frame with stack pointer {@code sp}; leaves what
   * the bottom frame returned in {@link #resultPrim} and {@link #resultRef}.
   */
  private void loop(int sp) {
    int[] fr = frames;
    int[] ic = decoded[fr[3 * fp]];
    long fuel = this.fuel;
    int base = fr[3 * fp + 2];
    int pc = fr[3 * fp + 1];
    long[] p = prims;
    Object[] r = refs;
    try {
      for (; ; ) {
        switch (ic[pc]) {
          // one case for the three calls: one call site of enter(), which HotSpot inlines
          case CALL, F_LL_CALL, F_LL_CONST_SUBI_CALL -> {
            if (ic[pc] != CALL) { // the argument first, then the CALL
              int a = base + ic[pc + 1];
              long x = p[a];
              if (ic[pc] == F_LL_CONST_SUBI_CALL) {
                long y = constPrims[ic[pc + 4]], z = x - y;
                if (((x ^ y) & (x ^ z)) < 0) {
                  pc += 8;
                  throw overflow();
                }
                x = z;
                pc += 9;
              } else {
                pc += 3;
              }
              p[sp] = x;
              r[sp++] = r[a];
            }
            int callee = ic[pc + 1];
            int nargs = ic[pc + 2]; // the callee's parameters, locals and room: pre-decoded here
            if (jitOn && fp <= jitOffAbove && callCompiled(callee, sp, nargs)) {
              sp -= nargs - 1;
              pc += 5;
              continue;
            }
            if (--fuel < 0) throw budgetExhausted();
            int b = sp - nargs;
            sp = enter(callee, b, sp, ic[pc + 3], ic[pc + 4], pc + 5);
            base = b;
            ic = decoded[callee];
            pc = 0;
            fr = frames;
            p = prims;
            r = refs;
          }
          case RETURN, F_JUMP_RETURN -> {
            if (ic[pc] == F_JUMP_RETURN) { // a jump to a RETURN: the jump's step, then the return
              if (--fuel < 0) throw budgetExhausted();
              pc = ic[pc + 1];
            }
            long rp = p[sp - 1];
            Object rr = r[sp - 1];
            int frameStart = base;
            for (int i = frameStart; i < sp; i++) r[i] = null;
            fp--;
            if (fp < 0) {
              this.fuel = fuel;
              resultPrim = rp;
              resultRef = rr;
              return;
            }
            if (fp < jitOffAbove) jitOffAbove = Integer.MAX_VALUE;
            p[frameStart] = rp;
            r[frameStart] = rr;
            sp = frameStart + 1;
            int f3 = 3 * fp;
            ic = decoded[fr[f3]];
            pc = fr[f3 + 1];
            base = fr[f3 + 2];
          }
          // then building, reading, boxing and unboxing values
          case MAKE_VARIANT -> {
            int n = ic[pc + 3];
            if (n == 0) {
              r[sp++] = unitVariant(ic[pc + 1], ic[pc + 2]);
            } else {
              Object[] payload = popRefs(sp, n);
              sp -= n;
              r[sp++] = new EnumValue(types[ic[pc + 1]], ic[pc + 2], payload);
            }
            pc += 8;
          }
          case ALLOC -> {
            TypeDef t = types[ic[pc + 1]];
            int n = ic[pc + 2];
            Object[] fields = popRefs(sp, n);
            sp -= n;
            r[sp++] = new StructValue(t, fields);
            pc += 7;
          }
          case LOAD_FIELD -> {
            Object o = r[sp - 1];
            r[sp - 1] = o instanceof StructValue s ? s.fields[ic[pc + 1]] : field(o, ic[pc + 1]);
            pc += 3;
          }
          case STORE_FIELD -> {
            int i = ic[pc + 1];
            ((StructValue) r[sp - 2]).fields[i] = r[sp - 1];
            r[--sp] = null;
            r[--sp] = null;
            pc += 3;
          }
          case MATCH_TAG -> {
            p[sp - 1] = ((EnumValue) r[sp - 1]).tag == ic[pc + 1] ? 1 : 0;
            r[sp - 1] = null;
            pc += 2;
          }
          case LOAD_PAYLOAD -> {
            r[sp - 1] = ((EnumValue) r[sp - 1]).payload[ic[pc + 1]];
            pc += 3;
          }
          case BOX_I64 -> {
            r[sp - 1] = p[sp - 1];
            pc += 1;
          }
          case BOX_F64 -> {
            r[sp - 1] = longBitsToDouble(p[sp - 1]);
            pc += 1;
          }
          case BOX_BOOL -> {
            r[sp - 1] = p[sp - 1] != 0;
            pc += 1;
          }
          case BOX_UNIT -> {
            r[sp - 1] = Values.Unit.INSTANCE;
            pc += 1;
          }
          case UNBOX_I64 -> {
            p[sp - 1] = ((Number) r[sp - 1]).longValue();
            r[sp - 1] = null;
            pc += 1;
          }
          case UNBOX_F64 -> {
            p[sp - 1] = doubleToRawLongBits(((Number) r[sp - 1]).doubleValue());
            r[sp - 1] = null;
            pc += 1;
          }
          case UNBOX_BOOL -> {
            p[sp - 1] = ((Boolean) r[sp - 1]) ? 1 : 0;
            r[sp - 1] = null;
            pc += 1;
          }
          // superinstructions (Predecode): each does what its sequence does, and a panic inside
          // one reports the offset of the constituent that panics
          case F_NOP2 -> pc += 2;
          case F_NOP3 -> pc += 3;
          case F_LL_LL -> {
            int a = base + ic[pc + 1], b = base + ic[pc + 4];
            p[sp] = p[a];
            r[sp] = r[a];
            p[sp + 1] = p[b];
            r[sp + 1] = r[b];
            sp += 2;
            pc += 6;
          }
          case F_LL_CONST -> {
            int a = base + ic[pc + 1];
            p[sp] = p[a];
            r[sp] = r[a];
            p[sp + 1] = constPrims[ic[pc + 4]];
            sp += 2;
            pc += 8;
          }
          case F_LL_ST -> {
            int a = base + ic[pc + 1], b = base + ic[pc + 4];
            p[b] = p[a];
            r[b] = r[a];
            pc += 6;
          }
          case F_CONST_ST -> {
            int b = base + ic[pc + 6];
            p[b] = constPrims[ic[pc + 1]];
            r[b] = r[sp];
            r[sp] = null;
            pc += 8;
          }
          case F_LL_CONST_ADDI_ST -> {
            int a = base + ic[pc + 1];
            long x = p[a], y = constPrims[ic[pc + 4]], z = x + y;
            if (((x ^ z) & (y ^ z)) < 0) {
              pc += 8;
              throw overflow();
            }
            int b = base + ic[pc + 10];
            p[b] = z;
            r[b] = r[a];
            pc += 12;
          }
          case F_LL_CONST_ADDI -> {
            int a = base + ic[pc + 1];
            long x = p[a], y = constPrims[ic[pc + 4]], z = x + y;
            if (((x ^ z) & (y ^ z)) < 0) {
              pc += 8;
              throw overflow();
            }
            p[sp] = z;
            r[sp++] = r[a];
            pc += 9;
          }
          case F_LL_CONST_SUBI -> {
            int a = base + ic[pc + 1];
            long x = p[a], y = constPrims[ic[pc + 4]], z = x - y;
            if (((x ^ y) & (x ^ z)) < 0) {
              pc += 8;
              throw overflow();
            }
            p[sp] = z;
            r[sp++] = r[a];
            pc += 9;
          }
          case F_LL_LL_LT_JIF -> {
            if (--fuel < 0) {
              pc += 7;
              throw budgetExhausted();
            }
            pc = p[base + ic[pc + 1]] < p[base + ic[pc + 4]] ? pc + 12 : ic[pc + 8];
          }
          case F_LL_LL_LE_JIF, F_LL_LL_GT_JIF, F_LL_LL_GE_JIF, F_LL_LL_EQ_JIF, F_LL_LL_NE_JIF -> {
            if (--fuel < 0) {
              pc += 7;
              throw budgetExhausted();
            }
            long a = p[base + ic[pc + 1]], b = p[base + ic[pc + 4]];
            int outcome = a < b ? 1 : a == b ? 2 : 4; // less, equal, greater
            pc =
                (JIF_MASKS >>> 3 * (ic[pc] - F_LL_LL_LT_JIF) & outcome) != 0 ? pc + 12 : ic[pc + 8];
          }
          case F_LL_CONST_LT_JIF -> {
            if (--fuel < 0) {
              pc += 9;
              throw budgetExhausted();
            }
            pc = p[base + ic[pc + 1]] < constPrims[ic[pc + 4]] ? pc + 14 : ic[pc + 10];
          }
          case F_LL_CONST_LE_JIF,
              F_LL_CONST_GT_JIF,
              F_LL_CONST_GE_JIF,
              F_LL_CONST_EQ_JIF,
              F_LL_CONST_NE_JIF -> {
            if (--fuel < 0) {
              pc += 9;
              throw budgetExhausted();
            }
            long a = p[base + ic[pc + 1]], b = constPrims[ic[pc + 4]];
            int outcome = a < b ? 1 : a == b ? 2 : 4; // less, equal, greater
            pc =
                (JIF_MASKS >>> 3 * (ic[pc] - F_LL_CONST_LT_JIF) & outcome) != 0
                    ? pc + 14
                    : ic[pc + 10];
          }
          case F_LL_MATCHTAG_JIF -> {
            Object v = r[base + ic[pc + 1]];
            pc += 3;
            boolean is = ((EnumValue) v).tag == ic[pc + 1];
            pc += 2;
            if (--fuel < 0) throw budgetExhausted();
            pc = is ? pc + 5 : ic[pc + 1];
          }
          case F_LL_LL_LL_LL_LISTGET_UNBOXF -> {
            int a = base + ic[pc + 1], b = base + ic[pc + 4];
            Object l = r[a];
            long i = p[b];
            p[sp] = p[a];
            r[sp] = l;
            p[sp + 1] = i;
            r[sp + 1] = r[b];
            sp += 2;
            pc += 12;
            int k = index((ListValue) l, i);
            pc += 1;
            p[sp++] = ((ListValue) l).getF64(k);
            pc += 1;
          }
          case F_LL_LL_LISTGET_UNBOXF -> {
            Object l = r[base + ic[pc + 1]];
            long i = p[base + ic[pc + 4]];
            pc += 6;
            int k = index((ListValue) l, i);
            pc += 1; // UNBOX_F64 of a boxed element that is not a number is invalid bytecode here
            p[sp++] = ((ListValue) l).getF64(k);
            pc += 1;
          }
          case F_LL_LL_LISTGET -> {
            int a = base + ic[pc + 1];
            Object l = r[a];
            long i = p[base + ic[pc + 4]];
            pc += 6;
            p[sp] = p[a];
            r[sp++] = listGet((ListValue) l, i);
            pc += 1;
          }
          case F_LL_LL_ADDF -> {
            int a = base + ic[pc + 1];
            p[sp] =
                doubleToRawLongBits(
                    longBitsToDouble(p[a]) + longBitsToDouble(p[base + ic[pc + 4]]));
            r[sp++] = r[a];
            pc += 7;
          }
          case F_LL_LL_SUBF -> {
            int a = base + ic[pc + 1];
            p[sp] =
                doubleToRawLongBits(
                    longBitsToDouble(p[a]) - longBitsToDouble(p[base + ic[pc + 4]]));
            r[sp++] = r[a];
            pc += 7;
          }
          case F_LL_LL_MULF -> {
            int a = base + ic[pc + 1];
            p[sp] =
                doubleToRawLongBits(
                    longBitsToDouble(p[a]) * longBitsToDouble(p[base + ic[pc + 4]]));
            r[sp++] = r[a];
            pc += 7;
          }
          case F_LL_LL_DIVF -> {
            int a = base + ic[pc + 1];
            p[sp] =
                doubleToRawLongBits(
                    longBitsToDouble(p[a]) / longBitsToDouble(p[base + ic[pc + 4]]));
            r[sp++] = r[a];
            pc += 7;
          }
          case F_SQRT -> {
            p[sp - 1] = doubleToRawLongBits(Math.sqrt(longBitsToDouble(p[sp - 1])));
            r[sp - 1] = null;
            pc += 12;
          }
          case F_MATH -> {
            p[sp - 1] =
                doubleToRawLongBits(
                    Library.f64Math(longBitsToDouble(p[sp - 1]), (String) constRefs[ic[pc + 2]]));
            r[sp - 1] = null;
            pc += 12;
          }
          case F_LL_ST_LL_ST -> {
            int a = base + ic[pc + 1], b = base + ic[pc + 4];
            p[b] = p[a];
            r[b] = r[a];
            a = base + ic[pc + 7];
            b = base + ic[pc + 10];
            p[b] = p[a];
            r[b] = r[a];
            pc += 12;
          }
          case F_LL_PAYLOAD_ST -> {
            int a = base + ic[pc + 1];
            Object v = r[a];
            pc += 3;
            Object x = ((EnumValue) v).payload[ic[pc + 1]];
            int b = base + ic[pc + 4];
            p[b] = p[a];
            r[b] = x;
            pc += 6;
          }
          case F_LL_LL_LISTGET_UNBOXF_MULF -> {
            Object l = r[base + ic[pc + 1]];
            long i = p[base + ic[pc + 4]];
            pc += 6;
            int k = index((ListValue) l, i);
            pc += 1;
            double x = longBitsToDouble(((ListValue) l).getF64(k));
            p[sp - 1] = doubleToRawLongBits(longBitsToDouble(p[sp - 1]) * x);
            pc += 2;
          }
          case F_LL_ADDF -> {
            p[sp - 1] =
                doubleToRawLongBits(
                    longBitsToDouble(p[sp - 1]) + longBitsToDouble(p[base + ic[pc + 1]]));
            pc += 4;
          }
          case F_LL_SUBF -> {
            p[sp - 1] =
                doubleToRawLongBits(
                    longBitsToDouble(p[sp - 1]) - longBitsToDouble(p[base + ic[pc + 1]]));
            pc += 4;
          }
          case F_LL_MULF -> {
            p[sp - 1] =
                doubleToRawLongBits(
                    longBitsToDouble(p[sp - 1]) * longBitsToDouble(p[base + ic[pc + 1]]));
            pc += 4;
          }
          case F_LL_DIVF -> {
            p[sp - 1] =
                doubleToRawLongBits(
                    longBitsToDouble(p[sp - 1]) / longBitsToDouble(p[base + ic[pc + 1]]));
            pc += 4;
          }
          case F_BOXF_LISTSET -> {
            long v = p[sp - 1];
            pc += 1;
            listSetF64((ListValue) r[sp - 3], p[sp - 2], v);
            r[sp - 3] = null;
            r[sp - 2] = null;
            r[sp - 1] = null;
            sp -= 3;
            pc += 1;
          }
          case F_LL_LL_LL_LISTGET_UNBOXF_MULF -> {
            long a = p[base + ic[pc + 1]];
            Object l = r[base + ic[pc + 4]];
            long i = p[base + ic[pc + 7]];
            pc += 9;
            int k = index((ListValue) l, i);
            pc += 1;
            double x = longBitsToDouble(((ListValue) l).getF64(k));
            p[sp] = doubleToRawLongBits(longBitsToDouble(a) * x);
            r[sp++] = null;
            pc += 2;
          }
          case F_ADDF_ST -> {
            int b = base + ic[pc + 2];
            p[b] = doubleToRawLongBits(longBitsToDouble(p[sp - 2]) + longBitsToDouble(p[--sp]));
            r[b] = r[sp - 1];
            r[--sp] = null;
            pc += 4;
          }
          case F_SUBF_ST -> {
            int b = base + ic[pc + 2];
            p[b] = doubleToRawLongBits(longBitsToDouble(p[sp - 2]) - longBitsToDouble(p[--sp]));
            r[b] = r[sp - 1];
            r[--sp] = null;
            pc += 4;
          }
          case F_ADDF_BOXF_LISTSET,
              F_SUBF_BOXF_LISTSET,
              F_LL_MULF_ADDF_BOXF_LISTSET,
              F_LL_MULF_SUBF_BOXF_LISTSET -> {
            int op = ic[pc];
            if (op > F_SUBF_BOXF_LISTSET) { // LOAD_LOCAL; MUL_F64 first
              p[sp - 1] =
                  doubleToRawLongBits(
                      longBitsToDouble(p[sp - 1]) * longBitsToDouble(p[base + ic[pc + 1]]));
              pc += 4;
            }
            double x = longBitsToDouble(p[sp - 2]), y = longBitsToDouble(p[--sp]);
            long v =
                doubleToRawLongBits(
                    op == F_ADDF_BOXF_LISTSET || op == F_LL_MULF_ADDF_BOXF_LISTSET ? x + y : x - y);
            pc += 2;
            listSetF64((ListValue) r[sp - 3], p[sp - 2], v);
            r[sp - 3] = null;
            r[sp - 2] = null;
            r[sp - 1] = null;
            sp -= 3;
            pc += 1;
          }
          case F_LL_LL_LISTLEN_LT_JIF -> {
            long i = p[base + ic[pc + 1]];
            Object l = r[base + ic[pc + 4]];
            pc += 6;
            int n = ((ListValue) l).size();
            pc += 2;
            if (--fuel < 0) throw budgetExhausted();
            pc = i < n ? pc + 5 : ic[pc + 1];
          }
          case F_LL_LL_SWAP_LISTGET -> {
            long i = p[base + ic[pc + 1]];
            int a = base + ic[pc + 4];
            Object l = r[a];
            pc += 7;
            p[sp] = p[a];
            r[sp++] = listGet((ListValue) l, i);
            pc += 1;
          }
          case F_JUMP_LL_CONST_LT_JIF -> {
            if (--fuel < 0) throw budgetExhausted();
            pc = ic[pc + 1];
            if (--fuel < 0) {
              pc += 9;
              throw budgetExhausted();
            }
            pc = p[base + ic[pc + 1]] < constPrims[ic[pc + 4]] ? pc + 14 : ic[pc + 10];
          }
          case F_JUMP_LL_LL_LT_JIF -> {
            if (--fuel < 0) throw budgetExhausted();
            pc = ic[pc + 1];
            if (--fuel < 0) {
              pc += 7;
              throw budgetExhausted();
            }
            pc = p[base + ic[pc + 1]] < p[base + ic[pc + 4]] ? pc + 12 : ic[pc + 8];
          }
          case F_NOP2_JUMP -> {
            pc += 2;
            if (--fuel < 0) throw budgetExhausted();
            pc = ic[pc + 1];
          }
          case F_ADDI_ST -> {
            long x = p[sp - 2], y = p[sp - 1], z = x + y;
            if (((x ^ z) & (y ^ z)) < 0) throw overflow();
            int b = base + ic[pc + 2];
            sp -= 2;
            p[b] = z;
            r[b] = r[sp];
            r[sp] = null;
            pc += 4;
          }
          case F_LL_ST_LL_MATCHTAG_JIF -> {
            int a = base + ic[pc + 1], b = base + ic[pc + 4];
            Object v = r[a];
            p[b] = p[a];
            r[b] = v;
            pc += 9;
            boolean is = ((EnumValue) v).tag == ic[pc + 1];
            pc += 2;
            if (--fuel < 0) throw budgetExhausted();
            pc = is ? pc + 5 : ic[pc + 1];
          }
          case F_LL_PAYLOAD_ST2 -> {
            int a = base + ic[pc + 1];
            Object v = r[a];
            pc += 3;
            Object x = ((EnumValue) v).payload[ic[pc + 1]];
            int b = base + ic[pc + 4];
            p[b] = p[a];
            r[b] = x;
            a = base + ic[pc + 7];
            v = r[a];
            pc += 9;
            x = ((EnumValue) v).payload[ic[pc + 1]];
            b = base + ic[pc + 4];
            p[b] = p[a];
            r[b] = x;
            pc += 6;
          }
          case F_NOP5 -> pc += 5;
          case F_LL_CONST_MULI -> {
            int a = base + ic[pc + 1];
            long x = p[a], y = constPrims[ic[pc + 4]];
            long hi = Math.multiplyHigh(x, y), lo = x * y;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
              pc += 8;
              throw overflow();
            }
            p[sp] = lo;
            r[sp++] = r[a];
            pc += 9;
          }
          case F_LL_CONST_REMI -> {
            int a = base + ic[pc + 1];
            long x = p[a], y = constPrims[ic[pc + 4]];
            if (y == 0) {
              pc += 8;
              throw divisionByZero();
            }
            p[sp] = y == -1 ? 0 : x % y;
            r[sp++] = r[a];
            pc += 9;
          }
          case F_CONST_ADDI -> {
            long x = p[sp - 1], y = constPrims[ic[pc + 1]], z = x + y;
            if (((x ^ z) & (y ^ z)) < 0) {
              pc += 5;
              throw overflow();
            }
            p[sp - 1] = z;
            pc += 6;
          }
          case F_CONST_REMI -> {
            long x = p[sp - 1], y = constPrims[ic[pc + 1]];
            if (y == 0) {
              pc += 5;
              throw divisionByZero();
            }
            p[sp - 1] = y == -1 ? 0 : x % y;
            pc += 6;
          }
          case F_CONST_BOXI -> {
            long c = constPrims[ic[pc + 1]];
            p[sp] = c;
            r[sp++] = c;
            pc += 6;
          }
          case F_UNBOXI_CONST_ADDI_BOXI -> {
            long x = ((Number) r[sp - 1]).longValue();
            long y = constPrims[ic[pc + 2]], z = x + y;
            if (((x ^ z) & (y ^ z)) < 0) {
              pc += 6;
              throw overflow();
            }
            p[sp - 1] = z;
            r[sp - 1] = z;
            pc += 8;
          }
          case NOP, CHECKPOINT_POINT -> pc += 1;
          case MOVE, DROP -> pc += 3;
          case POP -> {
            r[--sp] = null;
            pc += 1;
          }
          case DUP -> {
            p[sp] = p[sp - 1];
            r[sp] = r[sp - 1];
            sp++;
            pc += 1;
          }
          case PUSH_UNIT, PUSH_FALSE -> {
            p[sp++] = 0;
            pc += 1;
          }
          case PUSH_TRUE -> {
            p[sp++] = 1;
            pc += 1;
          }
          case PUSH_I64, PUSH_F64 -> {
            p[sp++] = constPrims[ic[pc + 1]];
            pc += 5;
          }
          case PUSH_STR -> {
            r[sp++] = constRefs[ic[pc + 1]];
            pc += 5;
          }
          case LOAD_LOCAL -> {
            int slot = base + ic[pc + 1];
            p[sp] = p[slot];
            r[sp++] = r[slot];
            pc += 3;
          }
          case STORE_LOCAL -> {
            int slot = base + ic[pc + 1];
            p[slot] = p[--sp];
            r[slot] = r[sp];
            r[sp] = null;
            pc += 3;
          }
          case ADD_I64 -> {
            long a = p[sp - 2], b = p[--sp], s = a + b;
            if (((a ^ s) & (b ^ s)) < 0) throw overflow();
            p[sp - 1] = s;
            pc += 1;
          }
          case SUB_I64 -> {
            long a = p[sp - 2], b = p[--sp], s = a - b;
            if (((a ^ b) & (a ^ s)) < 0) throw overflow();
            p[sp - 1] = s;
            pc += 1;
          }
          case MUL_I64 -> {
            long a = p[sp - 2], b = p[--sp];
            long hi = Math.multiplyHigh(a, b), lo = a * b;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw overflow();
            p[sp - 1] = lo;
            pc += 1;
          }
          case REM_I64 -> {
            long a = p[sp - 2], b = p[--sp];
            if (b == 0) throw divisionByZero();
            p[sp - 1] = b == -1 ? 0 : a % b;
            pc += 1;
          }
          case BAND_I64 -> {
            p[sp - 2] &= p[--sp];
            pc += 1;
          }
          case BOR_I64 -> {
            p[sp - 2] |= p[--sp];
            pc += 1;
          }
          case BXOR_I64 -> {
            p[sp - 2] ^= p[--sp];
            pc += 1;
          }
          case ADD_F64 -> {
            p[sp - 2] =
                doubleToRawLongBits(longBitsToDouble(p[sp - 2]) + longBitsToDouble(p[--sp]));
            pc += 1;
          }
          case SUB_F64 -> {
            p[sp - 2] =
                doubleToRawLongBits(longBitsToDouble(p[sp - 2]) - longBitsToDouble(p[--sp]));
            pc += 1;
          }
          case MUL_F64 -> {
            p[sp - 2] =
                doubleToRawLongBits(longBitsToDouble(p[sp - 2]) * longBitsToDouble(p[--sp]));
            pc += 1;
          }
          case DIV_F64 -> {
            p[sp - 2] =
                doubleToRawLongBits(longBitsToDouble(p[sp - 2]) / longBitsToDouble(p[--sp]));
            pc += 1;
          }
          case EQ_I64, NE_I64, LT_I64, LE_I64, GT_I64, GE_I64 -> {
            long a = p[sp - 2], b = p[--sp];
            int outcome = a < b ? 1 : a == b ? 2 : 4; // less, equal, greater
            p[sp - 1] = (COMPARE_MASKS >>> 3 * (ic[pc] - EQ_I64) & outcome) != 0 ? 1 : 0;
            pc += 1;
          }
          case EQ_F64, NE_F64, LT_F64, LE_F64, GT_F64, GE_F64 -> {
            p[sp - 2] = compareF64(ic[pc], longBitsToDouble(p[sp - 2]), longBitsToDouble(p[--sp]));
            pc += 1;
          }
          case NOT -> {
            p[sp - 1] = p[sp - 1] == 0 ? 1 : 0;
            pc += 1;
          }
          case I64_TO_F64 -> {
            p[sp - 1] = doubleToRawLongBits((double) p[sp - 1]);
            pc += 1;
          }
          case JUMP -> {
            if (--fuel < 0) throw budgetExhausted();
            pc = ic[pc + 1];
          }
          case JUMP_IF_FALSE -> {
            if (--fuel < 0) throw budgetExhausted();
            pc = p[--sp] == 0 ? ic[pc + 1] : pc + 5;
          }
          case JUMP_IF_TRUE -> {
            if (--fuel < 0) throw budgetExhausted();
            pc = p[--sp] != 0 ? ic[pc + 1] : pc + 5;
          }
          case CALL_LOCAL -> {
            if (--fuel < 0) throw budgetExhausted();
            sp = callLocal(ic[pc + 1], pc, sp);
            fr = frames;
            p = prims;
            r = refs;
            ic = decoded[fr[3 * fp]];
            base = fr[3 * fp + 2];
            pc = 0;
          }
          case LIST_GET -> {
            ListValue l = (ListValue) r[sp - 2];
            r[sp - 2] = listGet(l, p[--sp]);
            pc += 1;
          }
          case LIST_SET -> {
            listSet((ListValue) r[sp - 3], p[sp - 2], r[sp - 1]);
            r[sp - 3] = null;
            r[sp - 2] = null;
            r[sp - 1] = null;
            sp -= 3;
            pc += 1;
          }
          case LIST_LEN -> {
            p[sp - 1] = ((ListValue) r[sp - 1]).size();
            r[sp - 1] = null;
            pc += 1;
          }
          case BORROW, BORROW_MUT -> {
            int slot = base + ic[pc + 1];
            p[sp] = p[slot];
            r[sp++] = r[slot];
            pc += 3;
          }
          default -> {
            sp = cold(ic, pc, sp);
            pc += SIZE[ic[pc]];
          }
        }
      }
    } catch (SimplexPanic e) {
      this.fuel = fuel;
      frames[3 * fp + 1] = pc;
      throw new PanicWithTrace(e.getMessage(), trace());
    } catch (StackOverflowOnFrames e) {
      this.fuel = fuel;
      frames[3 * fp + 1] = pc;
      throw new PanicWithTrace("stack overflow", trace());
    } catch (Exit | RuntimePort.Suspended e) {
      throw e;
    } catch (RuntimeException e) {
      // Only code the verifier cannot fully type gets here: it checks primitive vs reference (and
      // i64 vs f64) but not which reference (a String where a List is expected), nor a field index
      // beyond a value's fields. A panic naming the instruction, not a Java trace.
      this.fuel = fuel;
      throw invalidBytecode(pc);
    }
  }

  private PanicWithTrace invalidBytecode(int pc) {
    frames[3 * fp + 1] = pc;
    SbcFunction fn = functions[frames[3 * fp]];
    byte[] code = fn.codeUnsafe();
    Op at = pc >= 0 && pc < code.length ? Op.fromCode(code[pc] & 0xFF) : null;
    return new PanicWithTrace(
        "invalid bytecode: "
            + (at == null ? "?" : at.name())
            + " at offset "
            + pc
            + " of `"
            + fn.name()
            + "` met a value it cannot use",
        trace());
  }

  /** A field of a value that is not a struct: a tuple's part, or a panic. */
  private static Object field(Object o, int i) {
    if (o instanceof TupleValue t) return t.parts().get(i);
    throw new SimplexPanic("field access on " + Display.debug(o));
  }

  /** The f64 comparison {@code op} (EQ_F64 ... GE_F64) of a and b, as 1 or 0. */
  private static long compareF64(int op, double a, double b) {
    boolean v =
        switch (op) {
          case EQ_F64 -> a == b;
          case NE_F64 -> a != b;
          case LT_F64 -> a < b;
          case LE_F64 -> a <= b;
          case GT_F64 -> a > b;
          default -> a >= b;
        };
    return v ? 1 : 0;
  }

  private static Object listGet(ListValue l, long i) {
    if (i < 0 || i >= l.size()) throw outOfBounds(l, i);
    return l.get((int) i);
  }

  /** {@code i} as an index of {@code l}, or the panic of an index out of bounds. */
  private static int index(ListValue l, long i) {
    if (i < 0 || i >= l.size()) throw outOfBounds(l, i);
    return (int) i;
  }

  private static void listSet(ListValue l, long i, Object v) {
    if (i < 0 || i >= l.size()) throw outOfBounds(l, i);
    l.set((int) i, v);
  }

  private static void listSetF64(ListValue l, long i, long bits) {
    if (i < 0 || i >= l.size()) throw outOfBounds(l, i);
    l.setF64((int) i, bits);
  }

  private static SimplexPanic outOfBounds(ListValue l, long i) {
    return new SimplexPanic("index out of bounds: index " + i + ", length " + l.size());
  }

  private static final class StackOverflowOnFrames extends RuntimeException {
    StackOverflowOnFrames() {
      super(null, null, false, false);
    }
  }

  /**
   * The instructions that are rare in hot loops, out of {@link #loop} so that it stays small enough
   * for HotSpot to compile (a method over 8,000 bytes of bytecode is never compiled). Returns the
   * new stack pointer; the caller moves the program counter past the instruction.
   */
  /** Every frame of this task, bottom first, up to stack pointer {@code sp} of the top one. */
  private ExecutionContext.Capture capture(int sp) {
    int[] fns = new int[fp + 1], pcs = new int[fp + 1], bases = new int[fp + 1];
    for (int i = 0; i <= fp; i++) {
      fns[i] = frames[3 * i];
      pcs[i] = frames[3 * i + 1];
      bases[i] = frames[3 * i + 2];
    }
    return ExecutionContext.capture(module, fns, pcs, bases, fp, sp, prims, refs);
  }

  /**
   * The task waiting in the {@code ASK} (or {@code ASK_WITHIN}) at the top frame, to capture on
   * this thread while it waits: it continues at {@code resumePc}, the stack pointer below the ask's
   * operands being {@code sp} (the reply's slot).
   */
  private RuntimePort.Suspension suspensionAt(int resumePc, int sp) {
    int top = fp;
    return () -> {
      if (fp != top) throw new IllegalStateException("the task is no longer waiting in that ask");
      frames[3 * top + 1] = resumePc;
      return capture(sp);
    };
  }

  /**
   * The instructions the dispatch loop has no room for. Those on the path of every actor message
   * (an actor's i64 fields, making and sending a message, {@code self}) and those whose work dwarfs
   * a call (collections, strings, built-ins) are in this method, the others in {@link #rare}:
   * HotSpot compiles a method with the cases it has not seen taken as traps, and one taken later (a
   * rare error path, an instruction a program uses once) throws the whole compiled method away
   * until it is compiled again, which for the 2.9 KB of the others takes long enough to show in a
   * benchmark's round. A trap there no longer takes the message path with it.
   */
  private int cold(int[] ic, int pc, int sp) {
    long[] p = prims;
    Object[] r = refs;
    switch (ic[pc]) {
      case F_LL_FIELD_UNBOXI -> {
        Object o = r[frames[3 * fp + 2] + ic[pc + 1]];
        int k = ic[pc + 4];
        p[sp] = ((Number) (o instanceof StructValue s ? s.fields[k] : field(o, k))).longValue();
        r[sp++] = null;
      }
      case F_FIELD_ADDI -> {
        StructValue s = (StructValue) r[frames[3 * fp + 2] + ic[pc + 1]];
        Object[] fields = s.fields;
        int k = ic[pc + 7];
        long x = ((Number) fields[k]).longValue();
        long y = constPrims[ic[pc + 11]], z = x + y;
        if (((x ^ z) & (y ^ z)) < 0) throw overflow();
        fields[k] = z;
      }
      case MAKE_MESSAGE -> {
        int n = ic[pc + 2];
        if (n == 0) {
          Message bare = prepared.bareMessages[ic[pc + 1]];
          if (bare == null) {
            bare = Message.owning((String) constRefs[ic[pc + 1]], EMPTY);
            prepared.bareMessages[ic[pc + 1]] = bare;
          }
          r[sp++] = bare;
          return sp;
        }
        String name = (String) constRefs[ic[pc + 1]];
        Object[] args = popRefs(sp, n);
        sp -= n;
        r[sp++] = Message.owning(name, args);
      }
      case SEND -> { // not through rare()'s generic path for the runtime's instructions
        ActorOps.send(port, r[sp - 2], (Message) r[sp - 1]);
        r[--sp] = null;
        r[--sp] = null;
      }
      case SELF -> r[sp++] = ActorOps.self(port);
      // instructions whose work (collections, strings, built-ins) dwarfs a call: here, so that
      // their callees do not spend the dispatch loop's inlining budget
      case F_CONCAT_STR_CONCAT -> {
        r[sp - 2] = concat((String) r[sp - 2], (String) r[sp - 1], (String) constRefs[ic[pc + 2]]);
        r[--sp] = null;
      }
      case CONCAT -> {
        r[sp - 2] = concat((String) r[sp - 2], (String) r[--sp]);
        r[sp] = null;
      }
      case TO_STR_PRIM -> {
        r[sp - 1] = Display.prim(p[sp - 1], PrimKind.fromCode(ic[pc + 1]));
      }
      case TO_STR_REF -> {
        r[sp - 1] = Display.display(r[sp - 1]);
      }
      case CALL_NATIVE -> {
        int index = ic[pc + 1];
        int argc = ic[pc + 2];
        Object[] args = Arrays.copyOfRange(r, sp - argc, sp);
        for (int i = sp - argc; i < sp; i++) r[i] = null;
        sp -= argc;
        r[sp++] = callNative(index, args, nativeContext);
      }
      case LIST_PUSH, F_LISTPUSH_NOP5 -> { // the fused one's unit and pops leave nothing
        ((ListValue) r[sp - 2]).add(r[sp - 1]);
        r[--sp] = null;
        r[--sp] = null;
      }
      case MAP_SET, F_MAPSET_NOP2 -> {
        ((MapValue) r[sp - 3]).entries.put(r[sp - 2], r[sp - 1]);
        Arrays.fill(r, sp - 3, sp, null);
        sp -= 3;
      }
      case F_MAP_GET_OR -> {
        Object v = ((MapValue) r[sp - 3]).entries.get(r[sp - 2]); // values are never null
        if (v == null) v = r[sp - 1];
        r[sp - 3] = v;
        r[sp - 2] = null;
        r[sp - 1] = null;
        sp -= 2;
      }
      case LOAD_CAPTURE -> {
        r[sp++] = ((Closure) r[frames[3 * fp + 2]]).captures().get(ic[pc + 1]);
      }
      case EQ_REF, NE_REF -> {
        boolean eq = java.util.Objects.equals(r[sp - 2], r[sp - 1]);
        sp--;
        r[sp] = null;
        r[sp - 1] = null;
        p[sp - 1] = eq == (ic[pc] == EQ_REF) ? 1 : 0;
      }
      case SWAP -> {
        long tp = p[sp - 1];
        Object tr = r[sp - 1];
        p[sp - 1] = p[sp - 2];
        r[sp - 1] = r[sp - 2];
        p[sp - 2] = tp;
        r[sp - 2] = tr;
      }
      default -> {
        return rare(ic, pc, sp);
      }
    }
    return sp;
  }

  /** The rest of {@link #cold}. */
  private int rare(int[] ic, int pc, int sp) {
    long[] p = prims;
    Object[] r = refs;
    switch (ic[pc]) {
      case SHL_I64, SHR_I64 -> {
        IntKind kind = IntKind.fromCode(ic[pc + 1]);
        long a = p[sp - 2], b = p[--sp];
        if (b < 0 || b >= kind.bits()) throw new SimplexPanic("shift out of range");
        p[sp - 1] = ic[pc] == SHL_I64 ? wrap(a << b, kind) : shiftRight(a, (int) b, kind);
      }
      case BNOT_I64 -> {
        p[sp - 1] = wrap(~p[sp - 1], IntKind.fromCode(ic[pc + 1]));
      }
      case NARROW -> {
        if (!IntKind.fromCode(ic[pc + 1]).fits(p[sp - 1])) throw overflow();
      }
      case NEG_F64 -> {
        p[sp - 1] = doubleToRawLongBits(-longBitsToDouble(p[sp - 1]));
      }
      case PANIC -> throw new SimplexPanic((String) r[sp - 1]);
      case MAP_GET -> {
        MapValue m = (MapValue) r[sp - 2];
        Object k = r[--sp];
        r[sp] = null;
        Object v = m.entries.get(k);
        if (v == null) throw new SimplexPanic("key not found: " + Display.debug(k));
        r[sp - 1] = v;
      }
      case REM_F64 -> {
        p[sp - 2] = doubleToRawLongBits(longBitsToDouble(p[sp - 2]) % longBitsToDouble(p[--sp]));
      }
      case CMP_REF -> {
        int c = Compare.compare(r[sp - 2], r[sp - 1]);
        sp--;
        r[sp] = null;
        r[sp - 1] = null;
        p[sp - 1] = Integer.signum(c);
      }
      case F64_TO_INT -> {
        double v = longBitsToDouble(p[sp - 1]);
        IntKind kind = IntKind.fromCode(ic[pc + 1]);
        if (Double.isNaN(v) || Double.isInfinite(v) || v >= 0x1p63 || v < -0x1p63) {
          throw new SimplexPanic("cast overflow");
        }
        long t = (long) v;
        if (!kind.fits(t)) throw new SimplexPanic("cast overflow");
        p[sp - 1] = t;
      }
      case F64_TO_F32 -> {
        p[sp - 1] = doubleToRawLongBits((double) (float) longBitsToDouble(p[sp - 1]));
      }
      case I64_TO_F32 -> {
        p[sp - 1] = doubleToRawLongBits((double) (float) p[sp - 1]);
      }
      case BOX_F32 -> {
        r[sp - 1] = (float) longBitsToDouble(p[sp - 1]);
      }
      case ADD_U64 -> {
        p[sp - 2] = addU64(p[sp - 2], p[--sp]);
      }
      case SUB_U64 -> {
        p[sp - 2] = subU64(p[sp - 2], p[--sp]);
      }
      case MUL_U64 -> {
        p[sp - 2] = mulU64(p[sp - 2], p[--sp]);
      }
      case DIV_U64, REM_U64 -> {
        long a = p[sp - 2], b = p[--sp];
        if (b == 0) throw new SimplexPanic("division by zero");
        p[sp - 1] = ic[pc] == DIV_U64 ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
      }
      case LT_U64 -> {
        p[sp - 2] = Long.compareUnsigned(p[sp - 2], p[--sp]) < 0 ? 1 : 0;
      }
      case LE_U64 -> {
        p[sp - 2] = Long.compareUnsigned(p[sp - 2], p[--sp]) <= 0 ? 1 : 0;
      }
      case GT_U64 -> {
        p[sp - 2] = Long.compareUnsigned(p[sp - 2], p[--sp]) > 0 ? 1 : 0;
      }
      case GE_U64 -> {
        p[sp - 2] = Long.compareUnsigned(p[sp - 2], p[--sp]) >= 0 ? 1 : 0;
      }
      case U64_TO_F64 -> {
        p[sp - 1] = doubleToRawLongBits(unsignedToDouble(p[sp - 1]));
      }
      case F64_TO_U64 -> {
        double v = longBitsToDouble(p[sp - 1]);
        if (!(v > -1.0 && v < 0x1p64)) throw new SimplexPanic("cast overflow");
        p[sp - 1] = v >= 0x1p63 ? (long) (v - 0x1p63) + Long.MIN_VALUE : (long) v;
      }
      case BOX_U64 -> {
        r[sp - 1] = new Values.U64(p[sp - 1]);
      }
      case FORMAT -> {
        r[sp - 1] = FormatSpec.apply(r[sp - 1], (String) constRefs[ic[pc + 1]]);
      }
      case PRINT -> {
        out.println((String) r[--sp]);
        r[sp] = null;
      }
      case EPRINT -> {
        out.flush();
        err.println((String) r[--sp]);
        r[sp] = null;
      }
      case MATCH_TYPE -> {
        TypeDef t = types[ic[pc + 1]];
        Object v = r[sp - 1];
        boolean is =
            (v instanceof StructValue s && s.type.equals(t))
                || (v instanceof EnumValue e && e.type.equals(t));
        p[sp - 1] = is ? 1 : 0;
        r[sp - 1] = null;
      }
      case MAKE_TUPLE -> {
        int n = ic[pc + 1];
        Object[] parts = popRefs(sp, n);
        sp -= n;
        r[sp++] = new TupleValue(Arrays.asList(parts));
      }
      case MAKE_CLOSURE -> {
        int f = ic[pc + 1];
        int n = ic[pc + 2];
        Object[] captured = popRefs(sp, n);
        sp -= n;
        r[sp++] = new Closure(f, Arrays.asList(captured), true);
      }
      case FUNC_REF -> {
        r[sp++] = new Closure(ic[pc + 1], List.of(), false);
      }
      case MAP_NEW -> {
        int n = ic[pc + 1];
        Object[] kv = popRefs(sp, 2 * n);
        sp -= 2 * n;
        r[sp++] = MapValue.ofPairs(kv);
      }
      case SET_NEW -> {
        int n = ic[pc + 1];
        LinkedHashSet<Object> s = new LinkedHashSet<>(Arrays.asList(popRefs(sp, n)));
        sp -= n;
        r[sp++] = new SetValue(s);
      }
      case CHECKPOINT -> {
        if (port == null)
          throw new SimplexPanic("checkpoint needs an actor runtime (run under a peer)");
        frames[3 * fp + 1] = pc + 1;
        ExecutionContext.Capture capture = capture(sp);
        try {
          port.checkpoint(capture);
        } catch (RuntimePort.Panic | Vm.PanicException e) {
          throw new SimplexPanic(e.getMessage());
        }
      }
      case SPAWN,
          ASK,
          ASK_WITHIN,
          STOP,
          LOOKUP,
          RECEIVE,
          REPLY,
          AI_COMPLETE,
          AI_EMBED,
          AI_EXTRACT,
          AI_CLASSIFY,
          AI_CALL,
          CHILD -> {
        byte[] bytes = functions[frames[3 * fp]].codeUnsafe();
        Op op = OPS[bytes[pc] & 0xFF];
        if (port == null)
          throw new SimplexPanic(
              op.name().toLowerCase() + " needs an actor runtime (run under a peer)");
        RuntimePort.Suspension suspension =
            op == Op.ASK || op == Op.ASK_WITHIN
                ? suspensionAt(pc + op.size(), sp - (op == Op.ASK ? 2 : 3))
                : null;
        sp = ActorOps.execute(port, module, op, bytes, pc, p, r, sp, suspension);
      }
      case DIV_I64 -> {
        long a = p[sp - 2], b = p[--sp];
        if (b == 0) throw new SimplexPanic("division by zero");
        if (a == Long.MIN_VALUE && b == -1) throw overflow();
        p[sp - 1] = a / b;
      }
      case NEG_I64 -> {
        if (p[sp - 1] == Long.MIN_VALUE) throw overflow();
        p[sp - 1] = -p[sp - 1];
      }
      case BOX_CHAR -> {
        r[sp - 1] = new CharValue((int) p[sp - 1]);
      }
      case UNBOX_CHAR -> {
        p[sp - 1] = ((CharValue) r[sp - 1]).codePoint();
        r[sp - 1] = null;
      }
      case LIST_NEW -> {
        int n = ic[pc + 1];
        ListValue list = ListValue.of(n == 0 ? EMPTY : popRefs(sp, n));
        sp -= n;
        r[sp++] = list;
      }
      default -> throw new IllegalStateException("not an instruction start");
    }
    return sp;
  }

  private static final Object[] EMPTY = new Object[0];

  /**
   * Runs {@code callee}'s compiled code on the {@code nargs} arguments below {@code sp}, leaving
   * its result in their first slot; false when it has none or it deoptimised.
   */
  private boolean callCompiled(int callee, int sp, int nargs) {
    Jit.Entry compiled = jit.entry(callee);
    if (compiled == null) return false;
    int b = sp - nargs;
    long v;
    try {
      v = compiled.invoke(prims, refs, b, fp + 1, jitEnv);
    } catch (JitSupport.Deopt | StackOverflowError e) {
      if (!jit.rerunsOnFailure(callee)) {
        // code with references may have changed them: it is never run again
        throw new SimplexPanic("stack overflow");
      }
      // The interpreter runs the call again (it is pure) and raises the exact panic; compiled
      // code stays off inside it, or a deep recursion would deoptimise at every level.
      jitOffAbove = fp;
      return false;
    } catch (JitSupport.Panic e) {
      compiledFrames = jit.framesOf(callee, e); // trace() puts them above this frame
      throw new SimplexPanic(e.getMessage());
    } catch (Exit | RuntimePort.Suspended e) {
      throw e; // exit() in a built-in the compiled code called
    } catch (RuntimeException e) {
      // only code the verifier cannot fully type gets here (a String where a List is expected)
      throw new SimplexPanic(
          "invalid bytecode: compiled `"
              + functions[callee].name()
              + "` met a value it cannot use");
    }
    prims[b] = v; // compiled code has put the reference result, or null, in refs[b]
    Object[] r = refs;
    for (int i = b + 1; i < sp; i++) r[i] = null;
    return true;
  }

  /**
   * Runs the entry function of a run as compiled code when the JIT takes it ({@link
   * Jit#entryOfRun}), its arguments already in the first slots, leaving the result as {@link #loop}
   * does; false to interpret it.
   */
  private boolean runCompiled(int entry) {
    Jit.Entry compiled = jit.entryOfRun(entry);
    if (compiled == null) return false;
    long v;
    try {
      v = compiled.invoke(prims, refs, 0, 0, jitEnv);
    } catch (JitSupport.Deopt e) {
      return false; // pure: the interpreter runs it from the start and raises the exact panic
    } catch (StackOverflowError e) {
      if (jit.rerunsOnFailure(entry)) {
        jitOffAbove = -1; // compiled code stays off for this run
        return false;
      }
      fp = -1;
      throw new PanicWithTrace("stack overflow", trace());
    } catch (JitSupport.Panic e) {
      compiledFrames = jit.framesOf(entry, e);
      fp = -1; // the entry's own frame is the outermost compiled one
      throw new PanicWithTrace(e.getMessage(), trace());
    } catch (Exit | RuntimePort.Suspended e) {
      fp = -1;
      throw e; // exit() in a built-in the compiled code called
    } catch (RuntimeException e) {
      fp = -1;
      throw new PanicWithTrace(
          "invalid bytecode: compiled `" + functions[entry].name() + "` met a value it cannot use",
          List.of());
    }
    Object r0 = refs[0];
    Arrays.fill(refs, 0, Math.max(1, functions[entry].localCount()), null);
    refsUsed = false; // compiled code used no slot beyond the entry's own and its result's
    fp = -1;
    resultPrim = v;
    resultRef = r0;
    return true;
  }

  /** Frames of compiled code a panic came through, (function, pc) innermost first; or null. */
  private int[] compiledFrames;

  /**
   * Pushes the frame of {@code callee} (its arguments at {@code base} up to {@code sp}), the caller
   * resuming at {@code resumePc}: locals above the arguments cleared, room for {@code locals +
   * stack} slots. Returns the callee's stack pointer.
   */
  private int enter(int callee, int base, int sp, int locals, int room, int resumePc) {
    int f3 = 3 * fp;
    frames[f3 + 1] = resumePc;
    if (f3 + 5 >= frames.length) growFrames();
    int[] fr = frames;
    fr[f3 + 3] = callee;
    fr[f3 + 4] = 0;
    fr[f3 + 5] = base;
    fp++;
    if (base + room > prims.length) ensure(base + room);
    long[] p = prims;
    Object[] r = refs;
    int top = base + locals;
    for (int i = sp; i < top; i++) {
      p[i] = 0;
      r[i] = null;
    }
    return top;
  }

  /**
   * Enters the closure below {@code argc} arguments on the stack (the caller has counted the step):
   * saves the caller's resume pc, pushes the callee's frame with its locals cleared and room for
   * its stack. Returns the callee's stack pointer.
   */
  private int callLocal(int argc, int pc, int sp) {
    long[] p = prims;
    Object[] r = refs;
    Closure c = (Closure) r[sp - argc - 1];
    int callee = c.function();
    int nargs;
    if (c.hasEnv()) {
      nargs = argc + 1; // the closure itself is parameter 0
    } else {
      System.arraycopy(p, sp - argc, p, sp - argc - 1, argc);
      System.arraycopy(r, sp - argc, r, sp - argc - 1, argc);
      r[--sp] = null;
      nargs = argc;
    }
    frames[3 * fp + 1] = pc + 3;
    int base = sp - nargs;
    pushFrame(callee, base, 0);
    int top = base + fnLocals[callee];
    ensure(top + fnMaxStack[callee]);
    p = prims;
    r = refs;
    for (int i = sp; i < top; i++) {
      p[i] = 0;
      r[i] = null;
    }
    return top;
  }

  private Object[] popRefs(int sp, int n) {
    if (n == 0) return EMPTY; // a zero-length array cannot change: one serves every value
    Object[] r = refs;
    if (n <= 4) { // a variant's or struct's few fields: cheaper than copyOfRange and fill
      Object[] out = new Object[n];
      for (int i = 0, k = sp - n; i < n; i++, k++) {
        out[i] = r[k];
        r[k] = null;
      }
      return out;
    }
    Object[] out = Arrays.copyOfRange(r, sp - n, sp);
    Arrays.fill(r, sp - n, sp, null);
    return out;
  }

  /**
   * The value of a variant without payload (an enum's {@code Leaf}, {@code None}): immutable, so
   * one per type and tag serves every use, shared by every run over the module.
   */
  private EnumValue unitVariant(int type, int tag) {
    EnumValue[] byTag = unitVariants[type];
    EnumValue v;
    if (byTag != null && tag < byTag.length && (v = byTag[tag]) != null) return v;
    v = new EnumValue(types[type], tag, EMPTY);
    if (tag >= 0 && tag < 1024) {
      // racing threads may each store one: any of them is as good
      byTag =
          byTag == null
              ? new EnumValue[tag + 1]
              : Arrays.copyOf(byTag, Math.max(tag + 1, byTag.length));
      byTag[tag] = v;
      unitVariants[type] = byTag;
    }
    return v;
  }

  private void pushFrame(int function, int base, int pc) {
    if (3 * fp + 5 >= frames.length) growFrames();
    fp++;
    frames[3 * fp] = function;
    frames[3 * fp + 1] = pc;
    frames[3 * fp + 2] = base;
  }

  /** Room for one more frame above {@code fp}, or the panic {@code stack overflow}. */
  private int[] growFrames() {
    if (fp + 1 >= MAX_FRAMES) throw new StackOverflowOnFrames();
    frames = Arrays.copyOf(frames, Math.min(frames.length * 2, 3 * MAX_FRAMES));
    return frames;
  }

  private void ensure(int slots) {
    if (slots <= prims.length) return;
    int n = Math.max(slots, prims.length * 2);
    prims = Arrays.copyOf(prims, n);
    refs = Arrays.copyOf(refs, n);
  }

  private List<String> trace() {
    // frames innermost first: compiled ones a panic came through, then the interpreter's
    int[] jitted = compiledFrames == null ? new int[0] : compiledFrames;
    compiledFrames = null;
    int n = jitted.length / 2 + fp + 1;
    int[] fns = new int[n], lines = new int[n];
    for (int i = 0; i < jitted.length / 2; i++) {
      fns[i] = jitted[2 * i];
      lines[i] = functions[fns[i]].lineAt(jitted[2 * i + 1]);
    }
    for (int i = fp, k = jitted.length / 2; i >= 0; i--, k++) {
      SbcFunction f = functions[frames[3 * i]];
      int pc = frames[3 * i + 1];
      fns[k] = frames[3 * i];
      lines[k] = f.lineAt(i == fp ? pc : Math.max(0, pc - 1));
    }
    List<String> t = new ArrayList<>();
    String file = module.sourceFile();
    for (int k = 0; k < n; k++) {
      t.add(functions[fns[k]].name() + " (" + (file.isEmpty() ? "?" : file) + ":" + lines[k] + ")");
      int below = n - 1 - k; // frames after this one
      if (t.size() == 20 && below > 10) {
        t.add("... " + (below - 10) + " more frames ...");
        k = n - 11;
      }
    }
    return t;
  }

  private static long unboxed(Object v) {
    return switch (v) {
      case Double d -> Double.doubleToRawLongBits(d);
      case Number n -> n.longValue();
      case Boolean b -> b ? 1 : 0;
      case CharValue c -> c.codePoint();
      default -> 0;
    };
  }

  private static SimplexPanic divisionByZero() {
    return new SimplexPanic("division by zero");
  }

  private static SimplexPanic overflow() {
    return new SimplexPanic("integer overflow");
  }

  static long wrap(long v, IntKind kind) {
    int bits = kind.bits();
    if (bits == 64) return v;
    long mask = (1L << bits) - 1;
    long u = v & mask;
    return kind.signed() && (u >>> (bits - 1)) != 0 ? u - (1L << bits) : u;
  }

  static long addU64(long a, long b) {
    long s = a + b;
    if (Long.compareUnsigned(s, a) < 0) throw new SimplexPanic("integer overflow");
    return s;
  }

  static long subU64(long a, long b) {
    if (Long.compareUnsigned(a, b) < 0) throw new SimplexPanic("integer overflow");
    return a - b;
  }

  static long mulU64(long a, long b) {
    if (Math.unsignedMultiplyHigh(a, b) != 0) throw new SimplexPanic("integer overflow");
    return a * b;
  }

  /** The nearest double to the unsigned value of {@code bits} (one rounding, ties to even). */
  static double unsignedToDouble(long bits) {
    if (bits >= 0) return (double) bits;
    // halve with the low bit kept (round to odd), convert, double: rounds once
    return (double) ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  static long shiftRight(long a, int b, IntKind kind) {
    if (kind.signed()) return a >> b;
    return kind.bits() == 64 ? a >>> b : (a & ((1L << kind.bits()) - 1)) >>> b;
  }
}
