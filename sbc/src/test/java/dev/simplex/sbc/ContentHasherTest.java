package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHasherTest {
  @Test
  void renamingAFunctionKeepsItsHash() {
    assertEquals(
        Fixtures.doubler("twice", 2).hashHex(0), Fixtures.doubler("double_it", 2).hashHex(0));
  }

  @Test
  void renamingACalleeKeepsTheCallersHash() {
    assertEquals(
        Fixtures.doubler("twice", 2).hashHex(1), Fixtures.doubler("double_it", 2).hashHex(1));
  }

  @Test
  void editingACalleeChangesTheCallersHash() {
    SbcModule a = Fixtures.doubler("twice", 2);
    SbcModule b = Fixtures.doubler("twice", 3);
    assertNotEquals(a.hashHex(0), b.hashHex(0));
    assertNotEquals(a.hashHex(1), b.hashHex(1));
  }

  @Test
  void hashesAre32Bytes() {
    assertEquals(32, Fixtures.doubler("twice", 2).hash(0).length);
  }

  @Test
  void mutuallyRecursiveFunctionsAreHashedAsAGroupIndependentOfNames() {
    assertEquals(pingPong("ping", "pong").hashHex(0), pingPong("even", "odd").hashHex(0));
    assertNotEquals(pingPong("ping", "pong").hashHex(0), pingPong("ping", "pong").hashHex(1));
  }

  /** Two functions calling each other; the first subtracts 1, the second 2. */
  private static SbcModule pingPong(String a, String b) {
    ModuleBuilder mb = new ModuleBuilder();
    int fa = mb.declareFunction(a, 1);
    int fb = mb.declareFunction(b, 1);
    for (int[] pair : new int[][] {{fa, fb, 1}, {fb, fa, 2}}) {
      CodeBuilder c = new CodeBuilder(mb);
      c.emit(Op.LOAD_LOCAL, 0);
      c.pushConst(new Constant.I64(pair[2]));
      c.emit(Op.SUB_I64);
      c.emit(Op.CALL, pair[1]);
      c.emit(Op.RETURN);
      c.finish(pair[0], Fixtures.prims(1), false, List.of("n"));
    }
    int main = mb.declareFunction("main", 0);
    CodeBuilder m = new CodeBuilder(mb);
    m.emit(Op.PUSH_UNIT);
    m.emit(Op.RETURN);
    m.finish(main, Fixtures.prims(0), false, List.of());
    return mb.build(main, "p.sx");
  }
}
