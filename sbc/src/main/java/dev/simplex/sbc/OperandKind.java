package dev.simplex.sbc;

/** The kinds of inline operand an instruction carries, with their encoded width in bytes. */
public enum OperandKind {
  /** A local slot of the current frame (u16). */
  LOCAL(2),
  /** An index into the module's constant pool (u32). */
  CONST(4),
  /** An index into the module's function table (u32); canonically the callee's hash. */
  FUNC(4),
  /** An absolute byte offset into the current function's code (u32). */
  TARGET(4),
  /** A small count: arguments, elements, fields (u16). */
  COUNT(2),
  /** An index into the module's type table (u32). */
  TYPE(4),
  /** An index into the native (built-in) function table (u16). */
  NATIVE(2),
  /** A one-byte immediate: an integer kind, a variant tag (u8). */
  BYTE(1);

  final int width;

  OperandKind(int width) {
    this.width = width;
  }

  public int width() {
    return width;
  }
}
