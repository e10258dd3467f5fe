package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code s.f += c} and reads of an i64 field, which the interpreter runs as one superinstruction
 * each (an actor's counter is mostly these): the values, an overflow's panic and line, and a field
 * updated through a borrow are what the plain instructions give and what compiled code gives.
 */
class FieldUpdateTest {
  static String program(long start) {
    return """
        struct Tally { n: i64, m: i64 }
        fn bump(t: &mut Tally) {
            t.n += 40
            t.m += t.n
        }
        fn main() {
            var t = Tally { n: %d, m: 2 }
            bump(&mut t)
            bump(&mut t)
            println("{t.n} {t.m}")
        }
        """
        .formatted(start);
  }

  @Test
  void aFieldIncrementedByAConstantAndReadBackGivesTheSumsInEveryMode() {
    for (String mode : List.of("off", "always")) {
      JitTest.Outcome o = JitTest.run(mode, program(1));
      assertEquals("81 124\n", o.stdout(), mode + ": " + o.stderr());
    }
  }

  @Test
  void anOverflowingFieldIncrementIsTheOverflowPanicAtItsLine() {
    JitTest.Outcome off = JitTest.run("off", program(Long.MAX_VALUE - 39));
    assertEquals(101, off.exit());
    assertTrue(
        off.stderr().startsWith("panic: integer overflow\n  at bump (jit.sx:3)"), off.stderr());
    JitTest.Outcome always = JitTest.run("always", program(Long.MAX_VALUE - 39));
    assertEquals(off.stderr(), always.stderr());
  }
}
