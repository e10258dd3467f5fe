package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SbcFunction.SlotKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task waiting in {@code ask} captured by the runtime ({@link RuntimePort.Suspension}) and
 * continued, in a fresh interpreter, with the reply that came later: what an actor moved to another
 * peer in the middle of an ask does.
 */
class AskSuspensionTest {
  private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream());
  private static final SlotKind P = SlotKind.PRIM;
  private static final SlotKind R = SlotKind.REF;

  /**
   * {@code fn work(n, target) { let x = n * 2; let reply = ask(target, Get(n)); x + reply }} (or
   * {@code ask(target, Get(n), timeout: 5s).unwrap_or(-1)} with {@code within}) and {@code fn
   * main(target) = 1000 + work(7, target)}.
   */
  static SbcModule asking(boolean within) {
    ModuleBuilder mb = new ModuleBuilder();
    int work = mb.declareFunction("work", 2);
    int main = mb.declareFunction("main", 1);
    CodeBuilder c = new CodeBuilder(mb);
    c.line(1);
    c.emit(Op.LOAD_LOCAL, 0);
    c.pushConst(new Constant.I64(2));
    c.emit(Op.MUL_I64);
    c.emit(Op.STORE_LOCAL, 2);
    c.line(2);
    c.emit(Op.LOAD_LOCAL, 1);
    c.emit(Op.LOAD_LOCAL, 0);
    c.emit(Op.BOX_I64);
    c.emit(Op.MAKE_MESSAGE, mb.constant(new Constant.Str("Get")), 1);
    if (within) {
      c.pushConst(new Constant.I64(5));
      c.emit(Op.BOX_I64);
      c.pushConst(new Constant.Str("s"));
      c.emit(Op.CALL_NATIVE, Natives.indexOf("duration_of"), 2);
      c.emit(Op.ASK_WITHIN);
      c.pushConst(new Constant.I64(-1));
      c.emit(Op.BOX_I64);
      c.emit(Op.CALL_NATIVE, Natives.indexOf("unwrap_or"), 2);
    } else {
      c.emit(Op.ASK);
    }
    c.line(3);
    c.emit(Op.UNBOX_I64);
    c.emit(Op.STORE_LOCAL, 3);
    c.emit(Op.LOAD_LOCAL, 2);
    c.emit(Op.LOAD_LOCAL, 3);
    c.emit(Op.ADD_I64);
    c.emit(Op.RETURN);
    c.finish(work, List.of(P, R, P, P), false, List.of("n", "target", "x", "reply"));

    CodeBuilder m = new CodeBuilder(mb);
    m.line(9);
    m.pushConst(new Constant.I64(1000));
    m.pushConst(new Constant.I64(7));
    m.emit(Op.LOAD_LOCAL, 0);
    m.emit(Op.CALL, work);
    m.emit(Op.ADD_I64);
    m.emit(Op.RETURN);
    m.finish(main, List.of(R), false, List.of("target"));
    return mb.build(main, "asking.sx");
  }

  /**
   * Takes the suspension of the first ask and ends the task, as a runtime moving the actor does.
   */
  static final class CapturingPort extends FakePort {
    ExecutionContext.Capture taken;
    Message asked;

    @Override
    public Object ask(Object target, Message message, Suspension suspension) {
      asked = message;
      taken = suspension.capture();
      throw new Suspended();
    }

    @Override
    public Object askWithin(
        Object target, Message message, long timeoutNanos, Suspension suspension) {
      return ask(target, message, suspension);
    }
  }

  private static ExecutionContext suspendedIn(SbcModule m) throws Exception {
    CapturingPort port = new CapturingPort();
    assertThrows(
        RuntimePort.Suspended.class,
        () -> new Vm(m, SINK, SINK, port).invoke("main", List.of("the-target")));
    assertEquals(new Message("Get", List.of(7L)), port.asked);
    assertTrue(port.taken.captured(), port.taken.refusal());
    // through bytes, as it travels between peers
    byte[] bytes = port.taken.context().encode(a -> "actor:" + a);
    return ExecutionContext.decode(bytes, id -> id);
  }

  @Test
  void aTaskCapturedInAnAskContinuesElsewhereWithTheReplyThatCameLater() throws Exception {
    SbcModule m = asking(false);
    ExecutionContext ctx = suspendedIn(m);
    assertEquals(2, ctx.frames().size(), "main and work");
    Vm.Continuation k = new Vm(m, SINK, SINK, new FakePort()).continuation(ctx);
    assertTrue(k.awaitsReply());
    assertThrows(IllegalStateException.class, k::run, "an ask continuation needs its reply");
    // x = 14 was computed before the ask; the reply 30 arrives on the new host
    assertEquals(1000L + 14 + 30, k.runWithReply(30L));
  }

  @Test
  void aPlainAskThatGotNoReplyPanicsWhereItContinues() throws Exception {
    SbcModule m = asking(false);
    Vm.Continuation k = new Vm(m, SINK, SINK, new FakePort()).continuation(suspendedIn(m));
    Vm.PanicException e =
        assertThrows(Vm.PanicException.class, () -> k.runWithAskFailure("ActorDied"));
    assertEquals("ask failed: actor died", e.getMessage());
    assertTrue(e.trace().stream().anyMatch(l -> l.contains("work")), e.trace().toString());
  }

  @Test
  void anAskWithATimeoutContinuesWithOkOrErr() throws Exception {
    SbcModule m = asking(true);
    ExecutionContext ctx = suspendedIn(m);
    Vm vm = new Vm(m, SINK, SINK, new FakePort());
    assertEquals(1000L + 14 + 30, vm.continuation(ctx).runWithReply(30L));
    // Err(Timeout).unwrap_or(-1)
    assertEquals(1000L + 14 - 1, vm.continuation(ctx).runWithAskFailure("Timeout"));
    assertThrows(
        IllegalArgumentException.class, () -> vm.continuation(ctx).runWithAskFailure("Lost"));
  }

  @Test
  void aCheckpointContinuationTakesNoReplyAndAnAskOneIsNotRunWithout() throws Exception {
    SbcModule m = asking(false);
    Vm.Continuation k = new Vm(m, SINK, SINK, new FakePort()).continuation(suspendedIn(m));
    assertThrows(IllegalStateException.class, k::run);
    SbcModule loop = ExecutionContextTest.loop(0);
    FakePort port = new FakePort();
    new Vm(loop, SINK, SINK, port).invoke("main", List.of());
    Vm.Continuation checkpointed =
        new Vm(loop, SINK, SINK, new FakePort()).continuation(port.captures.get(0).context());
    assertFalse(checkpointed.awaitsReply());
    assertThrows(IllegalStateException.class, () -> checkpointed.runWithReply(1L));
  }

  @Test
  void aContextWhoseTopFrameStopsAnywhereElseIsRefused() throws Exception {
    SbcModule m = asking(false);
    ExecutionContext ctx = suspendedIn(m);
    ExecutionContext.Frame top = ctx.frames().get(1);
    // one byte earlier: inside the ASK's predecessor, not right after the ask
    ExecutionContext moved =
        new ExecutionContext(
            List.of(
                ctx.frames().get(0),
                new ExecutionContext.Frame(
                    top.function(), top.pc() - 1, top.locals(), top.operands())),
            ctx.values());
    ExecutionContext.Invalid e =
        assertThrows(
            ExecutionContext.Invalid.class,
            () -> new Vm(m, SINK, SINK, new FakePort()).continuation(moved));
    assertTrue(e.getMessage().contains("work"), e.getMessage());
  }

  @Test
  void theDefaultPortWaitsAsBeforeAndNeverCaptures() {
    SbcModule m = asking(false);
    FakePort port =
        new FakePort() {
          @Override
          public Object ask(Object target, Message message) {
            return 5L;
          }
        };
    assertEquals(1000L + 14 + 5, new Vm(m, SINK, SINK, port).invoke("main", List.of("t")));
  }
}
