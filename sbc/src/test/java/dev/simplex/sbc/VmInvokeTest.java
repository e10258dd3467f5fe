package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.SbcFunction.SlotKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Vm#invoke}, as the actor runtime uses it: one call after another on a virtual thread (each
 * handler, hook and init), which keeps one interpreter per thread between calls.
 */
class VmInvokeTest {
  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} on a virtual thread, as the actor runtime's workers are, and rethrows. */
  private static void onVirtualThread(Body body) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    body.run();
                  } catch (Throwable e) {
                    failure[0] = e;
                  }
                });
    t.join();
    if (failure[0] instanceof Exception e) throw e;
    if (failure[0] instanceof Error e) throw e;
  }

  private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream());
  private static final SlotKind P = SlotKind.PRIM;
  private static final SlotKind R = SlotKind.REF;

  /**
   * {@code dirty(x)}: leaves a number and a list in its slots, returns 2x; {@code probe()}:
   * checkpoints before it writes its two locals, returns 7; {@code outer(x)}: y = x + 1,
   * checkpoints, returns y + x; {@code inc(x)}: x + 1; {@code bump(counts)}: counts[0] += 1,
   * returns {@code ()}.
   */
  private static SbcModule module() {
    ModuleBuilder mb = new ModuleBuilder();
    int dirty = mb.declareFunction("dirty", 1);
    int probe = mb.declareFunction("probe", 0);
    int outer = mb.declareFunction("outer", 1);
    int inc = mb.declareFunction("inc", 1);
    int bump = mb.declareFunction("bump", 1);
    int tick = mb.declareFunction("tick", 1);
    int add = mb.declareFunction("add", 3);
    int main = mb.declareFunction("main", 0);

    CodeBuilder d = new CodeBuilder(mb);
    d.emit(Op.LOAD_LOCAL, 0);
    d.pushConst(new Constant.I64(2));
    d.emit(Op.MUL_I64);
    d.emit(Op.STORE_LOCAL, 1);
    d.emit(Op.LIST_NEW, 0);
    d.emit(Op.STORE_LOCAL, 2);
    d.emit(Op.LOAD_LOCAL, 1);
    d.emit(Op.RETURN);
    d.finish(dirty, List.of(P, P, R), false, List.of("x", "twice", "items"));

    CodeBuilder p = new CodeBuilder(mb);
    p.emit(Op.CHECKPOINT);
    p.pushConst(new Constant.I64(7));
    p.emit(Op.STORE_LOCAL, 0);
    p.emit(Op.LIST_NEW, 0);
    p.emit(Op.STORE_LOCAL, 1);
    p.emit(Op.LOAD_LOCAL, 0);
    p.emit(Op.RETURN);
    p.finish(probe, List.of(P, R), false, List.of("n", "items"));

    CodeBuilder o = new CodeBuilder(mb);
    o.emit(Op.LOAD_LOCAL, 0);
    o.pushConst(new Constant.I64(1));
    o.emit(Op.ADD_I64);
    o.emit(Op.STORE_LOCAL, 1);
    o.emit(Op.CHECKPOINT);
    o.emit(Op.LOAD_LOCAL, 1);
    o.emit(Op.LOAD_LOCAL, 0);
    o.emit(Op.ADD_I64);
    o.emit(Op.RETURN);
    o.finish(outer, List.of(P, P), false, List.of("x", "y"));

    CodeBuilder i = new CodeBuilder(mb);
    i.emit(Op.LOAD_LOCAL, 0);
    i.pushConst(new Constant.I64(1));
    i.emit(Op.ADD_I64);
    i.emit(Op.RETURN);
    i.finish(inc, List.of(P), false, List.of("x"));

    // a handler's shape: self.0 += 1, then () boxed as its result
    CodeBuilder b = new CodeBuilder(mb);
    b.emit(Op.LOAD_LOCAL, 0);
    b.pushConst(new Constant.I64(0));
    b.emit(Op.LOAD_LOCAL, 0);
    b.pushConst(new Constant.I64(0));
    b.emit(Op.LIST_GET);
    b.emit(Op.UNBOX_I64);
    b.pushConst(new Constant.I64(1));
    b.emit(Op.ADD_I64);
    b.emit(Op.BOX_I64);
    b.emit(Op.LIST_SET);
    b.emit(Op.PUSH_UNIT);
    b.emit(Op.BOX_UNIT);
    b.emit(Op.RETURN);
    b.finish(bump, List.of(R), true, List.of("self"));

    // tick(to): send(to, Tick) twice, then send(to, Put(1)) twice
    CodeBuilder t = new CodeBuilder(mb);
    int tickName = mb.constant(new Constant.Str("Tick"));
    int putName = mb.constant(new Constant.Str("Put"));
    for (int k = 0; k < 2; k++) {
      t.emit(Op.LOAD_LOCAL, 0);
      t.emit(Op.MAKE_MESSAGE, tickName, 0);
      t.emit(Op.SEND);
    }
    for (int k = 0; k < 2; k++) {
      t.emit(Op.LOAD_LOCAL, 0);
      t.pushConst(new Constant.I64(1));
      t.emit(Op.BOX_I64);
      t.emit(Op.MAKE_MESSAGE, putName, 1);
      t.emit(Op.SEND);
    }
    t.emit(Op.PUSH_UNIT);
    t.emit(Op.BOX_UNIT);
    t.emit(Op.RETURN);
    t.finish(tick, List.of(R), true, List.of("to"));

    // add(self, a, b): a handler's shape with a state and two arguments; returns a - b
    CodeBuilder a = new CodeBuilder(mb);
    a.emit(Op.LOAD_LOCAL, 1);
    a.emit(Op.LOAD_LOCAL, 2);
    a.emit(Op.SUB_I64);
    a.emit(Op.RETURN);
    a.finish(add, List.of(R, P, P), false, List.of("self", "a", "b"));

    CodeBuilder m = new CodeBuilder(mb);
    m.pushConst(new Constant.I64(0));
    m.emit(Op.RETURN);
    m.finish(main, List.of(), false, List.of());
    return mb.build(main, "invoke.sx");
  }

  private static ExecutionContext probeContext(Vm vm, FakePort port) {
    assertEquals(7L, vm.invoke("probe", List.of()));
    ExecutionContext.Capture c = port.captures.getLast();
    assertTrue(c.captured(), c.refusal());
    return c.context();
  }

  @Test
  void aCheckpointCapturesTheSameContextWhetherOrNotTheThreadRanACallBefore() throws Exception {
    onVirtualThread(
        () -> {
          SbcModule m = module();
          FakePort freshPort = new FakePort();
          ExecutionContext fresh = probeContext(new Vm(m, SINK, SINK, freshPort), freshPort);

          FakePort port = new FakePort();
          Vm vm = new Vm(m, SINK, SINK, port);
          assertEquals(42L, vm.invoke("dirty", List.of(21L)));
          ExecutionContext after = probeContext(vm, port);

          // probe's unwritten locals hold nothing of dirty's number and list
          assertEquals(fresh, after);
          assertEquals(0L, after.frames().getFirst().locals().get(0).prim());
        });
  }

  @Test
  void aCallMadeInsideACallOnTheSameThreadLeavesTheOuterCallsSlotsAlone() throws Exception {
    onVirtualThread(
        () -> {
          SbcModule m = module();
          Vm[] vm = new Vm[1];
          List<Object> inner = new java.util.ArrayList<>();
          FakePort port =
              new FakePort() {
                @Override
                public void checkpoint(ExecutionContext.Capture capture) {
                  // as a spawn runs the child's init on the spawning handler's thread
                  inner.add(vm[0].invoke("dirty", List.of(99L)));
                }
              };
          vm[0] = new Vm(m, SINK, SINK, port);
          assertEquals(11L, vm[0].invoke("outer", List.of(5L)));
          assertEquals(List.of(198L), inner);
          assertEquals(21L, vm[0].invoke("outer", List.of(10L)));
          assertEquals(42L, vm[0].invoke("dirty", List.of(21L)));
        });
  }

  @Test
  void aLoopFreeFunctionRunAsACallsEntryIsCompiledOnceItIsHotInAutoMode() throws Exception {
    onVirtualThread(
        () -> {
          Vm auto = new Vm(module(), SINK, SINK).jit("auto");
          for (long x = 0; x < Jit.HOT_CALLS - 1; x++)
            assertEquals(x + 1, auto.invoke("inc", List.of(x)));
          assertEquals(0, auto.jitCompiledCount(), "interpreted while it is not hot");
          for (long x = 0; x < 10; x++) assertEquals(x + 1, auto.invoke("inc", List.of(x)));
          assertEquals(1, auto.jitCompiledCount(), "compiled on its " + Jit.HOT_CALLS + "th run");

          // a handler returns (): its BOX_UNIT keeps it out of the tier no more
          Object counts = new Values.ListValue(new java.util.ArrayList<>(List.of(0L)));
          for (int k = 0; k < Jit.HOT_CALLS + 10; k++)
            assertEquals(Values.Unit.INSTANCE, auto.invoke("bump", List.of(counts)));
          assertEquals(2, auto.jitCompiledCount());
          assertEquals(List.of((long) Jit.HOT_CALLS + 10), ((Values.ListValue) counts).items());

          Vm off = new Vm(module(), SINK, SINK).jit("off");
          for (long x = 0; x < 2 * Jit.HOT_CALLS; x++)
            assertEquals(x + 1, off.invoke("inc", List.of(x)));
          assertEquals(0, off.jitCompiledCount());
        });
  }

  @Test
  void aMessageWithoutArgumentsIsOneSharedValueAndOneWithArgumentsIsMadeForEachSend()
      throws Exception {
    FakePort port = new FakePort();
    Vm vm = new Vm(module(), SINK, SINK, port).jit("off");
    onVirtualThread(() -> vm.invoke("tick", List.of("target")));
    vm.invoke("tick", List.of("target")); // and from a platform thread's own interpreter
    List<Message> sent = port.sent;
    assertEquals(8, sent.size());
    assertEquals(new Message("Tick", List.of()), sent.get(0));
    assertSame(sent.get(0), sent.get(1), "a bare message is one value, shared by its sends");
    assertSame(sent.get(0), sent.get(4), "and by the module's other interpreters");
    assertEquals(new Message("Put", List.of(1L)), sent.get(2));
    assertNotSame(sent.get(2), sent.get(3), "arguments: a message of its own per send");
  }

  @Test
  void aHandlerCallWithTheStateAndTheMessagesArgumentsAnswersAsACallWithAnArray() throws Exception {
    Vm vm = new Vm(module(), SINK, SINK, new FakePort()).jit("off");
    int add = vm.functionIndex("add");
    onVirtualThread(
        () -> {
          assertEquals(5L, vm.invoke(add, "state", List.of(9L, 4L)));
          assertEquals(5L, vm.invoke(add, new Object[] {"state", 9L, 4L}));
          IllegalArgumentException wrong =
              assertThrows(
                  IllegalArgumentException.class, () -> vm.invoke(add, "state", List.of(9L)));
          assertEquals("`add` takes 3 arguments, not 2", wrong.getMessage());
          assertEquals(-3L, vm.invoke(add, "state", List.of(1L, 4L)));
        });
  }
}
