package dev.simplex.sbc;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs a module's {@code main}: verifies it, executes it, and maps the outcome to a process exit
 * code (language.md §13): {@code ()} gives 0, an {@code i64} its low 8 bits, a panic writes {@code
 * panic: <message>} and a Simplex stack trace to {@code err} and gives 101.
 */
public final class Vm {
  public static final int EXIT_PANIC = 101;

  /** Bytecode that fails verification: the same code as a compile error. */
  public static final int EXIT_INVALID_CODE = 2;

  private final SbcModule module;
  private final PrintStream out;
  private final PrintStream err;
  private final RuntimePort port;

  /** Jumps and calls each run may take (tests only); unlimited by default. */
  long stepBudget = Long.MAX_VALUE;

  public Vm(SbcModule module, PrintStream out, PrintStream err) {
    this(module, out, err, null);
  }

  public Vm(SbcModule module, PrintStream out, PrintStream err, RuntimePort port) {
    this.module = module;
    this.out = out;
    this.err = err;
    this.port = port;
  }

  private volatile Interpreter.Prepared prepared;

  /** The runtime this VM's actor and AI instructions go to (null without one). */
  public RuntimePort port() {
    return port;
  }

  /** The program's arguments ({@code args()}), also inside actors: set when main runs. */
  private volatile List<String> programArgs = List.of();

  /**
   * The program's arguments for code that runs before {@code main} (recovered actors resuming);
   * {@link #runMain} and {@link #execute} set them too.
   */
  public Vm programArgs(List<String> args) {
    programArgs = List.copyOf(args);
    return this;
  }

  private volatile Jit.Mode jitMode = Jit.Mode.configured();

  /** The module's tables for the interpreter, built on first use and shared by every call. */
  private Interpreter.Prepared prepared() {
    Interpreter.Prepared p = prepared;
    // Compiled code does not count steps: a budgeted run (a tool's) stays interpreted.
    if (p == null)
      prepared =
          p =
              new Interpreter.Prepared(
                  module, stepBudget == Long.MAX_VALUE ? jitMode : Jit.Mode.OFF);
    return p;
  }

  /**
   * Sets the JIT tier's mode for this VM, before it runs anything: {@code off}, {@code auto}
   * (compile a pure function once it is hot; the default, also from the system property {@code
   * simplex.jit}) or {@code always}.
   *
   * @throws IllegalArgumentException naming the three modes when {@code mode} is none of them
   */
  public Vm jit(String mode) {
    jitMode = Jit.Mode.parse(mode);
    prepared = null;
    return this;
  }

  /** How many functions the JIT tier has compiled to JVM bytecode so far. */
  public int jitCompiledCount() {
    return prepared().jit.compiledCount();
  }

  /**
   * A panic raised by {@link #invoke}: the message and the Simplex stack trace (innermost first).
   */
  public static final class PanicException extends RuntimeException {
    private final List<String> trace;

    PanicException(String message, List<String> trace) {
      super(message, null, false, false);
      this.trace = List.copyOf(trace);
    }

    public List<String> trace() {
      return trace;
    }
  }

  /**
   * Runs one function of the module with boxed arguments and returns its boxed result; used by the
   * actor runtime to run {@code A::$fields}, {@code A::init}, handlers and hooks.
   *
   * @throws IllegalArgumentException if the module has no such function or the arity differs
   * @throws PanicException if the function panics
   */
  public Object invoke(String function, List<Object> args) {
    int index = prepared().indexOf(function);
    if (index < 0) throw new IllegalArgumentException("no function `" + function + "`");
    return invoke(index, args.toArray());
  }

  /**
   * The index of the function named {@code function}, or -1; for {@link #invoke(int, Object[])}.
   */
  /** The module this executor runs. */
  public SbcModule module() {
    return module;
  }

  public int functionIndex(String function) {
    return prepared().indexOf(function);
  }

