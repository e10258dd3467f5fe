package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
    return out;
  }

  private static String rejection(SbcModule m) {
    return assertThrows(SbcFormatException.class, () -> Verifier.verify(m)).getMessage();
  }

  @Test
  void wellFormedCodeVerifies() {
    assertDoesNotThrow(() -> Verifier.verify(Fixtures.doubler("twice", 2)));
  }

  @Test
  void jumpIntoTheMiddleOfAnInstructionIsRejected() {
    // PUSH_UNIT; JUMP 2 (inside the JUMP itself)
    SbcModule m =
        Fixtures.rawMain(bytes(Op.PUSH_UNIT.code(), Op.JUMP.code(), 0, 0, 0, 2), 0, 4, List.of());
    assertTrue(rejection(m).contains("middle of an instruction"));
  }

  @Test
  void jumpOutsideTheCodeIsRejected() {
    SbcModule m = Fixtures.rawMain(bytes(Op.JUMP.code(), 0, 0, 0, 99), 0, 4, List.of());
    assertTrue(rejection(m).contains("outside the code"));
  }

  @Test
  void stackUnderflowIsRejected() {
    SbcModule m = Fixtures.rawMain(bytes(Op.ADD_I64.code(), Op.RETURN.code()), 0, 4, List.of());
    assertTrue(rejection(m).contains("pops 2 values from a stack of 0"));
  }

  @Test
  void localOutOfRangeIsRejected() {
    SbcModule m =
        Fixtures.rawMain(bytes(Op.LOAD_LOCAL.code(), 0, 5, Op.RETURN.code()), 1, 4, List.of());
    assertTrue(rejection(m).contains("local 5 of 1"));
  }

  @Test
  void constantOfTheWrongKindIsRejected() {
    SbcModule m =
        Fixtures.rawMain(
            bytes(Op.PUSH_STR.code(), 0, 0, 0, 0, Op.RETURN.code()),
            0,
            4,
            List.of(new Constant.I64(1)));
    assertTrue(rejection(m).contains("different kind of constant"));
  }

  @Test
  void callOfAMissingFunctionIsRejected() {
    SbcModule m =
        Fixtures.rawMain(bytes(Op.CALL.code(), 0, 0, 0, 7, Op.RETURN.code()), 0, 4, List.of());
    assertTrue(rejection(m).contains("missing function #7"));
  }

  @Test
  void fallingOffTheEndIsRejected() {
    SbcModule m = Fixtures.rawMain(bytes(Op.PUSH_UNIT.code()), 0, 4, List.of());
    assertTrue(rejection(m).contains("falls off the end"));
  }

  @Test
  void inconsistentStackDepthAtAJoinIsRejected() {
    // PUSH_TRUE; JUMP_IF_FALSE 12; PUSH_UNIT; [12:] PUSH_UNIT; RETURN — depth 1 or 0 at offset 7
    SbcModule m =
        Fixtures.rawMain(
            bytes(
                Op.PUSH_TRUE.code(),
                Op.JUMP_IF_FALSE.code(),
                0,
                0,
                0,
                7,
                Op.PUSH_UNIT.code(),
                Op.PUSH_UNIT.code(),
                Op.RETURN.code()),
            0,
            4,
            List.of());
    assertTrue(rejection(m).contains("inconsistent stack depth"));
  }

  @Test
  void unknownOpcodeIsRejected() {
    SbcModule m = Fixtures.rawMain(bytes(250), 0, 4, List.of());
    assertTrue(rejection(m).contains("unknown opcode 0xfa"));
  }

  @Test
  void understatedStackSizeIsRejected() {
    SbcModule m =
        Fixtures.rawMain(
            bytes(Op.PUSH_UNIT.code(), Op.PUSH_UNIT.code(), Op.POP.code(), Op.RETURN.code()),
            0,
            1,
            List.of());
    assertTrue(rejection(m).contains("needs a stack of 2"));
  }

  @Test
  void vmRefusesUnverifiableCodeWithExitCode2() {
    Fixtures.Run r =
        Fixtures.run(Fixtures.rawMain(bytes(Op.ADD_I64.code(), Op.RETURN.code()), 0, 4, List.of()));
    assertTrue(r.err().startsWith("error: invalid bytecode: function `main`"), r.err());
    assertTrue(r.exit() == 2);
  }
}
