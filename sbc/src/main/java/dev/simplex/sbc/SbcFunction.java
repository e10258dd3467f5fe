package dev.simplex.sbc;

import java.util.List;

/**
 * One function body. {@code localKinds} has one entry per local slot (parameters first): whether
 * the slot holds a primitive (long) or a reference. {@code lines} maps code offsets to source lines
 * and {@code localNames} names the slots; both are debug info.
 *
 * @param returnsRef whether the result is a reference value (else a primitive in the long slot)
 */
public record SbcFunction(
    String name,
    int paramCount,
    List<SlotKind> localKinds,
    boolean returnsRef,
    int maxStack,
    byte[] code,
    List<LineEntry> lines,
    List<String> localNames) {

  public enum SlotKind {
    PRIM,
    REF
  }

  /** From code offset {@code pc} onwards, instructions come from source line {@code line}. */
  public record LineEntry(int pc, int line) {}

  public SbcFunction {
    localKinds = List.copyOf(localKinds);
    lines = List.copyOf(lines);
    localNames = List.copyOf(localNames);
    code = code.clone();
  }

  @Override
  public byte[] code() {
    return code.clone();
  }

  /** The code without a defensive copy, for the executor and the tools in this package. */
  byte[] codeUnsafe() {
    return code;
  }

  public int localCount() {
    return localKinds.size();
  }

  /** The source line of the instruction at {@code pc}, or 0 when unknown. */
  public int lineAt(int pc) {
    int line = 0;
    for (LineEntry e : lines) {
      if (e.pc() > pc) break;
      line = e.line();
    }
    return line;
  }
}