  /**
   * As {@link #invoke(String, List)} for the function at {@code index} (the actor runtime looks
   * each handler up once); {@code args} is the boxed arguments, which the call may keep.
   *
   * @throws IllegalArgumentException if there is no such function or the arity differs
   * @throws PanicException if the function panics
   */
  public Object invoke(int index, Object[] args) {
    Interpreter.Prepared prepared = prepared();
    SbcFunction f = function(prepared, index, args.length);
    Interpreter interp = interpreter(prepared);
    try {
      Interpreter.Result r = interp.run(index, args);
      return f.returnsRef() ? r.ref() : r.prim();
    } catch (Interpreter.PanicWithTrace p) {
      throw new PanicException(p.getMessage(), p.trace());
    } catch (Interpreter.Exit e) {
      throw new ExitException(e.code());
    } finally {
      interp.reset();
    }
  }

  /**
   * As {@link #invoke(int, Object[])} with {@code first} and then {@code rest} as the arguments: an
   * actor's state and a message's arguments, for the handler of each message, without an array
   * built to hold them.
   */
  public Object invoke(int index, Object first, List<Object> rest) {
    Interpreter.Prepared prepared = prepared();
    function(prepared, index, rest.size() + 1);
    Interpreter interp = interpreter(prepared);
    try {
      return interp.call(index, first, rest);
    } catch (Interpreter.PanicWithTrace p) {
      throw new PanicException(p.getMessage(), p.trace());
    } catch (Interpreter.Exit e) {
      throw new ExitException(e.code());
    } finally {
      interp.reset();
    }
  }

  private static SbcFunction function(Interpreter.Prepared prepared, int index, int arity) {
    if (index < 0 || index >= prepared.functions.length)
      throw new IllegalArgumentException("no function #" + index);
    SbcFunction f = prepared.functions[index];
    if (f.paramCount() != arity) {
      throw new IllegalArgumentException(
          "`" + f.name() + "` takes " + f.paramCount() + " arguments, not " + arity);
    }
    return f;
  }

  /** This thread's idle interpreter for the program, or a new one; marked busy. */
  private Interpreter interpreter(Interpreter.Prepared prepared) {
    Interpreter cached = idle.get(), interp = cached;
    if (cached == null || cached.busy || !cached.serves(prepared, programArgs)) {
      interp = new Interpreter(prepared, out, err, port, programArgs);
      // a call inside a call on this thread (a spawn runs the child's init here) gets its own;
      // only virtual threads keep one: the actor runtime's workers run the handlers and end when
      // idle, where a long-lived platform thread (a peer's restore thread, serving one program
      // after another) would keep each program's module reachable from its thread-local map
      if ((cached == null || !cached.busy) && Thread.currentThread().isVirtual()) idle.set(interp);
    }
    interp.busy = true;
    return interp;
  }

  /**
   * This virtual thread's interpreter for {@link #invoke(int, Object[])}, kept between calls: the
   * actor runtime runs one handler after another on a worker, and a fresh interpreter per message
   * (its object, stacks and native context) cost about a tenth of a counter's handler.
   */
  private final ThreadLocal<Interpreter> idle = new ThreadLocal<>();

  /**
   * {@code exit(code)} in code that {@link #invoke} ran (an actor's handler or hook): the program
   * ends at once with {@code code & 0xFF}, running no hooks (language.md §12.2); the runtime that
   * called decides how.
   */
  public static final class ExitException extends RuntimeException {
    private final int code;

    ExitException(int code) {
      super("exit(" + code + ")", null, false, false);
      this.code = code;
    }

    /** The process exit code: the argument's low 8 bits. */
    public int code() {
      return code & 0xFF;
    }
  }

