package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** f32 instructions: rounding to the nearest f32, boxing as an f32, display of f32 digits. */
class F32OpsTest {
  private static Fixtures.Run run(List<Constant> constants, Object... code) {
    SbcFunction main =
        new SbcFunction(
            "main", 0, List.of(), false, 8, VerifierKindsTest.asm(code), List.of(), List.of());
    return Fixtures.run(new SbcModule(constants, List.of(), List.of(main), 0, "f32.sx"));
  }

  @Test
  void roundingAnF64ToF32DisplaysF32Digits() {
    Fixtures.Run r =
        run(
            List.of(Constant.F64.of(1.0 / 3.0)),
            Op.PUSH_F64,
            0,
            Op.DUP,
            Op.TO_STR_PRIM,
            PrimKind.F64.ordinal(),
            Op.PRINT,
            Op.F64_TO_F32,
            Op.DUP,
            Op.TO_STR_PRIM,
            PrimKind.F32.ordinal(),
            Op.PRINT,
            Op.TO_STR_PRIM,
            PrimKind.F64.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN);
    assertEquals("0.3333333333333333\n0.33333334\n0.3333333432674408\n", r.out());
  }

  @Test
  void anIntegerBecomesTheNearestF32AndBoxesAsAnF32() {
    Fixtures.Run r =
        run(
            List.of(new Constant.I64(16777217)),
            Op.PUSH_I64,
            0,
            Op.I64_TO_F32,
            Op.BOX_F32,
            Op.LIST_NEW,
            1,
            Op.TO_STR_REF,
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN);
    assertEquals("[16777216.0]\n", r.out());
  }

  @Test
  void f32InstructionsAreTypedLikeTheOtherFloatInstructions() {
    Fixtures.Run r = run(List.of(new Constant.I64(1)), Op.PUSH_I64, 0, Op.F64_TO_F32, Op.RETURN);
    assertEquals(
        "error: invalid bytecode: function `main` at offset 5: F64_TO_F32 expects an f64 but"
            + " finds an i64\n",
        r.err());
  }

  @Test
  void f32DisplayHasNoExponentAndKeepsSpecialValues() {
    assertEquals("10000000000.0", Display.f32(1e10f));
    assertEquals("0.0001", Display.f32(1e-4f));
    assertEquals("NaN", Display.f32(Float.NaN));
    assertEquals("-inf", Display.f32(Float.NEGATIVE_INFINITY));
  }
}
