package dev.simplex.sbc;

import java.util.List;

/**
 * Human-readable listing of a module, used by tests and by {@code simplex disasm}: each function
 * with its name, hash and signature and its checkpoint points, then one instruction per line with
 * offset, source line and operands, and the source text of each line where the source is at hand.
 *
 * <p>Checkpoint points are where an execution context can be captured: every {@code CHECKPOINT}
 * (execution resumes right after it) and every call to a function from which a {@code CHECKPOINT}
 * is reachable (the caller's frame is captured there, resuming after the call). The JIT tier only
 * compiles functions that have none.
 */
public final class Disassembler {
  private Disassembler() {}

  public static String disassemble(SbcModule m) {
    return disassemble(m, line -> null);
  }

  /**
   * As {@link #disassemble(SbcModule)}, printing beside the first instruction of each source line
   * the text {@code sourceLine} gives for it (null: none).
   */
  public static String disassemble(SbcModule m, java.util.function.IntFunction<String> sourceLine) {
    boolean[] mayCheckpoint = mayCheckpoint(m);
    StringBuilder sb = new StringBuilder();
    actors(sb, m);
    for (int i = 0; i < m.functions().size(); i++) {
      if (i > 0) sb.append('\n');
      function(sb, m, i, mayCheckpoint, sourceLine);
    }
    return sb.toString();
  }

  /** The actor schemas: each member with its message schema and the function it runs. */
  private static void actors(StringBuilder sb, SbcModule m) {
    for (ActorDef a : m.actors()) {
      sb.append(a.supervisor() ? "supervisor " : "actor ")
          .append(m.types().get(a.stateType()).name())
          .append('\n');
      for (ActorDef.Member mb : a.members()) {
        sb.append("  ").append(mb.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        sb.append(mb.name());
        if (!mb.paramNames().isEmpty()) {
          sb.append('(');
          for (int k = 0; k < mb.paramNames().size(); k++) {
            if (k > 0) sb.append(", ");
            String type = mb.paramTypes().get(k);
            sb.append(mb.paramNames().get(k)).append(": ").append(type.isEmpty() ? "?" : type);
          }
          sb.append(')');
        }
        if (!mb.replyType().isEmpty()) sb.append(" -> ").append(mb.replyType());
        sb.append("  => ").append(m.functions().get(mb.function()).name()).append('\n');
      }
      sb.append('\n');
    }
  }

  /** Which functions can reach a {@code CHECKPOINT} through direct calls (a fixed point). */
  static boolean[] mayCheckpoint(SbcModule m) {
    List<SbcFunction> fns = m.functions();
    boolean[] may = new boolean[fns.size()];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < fns.size(); i++) {
        if (may[i]) continue;
        byte[] code = fns.get(i).codeUnsafe();
        for (int pc = 0; pc < code.length; ) {
          Op op = Op.fromCode(code[pc] & 0xFF);
          if (op == null || pc + op.size() > code.length) break;
          if (op == Op.CHECKPOINT
              || (op == Op.CALL && calleeMay(may, Bytecode.u32(code, pc + 1)))) {
            may[i] = true;
            changed = true;
            break;
          }
          pc += op.size();
        }
      }
    }
    return may;
  }

  private static boolean calleeMay(boolean[] may, int callee) {
    return callee >= 0 && callee < may.length && may[callee];
  }

  private static boolean isCheckpointPoint(byte[] code, int pc, Op op, boolean[] may) {
    return op == Op.CHECKPOINT || (op == Op.CALL && calleeMay(may, Bytecode.u32(code, pc + 1)));
  }

  private static void function(
      StringBuilder sb,
      SbcModule m,
      int index,
      boolean[] may,
      java.util.function.IntFunction<String> sourceLine) {
    SbcFunction f = m.functions().get(index);
    sb.append("fn ").append(f.name()).append(" #").append(m.hashHex(index)).append('\n');
    sb.append("  params ")
        .append(f.paramCount())
        .append(", locals ")
        .append(f.localCount())
        .append(", stack ")
        .append(f.maxStack())
        .append(", returns ")
        .append(f.returnsRef() ? "ref" : "prim");
    if (index == m.entry()) sb.append(", entry");
    sb.append('\n');
    for (int l = 0; l < f.localNames().size(); l++) {
      sb.append("  local ")
          .append(l)
          .append(' ')
          .append(f.localNames().get(l))
          .append(": ")
          .append(f.localKinds().get(l).name().toLowerCase())
          .append('\n');
    }
    byte[] code = f.codeUnsafe();
    List<Integer> points = new java.util.ArrayList<>();
    for (int at = 0; at < code.length; ) {
      Op op = Op.fromCode(code[at] & 0xFF);
      if (op == null || at + op.size() > code.length) break;
      if (isCheckpointPoint(code, at, op, may)) points.add(at);
      at += op.size();
    }
    sb.append("  checkpoint points: ")
        .append(points.isEmpty() ? "none" : points.toString().replaceAll("[\\[\\]]", ""))
        .append('\n');
    int pc = 0;
    int lastLine = -1;
    while (pc < code.length) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > code.length) {
        sb.append(String.format("  %5d  <bad byte 0x%02x>%n", pc, code[pc] & 0xFF));
        break;
      }
      int line = f.lineAt(pc);
      boolean newLine = line != lastLine && line > 0;
      String lineCol = newLine ? String.format("%4d", line) : "   |";
      lastLine = line;
      sb.append(String.format("  %5d %s  %-16s", pc, lineCol, op.name()));
      int at = pc + 1;
      for (OperandKind k : op.operands()) {
        int v = Bytecode.operand(code, at, k);
        sb.append(' ').append(operand(m, op, k, v));
        at += k.width;
      }
      if (isCheckpointPoint(code, pc, op, may))
        sb.append("  <- checkpoint point, resumes at ").append(pc + op.size());
      if (newLine) {
        String text = sourceLine.apply(line);
        if (text != null && !text.isBlank()) sb.append("  ; ").append(text.strip());
      }
      sb.setLength(trimEnd(sb));
      sb.append('\n');
      pc += op.size();
    }
  }

  private static String operand(SbcModule m, Op op, OperandKind k, int v) {
    List<SbcFunction> fns = m.functions();
    return switch (k) {
      case CONST -> v < m.constants().size() ? constant(m.constants().get(v)) : "#" + v + "?";
      case FUNC ->
          v < fns.size() ? fns.get(v).name() + "#" + m.hashHex(v).substring(0, 8) : "#" + v + "?";
      case TYPE -> v < m.types().size() ? m.types().get(v).name() : "type#" + v + "?";
      case NATIVE -> v < Natives.count() ? Natives.get(v).name() : "native#" + v + "?";
      case TARGET -> "->" + v;
      case LOCAL -> "$" + v;
      case BYTE ->
          switch (op) {
            case NARROW, F64_TO_INT, SHL_I64, SHR_I64, BNOT_I64 ->
                String.valueOf(IntKind.fromCode(v)).toLowerCase();
            case TO_STR_PRIM -> String.valueOf(PrimKind.fromCode(v)).toLowerCase();
            default -> Integer.toString(v);
          };
      case COUNT -> Integer.toString(v);
    };
  }

  private static String constant(Constant c) {
    return switch (c) {
      case Constant.I64 i -> Long.toString(i.value());
      case Constant.F64 f -> Display.f64(f.value());
      case Constant.Str s -> Display.debug(s.value());
    };
  }

  private static int trimEnd(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && sb.charAt(n - 1) == ' ') n--;
    return n;
  }
}