  /**
   * Calls the function value {@code function} (a named function or a closure, as the program passes
   * it around, e.g. {@code f} of a child's {@code restart: Custom(f)}) with the boxed {@code args};
   * the result as {@link #invoke(int, Object[])} gives it: boxed, or from a function that returns a
   * primitive as a {@code Long} (a {@code Bool} then is 1 or 0).
   *
   * @throws IllegalArgumentException if {@code function} is not a function value or the arity
   *     differs
   * @throws PanicException if the function panics
   */
  public Object call(Object function, List<Object> args) {
    if (!(function instanceof Values.Closure c))
      throw new IllegalArgumentException("not a function value: " + display(function));
    if (!c.hasEnv()) return invoke(c.function(), args.toArray());
    Object[] all = new Object[args.size() + 1];
    all[0] = c; // a closure is its own parameter 0
    for (int i = 0; i < args.size(); i++) all[i + 1] = args.get(i);
    return invoke(c.function(), all);
  }

  /**
   * The prelude's {@code ExitReason} value (language.md §9): {@code Normal}, {@code Killed}, or
   * {@code Error(message)}.
   *
   * @throws IllegalArgumentException for another variant name
   */
  public static Object exitReason(String variant, String message) {
    return switch (variant) {
      case "Normal" -> new Values.EnumValue(SupervisorPlan.EXIT_REASON, 0, new Object[0]);
      case "Error" -> new Values.EnumValue(SupervisorPlan.EXIT_REASON, 1, new Object[] {message});
      case "Killed" -> new Values.EnumValue(SupervisorPlan.EXIT_REASON, 2, new Object[0]);
      default -> throw new IllegalArgumentException("no ExitReason variant " + variant);
    };
  }

  /**
   * The plan of supervisor type {@code type} ({@code S::$supervisor}, evaluated now: the children's
   * {@code init} arguments are computed afresh), or empty when {@code type} is not a supervisor.
   *
   * @throws PanicException if evaluating an argument panics
   */
  public java.util.Optional<SupervisorPlan> supervisorPlan(String type) {
    String plan = type + "::$supervisor";
    if (module.indexOf(plan) < 0) return java.util.Optional.empty();
    return java.util.Optional.of(SupervisorPlan.decode(type, invoke(plan, List.of())));
  }

  /**
   * A run-time value as a {@link PortableValue}, for a checkpoint.
   *
   * @throws IllegalArgumentException naming where inside the value a function, range or borrow sits
   */
  public static PortableValue toPortable(Object value) {
    return Portables.export(value, "value");
  }

  /**
   * Rebuilds a run-time value whose structs and enums are this module's types (or the prelude's
   * {@code Option} and {@code Result}).
   *
   * @throws IllegalArgumentException naming the path of an unknown type, field or variant
   */
  public Object fromPortable(PortableValue value) {
    return Portables.rebuild(module, value, "value");
  }

  /**
   * A captured execution ready to continue, after {@link #continuation} checked it against this
   * module. The runtime may read the handler's locals (its state is local 0) before {@link #run}.
   */
  public final class Continuation {
    private final int[] fns;
    private final int[] pcs;
    private final int[] bases;
    private final long[] prims;
    private final Object[] refs;

    /** The instruction the top frame waits in: null (a CHECKPOINT), ASK or ASK_WITHIN. */
    private final Op awaiting;

    private boolean ran;

    private Continuation(
        int[] fns, int[] pcs, int[] bases, long[] prims, Object[] refs, Op awaiting) {
      this.fns = fns;
      this.pcs = pcs;
      this.bases = bases;
      this.prims = prims;
      this.refs = refs;
      this.awaiting = awaiting;
    }

    /**
     * Whether the task was captured waiting in an {@code ask} ({@link RuntimePort.Suspension}): it
     * continues with {@link #runWithReply} or {@link #runWithAskFailure}, not {@link #run}.
     */
    public boolean awaitsReply() {
      return awaiting != null;
    }

    /**
     * The reference in local {@code slot} of the bottom frame (the handler), or null: for an actor
     * handler, local 0 is the state, the object the resumed code mutates.
     */
    public Object handlerLocal(int slot) {
      if (slot < 0 || slot >= module.functions().get(fns[0]).localCount())
        throw new IndexOutOfBoundsException("no local " + slot);
      return refs[slot];
    }

