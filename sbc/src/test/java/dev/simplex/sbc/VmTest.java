package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VmTest {
  @Test
  void mainReturningI64GivesItsLowEightBitsAsExitCode() {
    assertEquals(7, Fixtures.run(Fixtures.doubler("twice", 2)).exit());
  }

  @Test
  void deepRecursionRunsWithoutTheJavaStack() {
    Fixtures.Run r = Fixtures.run(Fixtures.recursion(50_000));
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void unboundedRecursionPanicsWithStackOverflowAndASimplexTrace() {
    Fixtures.Run r = Fixtures.run(Fixtures.recursion(10_000_000));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(r.err().startsWith("panic: stack overflow\n"), r.err());
    assertTrue(r.err().contains("  at down (recursion.sx:3)"), r.err());
    assertTrue(r.err().contains("  at main (recursion.sx:6)"), r.err());
    assertTrue(!r.err().contains("java."), "no Java frames: " + r.err());
  }

  @Test
  void overflowingMultiplicationPanics() {
    Fixtures.Run r = Fixtures.run(Fixtures.doubler("twice", Long.MAX_VALUE));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "panic: integer overflow\n  at twice (doubler.sx:1)\n  at main (doubler.sx:3)"),
        r.err());
  }

  @Test
  void floatsDisplayShortestRoundTripWithoutExponent() {
    assertEquals("2500.0", Display.f64(2.5e3));
    assertEquals("1000000000000000000000.0", Display.f64(1e21));
    assertEquals("0.30000000000000004", Display.f64(0.1 + 0.2));
    assertEquals("0.00001", Display.f64(1e-5));
    assertEquals("-0.0", Display.f64(-0.0));
    assertEquals("NaN", Display.f64(Double.NaN));
    assertEquals("inf", Display.f64(Double.POSITIVE_INFINITY));
    assertEquals("-inf", Display.f64(Double.NEGATIVE_INFINITY));
  }

  @Test
  void disassemblyNamesFunctionsHashesAndLines() {
    String text = Disassembler.disassemble(Fixtures.doubler("twice", 2));
    assertTrue(text.startsWith("fn twice #"), text);
    assertTrue(text.contains("     0    1  LOAD_LOCAL       $0"), text);
    assertTrue(text.contains("CALL             twice#"), text);
    assertTrue(text.contains("PUSH_I64         21"), text);
    assertTrue(text.contains(", entry"), text);
  }
}
