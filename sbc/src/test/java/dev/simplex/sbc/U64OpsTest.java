package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** u64 instructions: the long's 64 bits read as unsigned, checked at both ends. */
class U64OpsTest {
  private static Fixtures.Run run(List<Constant> constants, Object... code) {
    SbcFunction main =
        new SbcFunction(
            "main", 0, List.of(), false, 8, VerifierKindsTest.asm(code), List.of(), List.of());
    return Fixtures.run(new SbcModule(constants, List.of(), List.of(main), 0, "u64.sx"));
  }

  @Test
  void opcodesPast127RunAndBoxedU64DisplaysUnsigned() {
    // BOX_U64 is opcode 128 or above: the interpreter reads opcodes unsigned
    assertEquals(true, Op.BOX_U64.code() >= 128);
    Fixtures.Run r =
        run(
            List.of(new Constant.I64(-1)),
            Op.PUSH_I64,
            0,
            Op.BOX_U64,
            Op.LIST_NEW,
            1,
            Op.TO_STR_REF,
            Op.PRINT,
            Op.PUSH_I64,
            0,
            Op.TO_STR_PRIM,
            PrimKind.U64.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN);
    assertEquals("[18446744073709551615]\n18446744073709551615\n", r.out());
  }

  @Test
  void additionPast2To64Panics() {
    Fixtures.Run r =
        run(
            List.of(new Constant.I64(-1), new Constant.I64(1)),
            Op.PUSH_I64,
            0,
            Op.PUSH_I64,
            1,
            Op.ADD_U64,
            Op.RETURN);
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertEquals("panic: integer overflow", r.err().lines().findFirst().orElse(""));
  }

  @Test
  void divisionAndOrderAreUnsigned() {
    Fixtures.Run r =
        run(
            List.of(new Constant.I64(-2), new Constant.I64(2)),
            Op.PUSH_I64,
            0,
            Op.PUSH_I64,
            1,
            Op.DIV_U64,
            Op.TO_STR_PRIM,
            PrimKind.U64.ordinal(),
            Op.PRINT,
            Op.PUSH_I64,
            0,
            Op.PUSH_I64,
            1,
            Op.GT_U64,
            Op.TO_STR_PRIM,
            PrimKind.BOOL.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN);
    assertEquals("9223372036854775807\ntrue\n", r.out());
  }

  @Test
  void conversionToF64RoundsOnce() {
    // 2^63 + 2^11 + 1 lies just above the midpoint of two doubles: it must round up
    long bits = Long.MIN_VALUE + (1L << 11) + 1;
    double exact = new BigDecimal(new BigInteger(Long.toUnsignedString(bits))).doubleValue();
    assertEquals(exact, Interpreter.unsignedToDouble(bits));
    assertEquals(0x1p64, Interpreter.unsignedToDouble(-1L));
  }

  @Test
  void floatToU64ChecksTheRange() {
    Fixtures.Run ok =
        run(
            List.of(Constant.F64.of(0x1p63)),
            Op.PUSH_F64,
            0,
            Op.F64_TO_U64,
            Op.TO_STR_PRIM,
            PrimKind.U64.ordinal(),
            Op.PRINT,
            Op.PUSH_UNIT,
            Op.RETURN);
    assertEquals("9223372036854775808\n", ok.out());
    Fixtures.Run bad =
        run(List.of(Constant.F64.of(-1.0)), Op.PUSH_F64, 0, Op.F64_TO_U64, Op.RETURN);
    assertEquals("panic: cast overflow", bad.err().lines().findFirst().orElse(""));
  }
}
