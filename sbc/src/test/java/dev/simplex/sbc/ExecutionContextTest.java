package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.simplex.sbc.SbcFunction.SlotKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Capturing an execution at CHECKPOINT and continuing it in a fresh interpreter. */
class ExecutionContextTest {
  private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream());
  private static final SlotKind P = SlotKind.PRIM;
  private static final SlotKind R = SlotKind.REF;

  /**
   * {@code fn work(n) { acc = 0; items = []; add = |x| n + x; r = 0..n; for i in 0..n { acc += i;
   * items.push(i); checkpoint(); } acc + items.len() + add(1000) + r.contains(3) }} and {@code fn
   * main() = 100 + work(10)}; {@code bias} changes work's code.
   */
  static SbcModule loop(long bias) {
    ModuleBuilder mb = new ModuleBuilder();
    int adder = mb.declareFunction("adder", 2);
    int work = mb.declareFunction("work", 1);
    int main = mb.declareFunction("main", 0);
    CodeBuilder a = new CodeBuilder(mb);
    a.emit(Op.LOAD_CAPTURE, 0);
    a.emit(Op.UNBOX_I64);
    a.emit(Op.LOAD_LOCAL, 1);
    a.emit(Op.UNBOX_I64);
    a.emit(Op.ADD_I64);
    a.emit(Op.BOX_I64);
    a.emit(Op.RETURN);
    a.finish(adder, List.of(R, R), true, List.of("self", "x"));

    CodeBuilder c = new CodeBuilder(mb);
    c.line(1);
    c.pushConst(new Constant.I64(bias));
    c.emit(Op.STORE_LOCAL, 1);
    c.pushConst(new Constant.I64(0));
    c.emit(Op.STORE_LOCAL, 2);
    c.emit(Op.LIST_NEW, 0);
    c.emit(Op.STORE_LOCAL, 3);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.BOX_I64);
    c.emit(Op.MAKE_CLOSURE, adder, 1);
    c.emit(Op.STORE_LOCAL, 4);
    c.pushConst(new Constant.I64(0));
    c.emit(Op.BOX_I64);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.BOX_I64);
    c.emit(Op.PUSH_FALSE);
    c.emit(Op.BOX_BOOL);
    c.emit(Op.CALL_NATIVE, Natives.indexOf("range_new"), 3);
    c.emit(Op.STORE_LOCAL, 5);
    CodeBuilder.Label start = c.newLabel();
    CodeBuilder.Label end = c.newLabel();
    c.place(start);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 2);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.LT_I64);
    c.jump(Op.JUMP_IF_FALSE, end);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LOAD_LOCAL, 2);
    c.emit(Op.ADD_I64);
    c.emit(Op.STORE_LOCAL, 1);
    c.emit(Op.LOAD_LOCAL, 3);
    c.emit(Op.LOAD_LOCAL, 2);
    c.emit(Op.BOX_I64);
    c.emit(Op.LIST_PUSH);
    c.line(3);
    c.emit(Op.CHECKPOINT);
    c.emit(Op.LOAD_LOCAL, 2);
    c.pushConst(new Constant.I64(1));
    c.emit(Op.ADD_I64);
    c.emit(Op.STORE_LOCAL, 2);
    c.jump(Op.JUMP, start);
    c.place(end);
    c.line(4);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LOAD_LOCAL, 3);
    c.emit(Op.LIST_LEN);
    c.emit(Op.ADD_I64);
    c.emit(Op.LOAD_LOCAL, 4);
    c.pushConst(new Constant.I64(1000));
    c.emit(Op.BOX_I64);
    c.emit(Op.CALL_LOCAL, 1);
    c.emit(Op.UNBOX_I64);
    c.emit(Op.ADD_I64);
    c.emit(Op.LOAD_LOCAL, 5);
    c.pushConst(new Constant.I64(3));
    c.emit(Op.BOX_I64);
    c.emit(Op.CALL_NATIVE, Natives.indexOf("range_contains"), 2);
    c.emit(Op.UNBOX_BOOL);
    c.emit(Op.ADD_I64);
    c.emit(Op.RETURN);
    c.finish(work, List.of(P, P, P, R, R, R), false, List.of("n", "acc", "i", "items", "add", "r"));

    CodeBuilder m = new CodeBuilder(mb);
    m.line(9);
    m.pushConst(new Constant.I64(100));
    m.pushConst(new Constant.I64(10));
    m.emit(Op.CALL, work);
    m.emit(Op.ADD_I64);
    m.emit(Op.RETURN);
    m.finish(main, List.of(), false, List.of());
    return mb.build(main, "loop.sx");
  }

  /** 45 (sum) + 10 (items) + 1010 (add) + 1 (range) */
  private static final long WORK_10 = 1066;

  private static ExecutionContext captureAt(SbcModule m, String fn, List<Object> args, int k) {
    FakePort port = new FakePort();
    Object result = new Vm(m, SINK, SINK, port).invoke(fn, args);
    assertEquals(fn.equals("main") ? 100 + WORK_10 : WORK_10, result);
    ExecutionContext.Capture c = port.captures.get(k);
    assertTrue(c.captured(), c.refusal());
    return c.context();
  }

  private static ExecutionContext viaBytes(ExecutionContext ctx) throws Exception {
    byte[] bytes = ctx.encode(a -> "actor:" + a);
    ExecutionContext back = ExecutionContext.decode(bytes, id -> id);
    assertEquals(ctx, back);
    return back;
  }

  @Test
  void aLoopResumedFromAnyIterationEndsWithTheResultOfTheUninterruptedRun() throws Exception {
    SbcModule m = loop(0);
    for (int k = 0; k < 10; k++) {
      ExecutionContext ctx = viaBytes(captureAt(m, "work", List.of(10L), k));
      assertEquals(1, ctx.frames().size());
      ExecutionContext.Frame f = ctx.frames().getFirst();
      assertEquals(m.hashHex(m.indexOf("work")), f.function());
      assertEquals(k, f.locals().get(2).prim(), "i");
      assertEquals((long) k * (k + 1) / 2, f.locals().get(1).prim(), "acc");
      FakePort fresh = new FakePort();
      SbcModule reloaded = SbcReader.read(SbcWriter.write(loop(0)));
      assertEquals(WORK_10, new Vm(reloaded, SINK, SINK, fresh).resume(ctx));
      assertEquals(9 - k, fresh.captures.size(), "later checkpoints still happen");
    }
  }

  @Test
  void aCheckpointTwoFramesDeepResumesBothFramesWithTheCallersOperands() throws Exception {
    SbcModule m = loop(0);
    ExecutionContext ctx = viaBytes(captureAt(m, "main", List.of(), 3));
    assertEquals(2, ctx.frames().size());
    assertEquals(m.hashHex(m.entry()), ctx.frames().get(0).function());
    assertEquals(List.of(new ExecutionContext.Slot(100, -1)), ctx.frames().get(0).operands());
    assertEquals(100 + WORK_10, new Vm(m, SINK, SINK, new FakePort()).resume(ctx));
  }

  @Test
  void aContextNamingAFunctionTheModuleLacksIsRefused() throws Exception {
    ExecutionContext ctx = captureAt(loop(0), "main", List.of(), 2);
    SbcModule changed = loop(1);
    var e =
        assertThrows(
            ExecutionContext.Invalid.class,
            () -> new Vm(changed, SINK, SINK, new FakePort()).continuation(ctx));
    assertEquals(
        "code changed: function " + ctx.frames().get(0).function() + " not in module",
        e.getMessage());
  }

  private static ExecutionContext withFrame(
      ExecutionContext ctx, int i, ExecutionContext.Frame frame) {
    List<ExecutionContext.Frame> frames = new ArrayList<>(ctx.frames());
    frames.set(i, frame);
    return new ExecutionContext(frames, ctx.values());
  }

  private static String refusal(SbcModule m, ExecutionContext ctx) {
    return assertThrows(
            ExecutionContext.Invalid.class,
            () -> new Vm(m, SINK, SINK, new FakePort()).continuation(ctx))
        .getMessage();
  }

  @Test
  void aContextOfTheWrongShapeIsRefusedWithAMessage() {
    SbcModule m = loop(0);
    ExecutionContext ctx = captureAt(m, "main", List.of(), 2);
    ExecutionContext.Frame top = ctx.frames().get(1);
    ExecutionContext.Frame bottom = ctx.frames().get(0);
    var e = top.locals();
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx,
                    1,
                    new ExecutionContext.Frame(
                        top.function(), top.pc(), e.subList(0, 5), top.operands())))
            .contains("frame 1 (`work`): 5 locals, but the function has 6"));
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx, 1, new ExecutionContext.Frame(top.function(), 99_999, e, top.operands())))
            .contains("pc 99999 is outside the code"));
    assertTrue(
        refusal(
                m,
                withFrame(ctx, 1, new ExecutionContext.Frame(top.function(), 8, e, top.operands())))
            .contains("pc 8 is not right after a CHECKPOINT"));
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx, 1, new ExecutionContext.Frame(top.function(), 10, e, top.operands())))
            .contains("pc 10 is not a reachable instruction boundary"));
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx,
                    1,
                    new ExecutionContext.Frame(
                        top.function(), top.pc(), e, List.of(new ExecutionContext.Slot(1, -1)))))
            .contains("1 operands, but the code has 0"));
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx,
                    0,
                    new ExecutionContext.Frame(
                        bottom.function(), bottom.pc(), bottom.locals(), List.of())))
            .contains("0 operands, but the code has 1"));
    assertTrue(
        refusal(m, new ExecutionContext(List.of(top, bottom), ctx.values()))
            .contains("is not right after a call"));
    assertEquals(
        "execution context has no frames", refusal(m, new ExecutionContext(List.of(), List.of())));
    List<ExecutionContext.Slot> badRef = new ArrayList<>(e);
    badRef.set(3, new ExecutionContext.Slot(0, 42));
    assertTrue(
        refusal(
                m,
                withFrame(
                    ctx,
                    1,
                    new ExecutionContext.Frame(top.function(), top.pc(), badRef, top.operands())))
            .contains("names value #42"));
    ExecutionContext badValue =
        new ExecutionContext(
            ctx.frames(),
            List.of(
                new PortableValue.Variant(Portables.FN, "00".repeat(32), List.of()),
                PortableValue.UnitValue.INSTANCE,
                PortableValue.UnitValue.INSTANCE));
    assertTrue(refusal(m, badValue).startsWith("code changed: function " + "00".repeat(32)));
  }

  @Test
  void aSlotHoldingAStreamMakesCaptureRefuseAndExecutionGoesOn() {
    FakePort port = new FakePort();
    port.streamPieces = List.of("a");
    ModuleBuilder mb = new ModuleBuilder();
    int f = mb.declareFunction("f", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.pushConst(new Constant.Str("go"));
    c.emit(Op.MAP_NEW, 0);
    c.emit(Op.AI_CALL, AiOps.STREAM);
    c.emit(Op.STORE_LOCAL, 0);
    c.emit(Op.CHECKPOINT);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.CALL_NATIVE, Natives.indexOf("stream.collect_string"), 1);
    c.emit(Op.RETURN);
    c.finish(f, List.of(R), true, List.of("s"));
    Object r = new Vm(mb.build(f, "s.sx"), SINK, SINK, port).invoke("f", List.of());
    assertEquals("a", r);
    ExecutionContext.Capture capture = port.captures.getFirst();
    assertFalse(capture.captured());
    assertEquals(
        "execution context cannot be captured: `f` local `s`: a stream cannot be stored",
        capture.refusal());
  }

  static final TypeDef COUNTER =
      new TypeDef(
          "Counter",
          TypeDef.Kind.STRUCT,
          List.of(new TypeDef.Variant("Counter", true, List.of("n", "m"), List.of("i64", "i64"))));

  @Test
  void theHandlersStateIsOneObjectAcrossFramesAfterResuming() throws Exception {
    ModuleBuilder mb = new ModuleBuilder();
    mb.type(COUNTER);
    int bump = mb.declareFunction("bump", 1);
    int handler = mb.declareFunction("handler", 1);
    CodeBuilder b = new CodeBuilder(mb);
    b.emit(Op.LOAD_LOCAL, 0);
    b.pushConst(new Constant.I64(1));
    b.emit(Op.BOX_I64);
    b.emit(Op.STORE_FIELD, 0);
    b.emit(Op.CHECKPOINT);
    b.emit(Op.LOAD_LOCAL, 0);
    b.pushConst(new Constant.I64(2));
    b.emit(Op.BOX_I64);
    b.emit(Op.STORE_FIELD, 1);
    b.emit(Op.PUSH_UNIT);
    b.emit(Op.RETURN);
    b.finish(bump, List.of(R), false, List.of("s"));
    CodeBuilder h = new CodeBuilder(mb);
    h.emit(Op.LOAD_LOCAL, 0);
    h.emit(Op.CALL, bump);
    h.emit(Op.POP);
    h.emit(Op.LOAD_LOCAL, 0);
    h.emit(Op.RETURN);
    h.finish(handler, List.of(R), true, List.of("state"));
    SbcModule m = mb.build(handler, "state.sx");
    FakePort port = new FakePort();
    Object state = new Values.StructValue(COUNTER, new Object[] {0L, 0L});
    new Vm(m, SINK, SINK, port).invoke("handler", List.of(state));
    ExecutionContext ctx = viaBytes(port.captures.getFirst().context());
    assertEquals(1, ctx.values().size(), "the state is captured once");
    assertEquals(
        new PortableValue.Struct(
            "Counter",
            List.of(
                new PortableValue.Field("n", new PortableValue.Int(1)),
                new PortableValue.Field("m", new PortableValue.Int(0)))),
        ctx.values().getFirst());
    Vm.Continuation k = new Vm(m, SINK, SINK, new FakePort()).continuation(ctx);
    Object restored = k.handlerLocal(0);
    Object result = k.run();
    assertSame(restored, result);
    assertEquals("Counter { n: 1, m: 2 }", Vm.display(result));
    assertThrows(IllegalStateException.class, k::run);
  }

  @Test
  void corruptedContextBytesAreRefusedOrRunButNeverThrowAJavaException() throws Exception {
    SbcModule m = loop(0);
    byte[] good = captureAt(m, "main", List.of(), 4).encode(a -> "x");
    Random rnd = new Random(11);
    int refused = 0;
    for (int round = 0; round < 2000; round++) {
      byte[] b = good.clone();
      int kind = rnd.nextInt(3);
      if (kind == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      else
        for (int e = 1 + rnd.nextInt(3); e > 0; e--)
          b[rnd.nextInt(b.length)] = (byte) (kind == 1 ? rnd.nextInt(256) : b[0] ^ 1);
      try {
        ExecutionContext ctx = ExecutionContext.decode(b, id -> id);
        Vm vm =
            new Vm(
                m,
                SINK,
                SINK,
                new FakePort() {
                  @Override
                  public void checkpoint(ExecutionContext.Capture capture) {}
                });
        vm.stepBudget = 2_000;
        vm.resume(ctx);
      } catch (ExecutionContext.Invalid | Vm.PanicException expected) {
        refused++;
      } catch (RuntimeException ex) {
        fail("round " + round + " threw " + ex);
      }
    }
    assertTrue(refused > 1000, "refused " + refused);
  }
}
