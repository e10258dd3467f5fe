package dev.simplex.sbc;

import static dev.simplex.sbc.OperandKind.*;

import java.util.List;

/**
 * The instruction set, defined once: name, opcode byte, operand kinds and stack effect. The encoder
 * ({@link CodeBuilder}), decoder ({@link SbcReader}), {@link Verifier} and {@link Disassembler} all
 * derive from this table. A stack effect of {@link #VARIABLE} is computed from the operands.
 *
 * <p>Arithmetic and comparisons are typed so the executor never inspects tags on the hot path.
 * Integers narrower than 64 bits are computed in i64 and checked with {@code NARROW}.
 */
public enum Op {
  // stack
  NOP(0, 0),
  POP(1, 0),
  DUP(1, 2),
  SWAP(2, 2),
  PUSH_UNIT(0, 1),
  PUSH_TRUE(0, 1),
  PUSH_FALSE(0, 1),
  PUSH_I64(0, 1, CONST),
  PUSH_F64(0, 1, CONST),
  PUSH_STR(0, 1, CONST),
  LOAD_LOCAL(0, 1, LOCAL),
  STORE_LOCAL(1, 0, LOCAL),
  // typed integer arithmetic (checked: overflow panics)
  ADD_I64(2, 1),
  SUB_I64(2, 1),
  MUL_I64(2, 1),
  DIV_I64(2, 1),
  REM_I64(2, 1),
  NEG_I64(1, 1),
  /**
   * Checks that an i64 fits the integer kind in the operand ({@link IntKind}); panics otherwise.
   */
  NARROW(1, 1, BYTE),
  BAND_I64(2, 1),
  BOR_I64(2, 1),
  BXOR_I64(2, 1),
  SHL_I64(2, 1, BYTE),
  SHR_I64(2, 1, BYTE),
  BNOT_I64(1, 1, BYTE),
  // typed float arithmetic (IEEE 754, never panics)
  ADD_F64(2, 1),
  SUB_F64(2, 1),
  MUL_F64(2, 1),
  DIV_F64(2, 1),
  REM_F64(2, 1),
  NEG_F64(1, 1),
  // typed comparisons
  EQ_I64(2, 1),
  NE_I64(2, 1),
  LT_I64(2, 1),
  LE_I64(2, 1),
  GT_I64(2, 1),
  GE_I64(2, 1),
  EQ_F64(2, 1),
  NE_F64(2, 1),
  LT_F64(2, 1),
  LE_F64(2, 1),
  GT_F64(2, 1),
  GE_F64(2, 1),
  /** Structural equality of two reference values (strings, structs, lists ...). */
  EQ_REF(2, 1),
  NE_REF(2, 1),
  /** Ordering of two reference values: pushes -1, 0 or 1 as an i64. */
  CMP_REF(2, 1),
  NOT(1, 1),
  // conversions
  I64_TO_F64(1, 1),
  /**
   * Float to integer of the kind in the operand: truncates; NaN, infinities, out of range panic.
   */
  F64_TO_INT(1, 1, BYTE),
  BOX_I64(1, 1),
  BOX_F64(1, 1),
  BOX_BOOL(1, 1),
  BOX_CHAR(1, 1),
  /** Boxes {@code ()} (whose primitive slot holds 0). */
  BOX_UNIT(1, 1),
  UNBOX_I64(1, 1),
  UNBOX_F64(1, 1),
  UNBOX_BOOL(1, 1),
  UNBOX_CHAR(1, 1),
  // strings
  CONCAT(2, 1),
  /** Display form of a primitive of the kind in the operand ({@link PrimKind}). */
  TO_STR_PRIM(1, 1, BYTE),
  /** Display form of a reference value. */
  TO_STR_REF(1, 1),
  /** Applies a format spec (constant string) to a boxed value. */
  FORMAT(1, 1, CONST),
  PRINT(1, 0),
  EPRINT(1, 0),
  PANIC(1, 0),
  // control
  JUMP(0, 0, TARGET),
  JUMP_IF_FALSE(1, 0, TARGET),
  JUMP_IF_TRUE(1, 0, TARGET),
  CALL(Op.VARIABLE, 1, FUNC),
  /** Calls the closure below its COUNT arguments. */
  CALL_LOCAL(Op.VARIABLE, 1, COUNT),
  /** Calls a built-in from {@link Natives} with COUNT arguments. */
  CALL_NATIVE(Op.VARIABLE, 1, NATIVE, COUNT),
  RETURN(1, 0),
  // data
  /** Builds a struct of the type in the operand from COUNT boxed fields. */
  ALLOC(Op.VARIABLE, 1, TYPE, COUNT),
  LOAD_FIELD(1, 1, COUNT),
  STORE_FIELD(2, 0, COUNT),
  /** Builds an enum value: type, variant tag, COUNT boxed payload values. */
  MAKE_VARIANT(Op.VARIABLE, 1, TYPE, BYTE, COUNT),
  /** Replaces an enum value by whether it has the variant tag in the operand. */
  MATCH_TAG(1, 1, BYTE),
  /** Replaces a value by whether it is of the type in the operand. */
  MATCH_TYPE(1, 1, TYPE),
  LOAD_PAYLOAD(1, 1, COUNT),
  MAKE_TUPLE(Op.VARIABLE, 1, COUNT),
  /** Builds a closure over COUNT boxed captured values; its function takes the closure first. */
  MAKE_CLOSURE(Op.VARIABLE, 1, FUNC, COUNT),
  /** A plain function as a value. */
  FUNC_REF(0, 1, FUNC),
  /** Inside a closure body: pushes captured value COUNT of the closure in local 0. */
  LOAD_CAPTURE(0, 1, COUNT),
  LIST_NEW(Op.VARIABLE, 1, COUNT),
  LIST_GET(2, 1),
  LIST_SET(3, 0),
  LIST_LEN(1, 1),
  LIST_PUSH(2, 0),
  MAP_NEW(Op.VARIABLE, 1, COUNT),
  MAP_GET(2, 1),
  MAP_SET(3, 0),
  SET_NEW(Op.VARIABLE, 1, COUNT),
  // ownership marks: the heap is garbage-collected, these document intent for tools and the JIT
  MOVE(0, 0, LOCAL),
  BORROW(0, 1, LOCAL),
  BORROW_MUT(0, 1, LOCAL),
  DROP(0, 0, LOCAL),
  // actors and AI, executed through the RuntimePort
  /**
   * Starts an actor: COUNT values are its init arguments, then field overrides and options (maps).
   */
  SPAWN(Op.VARIABLE, 1, TYPE, COUNT),
  /** Builds a {@link Message} named by the constant from COUNT boxed arguments. */
  MAKE_MESSAGE(Op.VARIABLE, 1, CONST, COUNT),
  SEND(2, 0),
  ASK(2, 1),
  /** Asks with a timeout (a Duration): pushes {@code Ok(reply)} or {@code Err(AskError)}. */
  ASK_WITHIN(3, 1),
  STOP(1, 0),
  /** Finds the named actor of the type in the operand: pushes an Option of its address. */
  LOOKUP(1, 1, TYPE),
  RECEIVE(0, 1),
  REPLY(1, 0),
  SELF(0, 1),
  CHECKPOINT(0, 0),
  /** Marks a point where execution may be captured and resumed. */
  CHECKPOINT_POINT(0, 0),
  /** Old one-argument {@code ai::complete}; goes once the compiler emits {@link #AI_CALL}. */
  AI_COMPLETE(1, 1),
  /** Old one-argument {@code ai::embed}; goes once the compiler emits {@link #AI_CALL}. */
  AI_EMBED(1, 1),
  /**
   * {@code ai::extract<T>}: [input String, options Map] -> {@code Result<T, ExtractionError>}, T
   * the type in the operand.
   */
  AI_EXTRACT(2, 1, TYPE),
  /** {@code ai::classify<T>}: [input String, options Map] -> the unit variant of the enum T. */
  AI_CLASSIFY(2, 1, TYPE),
  /**
   * {@code sup.child<A>(key)}: a supervisor's ref and a boxed i64 index or String name; pushes the
   * child's ref, which must be of the actor type in the operand.
   */
  CHILD(2, 1, TYPE),
  /**
   * An AI call of the kind in the operand ({@link AiOps}): [input, options Map] -> result. 0
   * complete, 1 try_complete, 2 stream, 3 embed, 4 embed_batch.
   */
  AI_CALL(2, 1, BYTE);

  /** Marker for a pop count computed from the operands. */
  static final int VARIABLE = -1;

  private static final Op[] BY_CODE = values();

  private final int pops;
  private final int pushes;
  private final List<OperandKind> operands;
  private final int size;

  Op(int pops, int pushes, OperandKind... operands) {
    this.pops = pops;
    this.pushes = pushes;
    this.operands = List.of(operands);
    int s = 1;
    for (OperandKind k : operands) s += k.width;
    this.size = s;
  }

  /** The opcode byte: the declaration index, so the table is the single source of truth. */
  public int code() {
    return ordinal();
  }

  public List<OperandKind> operands() {
    return operands;
  }

  /** Encoded size in bytes, opcode included. */
  public int size() {
    return size;
  }

  /** Values popped, or {@link #VARIABLE}. */
  int pops() {
    return pops;
  }

  int pushes() {
    return pushes;
  }

  /** The instruction for an opcode byte, or null when the byte names none. */
  public static Op fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
