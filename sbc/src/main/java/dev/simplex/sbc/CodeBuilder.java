package dev.simplex.sbc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits one function body: instructions with operands encoded per {@link Op}, forward jumps through
 * labels, and the line table. {@link #finish} computes the stack size with the {@link Verifier}.
 */
public final class CodeBuilder {
  private final ModuleBuilder module;
  private final ByteArrayOutputStream code = new ByteArrayOutputStream();
  private final List<SbcFunction.LineEntry> lines = new ArrayList<>();
  private final List<int[]> fixups = new ArrayList<>(); // {operand offset, label id}
  private final List<Integer> labelPositions = new ArrayList<>();
  private final List<Integer> labelDepths = new ArrayList<>();

  /** Operand stack depth at the current position, or {@link #DEAD} after an unconditional exit. */
  private int depth;

  public static final int DEAD = -1;

  /** Where the last instruction and the last label were placed, for {@link #dropTrailing}. */
  private int lastOpAt = -1;

  private int lastLabelAt = -1;

  public CodeBuilder(ModuleBuilder module) {
    this.module = module;
  }

  /** A jump destination, placed later with {@link #place}. */
  public record Label(int id) {}

  public Label newLabel() {
    labelPositions.add(-1);
    labelDepths.add(DEAD);
    return new Label(labelPositions.size() - 1);
  }

  /**
   * Places a label here; after an unconditional jump the depth is the one recorded at its jumps.
   */
  public void place(Label label) {
    lastLabelAt = code.size();
    labelPositions.set(label.id(), code.size());
    if (depth == DEAD) depth = labelDepths.get(label.id());
  }

  /**
   * The operand stack depth here, tracked from the {@link Op} table ({@link #DEAD} if unreachable).
   */
  public int depth() {
    return depth;
  }

  /** Declares the depth, for code reached only by jumps recorded elsewhere. */
  public void setDepth(int depth) {
    this.depth = depth;
  }

  private void track(Op op, int[] operands) {
    if (depth == DEAD) return;
    int pops = op.pops();
    if (pops == Op.VARIABLE) {
      pops =
          switch (op) {
            case CALL -> module.paramCount(operands[0]);
            case CALL_LOCAL -> operands[0] + 1;
            case CALL_NATIVE, MAKE_CLOSURE, ALLOC, SPAWN -> operands[1];
            case MAKE_VARIANT -> operands[2];
            case MAKE_MESSAGE -> operands[1];
            case MAKE_TUPLE, LIST_NEW, SET_NEW -> operands[0];
            case MAP_NEW -> 2 * operands[0];
            default -> throw new IllegalStateException("no variable stack effect for " + op);
          };
    }
    depth = depth - pops + op.pushes();
    if (op == Op.RETURN || op == Op.PANIC) depth = DEAD;
  }

  /** Instructions emitted from now on come from source line {@code line}. */
  public void line(int line) {
    if (!lines.isEmpty() && lines.getLast().line() == line) return;
    if (!lines.isEmpty() && lines.getLast().pc() == code.size()) lines.removeLast();
    lines.add(new SbcFunction.LineEntry(code.size(), line));
  }

  public int position() {
    return code.size();
  }

  public void emit(Op op, int... operands) {
    if (operands.length != op.operands().size()) {
      throw new IllegalArgumentException(op + " takes " + op.operands().size() + " operands");
    }
    if (op.operands().contains(OperandKind.TARGET)) {
      throw new IllegalArgumentException("use jump() for " + op);
    }
    byte[] bytes = new byte[op.size()];
    bytes[0] = (byte) op.code();
    lastOpAt = code.size();
    int at = 1;
    for (int i = 0; i < operands.length; i++) {
      OperandKind k = op.operands().get(i);
      Bytecode.put(bytes, at, k, operands[i]);
      at += k.width;
    }
    code.writeBytes(bytes);
    track(op, operands);
  }

  /**
   * Removes the last instruction if it is {@code op} and nothing can jump past it (no label was
   * placed after it); a peephole for values pushed only to be popped. Returns whether it was
   * removed.
   */
  public boolean dropTrailing(Op op) {
    if (lastOpAt < 0 || lastLabelAt > lastOpAt || op.size() != code.size() - lastOpAt) return false;
    byte[] bytes = code.toByteArray();
    if ((bytes[lastOpAt] & 0xFF) != op.code() || !op.operands().isEmpty()) return false;
    code.reset();
    code.write(bytes, 0, lastOpAt);
    if (depth != DEAD) depth = depth - op.pushes() + op.pops();
    lastOpAt = -1;
    return true;
  }

  public void jump(Op op, Label target) {
    if (depth != DEAD) {
      if (op != Op.JUMP) depth--;
      int recorded = labelDepths.get(target.id());
      if (recorded == DEAD) labelDepths.set(target.id(), depth);
      if (op == Op.JUMP) depth = DEAD;
    }
    lastOpAt = code.size();
    fixups.add(new int[] {code.size() + 1, target.id()});
    byte[] bytes = new byte[op.size()];
    bytes[0] = (byte) op.code();
    code.writeBytes(bytes);
  }

  public void pushConst(Constant c) {
    Op op =
        switch (c) {
          case Constant.I64 i -> Op.PUSH_I64;
          case Constant.F64 f -> Op.PUSH_F64;
          case Constant.Str s -> Op.PUSH_STR;
        };
    emit(op, module.constant(c));
  }

  /**
   * Finishes the body and registers it under its declared index.
   *
   * @throws IllegalStateException when the emitted code does not verify (a code generator bug)
   */
  public SbcFunction finish(
      int function,
      List<SbcFunction.SlotKind> localKinds,
      boolean returnsRef,
      List<String> localNames) {
    byte[] bytes = code.toByteArray();
    for (int[] f : fixups) {
      int pos = labelPositions.get(f[1]);
      if (pos < 0) throw new IllegalStateException("label never placed");
      Bytecode.put(bytes, f[0], OperandKind.TARGET, pos);
    }
    String name = module.functionName(function);
    int maxStack;
    try {
      maxStack =
          Verifier.maxDepth(
              module.constants(),
              module.types(),
              module.paramCountArray(),
              module::defined,
              name,
              bytes,
              localKinds,
              module.paramCount(function),
              returnsRef);
    } catch (SbcFormatException e) {
      throw new IllegalStateException("generated code does not verify: " + e.getMessage(), e);
    }
    SbcFunction fn =
        new SbcFunction(
            name,
            module.paramCount(function),
            localKinds,
            returnsRef,
            maxStack,
            bytes,
            lines,
            localNames);
    module.define(function, fn);
    return fn;
  }
}