    /**
     * Continues right after the {@code CHECKPOINT} and runs until the bottom frame returns.
     *
     * @return the bottom function's boxed result (a Long for a primitive result)
     * @throws PanicException if the continued code panics
     * @throws IllegalStateException when run twice
     */
    public Object run() {
      if (awaiting != null)
        throw new IllegalStateException("this continuation waits for the reply of an ask");
      return go(null, null);
    }

    /**
     * Continues a task captured in an {@code ask} with its reply: {@code ask} evaluates to {@code
     * reply}, {@code ask(.., timeout: ..)} to {@code Ok(reply)}.
     *
     * @throws IllegalStateException when the task did not wait in an ask, or when run twice
     */
    public Object runWithReply(Object reply) {
      if (awaiting == null) throw new IllegalStateException("this continuation waits for no reply");
      return go(awaiting == Op.ASK_WITHIN ? ActorOps.askOk(reply) : reply, null);
    }

    /**
     * Continues a task captured in an {@code ask} that got no reply: {@code variant} is {@code
     * Timeout} or {@code ActorDied}; {@code ask(.., timeout: ..)} evaluates to {@code
     * Err(AskError::<variant>)}, and a plain {@code ask} panics there with {@code ask failed: actor
     * died}, as it would have where it started.
     */
    public Object runWithAskFailure(String variant) {
      if (!variant.equals("Timeout") && !variant.equals("ActorDied"))
        throw new IllegalArgumentException("not an AskError variant: " + variant);
      if (awaiting == null) throw new IllegalStateException("this continuation waits for no reply");
      if (awaiting == Op.ASK_WITHIN) return go(ActorOps.askErr(variant), null);
      return go(null, "ask failed: actor died");
    }

    private Object go(Object reply, String panic) {
      if (ran) throw new IllegalStateException("a continuation runs once");
      ran = true;
      Interpreter interp = new Interpreter(prepared(), out, err, port, programArgs);
      interp.stepBudget(stepBudget);
      try {
        Interpreter.Result r =
            awaiting == null
                ? interp.resume(fns, pcs, bases, prims, refs)
                : interp.resumeAfterAsk(fns, pcs, bases, prims, refs, reply, panic);
        return module.functions().get(fns[0]).returnsRef() ? r.ref() : r.prim();
      } catch (Interpreter.PanicWithTrace p) {
        throw new PanicException(p.getMessage(), p.trace());
      } catch (Interpreter.Exit e) {
        throw new ExitException(e.code());
      } catch (RuntimeException e) {
        // values of the wrong type in a context that passed the shape checks
        throw new PanicException("internal error in resumed code: " + e, List.of());
      }
    }
  }

