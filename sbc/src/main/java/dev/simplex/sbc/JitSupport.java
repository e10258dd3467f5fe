package dev.simplex.sbc;

import java.util.List;

/**
 * What JIT-compiled code calls for the typed instructions that are more than one JVM instruction.
 * Each is small and static, so HotSpot inlines it into the compiled function. Everything that the
 * interpreter would turn into a panic throws {@link Deopt} instead: compiled functions are pure, so
 * the caller simply runs the same call again in the interpreter, which raises the exact panic with
 * its Simplex stack trace.
 */
final class JitSupport {
  private JitSupport() {}

  /** Leave compiled code: the call is re-run by the interpreter. Preallocated, no stack trace. */
  static final class Deopt extends RuntimeException {
    static final Deopt INSTANCE = new Deopt();

    private Deopt() {
      super("deoptimise", null, false, false);
    }
  }

  /**
   * A panic raised by compiled code with references, which is not run again: the interpreter's
   * message, and the compiled frames it unwound as (position in the compiled group, pc) pairs,
   * innermost first.
   */
  static final class Panic extends RuntimeException {
    int[] frames = new int[16];
    int count;

    Panic(String message) {
      super(message, null, false, false);
    }
  }

  /** Adds a compiled frame to {@code p} as it unwinds (called by the exception handlers). */
  static Panic frame(Panic p, int position, int pc) {
    if (2 * p.count + 2 > p.frames.length)
      p.frames = java.util.Arrays.copyOf(p.frames, 2 * p.frames.length);
    p.frames[2 * p.count] = position;
    p.frames[2 * p.count + 1] = pc;
    p.count++;
    return p;
  }

  private static Panic overflow() {
    return new Panic("integer overflow");
  }

  static long depthP(int depth) {
    if (depth >= Interpreter.MAX_FRAMES) throw new Panic("stack overflow");
    return 0;
  }

