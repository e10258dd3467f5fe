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
  NOP(">"),
  POP("a>"),
  DUP("a>aa"),
  SWAP("aa>aa"),
  PUSH_UNIT(">p"),
  PUSH_TRUE(">i"),
  PUSH_FALSE(">i"),
  PUSH_I64(">i", CONST),
  PUSH_F64(">f", CONST),
  PUSH_STR(">r", CONST),
  LOAD_LOCAL(">a", LOCAL),
  STORE_LOCAL("a>", LOCAL),
  // typed integer arithmetic (checked: overflow panics)
  ADD_I64("ii>i"),
  SUB_I64("ii>i"),
  MUL_I64("ii>i"),
  DIV_I64("ii>i"),
  REM_I64("ii>i"),
  NEG_I64("i>i"),
  /**
   * Checks that an i64 fits the integer kind in the operand ({@link IntKind}); panics otherwise.
   */
  NARROW("i>i", BYTE),
  BAND_I64("ii>i"),
  BOR_I64("ii>i"),
  BXOR_I64("ii>i"),
  SHL_I64("ii>i", BYTE),
  SHR_I64("ii>i", BYTE),
  BNOT_I64("i>i", BYTE),
  // typed float arithmetic (IEEE 754, never panics)
  ADD_F64("ff>f"),
  SUB_F64("ff>f"),
  MUL_F64("ff>f"),
  DIV_F64("ff>f"),
  REM_F64("ff>f"),
  NEG_F64("f>f"),
  // typed comparisons
  EQ_I64("ii>i"),
  NE_I64("ii>i"),
  LT_I64("ii>i"),
  LE_I64("ii>i"),
  GT_I64("ii>i"),
  GE_I64("ii>i"),
  EQ_F64("ff>i"),
  NE_F64("ff>i"),
  LT_F64("ff>i"),
  LE_F64("ff>i"),
  GT_F64("ff>i"),
  GE_F64("ff>i"),
  /** Structural equality of two reference values (strings, structs, lists ...). */
  EQ_REF("rr>i"),
  NE_REF("rr>i"),
  /** Ordering of two reference values: pushes -1, 0 or 1 as an i64. */
  CMP_REF("rr>i"),
  NOT("i>i"),
  // conversions
  I64_TO_F64("i>f"),
  /**
   * Float to integer of the kind in the operand: truncates; NaN, infinities, out of range panic.
   */
  F64_TO_INT("f>i", BYTE),
  BOX_I64("i>r"),
  BOX_F64("f>r"),
  BOX_BOOL("i>r"),
  BOX_CHAR("i>r"),
  /** Boxes {@code ()} (whose primitive slot holds 0). */
  BOX_UNIT("p>r"),
  UNBOX_I64("r>i"),
  UNBOX_F64("r>f"),
  UNBOX_BOOL("r>i"),
  UNBOX_CHAR("r>i"),
  // strings
  CONCAT("rr>r"),
  /** Display form of a primitive of the kind in the operand ({@link PrimKind}). */
  TO_STR_PRIM("p>r", BYTE),
  /** Display form of a reference value. */
  TO_STR_REF("r>r"),
  /** Applies a format spec (constant string) to a boxed value. */
  FORMAT("r>r", CONST),
  PRINT("r>"),
  EPRINT("r>"),
  PANIC("r>"),
  // control
  JUMP(">", TARGET),
  JUMP_IF_FALSE("i>", TARGET),
  JUMP_IF_TRUE("i>", TARGET),
  CALL("*>*", FUNC),
  /** Calls the closure below its COUNT arguments. */
  CALL_LOCAL("*r>r", COUNT),
  /** Calls a built-in from {@link Natives} with COUNT arguments. */
  CALL_NATIVE("*r>r", NATIVE, COUNT),
  RETURN("a>"),
  // data
  /** Builds a struct of the type in the operand from COUNT boxed fields. */
  ALLOC("*r>r", TYPE, COUNT),
  LOAD_FIELD("r>r", COUNT),
  STORE_FIELD("rr>", COUNT),
  /** Builds an enum value: type, variant tag, COUNT boxed payload values. */
  MAKE_VARIANT("*r>r", TYPE, BYTE, COUNT),
  /** Replaces an enum value by whether it has the variant tag in the operand. */
  MATCH_TAG("r>i", BYTE),
  /** Replaces a value by whether it is of the type in the operand. */
  MATCH_TYPE("r>i", TYPE),
  LOAD_PAYLOAD("r>r", COUNT),
  MAKE_TUPLE("*r>r", COUNT),
  /** Builds a closure over COUNT boxed captured values; its function takes the closure first. */
  MAKE_CLOSURE("*r>r", FUNC, COUNT),
  /** A plain function as a value. */
  FUNC_REF(">r", FUNC),
  /** Inside a closure body: pushes captured value COUNT of the closure in local 0. */
  LOAD_CAPTURE(">r", COUNT),
  LIST_NEW("*r>r", COUNT),
  LIST_GET("ri>r"),
  LIST_SET("rir>"),
  LIST_LEN("r>i"),
  LIST_PUSH("rr>"),
  MAP_NEW("*r>r", COUNT),
  MAP_GET("rr>r"),
  MAP_SET("rrr>"),
  SET_NEW("*r>r", COUNT),
  // ownership marks: the heap is garbage-collected, these document intent for tools and the JIT
  MOVE(">", LOCAL),
  BORROW(">a", LOCAL),
  BORROW_MUT(">a", LOCAL),
  DROP(">", LOCAL),
  // actors and AI, executed through the RuntimePort
  /**
   * Starts an actor: COUNT values are its init arguments, then field overrides and options (maps).
   */
  SPAWN("*r>r", TYPE, COUNT),
  /** Builds a {@link Message} named by the constant from COUNT boxed arguments. */
  MAKE_MESSAGE("*r>r", CONST, COUNT),
  SEND("rr>"),
  ASK("rr>r"),
  /** Asks with a timeout (a Duration): pushes {@code Ok(reply)} or {@code Err(AskError)}. */
  ASK_WITHIN("rrr>r"),
  STOP("r>"),
  /** Finds the named actor of the type in the operand: pushes an Option of its address. */
  LOOKUP("r>r", TYPE),
  RECEIVE(">r"),
  REPLY("r>"),
  SELF(">r"),
  CHECKPOINT(">"),
  /** Marks a point where execution may be captured and resumed. */
  CHECKPOINT_POINT(">"),
  /** Old one-argument {@code ai::complete}; goes once the compiler emits {@link #AI_CALL}. */
  AI_COMPLETE("r>r"),
  /** Old one-argument {@code ai::embed}; goes once the compiler emits {@link #AI_CALL}. */
  AI_EMBED("r>r"),
  /**
   * {@code ai::extract<T>}: [input String, options Map] -> {@code Result<T, ExtractionError>}, T
   * the type in the operand.
   */
  AI_EXTRACT("rr>r", TYPE),
  /** {@code ai::classify<T>}: [input String, options Map] -> the unit variant of the enum T. */
  AI_CLASSIFY("rr>r", TYPE),
  /**
   * {@code sup.child<A>(key)}: a supervisor's ref and a boxed i64 index or String name; pushes the
   * child's ref, which must be of the actor type in the operand.
   */
  CHILD("rr>r", TYPE),
  /**
   * An AI call of the kind in the operand ({@link AiOps}): [input, options Map] -> result. 0
   * complete, 1 try_complete, 2 stream, 3 embed, 4 embed_batch.
   */
  AI_CALL("rr>r", BYTE),
  // f32 (language.md §2): held as an f64 whose value is always a float; appended so that earlier
  // opcodes keep their bytes
  /** Rounds an f64 to the nearest f32 (ties to even): after each f32 operation and cast. */
  F64_TO_F32("f>f"),
  /** An integer to the nearest f32, rounded once. */
  I64_TO_F32("i>f"),
  /** Boxes an f32 as a {@link Float}, so that it displays as an f32 inside collections. */
  BOX_F32("f>r"),
  // u64 over its full range: the long holds the 64 bits; checked unsigned arithmetic and order
  ADD_U64("ii>i"),
  SUB_U64("ii>i"),
  MUL_U64("ii>i"),
  DIV_U64("ii>i"),
  REM_U64("ii>i"),
  LT_U64("ii>i"),
  LE_U64("ii>i"),
  GT_U64("ii>i"),
  GE_U64("ii>i"),
  /** A u64 to the nearest f64. */
  U64_TO_F64("i>f"),
  /** Float to u64: truncates; NaN, infinities and values outside [0, 2^64) panic. */
  F64_TO_U64("f>i"),
  /** Boxes a u64 as a {@link Values.U64}, which displays and orders unsigned. */
  BOX_U64("i>r");

  /** Marker for a pop count computed from the operands. */
  static final int VARIABLE = -1;

  private static final Op[] BY_CODE = values();

  private final int pops;
  private final int pushes;
  private final String inKinds;
  private final String outKinds;
  private final List<OperandKind> operands;
  private final int size;

  /**
   * @param effect the stack effect with the kind of every slot, {@code "in>out"}, the top of the
   *     stack last: {@code i} an i64 (also bool and char), {@code f} an f64, {@code p} any
   *     primitive, {@code r} a reference, {@code a} any value (its kind is checked by the {@link
   *     Verifier} from the local, the callee or the function). {@code *r} pops a number of
   *     references computed from the operands; {@code *} (CALL) takes the callee's parameter kinds
   *     and an output of {@code *} is the callee's result.
   */
  Op(String effect, OperandKind... operands) {
    int gt = effect.indexOf('>');
    this.inKinds = effect.substring(0, gt);
    this.outKinds = effect.substring(gt + 1);
    this.pops = inKinds.startsWith("*") ? VARIABLE : inKinds.length();
    this.pushes = outKinds.length();
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

  /**
   * Kinds of the popped values, deepest first (see the constructor); {@code "*r"} or {@code "*"}
   * for a variable count.
   */
  String inKinds() {
    return inKinds;
  }

  /** Kinds of the pushed values, deepest first. */
  String outKinds() {
    return outKinds;
  }

  /** The instruction for an opcode byte, or null when the byte names none. */
  public static Op fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