  /**
   * Checks a captured context against this module and prepares to continue it: every frame names a
   * function of the module by hash; its locals match the function's; the top frame's pc is right
   * after a {@code CHECKPOINT} and every other frame's right after a call of the frame above it;
   * each operand stack has the depth the verifier computes there; values rebuild against the
   * module's types.
   *
   * @throws ExecutionContext.Invalid naming what does not fit, for example {@code code changed:
   *     function <hash> not in module}
   */
  public Continuation continuation(ExecutionContext context) throws ExecutionContext.Invalid {
    List<ExecutionContext.Frame> frames = context.frames();
    int n = frames.size();
    if (n == 0) throw new ExecutionContext.Invalid("execution context has no frames");
    if (n > Interpreter.MAX_FRAMES)
      throw new ExecutionContext.Invalid("execution context has " + n + " frames, too many");
    java.util.Map<String, Integer> byHash = new java.util.HashMap<>();
    for (int i = 0; i < module.functions().size(); i++) byHash.put(module.hashHex(i), i);
    int[] fns = new int[n];
    int[] pcs = new int[n];
    int[] bases = new int[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      ExecutionContext.Frame f = frames.get(i);
      Integer index = byHash.get(f.function());
      if (index == null)
        throw new ExecutionContext.Invalid(
            "code changed: function " + f.function() + " not in module");
      fns[i] = index;
      pcs[i] = f.pc();
      bases[i] = (int) total;
      total += f.locals().size() + f.operands().size();
      if (total > 1 << 24) throw new ExecutionContext.Invalid("execution context is too large");
    }
    for (int i = 0; i < n; i++) checkFrame(frames, fns, i);
    List<Object> values = new java.util.ArrayList<>();
    for (int k = 0; k < context.values().size(); k++) {
      try {
        values.add(Portables.rebuild(module, context.values().get(k), "value #" + k));
      } catch (IllegalArgumentException e) {
        throw new ExecutionContext.Invalid(e.getMessage());
      }
    }
    long[] prims = new long[(int) total];
    Object[] refs = new Object[(int) total];
    int at = 0;
    for (ExecutionContext.Frame f : frames) {
      for (List<ExecutionContext.Slot> slots : List.of(f.locals(), f.operands()))
        for (ExecutionContext.Slot s : slots) {
          if (s.ref() < -1 || s.ref() >= values.size())
            throw new ExecutionContext.Invalid(
                "execution context: a slot names value #" + s.ref() + " of " + values.size());
          prims[at] = s.prim();
          refs[at++] = s.ref() < 0 ? null : values.get(s.ref());
        }
    }
    Op last = topInstruction(frames.get(n - 1), fns[n - 1]);
    return new Continuation(fns, pcs, bases, prims, refs, last == Op.CHECKPOINT ? null : last);
  }

  /** The instruction right before the top frame's pc (checked by {@link #checkFrame}). */
  private Op topInstruction(ExecutionContext.Frame frame, int fn) {
    byte[] code = module.functions().get(fn).code();
    Op prev = null;
    for (int at = 0; at < frame.pc(); ) {
      prev = Op.fromCode(code[at] & 0xFF);
      at += prev.size();
    }
    return prev;
  }

  /** {@code continuation(context).run()}. */
  public Object resume(ExecutionContext context) throws ExecutionContext.Invalid {
    return continuation(context).run();
  }

  private void checkFrame(List<ExecutionContext.Frame> frames, int[] fns, int i)
      throws ExecutionContext.Invalid {
    ExecutionContext.Frame frame = frames.get(i);
    SbcFunction f = module.functions().get(fns[i]);
    String what = "execution context frame " + i + " (`" + f.name() + "`)";
    if (frame.locals().size() != f.localCount())
      throw new ExecutionContext.Invalid(
          what + ": " + frame.locals().size() + " locals, but the function has " + f.localCount());
    byte[] code = f.code();
    int pc = frame.pc();
    if (pc <= 0 || pc >= code.length)
      throw new ExecutionContext.Invalid(what + ": pc " + pc + " is outside the code");
    int[] depths;
    try {
      depths = Verifier.depths(module, fns[i]);
    } catch (SbcFormatException e) {
      throw new ExecutionContext.Invalid(what + ": " + e.getMessage());
    }
    int before = -1;
    for (int at = 0; at < pc; ) {
      Op op = Op.fromCode(code[at] & 0xFF);
      if (op == null) break;
      if (at + op.size() == pc) before = at;
      at += op.size();
    }
    if (before < 0 || depths[before] < 0 || depths[pc] < 0)
      throw new ExecutionContext.Invalid(
          what + ": pc " + pc + " is not a reachable instruction boundary");
    Op prev = Op.fromCode(code[before] & 0xFF);
    boolean top = i == frames.size() - 1;
    int expected;
    if (top && prev == Op.CHECKPOINT) {
      expected = depths[pc];
    } else if (top && (prev == Op.ASK || prev == Op.ASK_WITHIN)) {
      expected = depths[pc] - 1; // the reply's slot, filled when the task continues
    } else if (top) {
      throw new ExecutionContext.Invalid(
          what + ": pc " + pc + " is not right after a CHECKPOINT or an ask");
    } else {
      if (prev != Op.CALL && prev != Op.CALL_LOCAL)
        throw new ExecutionContext.Invalid(what + ": pc " + pc + " is not right after a call");
      if (prev == Op.CALL && Bytecode.u32(code, before + 1) != fns[i + 1])
        throw new ExecutionContext.Invalid(
            what
                + " calls `"
                + module.functions().get(Bytecode.u32(code, before + 1)).name()
                + "` there, but the next frame runs `"
                + module.functions().get(fns[i + 1]).name()
                + "`");
      expected = depths[pc] - 1;
    }
    if (frame.operands().size() != expected)
      throw new ExecutionContext.Invalid(
          what
              + ": "
              + frame.operands().size()
              + " operands, but the code has "
              + expected
              + " at pc "
              + pc);
  }

