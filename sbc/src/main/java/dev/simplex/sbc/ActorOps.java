package dev.simplex.sbc;

/** Actor and AI instructions, forwarded to the {@link RuntimePort}. */
final class ActorOps {
  private ActorOps() {}

  /** Executes {@code op} on the stack halves and returns the new stack pointer. */
  static int execute(
      RuntimePort port,
      SbcModule module,
      Op op,
      byte[] code,
      int pc,
      long[] p,
      Object[] r,
      int sp) {
    switch (op) {
      case SPAWN -> {
        int type = Bytecode.u32(code, pc + 1);
        int n = Bytecode.u16(code, pc + 5);
        Object[] args = java.util.Arrays.copyOfRange(r, sp - n, sp);
        java.util.Arrays.fill(r, sp - n, sp, null);
        sp -= n;
        r[sp++] = port.spawn(module, type, args);
      }
      case SEND -> {
        port.send(r[sp - 2], r[sp - 1]);
        r[--sp] = null;
        r[--sp] = null;
      }
      case ASK -> {
        Object reply = port.ask(r[sp - 2], r[sp - 1]);
        r[--sp] = null;
        r[sp - 1] = reply;
      }
      case SELF -> r[sp++] = port.self();
      case CHECKPOINT -> port.checkpoint();
      case AI_COMPLETE -> r[sp - 1] = port.aiComplete((String) r[sp - 1]);
      case AI_EMBED -> r[sp - 1] = port.aiEmbed((String) r[sp - 1]);
      default ->
          throw new SimplexPanic(op.name().toLowerCase() + " is not supported by this runtime");
    }
    return sp;
  }
}
