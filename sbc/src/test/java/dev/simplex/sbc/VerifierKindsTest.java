package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier tracks whether each stack slot and local holds an i64, an f64, some primitive or a
 * reference, and rejects instructions whose operands have the wrong kind. Each rejected program is
 * beside the nearest one that verifies.
 */
class VerifierKindsTest {
  private static final int I = 0; // constant #0: the i64 1
  private static final int F = 1; // constant #1: the f64 2.5
  private static final int S = 2; // constant #2: the string "s"
  private static final List<Constant> CONSTANTS =
      List.of(new Constant.I64(1), Constant.F64.of(2.5), new Constant.Str("s"));
  private static final TypeDef ONE =
      new TypeDef(
          "One", TypeDef.Kind.STRUCT, List.of(new TypeDef.Variant("One", true, List.of("a"))));

  /** Assembles instructions: each Op is followed by its operand values. */
  static byte[] asm(Object... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < items.length; ) {
      Op op = (Op) items[i++];
      byte[] ins = new byte[op.size()];
      ins[0] = (byte) op.code();
      int at = 1;
      for (OperandKind k : op.operands()) {
        Bytecode.put(ins, at, k, (Integer) items[i++]);
        at += k.width;
      }
      out.writeBytes(ins);
    }
    return out.toByteArray();
  }

  /** A function; {@code locals} has one letter per local, p (primitive) or r (reference). */
  private static SbcFunction fn(
      String name, int params, String locals, boolean returnsRef, byte[] code) {
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    for (char c : locals.toCharArray())
      kinds.add(c == 'r' ? SbcFunction.SlotKind.REF : SbcFunction.SlotKind.PRIM);
    return new SbcFunction(
        name, params, kinds, returnsRef, 16, code, List.of(), Fixtures.names(locals.length()));
  }

  /** A module whose entry is the first function. */
  private static SbcModule module(SbcFunction... fns) {
    return new SbcModule(CONSTANTS, List.of(ONE), List.of(fns), 0, "kinds.sx");
  }

  private static SbcModule main(String locals, boolean returnsRef, Object... code) {
    return module(fn("main", 0, locals, returnsRef, asm(code)));
  }

  private static String rejection(SbcModule m) {
    return assertThrows(SbcFormatException.class, () -> Verifier.verify(m)).getMessage();
  }

  private static void accepted(SbcModule m) {
    assertDoesNotThrow(() -> Verifier.verify(m));
  }

  @Test
  void integerArithmeticOnAReferenceIsRejected() {
    assertEquals(
        "function `main` at offset 10: ADD_I64 expects an i64 but finds a reference (operand 1 of"
            + " 2)",
        rejection(main("", false, Op.PUSH_STR, S, Op.PUSH_I64, I, Op.ADD_I64, Op.RETURN)));
    accepted(main("", false, Op.PUSH_I64, I, Op.PUSH_I64, I, Op.ADD_I64, Op.RETURN));
  }

  @Test
  void integerArithmeticOnAnF64IsRejected() {
    assertEquals(
        "function `main` at offset 10: ADD_I64 expects an i64 but finds an f64 (operand 1 of 2)",
        rejection(main("", false, Op.PUSH_F64, F, Op.PUSH_I64, I, Op.ADD_I64, Op.RETURN)));
    accepted(
        main(
            "",
            false,
            Op.PUSH_F64,
            F,
            Op.F64_TO_INT,
            IntKind.I64.ordinal(),
            Op.PUSH_I64,
            I,
            Op.ADD_I64,
            Op.RETURN));
  }

  @Test
  void floatArithmeticOnAnI64IsRejected() {
    assertEquals(
        "function `main` at offset 10: MUL_F64 expects an f64 but finds an i64 (operand 2 of 2)",
        rejection(main("", false, Op.PUSH_F64, F, Op.PUSH_I64, I, Op.MUL_F64, Op.RETURN)));
    accepted(main("", false, Op.PUSH_F64, F, Op.PUSH_I64, I, Op.I64_TO_F64, Op.MUL_F64, Op.RETURN));
  }

  @Test
  void fieldAccessOnAPrimitiveIsRejected() {
    assertEquals(
        "function `main` at offset 5: LOAD_FIELD expects a reference but finds an i64",
        rejection(main("", true, Op.PUSH_I64, I, Op.LOAD_FIELD, 0, Op.RETURN)));
    accepted(
        main("", true, Op.PUSH_I64, I, Op.BOX_I64, Op.ALLOC, 0, 1, Op.LOAD_FIELD, 0, Op.RETURN));
  }

  @Test
  void aBranchOnAReferenceIsRejected() {
    assertEquals(
        "function `main` at offset 5: JUMP_IF_FALSE expects an i64 but finds a reference",
        rejection(main("", false, Op.PUSH_STR, S, Op.JUMP_IF_FALSE, 10, Op.PUSH_UNIT, Op.RETURN)));
    accepted(main("", false, Op.PUSH_TRUE, Op.JUMP_IF_FALSE, 6, Op.PUSH_UNIT, Op.RETURN));
  }

  @Test
  void storingAReferenceIntoAPrimitiveLocalIsRejected() {
    assertEquals(
        "function `main` at offset 5: STORE_LOCAL stores a reference into primitive local 0",
        rejection(main("p", false, Op.PUSH_STR, S, Op.STORE_LOCAL, 0, Op.PUSH_UNIT, Op.RETURN)));
    accepted(main("r", false, Op.PUSH_STR, S, Op.STORE_LOCAL, 0, Op.PUSH_UNIT, Op.RETURN));
  }

  @Test
  void storingAPrimitiveIntoAReferenceLocalIsRejected() {
    assertEquals(
        "function `main` at offset 5: STORE_LOCAL stores an i64 into reference local 0",
        rejection(main("r", false, Op.PUSH_I64, I, Op.STORE_LOCAL, 0, Op.PUSH_UNIT, Op.RETURN)));
    accepted(
        main("r", false, Op.PUSH_I64, I, Op.BOX_I64, Op.STORE_LOCAL, 0, Op.PUSH_UNIT, Op.RETURN));
  }

  @Test
  void aLocalKeepsTheKindLastStoredInIt() {
    // local 0 is a primitive slot holding an f64: adding it as an i64 is rejected
    assertEquals(
        "function `main` at offset 16: ADD_I64 expects an i64 but finds an f64 (operand 1 of 2)",
        rejection(
            main(
                "p",
                false,
                Op.PUSH_F64,
                F,
                Op.STORE_LOCAL,
                0,
                Op.LOAD_LOCAL,
                0,
                Op.PUSH_I64,
                I,
                Op.ADD_I64,
                Op.RETURN)));
    accepted(
        main(
            "p",
            false,
            Op.PUSH_F64,
            F,
            Op.STORE_LOCAL,
            0,
            Op.LOAD_LOCAL,
            0,
            Op.PUSH_F64,
            F,
            Op.ADD_F64,
            Op.RETURN));
  }

  @Test
  void returningAPrimitiveFromAFunctionThatReturnsAReferenceIsRejected() {
    assertEquals(
        "function `main` at offset 5: RETURN returns an i64 from a function that returns a"
            + " reference",
        rejection(main("", true, Op.PUSH_I64, I, Op.RETURN)));
    accepted(main("", true, Op.PUSH_I64, I, Op.BOX_I64, Op.RETURN));
  }

  @Test
  void returningAReferenceFromAFunctionThatReturnsAPrimitiveIsRejected() {
    assertEquals(
        "function `main` at offset 5: RETURN returns a reference from a function that returns a"
            + " primitive",
        rejection(main("", false, Op.PUSH_STR, S, Op.RETURN)));
    accepted(main("", false, Op.PUSH_STR, S, Op.POP, Op.PUSH_UNIT, Op.RETURN));
  }

  /** PUSH_TRUE; JUMP_IF_FALSE 16; PUSH_I64; JUMP 21; [16] PUSH_STR; [21] then {@code tail}. */
  private static SbcModule conflictThen(Object... tail) {
    List<Object> code =
        new ArrayList<>(
            List.of(
                Op.PUSH_TRUE, Op.JUMP_IF_FALSE, 16, Op.PUSH_I64, I, Op.JUMP, 21, Op.PUSH_STR, S));
    code.addAll(List.of(tail));
    return main("", false, code.toArray());
  }

  @Test
  void aSlotThatIsAPrimitiveOnOnePathAndAReferenceOnAnotherCannotBeUsed() {
    assertEquals(
        "function `main` at offset 21: TO_STR_PRIM expects an i64 but finds a value that is a"
            + " primitive on one path and a reference on another",
        rejection(
            conflictThen(
                Op.TO_STR_PRIM, PrimKind.INT.ordinal(), Op.PRINT, Op.PUSH_UNIT, Op.RETURN)));
    assertEquals(
        "function `main` at offset 21: RETURN returns a value that is a primitive on one path and"
            + " a reference on another from a function that returns a primitive",
        rejection(conflictThen(Op.RETURN)));
    // dead at the join: popped without being used
    accepted(conflictThen(Op.POP, Op.PUSH_UNIT, Op.RETURN));
  }

  @Test
  void twoPrimitiveKindsMergeIntoAPrimitive() {
    // an i64 on one path, an f64 on the other: still fine to box or display as a primitive
    accepted(
        main(
            "",
            false,
            Op.PUSH_TRUE,
            Op.JUMP_IF_FALSE,
            16,
            Op.PUSH_I64,
            I,
            Op.JUMP,
            21,
            Op.PUSH_F64,
            F,
            Op.TO_STR_PRIM,
            PrimKind.UNIT.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN));
  }

  @Test
  void aCallChecksEachArgumentAgainstTheCalleesParameterKinds() {
    SbcFunction helper = fn("helper", 1, "p", true, asm(Op.LOAD_LOCAL, 0, Op.BOX_I64, Op.RETURN));
    assertEquals(
        "function `main` at offset 5: CALL passes a reference as primitive parameter 0 of"
            + " `helper`",
        rejection(
            module(fn("main", 0, "", true, asm(Op.PUSH_STR, S, Op.CALL, 1, Op.RETURN)), helper)));
    accepted(module(fn("main", 0, "", true, asm(Op.PUSH_I64, I, Op.CALL, 1, Op.RETURN)), helper));
  }

  @Test
  void aCallsResultHasTheCalleesReturnKind() {
    SbcFunction helper = fn("helper", 0, "", true, asm(Op.PUSH_STR, S, Op.RETURN));
    assertEquals(
        "function `main` at offset 10: ADD_I64 expects an i64 but finds a reference (operand 2 of"
            + " 2)",
        rejection(
            module(
                fn("main", 0, "", false, asm(Op.PUSH_I64, I, Op.CALL, 1, Op.ADD_I64, Op.RETURN)),
                helper)));
    accepted(
        module(
            fn(
                "main",
                0,
                "",
                false,
                asm(Op.PUSH_I64, I, Op.CALL, 1, Op.UNBOX_I64, Op.ADD_I64, Op.RETURN)),
            helper));
  }

  @Test
  void collectionElementsMustBeReferences() {
    assertEquals(
        "function `main` at offset 5: LIST_NEW expects a reference but finds an i64",
        rejection(main("", true, Op.PUSH_I64, I, Op.LIST_NEW, 1, Op.RETURN)));
    accepted(main("", true, Op.PUSH_I64, I, Op.BOX_I64, Op.LIST_NEW, 1, Op.RETURN));
    assertEquals(
        "function `main` at offset 9: LIST_GET expects an i64 but finds a reference (operand 2"
            + " of 2)",
        rejection(
            main("", true, Op.LIST_NEW, 0, Op.PUSH_I64, I, Op.BOX_I64, Op.LIST_GET, Op.RETURN)));
  }

  /** A closure body that loads captured value 0 and returns it. */
  private static SbcFunction closureBody() {
    return fn("body", 1, "r", true, asm(Op.LOAD_CAPTURE, 0, Op.RETURN));
  }

  @Test
  void aClosureMustBeMadeOfAFunctionThatTakesAndReturnsReferences() {
    SbcFunction prim = fn("prim", 1, "p", false, asm(Op.LOAD_LOCAL, 0, Op.RETURN));
    assertEquals(
        "function `main` at offset 0: MAKE_CLOSURE makes a closure of `prim`, which must take"
            + " and return references only",
        rejection(module(fn("main", 0, "", true, asm(Op.MAKE_CLOSURE, 1, 0, Op.RETURN)), prim)));
    SbcFunction refs = fn("refs", 1, "r", true, asm(Op.LOAD_LOCAL, 0, Op.RETURN));
    accepted(module(fn("main", 0, "", true, asm(Op.MAKE_CLOSURE, 1, 0, Op.RETURN)), refs));
  }

  @Test
  void aClosureBodyGetsAtLeastTheCapturesItLoads() {
    assertEquals(
        "function `main` at offset 0: MAKE_CLOSURE gives `body` 0 captured values, but it loads"
            + " captured value 0",
        rejection(
            module(fn("main", 0, "", true, asm(Op.MAKE_CLOSURE, 1, 0, Op.RETURN)), closureBody())));
    assertEquals(
        "function `main` at offset 0: FUNC_REF gives `body` 0 captured values, but it loads"
            + " captured value 0",
        rejection(module(fn("main", 0, "", true, asm(Op.FUNC_REF, 1, Op.RETURN)), closureBody())));
    accepted(
        module(
            fn("main", 0, "", true, asm(Op.PUSH_STR, S, Op.MAKE_CLOSURE, 1, 1, Op.RETURN)),
            closureBody()));
  }

  @Test
  void aClosureBodyIsNeverCalledDirectly() {
    assertEquals(
        "function `main` at offset 5: CALL calls `body` directly, but it is a closure body",
        rejection(
            module(
                fn("main", 0, "", true, asm(Op.PUSH_STR, S, Op.CALL, 1, Op.RETURN)),
                closureBody())));
    accepted(
        module(
            fn(
                "main",
                0,
                "",
                true,
                asm(Op.PUSH_STR, S, Op.MAKE_CLOSURE, 1, 1, Op.CALL_LOCAL, 0, Op.RETURN)),
            closureBody()));
  }

  @Test
  void loadCaptureNeedsTheClosureAsParameterZero() {
    assertEquals(
        "function `main` at offset 0: LOAD_CAPTURE needs the closure, a reference parameter, in"
            + " local 0",
        rejection(main("r", true, Op.LOAD_CAPTURE, 0, Op.RETURN)));
    assertEquals(
        "function `body` at offset 3: STORE_LOCAL overwrites local 0, the closure this function"
            + " loads from",
        rejection(
            module(
                fn("main", 0, "", true, asm(Op.PUSH_STR, S, Op.MAKE_CLOSURE, 1, 1, Op.RETURN)),
                fn(
                    "body",
                    1,
                    "r",
                    true,
                    asm(Op.LOAD_LOCAL, 0, Op.STORE_LOCAL, 0, Op.LOAD_CAPTURE, 0, Op.RETURN)))));
  }

  @Test
  void displayOfAPrimitiveChecksTheKindItNames() {
    assertEquals(
        "function `main` at offset 5: TO_STR_PRIM expects an f64 but finds an i64",
        rejection(
            main(
                "",
                false,
                Op.PUSH_I64,
                I,
                Op.TO_STR_PRIM,
                PrimKind.F64.ordinal(),
                Op.PRINT,
                Op.PUSH_UNIT,
                Op.RETURN)));
    accepted(
        main(
            "",
            false,
            Op.PUSH_F64,
            F,
            Op.TO_STR_PRIM,
            PrimKind.F64.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN));
  }

  @Test
  void theBuilderRejectsGeneratedCodeOfTheWrongKind() {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.pushConst(new Constant.Str("s"));
    c.pushConst(new Constant.I64(1));
    c.emit(Op.ADD_I64);
    c.emit(Op.RETURN);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> c.finish(main, List.of(), false, List.of()));
    assertEquals(
        "generated code does not verify: function `main` at offset 10: ADD_I64 expects an i64"
            + " but finds a reference (operand 1 of 2)",
        e.getMessage());
  }

  @Test
  void theVmRefusesCodeOfTheWrongKindBeforeRunningIt() {
    Fixtures.Run r =
        Fixtures.run(main("", false, Op.PUSH_STR, S, Op.PUSH_I64, I, Op.ADD_I64, Op.RETURN));
    assertEquals(Vm.EXIT_INVALID_CODE, r.exit());
    assertEquals(
        "error: invalid bytecode: function `main` at offset 10: ADD_I64 expects an i64 but finds"
            + " a reference (operand 1 of 2)\n",
        r.err());
    assertEquals("", r.out());
  }
}
