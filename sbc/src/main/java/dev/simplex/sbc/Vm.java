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

  /** The module's tables for the interpreter, built on first use and shared by every call. */
  private Interpreter.Prepared prepared() {
    Interpreter.Prepared p = prepared;
    if (p == null) prepared = p = new Interpreter.Prepared(module);
    return p;
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
    SbcFunction f = module.functions().get(index);
    if (f.paramCount() != args.size()) {
      throw new IllegalArgumentException(
          "`" + function + "` takes " + f.paramCount() + " arguments, not " + args.size());
    }
    Interpreter interp = new Interpreter(prepared(), out, err, port, List.of());
    try {
      Interpreter.Result r = interp.run(index, args.toArray());
      return f.returnsRef() ? r.ref() : r.prim();
    } catch (Interpreter.PanicWithTrace p) {
      throw new PanicException(p.getMessage(), p.trace());
    }
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
    Interpreter interp = new Interpreter(prepared(), out, err, port, List.copyOf(args));
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