  static long addP(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) throw overflow();
    return s;
  }

  static long subP(long a, long b) {
    long s = a - b;
    if (((a ^ b) & (a ^ s)) < 0) throw overflow();
    return s;
  }

  static long mulP(long a, long b) {
    long hi = Math.multiplyHigh(a, b), lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw overflow();
    return lo;
  }

  static long divP(long a, long b) {
    if (b == 0) throw new Panic("division by zero");
    if (a == Long.MIN_VALUE && b == -1) throw overflow();
    return a / b;
  }

  static long remP(long a, long b) {
    if (b == 0) throw new Panic("division by zero");
    return b == -1 ? 0 : a % b;
  }

  static long negP(long a) {
    if (a == Long.MIN_VALUE) throw overflow();
    return -a;
  }

  static long narrowP(long v, int kind) {
    if (!IntKind.fromCode(kind).fits(v)) throw overflow();
    return v;
  }

  static long shlP(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw new Panic("shift out of range");
    return Interpreter.wrap(a << b, k);
  }

  static long shrP(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw new Panic("shift out of range");
    return Interpreter.shiftRight(a, (int) b, k);
  }

  static long toIntP(long bits, int kind) {
    double v = d(bits);
    if (Double.isNaN(v) || Double.isInfinite(v) || v >= 0x1p63 || v < -0x1p63)
      throw new Panic("cast overflow");
    long t = (long) v;
    if (!IntKind.fromCode(kind).fits(t)) throw new Panic("cast overflow");
    return t;
  }

  private static int index(Values.ListValue l, long i) {
    if (i < 0 || i >= l.size())
      throw new Panic("index out of bounds: index " + i + ", length " + l.size());
    return (int) i;
  }

  static Object listGet(Object list, long i) {
    Values.ListValue l = (Values.ListValue) list;
    return l.get(index(l, i));
  }

  static long listGetF(Object list, long i) {
    Values.ListValue l = (Values.ListValue) list;
    long[] b = l.f64Bits();
    if (b != null && i >= 0 && i < l.f64Size()) return b[(int) i]; // unboxed, in range
    return l.getF64(index(l, i));
  }

  static void listSet(Object list, long i, Object v) {
    Values.ListValue l = (Values.ListValue) list;
    l.set(index(l, i), v);
  }

  static void listSetF(Object list, long i, long bits) {
    Values.ListValue l = (Values.ListValue) list;
    long[] b = l.f64Bits();
    if (b != null && i >= 0 && i < l.f64Size()) b[(int) i] = bits; // unboxed, in range
    else l.setF64(index(l, i), bits);
  }

  static long listLen(Object list) {
    return ((Values.ListValue) list).size();
  }

  static Object listLenBoxed(Object list) {
    return (long) ((Values.ListValue) list).size();
  }

  static Object loadField(Object o, int i) {
    if (o instanceof Values.StructValue s) return s.fields[i];
    if (o instanceof Values.TupleValue t) return t.parts().get(i);
    throw new Panic("field access on " + Display.debug(o));
  }

  static void storeField(Object o, Object v, int i) {
    ((Values.StructValue) o).fields[i] = v;
  }

  static Object listNew(Object[] items) {
    return Values.ListValue.of(items);
  }

  static Object concat(Object a, Object b) {
    return Interpreter.concat((String) a, (String) b);
  }

  static Object toStrPrim(long bits, int kind) {
    return Display.prim(bits, PrimKind.fromCode(kind));
  }

  static Object toStrRef(Object v) {
    return Display.display(v);
  }

  static Object format(Object v, String spec) {
    try {
      return FormatSpec.apply(v, spec);
    } catch (SimplexPanic e) {
      throw new Panic(e.getMessage());
    }
  }

  /**
   * What compiled code reaches besides its arguments: the program's output and the runtime its
   * sends go to. One per interpreter; passed down every compiled call (the code itself is shared by
   * every VM that runs the same function, {@link Jit}).
   */
  static final class Env {
    final java.io.PrintStream out;
    final RuntimePort port;
    final Natives.Context natives;
    final SbcModule module;
    // actor types by name, made on this interpreter's first compiled spawn
    private java.util.Map<String, Integer> typesByName;

    Env(java.io.PrintStream out, RuntimePort port, Natives.Context natives, SbcModule module) {
      this.out = out;
      this.port = port;
      this.natives = natives;
      this.module = module;
    }

    /**
     * The index in this module of the type named {@code name}. Compiled code names a spawned type
     * by name, not by index: it is shared by every module holding the function's hash, and the hash
     * covers the type's name and layout but not where the module lists it.
     */
    int type(String name) {
      java.util.Map<String, Integer> byName = typesByName;
      if (byName == null) {
        byName = new java.util.HashMap<>();
        List<TypeDef> types = module.types();
        for (int i = types.size() - 1; i >= 0; i--) byName.put(types.get(i).name(), i);
        typesByName = byName;
      }
      Integer i = byName.get(name);
      if (i == null) throw new Panic("no type `" + name + "` in this module");
      return i;
    }

    RuntimePort port(String op) {
      if (port == null) throw new Panic(op + " needs an actor runtime (run under a peer)");
      return port;
    }
  }

  static void print(Object s, Env env) {
    env.out.println((String) s);
  }

  /** {@code SEND}: as the interpreter's, a failure the runtime reports is a panic here. */
  static void send(Object target, Object message, Env env) {
    try {
      ActorOps.send(env.port, target, (Message) message);
    } catch (SimplexPanic e) {
      throw new Panic(e.getMessage());
    }
  }

  /** {@code SELF}. */
  static Object self(Env env) {
    try {
      return ActorOps.self(env.port);
    } catch (SimplexPanic e) {
      throw new Panic(e.getMessage());
    }
  }

  /**
   * {@code SPAWN}: the runtime makes the actor (and runs its {@code init} on this task, as for the
   * interpreter; a panic there is this task's). Spawning captures no execution context of the
   * caller, so it may run from compiled code.
   */
  static Object spawn(Object[] args, String type, Env env) {
    try {
      return ActorOps.spawn(env.port("spawn"), env.module, env.type(type), args);
    } catch (RuntimePort.Panic | Vm.PanicException | SimplexPanic e) {
      throw new Panic(e.getMessage());
    }
  }

  /**
   * {@code CALL_NATIVE}: a built-in through the interpreter's own method handle and context, its
   * panic the interpreter's; {@code exit()} leaves as in the interpreter.
   */
  static Object callNative(Object[] args, int index, Env env) {
    try {
      return Interpreter.callNative(index, args, env.natives);
    } catch (SimplexPanic e) {
      throw new Panic(e.getMessage());
    }
  }

  /** {@code MAP_NEW n}: keys and values alternating, in insertion order. */
  static Object mapNew(Object[] kv) {
    return Values.MapValue.ofPairs(kv);
  }

  static void listPush(Object list, Object v) {
    ((Values.ListValue) list).add(v);
  }

  /** {@code MAKE_MESSAGE name n} with n > 0: a message over the popped arguments. */
  static Object message(Object[] args, String name) {
    return Message.owning(name, args);
  }

  /** {@code MAKE_MESSAGE name 0}: the generated class keeps the one value in a static field. */
  static Message bareMessage(String name) {
    return Message.owning(name, new Object[0]);
  }

  /** {@code PANIC}: the panic of the message on the stack, which the code then throws. */
  static Panic panic(Object message) {
    return new Panic((String) message);
  }

  static long matchTag(Object v, int tag) {
    return ((Values.EnumValue) v).tag == tag ? 1 : 0;
  }

  static Object payload(Object v, int i) {
    return ((Values.EnumValue) v).payload[i];
  }

  static Object boxI(long v) {
    return v;
  }

  static Object boxF(long bits) {
    return d(bits);
  }

  static Object boxB(long v) {
    return v != 0;
  }

  /** {@code BOX_UNIT}: a function or handler returning {@code ()} ends with it. */
  static Object boxUnit(long unit) {
    return Values.Unit.INSTANCE;
  }

  static long unboxI(Object o) {
    return ((Number) o).longValue();
  }

  static long unboxF(Object o) {
    return bits(((Number) o).doubleValue());
  }

  static long unboxB(Object o) {
    return ((Boolean) o) ? 1 : 0;
  }

  static long sqrtF(long a) {
    return bits(Math.sqrt(d(a)));
  }

  static long f64Math(long a, String name) {
    return bits(Library.f64Math(d(a), name));
  }

  static Object f64MathBoxed(Object x, Object name) {
    return Library.f64Math(((Number) x).doubleValue(), (String) name);
  }

  static long depth(int depth) {
    if (depth >= Interpreter.MAX_FRAMES) throw Deopt.INSTANCE;
    return 0;
  }

  static long add(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) throw Deopt.INSTANCE;
    return s;
  }

  static long sub(long a, long b) {
    long s = a - b;
    if (((a ^ b) & (a ^ s)) < 0) throw Deopt.INSTANCE;
    return s;
  }

  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b), lo = a * b;
    if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) throw Deopt.INSTANCE;
    return lo;
  }

  static long div(long a, long b) {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) throw Deopt.INSTANCE;
    return a / b;
  }

  static long rem(long a, long b) {
    if (b == 0) throw Deopt.INSTANCE;
    return b == -1 ? 0 : a % b;
  }

  static long neg(long a) {
    if (a == Long.MIN_VALUE) throw Deopt.INSTANCE;
    return -a;
  }

  static long narrow(long v, int kind) {
    if (!IntKind.fromCode(kind).fits(v)) throw Deopt.INSTANCE;
    return v;
  }

  static long shl(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw Deopt.INSTANCE;
    return Interpreter.wrap(a << b, k);
  }

  static long shr(long a, long b, int kind) {
    IntKind k = IntKind.fromCode(kind);
    if (b < 0 || b >= k.bits()) throw Deopt.INSTANCE;
    return Interpreter.shiftRight(a, (int) b, k);
  }

  static long bnot(long a, int kind) {
    return Interpreter.wrap(~a, IntKind.fromCode(kind));
  }

  private static double d(long bits) {
    return Double.longBitsToDouble(bits);
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  static long addF(long a, long b) {
    return bits(d(a) + d(b));
  }

  static long subF(long a, long b) {
    return bits(d(a) - d(b));
  }

  static long mulF(long a, long b) {
    return bits(d(a) * d(b));
  }

  static long divF(long a, long b) {
    return bits(d(a) / d(b));
  }

  static long remF(long a, long b) {
    return bits(d(a) % d(b));
  }

  static long negF(long a) {
    return bits(-d(a));
  }

  static long eqF(long a, long b) {
    return d(a) == d(b) ? 1 : 0;
  }

  static long neF(long a, long b) {
    return d(a) != d(b) ? 1 : 0;
  }

  static long ltF(long a, long b) {
    return d(a) < d(b) ? 1 : 0;
  }

  static long leF(long a, long b) {
    return d(a) <= d(b) ? 1 : 0;
  }

  static long gtF(long a, long b) {
    return d(a) > d(b) ? 1 : 0;
  }

  static long geF(long a, long b) {
    return d(a) >= d(b) ? 1 : 0;
  }

  static long eq(long a, long b) {
    return a == b ? 1 : 0;
  }

  static long ne(long a, long b) {
    return a != b ? 1 : 0;
  }

  static long lt(long a, long b) {
    return a < b ? 1 : 0;
  }

  static long le(long a, long b) {
    return a <= b ? 1 : 0;
  }

  static long gt(long a, long b) {
    return a > b ? 1 : 0;
  }

  static long ge(long a, long b) {
    return a >= b ? 1 : 0;
  }

  static long not(long a) {
    return a == 0 ? 1 : 0;
  }

  static long roundF32(long a) {
    return Double.doubleToRawLongBits((float) Double.longBitsToDouble(a));
  }

  static long toF32(long a) {
    return Double.doubleToRawLongBits((float) a);
  }

  static long toF(long a) {
    return bits((double) a);
  }

  static long toInt(long bits, int kind) {
    double v = d(bits);
    if (Double.isNaN(v) || Double.isInfinite(v) || v >= 0x1p63 || v < -0x1p63) throw Deopt.INSTANCE;
    long t = (long) v;
    if (!IntKind.fromCode(kind).fits(t)) throw Deopt.INSTANCE;
    return t;
  }
}
