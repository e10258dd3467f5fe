package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's pre-decoded code and its superinstructions behave exactly as the plain
 * instruction sequences they replace: entered in the middle, panicking, and counting steps.
 */
class PredecodeTest {
  /**
   * {@code main}: {@code b = a + 5} as LOAD_LOCAL a; PUSH_I64 5; ADD_I64; STORE_LOCAL b (a fused
   * sequence), entered either at its start or, with 100 already on the stack, at its PUSH_I64;
   * returns b.
   */
  private static SbcModule addIntoLocal(boolean enterInTheMiddle, long a) {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    CodeBuilder.Label start = c.newLabel();
    CodeBuilder.Label middle = c.newLabel();
    c.line(1);
    c.pushConst(new Constant.I64(a));
    c.emit(Op.STORE_LOCAL, 0);
    c.emit(enterInTheMiddle ? Op.PUSH_FALSE : Op.PUSH_TRUE);
    c.jump(Op.JUMP_IF_TRUE, start);
    c.pushConst(new Constant.I64(100));
    c.jump(Op.JUMP, middle);
    c.place(start);
    c.setDepth(0);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 0);
    c.place(middle);
    c.line(3);
    c.pushConst(new Constant.I64(5));
    c.emit(Op.ADD_I64);
    c.emit(Op.STORE_LOCAL, 1);
    c.line(4);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.RETURN);
    c.finish(main, Fixtures.prims(2), false, Fixtures.names(2));
    return mb.build(main, "fused.sx");
  }

  @Test
  void aFusedSequenceEnteredAtItsStartComputesWhatItsInstructionsDo() {
    Fixtures.Run r = Fixtures.run(addIntoLocal(false, 37));
    assertEquals(42, r.exit(), r.err());
  }

  @Test
  void aJumpIntoTheMiddleOfAFusedSequenceRunsItsRemainingInstructions() {
    Fixtures.Run r = Fixtures.run(addIntoLocal(true, 37));
    assertEquals(105, r.exit(), r.err());
  }

  @Test
  void anOverflowInsideAFusedSequenceIsReportedAtTheLineOfTheAddition() {
    Fixtures.Run r = Fixtures.run(addIntoLocal(false, Long.MAX_VALUE));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(r.err().startsWith("panic: integer overflow\n  at main (fused.sx:3)"), r.err());
  }

  /**
   * {@code main}: {@code var i = 0; while i < n { i += 1 }; i} — a fused compare-and-branch and a
   * fused increment; each iteration takes two steps (the conditional jump and the back jump), the
   * exit one more.
   */
  private static SbcModule countTo(long n) {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    CodeBuilder.Label head = c.newLabel();
    CodeBuilder.Label done = c.newLabel();
    c.line(1);
    c.place(head);
    c.emit(Op.LOAD_LOCAL, 0);
    c.pushConst(new Constant.I64(n));
    c.emit(Op.LT_I64);
    c.jump(Op.JUMP_IF_FALSE, done);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 0);
    c.pushConst(new Constant.I64(1));
    c.emit(Op.ADD_I64);
    c.emit(Op.STORE_LOCAL, 0);
    c.jump(Op.JUMP, head);
    c.place(done);
    c.line(3);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.RETURN);
    c.finish(main, Fixtures.prims(1), false, Fixtures.names(1));
    return mb.build(main, "count.sx");
  }

  private static Fixtures.Run runWithBudget(SbcModule m, long steps) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Vm vm = new Vm(m, o, e);
      vm.stepBudget = steps;
      code = vm.runMain(List.of());
    }
    return new Fixtures.Run(
        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  @Test
  void fusedJumpsCountAgainstTheStepBudgetOneStepEach() {
    assertEquals(50, runWithBudget(countTo(50), 101).exit());
    Fixtures.Run short1 = runWithBudget(countTo(50), 100);
    assertEquals(Vm.EXIT_PANIC, short1.exit());
    assertTrue(
        short1.err().startsWith("panic: step budget exhausted\n  at main (count.sx:1)"),
        short1.err());
  }

  @Test
  void decodingKeepsEveryInstructionsOperandsAtItsOwnOffset() {
    byte[] code = {
      (byte) Op.LOAD_LOCAL.code(), 0, 3, (byte) Op.LOAD_LOCAL.code(), 0, 4, (byte) Op.ADD_F64.code()
    };
    int[] decoded = Predecode.decode(code, new Object[0]);
    assertEquals(code.length, decoded.length);
    assertEquals(Predecode.F_LL_LL_ADDF, decoded[0]);
    assertEquals(3, decoded[1]);
    // the second LOAD_LOCAL starts its own (shorter) sequence, for a jump that lands on it
    assertEquals(Predecode.F_LL_ADDF, decoded[3]);
    assertEquals(4, decoded[4]);
    assertEquals(Predecode.ADD_F64, decoded[6]);
  }

  @Test
  void aTruncatedInstructionDecodesToNothingRunnable() {
    byte[] code = {(byte) Op.PUSH_TRUE.code(), (byte) Op.PUSH_I64.code(), 0, 0};
    int[] decoded = Predecode.decode(code, new Object[0]);
    assertEquals(Predecode.PUSH_TRUE, decoded[0]);
    assertEquals(Predecode.BAD, decoded[1]);
  }

  @Test
  void everyInstructionHasItsOwnInternalOpcode() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Op op : Op.values()) {
      int internal = Predecode.of(op);
      assertTrue(internal != Predecode.BAD && seen.add(internal), op.name());
      assertEquals(op.size(), Predecode.SIZE[internal], op.name());
    }
  }

  @Test
  void decodingArbitraryBytesNeverThrows() {
    java.util.Random random = new java.util.Random(11);
    Object[] constRefs = {"sqrt", null};
    for (int n = 0; n < 20_000; n++) {
      byte[] code = new byte[random.nextInt(40)];
      random.nextBytes(code);
      int[] decoded = Predecode.decode(code, constRefs);
      assertEquals(code.length, decoded.length);
    }
  }

  /**
   * {@code fn main() { m = {"a": 1}; m.get_or("a", 100) + m.get_or("b", 40) }}: the native call is
   * run in the dispatch loop without its argument array, with the native's meaning.
   */
  @Test
  void mapGetOrRunInTheLoopFindsPresentKeysAndDefaultsAbsentOnes() {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    int getOr = Natives.indexOf("map_get_or");
    c.line(1);
    c.pushConst(new Constant.Str("a"));
    c.pushConst(new Constant.I64(1));
    c.emit(Op.BOX_I64);
    c.emit(Op.MAP_NEW, 1);
    c.emit(Op.STORE_LOCAL, 0);
    for (String key : new String[] {"a", "b"}) {
      c.emit(Op.LOAD_LOCAL, 0);
      c.pushConst(new Constant.Str(key));
      c.pushConst(new Constant.I64(key.equals("a") ? 100 : 40));
      c.emit(Op.BOX_I64);
      c.emit(Op.CALL_NATIVE, getOr, 3);
      c.emit(Op.UNBOX_I64);
    }
    c.emit(Op.ADD_I64);
    c.emit(Op.RETURN);
    c.finish(main, List.of(SbcFunction.SlotKind.REF), false, Fixtures.names(1));
    assertEquals(41, Fixtures.run(mb.build(main, "getor.sx")).exit());
  }

  /**
   * {@code main}: line 2 {@code a * m} (LOAD_LOCAL; PUSH_I64; MUL_I64), line 3 {@code + k}, line 4
   * {@code % q}, line 5 {@code + a % q2} (LOAD_LOCAL; PUSH_I64; REM_I64), line 6 the result boxed,
   * unboxed, {@code + 1}, boxed and unboxed again: each a fused sequence.
   */
  private static SbcModule constArithmetic(long a, long m, long k, long q, long q2) {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.line(1);
    c.pushConst(new Constant.I64(a));
    c.emit(Op.STORE_LOCAL, 0);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 0);
    c.pushConst(new Constant.I64(m));
    c.emit(Op.MUL_I64);
    c.line(3);
    c.pushConst(new Constant.I64(k));
    c.emit(Op.ADD_I64);
    c.line(4);
    c.pushConst(new Constant.I64(q));
    c.emit(Op.REM_I64);
    c.line(5);
    c.emit(Op.LOAD_LOCAL, 0);
    c.pushConst(new Constant.I64(q2));
    c.emit(Op.REM_I64);
    c.emit(Op.ADD_I64);
    c.line(6);
    c.emit(Op.BOX_I64);
    c.emit(Op.UNBOX_I64);
    c.pushConst(new Constant.I64(1));
    c.emit(Op.ADD_I64);
    c.emit(Op.BOX_I64);
    c.emit(Op.UNBOX_I64);
    c.emit(Op.RETURN);
    c.finish(main, Fixtures.prims(1), false, Fixtures.names(1));
    return mb.build(main, "arith.sx");
  }

  @Test
  void arithmeticWithConstantOperandsComputesWhatItsInstructionsDo() {
    for (long[] v :
        new long[][] {{42, 75, 74, 65537, 10}, {-7, 3, -5, 4, -3}, {9, -1, 0, -1, -1}}) {
      long expected = (v[0] * v[1] + v[2]) % v[3] + (v[4] == -1 ? 0 : v[0] % v[4]) + 1;
      Object got =
          new Vm(constArithmetic(v[0], v[1], v[2], v[3], v[4]), System.out, System.err)
              .invoke("main", List.of());
      assertEquals(expected, got);
    }
  }

  @Test
  void aPanicInsideAConstantOperandSequenceIsReportedAtItsOwnLine() {
    long big = Long.MAX_VALUE;
    String[][] cases = {
      {"integer overflow", "2"},
      {"integer overflow", "3"},
      {"division by zero", "4"},
      {"division by zero", "5"},
      {"integer overflow", "6"}
    };
    SbcModule[] modules = {
      constArithmetic(big / 2 + 1, 2, 0, 7, 3),
      constArithmetic(big / 2, 2, 2, 7, 3),
      constArithmetic(5, 2, 0, 0, 3),
      constArithmetic(5, 2, 0, 7, 0),
      constArithmetic(3, 1, big - 3, Long.MIN_VALUE, 1)
    };
    for (int i = 0; i < cases.length; i++) {
      Fixtures.Run r = Fixtures.run(modules[i]);
      assertEquals(Vm.EXIT_PANIC, r.exit(), r.err());
      assertTrue(
          r.err()
              .startsWith("panic: " + cases[i][0] + "\n  at main (arith.sx:" + cases[i][1] + ")"),
          i + ": " + r.err());
    }
  }

  /**
   * {@code fn count(n) = if n == 0 { 0 } else { count(n - 1) + 1 }} (line 3 the fused LOAD_LOCAL;
   * PUSH_I64; SUB_I64; CALL) and {@code main} calling it on its local {@code n} (LOAD_LOCAL; CALL,
   * line 6).
   */
  private static SbcModule countDown(long n) {
    ModuleBuilder mb = new ModuleBuilder();
    int count = mb.declareFunction("count", 1);
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
    d.emit(Op.CALL, count);
    d.pushConst(new Constant.I64(1));
    d.emit(Op.ADD_I64);
    d.emit(Op.RETURN);
    d.finish(count, Fixtures.prims(1), false, Fixtures.names(1));
    CodeBuilder m = new CodeBuilder(mb);
    m.line(5);
    m.pushConst(new Constant.I64(n));
    m.emit(Op.STORE_LOCAL, 0);
    m.line(6);
    m.emit(Op.LOAD_LOCAL, 0);
    m.emit(Op.CALL, count);
    m.emit(Op.RETURN);
    m.finish(main, Fixtures.prims(1), false, Fixtures.names(1));
    return mb.build(main, "count.sx");
  }

  @Test
  void callsWithTheirArgumentFusedReturnTheSameInEveryJitMode() {
    for (String mode : new String[] {"off", "auto", "always"}) {
      Vm vm = new Vm(countDown(5_000), System.out, System.err).jit(mode);
      assertEquals(5_000L, vm.invoke("main", List.of()), mode);
    }
  }

  @Test
  void anOverflowInAFusedCallsArgumentPanicsAtItsLineWithTheCallersBelow() {
    Fixtures.Run r = Fixtures.run(countDown(Long.MIN_VALUE));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(
        r.err()
            .startsWith("panic: integer overflow\n  at count (count.sx:3)\n  at main (count.sx:6)"),
        r.err());
  }

  @Test
  void aFusedCallTooDeepPanicsWithStackOverflow() {
    Fixtures.Run r = Fixtures.run(countDown(Interpreter.MAX_FRAMES + 10));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(r.err().startsWith("panic: stack overflow\n  at count (count.sx:3)"), r.err());
  }

  /** Instructions encoded one after another (no verification: only decoding is looked at). */
  private static byte[] encode(Object... opsAndOperands) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < opsAndOperands.length; ) {
      Op op = (Op) opsAndOperands[i++];
      byte[] b = new byte[op.size()];
      b[0] = (byte) op.code();
      int at = 1;
      for (OperandKind kind : op.operands()) {
        Bytecode.put(b, at, kind, (Integer) opsAndOperands[i++]);
        at += kind.width;
      }
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** {@code local0.field1 += const0}, stored back into field {@code storeInto}. */
  private static byte[] increment(int storeInto) {
    return encode(
        Op.LOAD_LOCAL,
        0,
        Op.LOAD_LOCAL,
        0,
        Op.LOAD_FIELD,
        1,
        Op.UNBOX_I64,
        Op.PUSH_I64,
        0,
        Op.ADD_I64,
        Op.BOX_I64,
        Op.STORE_FIELD,
        storeInto);
  }

  @Test
  void aFieldIncrementAndAFieldReadAreEachOneInstructionOfTheColdPath() {
    // self.count += c; then self.count and self.limit read for a comparison
    java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
    code.writeBytes(increment(1));
    code.writeBytes(
        encode(
            Op.LOAD_LOCAL,
            0,
            Op.LOAD_FIELD,
            1,
            Op.UNBOX_I64,
            Op.LOAD_LOCAL,
            0,
            Op.LOAD_FIELD,
            2,
            Op.UNBOX_I64,
            Op.EQ_I64));
    int[] ic = Predecode.decode(code.toByteArray(), new Object[0]);
    assertEquals(Predecode.F_FIELD_ADDI, ic[0]);
    int read = Predecode.SIZE[Predecode.F_FIELD_ADDI];
    assertEquals(20, read);
    assertEquals(Predecode.F_LL_FIELD_UNBOXI, ic[read]);
    int next = read + Predecode.SIZE[Predecode.F_LL_FIELD_UNBOXI];
    assertEquals(Predecode.F_LL_FIELD_UNBOXI, ic[next]);
    assertEquals(Predecode.of(Op.EQ_I64), ic[next + 7]);
    // the second load of the increment starts a read (a jump may enter there)
    assertEquals(Predecode.F_LL_FIELD_UNBOXI, ic[3]);
  }

  @Test
  void anIncrementOfOneFieldStoredIntoAnotherIsNotFused() {
    int[] ic = Predecode.decode(increment(2), new Object[0]);
    assertTrue(ic[0] != Predecode.F_FIELD_ADDI);
  }

  @Test
  void anF64SquareRootIsItsOwnInstructionAndOtherMathGoesByName() {
    java.util.function.Function<String, int[]> decode =
        name ->
            Predecode.decode(
                encode(
                    Op.BOX_F64,
                    Op.PUSH_STR,
                    0,
                    Op.CALL_NATIVE,
                    Natives.indexOf("f64_math"),
                    2,
                    Op.UNBOX_F64),
                new Object[] {name});
    assertEquals(Predecode.F_SQRT, decode.apply("sqrt")[0]);
    assertEquals(Predecode.F_MATH, decode.apply("floor")[0]);
  }
}
