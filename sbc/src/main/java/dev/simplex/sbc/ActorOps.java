package dev.simplex.sbc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Actor and AI instructions, forwarded to the {@link RuntimePort}. */
final class ActorOps {
  private ActorOps() {}

  static final TypeDef ASK_ERROR =
      new TypeDef(
          "AskError",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Timeout", false, List.of()),
              new TypeDef.Variant("ActorDied", false, List.of())));

  /**
   * Executes {@code op} on the stack halves and returns the new stack pointer. A panic the port
   * raises, or one in code it ran synchronously for this task (a spawned actor's {@code init}),
   * continues as a panic of the calling task.
   */
  static int execute(
      RuntimePort port,
      SbcModule module,
      Op op,
      byte[] code,
      int pc,
      long[] p,
      Object[] r,
      int sp,
      RuntimePort.Suspension suspension) {
    try {
      return forward(port, module, op, code, pc, p, r, sp, suspension);
    } catch (RuntimePort.Panic | Vm.PanicException e) {
      throw new SimplexPanic(e.getMessage());
    }
  }

  private static int forward(
      RuntimePort port,
      SbcModule module,
      Op op,
      byte[] code,
      int pc,
      long[] p,
      Object[] r,
      int sp,
      RuntimePort.Suspension suspension) {
    switch (op) {
      case SPAWN -> {
        int n = Bytecode.u16(code, pc + 5);
        Object[] args = Arrays.copyOfRange(r, sp - n, sp);
        Arrays.fill(r, sp - n, sp, null);
        sp -= n;
        r[sp++] = spawn(port, module, Bytecode.u32(code, pc + 1), args);
      }
      case ASK -> {
        Object reply = port.ask(r[sp - 2], (Message) r[sp - 1], suspension);
        r[--sp] = null;
        r[sp - 1] = reply;
      }
      case ASK_WITHIN -> {
        long nanos = ((DurationValue) r[sp - 1]).nanos();
        Object result;
        try {
          result = askOk(port.askWithin(r[sp - 3], (Message) r[sp - 2], nanos, suspension));
        } catch (RuntimePort.AskFailed e) {
          result = askErr(e.variant());
        }
        r[--sp] = null;
        r[--sp] = null;
        r[sp - 1] = result;
      }
      case STOP -> {
        port.stop(r[sp - 1]);
        r[--sp] = null;
      }
      case LOOKUP ->
          r[sp - 1] =
              Natives.option(port.lookup(module, Bytecode.u32(code, pc + 1), (String) r[sp - 1]));
      case CHILD -> {
        r[sp - 2] = port.child(r[sp - 2], module, Bytecode.u32(code, pc + 1), r[sp - 1]);
        r[--sp] = null;
      }
      case AI_COMPLETE -> r[sp - 1] = port.aiComplete((String) r[sp - 1]);
      case AI_EMBED -> r[sp - 1] = port.aiEmbed((String) r[sp - 1]);
      case AI_CALL -> sp = AiOps.call(port, module, code[pc + 1] & 0xFF, r, sp);
      case AI_EXTRACT ->
          sp = AiOps.extract(port, module, module.types().get(Bytecode.u32(code, pc + 1)), r, sp);
      case AI_CLASSIFY ->
          sp = AiOps.classify(port, module.types().get(Bytecode.u32(code, pc + 1)), r, sp);
      default ->
          throw new SimplexPanic(op.name().toLowerCase() + " is not supported by this runtime");
    }
    return sp;
  }

  /** {@code SEND}: a failure the runtime reports is a panic of the sending task. */
  static void send(RuntimePort port, Object target, Message message) {
    if (port == null) throw new SimplexPanic("send needs an actor runtime (run under a peer)");
    try {
      port.send(target, message);
    } catch (RuntimePort.Panic | Vm.PanicException e) {
      throw new SimplexPanic(e.getMessage());
    }
  }

  /** {@code SELF}. */
  static Object self(RuntimePort port) {
    if (port == null) throw new SimplexPanic("self needs an actor runtime (run under a peer)");
    try {
      return port.self();
    } catch (RuntimePort.Panic | Vm.PanicException e) {
      throw new SimplexPanic(e.getMessage());
    }
  }

  /**
   * {@code SPAWN type n}: {@code args} are the {@code init} arguments, then the field overrides and
   * the options (maps by name), as the instruction pops them.
   */
  static Object spawn(RuntimePort port, SbcModule module, int type, Object[] args) {
    int n = args.length;
    List<Object> init = Arrays.asList(args).subList(0, n - 2);
    return port.spawn(module, type, init, names(args[n - 2]), names(args[n - 1]));
  }

  /** {@code Ok(reply)} of an {@code ask(.., timeout: ..)}. */
  static Object askOk(Object reply) {
    return new Values.EnumValue(Library.RESULT, 0, new Object[] {reply});
  }

  /** {@code Err(AskError::<variant>)} of an {@code ask(.., timeout: ..)}. */
  static Object askErr(String variant) {
    int tag = variant.equals("Timeout") ? 0 : 1;
    return new Values.EnumValue(
        Library.RESULT, 1, new Object[] {new Values.EnumValue(ASK_ERROR, tag, new Object[0])});
  }

  private static Map<String, Object> names(Object map) {
    Map<String, Object> out = new LinkedHashMap<>();
    ((Values.MapValue) map).entries.forEach((k, v) -> out.put((String) k, v));
    return out;
  }
}
