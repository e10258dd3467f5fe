package dev.simplex.sbc;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Small hand-assembled modules for the sbc tests (the compiler is not a dependency of this module).
 */
final class Fixtures {
  private Fixtures() {}

  static List<SbcFunction.SlotKind> prims(int n) {
    return Collections.nCopies(n, SbcFunction.SlotKind.PRIM);
  }

  static List<String> names(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
  }

  /**
   * {@code fn <helper>(n) = n * 2} and {@code fn main() { println("{helper(21)}") }}; returns i64
   * main's value.
   */
  static SbcModule doubler(String helperName, long factor) {
    ModuleBuilder mb = new ModuleBuilder();
    int helper = mb.declareFunction(helperName, 1);
    int main = mb.declareFunction("main", 0);
    CodeBuilder h = new CodeBuilder(mb);
    h.line(1);
    h.emit(Op.LOAD_LOCAL, 0);
    h.pushConst(new Constant.I64(factor));
    h.emit(Op.MUL_I64);
    h.emit(Op.RETURN);
    h.finish(helper, prims(1), false, names(1));
    CodeBuilder m = new CodeBuilder(mb);
    m.line(3);
    m.pushConst(new Constant.I64(21));
    m.emit(Op.CALL, helper);
    m.emit(Op.TO_STR_PRIM, PrimKind.INT.ordinal());
    m.emit(Op.PRINT);
    m.pushConst(new Constant.I64(7));
    m.emit(Op.RETURN);
    m.finish(main, prims(0), false, names(0));
    return mb.build(main, "doubler.sx");
  }

  /**
   * {@code fn down(n) = if n == 0 { 0 } else { down(n - 1) }}, called from main with {@code depth}.
   */
  static SbcModule recursion(long depth) {
    ModuleBuilder mb = new ModuleBuilder();
    int down = mb.declareFunction("down", 1);
    int main = mb.declareFunction("main", 0);
    CodeBuilder d = new CodeBuilder(mb);
    CodeBuilder.Label recurse = d.newLabel();
    d.line(2);
    d.emit(Op.LOAD_LOCAL, 0);
    d.pushConst(new Constant.I64(0));
    d.emit(Op.EQ_I64);
    d.jump(Op.JUMP_IF_FALSE, recurse);
    d.pushConst(new Constant.I64(0));
    d.emit(Op.RETURN);
    d.place(recurse);
    d.line(3);
    d.emit(Op.LOAD_LOCAL, 0);
    d.pushConst(new Constant.I64(1));
    d.emit(Op.SUB_I64);
    d.emit(Op.CALL, down);
    d.emit(Op.RETURN);
    d.finish(down, prims(1), false, names(1));
    CodeBuilder m = new CodeBuilder(mb);
    m.line(6);
    m.pushConst(new Constant.I64(depth));
    m.emit(Op.CALL, down);
    m.emit(Op.RETURN);
    m.finish(main, prims(0), false, names(0));
    return mb.build(main, "recursion.sx");
  }

  record Run(String out, String err, int exit) {}

  static Run run(SbcModule m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new Vm(m, o, e).runMain(List.of());
    }
    return new Run(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  /** A module whose main body is exactly {@code code} (hand-written, possibly invalid). */
  static SbcModule rawMain(byte[] code, int locals, int maxStack, List<Constant> constants) {
    SbcFunction main =
        new SbcFunction("main", 0, prims(locals), false, maxStack, code, List.of(), names(locals));
    return new SbcModule(constants, List.of(), List.of(main), 0, "raw.sx");
  }
}
