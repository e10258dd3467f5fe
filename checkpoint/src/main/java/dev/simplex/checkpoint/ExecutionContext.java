package dev.simplex.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * Where a handler stood when it checkpointed: the handler's code hash and instruction pointer, and
 * the interpreter's call stack (outermost frame first). Interpreter frames are data in the SVM, so
 * this is enough to resume the handler on another peer.
 */
public record ExecutionContext(CodeHash handler, int instructionPointer, List<Frame> frames) {
  public ExecutionContext {
    Objects.requireNonNull(handler, "handler code hash");
    if (instructionPointer < 0) {
      throw new IllegalArgumentException("negative instruction pointer " + instructionPointer);
    }
    frames = List.copyOf(frames);
  }

  /** One interpreter frame: the function (by hash), its instruction pointer and its locals. */
  public record Frame(CodeHash function, int instructionPointer, List<SnapshotValue> locals) {
    public Frame {
      Objects.requireNonNull(function, "function code hash");
      if (instructionPointer < 0) {
        throw new IllegalArgumentException("negative instruction pointer " + instructionPointer);
      }
      locals = List.copyOf(locals);
    }
  }
}
