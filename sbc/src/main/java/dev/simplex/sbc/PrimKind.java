package dev.simplex.sbc;

/** How a primitive held in a long slot is displayed (operand of {@link Op#TO_STR_PRIM}). */
public enum PrimKind {
  INT,
  F64,
  BOOL,
  CHAR,
  UNIT,
  /** An f32 held as an f64: displayed with {@link Float#toString} digits. */
  F32,
  /** A u64: the long's bits as an unsigned number. */
  U64;

  private static final PrimKind[] ALL = values();

  static PrimKind fromCode(int code) {
    return code >= 0 && code < ALL.length ? ALL[code] : null;
  }
}
