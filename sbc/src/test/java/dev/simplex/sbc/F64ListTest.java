package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SbcFunction.SlotKind;
import dev.simplex.sbc.Values.ListValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lists of f64 keep their elements unboxed, and nothing can tell: every read, comparison, display,
 * copy and checkpoint sees the same list as with boxed elements; storing anything but an f64 moves
 * the list to the boxed storage with its elements intact.
 */
class F64ListTest {
  private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream());
  private static final SlotKind P = SlotKind.PRIM;
  private static final SlotKind R = SlotKind.REF;

  private static ListValue boxed(Object... items) {
    return new ListValue(new ArrayList<>(Arrays.asList(items)));
  }

  @Test
  void aListBuiltFromF64ValuesOrEmptyIsUnboxedAndOneWithOtherValuesIsNot() {
    assertTrue(ListValue.of(new Object[] {1.5, -0.0, Double.NaN}).isF64());
    assertTrue(ListValue.of(new Object[0]).isF64());
    assertFalse(ListValue.of(new Object[] {1.5, 2L}).isF64());
    assertFalse(ListValue.of(new Object[] {1.5f}).isF64(), "an f32 is a Float, not an f64");
  }

  @Test
  void anUnboxedListEqualsAndHashesLikeTheBoxedListOfTheSameValues() {
    Object[] xs = {1.5, -0.0, Double.NaN, 0.25};
    ListValue unboxed = ListValue.of(xs);
    ListValue box = boxed(xs);
    assertTrue(unboxed.isF64());
    assertEquals(box, unboxed);
    assertEquals(unboxed, box);
    assertEquals(box.hashCode(), unboxed.hashCode());
    assertEquals(ListValue.of(xs.clone()), unboxed, "NaN equals NaN as in Double.equals");
    assertFalse(ListValue.of(new Object[] {0.0}).equals(ListValue.of(new Object[] {-0.0})));
    assertEquals("[1.5, -0.0, NaN, 0.25]", Display.display(unboxed));
    assertEquals(Display.display(box), Display.display(unboxed));
  }

  @Test
  void storingANonF64MovesTheListToBoxedStorageWithEveryElementKept() {
    ListValue l = ListValue.of(new Object[] {1.0, 2.0, 3.0});
    l.set(1, 2.5f);
    assertFalse(l.isF64());
    assertEquals(List.of(1.0, 2.5f, 3.0), l.view());
    l.setF64(2, Double.doubleToRawLongBits(7.0));
    assertEquals(7.0, l.get(2));

    ListValue grown = ListValue.of(new Object[0]);
    for (int i = 0; i < 20; i++) grown.add((double) i);
    assertTrue(grown.isF64());
    assertEquals(20, grown.size());
    grown.add("x");
    assertFalse(grown.isF64());
    assertEquals(21, grown.size());
    assertEquals(19.0, grown.get(19));
    assertEquals("x", grown.get(20));
  }

  @Test
  void askingForTheMutableItemsMovesTheListToBoxedStorageAndViewDoesNot() {
    ListValue l = ListValue.of(new Object[] {1.0, 2.0});
    assertEquals(List.of(1.0, 2.0), l.view());
    assertTrue(l.isF64(), "view() leaves the storage alone");
    l.items().add(3.0);
    assertFalse(l.isF64());
    assertEquals(3, l.size());
    assertEquals(3.0, l.get(2));
  }

  @Test
  void aDeepCopyOfAnUnboxedListIsEqualAndIndependent() {
    ListValue l = ListValue.of(new Object[] {1.0, 2.0});
    ListValue copy = (ListValue) Natives.copy(l);
    assertEquals(l, copy);
    copy.setF64(0, Double.doubleToRawLongBits(9.0));
    assertEquals(1.0, l.get(0));
    copy.add(3.0);
    assertEquals(2, l.size());
  }

  /**
   * {@code fn work() { xs = [0.5, 1.5, 2.5]; i = 0; while i < 3 { xs[i] = xs[i] * 2.0 + k;
   * checkpoint(); i += 1 }; xs[0] + xs[1] + xs[2] }} where {@code k} is 0.25 as an f64, or, with
   * {@code mixF32}, the third store is a boxed f32 (moving the list to boxed storage mid-loop). The
   * element read and write use the fused list instructions of the interpreter.
   */
  private static SbcModule scale(boolean mixF32) {
    ModuleBuilder mb = new ModuleBuilder();
    int work = mb.declareFunction("work", 0);
    CodeBuilder c = new CodeBuilder(mb);
    CodeBuilder.Label head = c.newLabel();
    CodeBuilder.Label done = c.newLabel();
    CodeBuilder.Label asF64 = c.newLabel();
    CodeBuilder.Label stored = c.newLabel();
    c.line(1);
    for (double v : new double[] {0.5, 1.5, 2.5}) {
      c.pushConst(Constant.F64.of(v));
      c.emit(Op.BOX_F64);
    }
    c.emit(Op.LIST_NEW, 3);
    c.emit(Op.STORE_LOCAL, 0);
    c.pushConst(new Constant.I64(0));
    c.emit(Op.STORE_LOCAL, 1);
    c.place(head);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 1);
    c.pushConst(new Constant.I64(3));
    c.emit(Op.LT_I64);
    c.jump(Op.JUMP_IF_FALSE, done);
    c.line(3);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LIST_GET);
    c.emit(Op.UNBOX_F64);
    c.pushConst(Constant.F64.of(2.0));
    c.emit(Op.MUL_F64);
    c.pushConst(Constant.F64.of(0.25));
    c.emit(Op.ADD_F64);
    if (mixF32) {
      c.emit(Op.LOAD_LOCAL, 1);
      c.pushConst(new Constant.I64(2));
      c.emit(Op.LT_I64);
      c.jump(Op.JUMP_IF_TRUE, asF64);
      c.emit(Op.BOX_F32);
      c.jump(Op.JUMP, stored);
      c.place(asF64);
      c.setDepth(4);
    }
    c.emit(Op.BOX_F64);
    if (mixF32) c.place(stored);
    c.emit(Op.LIST_SET);
    c.line(4);
    c.emit(Op.CHECKPOINT);
    c.emit(Op.LOAD_LOCAL, 1);
    c.pushConst(new Constant.I64(1));
    c.emit(Op.ADD_I64);
    c.emit(Op.STORE_LOCAL, 1);
    c.jump(Op.JUMP, head);
    c.place(done);
    c.line(5);
    for (int i = 0; i < 3; i++) {
      c.emit(Op.LOAD_LOCAL, 0);
      c.pushConst(new Constant.I64(i));
      c.emit(Op.LIST_GET);
      c.emit(Op.UNBOX_F64);
      if (i > 0) c.emit(Op.ADD_F64);
    }
    c.emit(Op.BOX_F64);
    c.emit(Op.RETURN);
    c.finish(work, List.of(R, P), true, List.of("xs", "i"));
    return mb.build(work, "scale.sx");
  }

  private static final double SCALED = (0.5 * 2 + 0.25) + (1.5 * 2 + 0.25) + (2.5 * 2 + 0.25);

  @Test
  void anUnboxedListIsReadAndWrittenInPlaceAndResumesFromEveryCheckpoint() throws Exception {
    SbcModule m = scale(false);
    FakePort port = new FakePort();
    assertEquals(SCALED, new Vm(m, SINK, SINK, port).invoke("work", List.of()));
    assertEquals(3, port.captures.size());
    for (ExecutionContext.Capture capture : port.captures) {
      assertTrue(capture.captured(), capture.refusal());
      byte[] bytes = capture.context().encode(a -> "actor:" + a);
      ExecutionContext back = ExecutionContext.decode(bytes, id -> id);
      assertEquals(SCALED, new Vm(m, SINK, SINK, new FakePort()).resume(back));
    }
  }

  @Test
  void aListThatTakesAnF32MidwayKeepsItsEarlierValuesAndResumesAlike() throws Exception {
    SbcModule m = scale(true);
    double expected = (0.5 * 2 + 0.25) + (1.5 * 2 + 0.25) + (double) (float) (2.5 * 2 + 0.25);
    FakePort port = new FakePort();
    assertEquals(expected, new Vm(m, SINK, SINK, port).invoke("work", List.of()));
    for (ExecutionContext.Capture capture : port.captures) {
      assertEquals(expected, new Vm(m, SINK, SINK, new FakePort()).resume(capture.context()));
    }
  }

  /** {@code fn main() { xs = [1.0, 2.0]; xs[k] }} read through the fused element read. */
  private static SbcModule readAt(long k) {
    ModuleBuilder mb = new ModuleBuilder();
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.line(1);
    c.pushConst(Constant.F64.of(1.0));
    c.emit(Op.BOX_F64);
    c.pushConst(Constant.F64.of(2.0));
    c.emit(Op.BOX_F64);
    c.emit(Op.LIST_NEW, 2);
    c.emit(Op.STORE_LOCAL, 0);
    c.pushConst(new Constant.I64(k));
    c.emit(Op.STORE_LOCAL, 1);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LIST_GET);
    c.emit(Op.UNBOX_F64);
    c.emit(Op.F64_TO_INT, IntKind.I64.ordinal());
    c.emit(Op.RETURN);
    c.finish(main, List.of(R, P), false, List.of("xs", "k"));
    return mb.build(main, "read.sx");
  }

  @Test
  void anIndexOutOfBoundsOnAnUnboxedListPanicsAtTheLineOfTheRead() {
    assertEquals(2, Fixtures.run(readAt(1)).exit());
    Fixtures.Run r = Fixtures.run(readAt(2));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertTrue(
        r.err().startsWith("panic: index out of bounds: index 2, length 2\n  at main (read.sx:2)"),
        r.err());
  }
}