  /** A {@code Vector} value, as {@code ai::embed} returns it. */
  public static Object vector(double[] values) {
    return new VectorValue(values);
  }

  /** Sets a field of a struct value (an actor's state), for {@code spawn A { field: value }}. */
  public static void setField(Object struct, String field, Object value) {
    Values.StructValue s = (Values.StructValue) struct;
    int k = s.type.variants().getFirst().fields().indexOf(field);
    if (k < 0) throw new IllegalArgumentException("no field `" + field + "` in " + s.type.name());
    s.fields[k] = value;
  }

  /** A deep copy of a run-time value: messages are immutable copies (language.md §6, Actors). */
  public static Object deepCopy(Object value) {
    return Natives.copy(value);
  }

  /** The display form of a run-time value (language.md §12.1). */
  public static String display(Object value) {
    return Display.display(value);
  }

  /**
   * How {@code main} ended: {@code returned} is true when it returned a value (the runtime then
   * waits for quiescence and shuts down, §13) and false after a panic, {@code exit(c)} or invalid
   * code, which end the process at once, without hooks.
   */
  public record Outcome(int code, boolean returned) {}

  public int runMain(List<String> args) {
    return execute(args).code();
  }

  /** Runs {@code main} like {@link #runMain} and also says whether it returned normally. */
  public Outcome execute(List<String> args) {
    try {
      Verifier.verify(module);
    } catch (SbcFormatException e) {
      err.println("error: invalid bytecode: " + e.getMessage());
      err.flush();
      return new Outcome(EXIT_INVALID_CODE, false);
    }
    programArgs = List.copyOf(args);
    Interpreter interp = new Interpreter(prepared(), out, err, port, programArgs);
    interp.stepBudget(stepBudget);
    try {
      Interpreter.Result r = interp.run(module.entry());
      out.flush();
      SbcFunction main = module.functions().get(module.entry());
      if (!main.returnsRef()) return new Outcome((int) (r.prim() & 0xFF), true);
      // `main` returning Result<(), E>: Err(e) prints `error: <e>` and exits with 1 (§13)
      if (r.ref() instanceof Values.EnumValue e && e.type.name().equals("Result") && e.tag == 1) {
        err.println("error: " + Display.display(e.payload[0]));
        err.flush();
        return new Outcome(1, true);
      }
      return new Outcome(0, true);
    } catch (Interpreter.PanicWithTrace p) {
      out.flush();
      err.println("panic: " + p.getMessage());
      for (String frame : p.trace()) err.println("  at " + frame);
      err.flush();
      return new Outcome(EXIT_PANIC, false);
    } catch (Interpreter.Exit e) {
      out.flush();
      err.flush();
      return new Outcome(e.code() & 0xFF, false);
    } catch (RuntimeException e) {
      // A fault in the executor itself: report it as a panic rather than crash the host.
      out.flush();
      err.println("panic: internal error: " + e);
      err.flush();
      return new Outcome(EXIT_PANIC, false);
    }
  }
}
