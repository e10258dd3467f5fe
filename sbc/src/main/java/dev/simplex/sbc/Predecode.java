package dev.simplex.sbc;

/**
 * The interpreter's pre-decoded form of a function body, derived from the bytes of the format when
 * a module is prepared (the bytes, their hashes and the verifier are untouched). The decoded code
 * is an {@code int[]} as long as the byte code: the instruction that starts at byte offset {@code
 * pc} has its internal opcode at {@code [pc]} and its operands, already decoded, at {@code [pc +
 * 1]}, {@code [pc + 2]}, ... (an instruction has at least one byte per operand, so they fit). The
 * program counter therefore stays the byte offset of the format: jump targets, line tables,
 * captured execution contexts and panic offsets need no translation.
 *
 * <p>Superinstructions: where a common sequence starts at {@code pc} (say {@code LOAD_LOCAL;
 * LOAD_LOCAL; LT_I64; JUMP_IF_FALSE}), only the opcode at {@code [pc]} is replaced by a fused one
 * that executes the whole sequence; the sequence's other instructions keep their own decoded form
 * at their own offsets, so a jump or a resume into the middle of it runs them one by one as before.
 * A fused instruction that may panic sets the program counter to the offset of the constituent that
 * panics first, so traces and messages are those of the plain sequence.
 */
final class Predecode {
  private Predecode() {}

  /** Not an instruction start (or an undecodable byte): executing it is invalid bytecode. */
  static final int BAD = 0;

  static final int NOP = 1;
  static final int POP = 2;
  static final int DUP = 3;
  static final int SWAP = 4;
  static final int PUSH_UNIT = 5;
  static final int PUSH_TRUE = 6;
  static final int PUSH_FALSE = 7;
  static final int PUSH_I64 = 8;
  static final int PUSH_F64 = 9;
  static final int PUSH_STR = 10;
  static final int LOAD_LOCAL = 11;
  static final int STORE_LOCAL = 12;
  static final int ADD_I64 = 13;
  static final int SUB_I64 = 14;
  static final int MUL_I64 = 15;
  static final int DIV_I64 = 16;
  static final int REM_I64 = 17;
  static final int NEG_I64 = 18;
  static final int NARROW = 19;
  static final int BAND_I64 = 20;
  static final int BOR_I64 = 21;
  static final int BXOR_I64 = 22;
  static final int SHL_I64 = 23;
  static final int SHR_I64 = 24;
  static final int BNOT_I64 = 25;
  static final int ADD_F64 = 26;
  static final int SUB_F64 = 27;
  static final int MUL_F64 = 28;
  static final int DIV_F64 = 29;
  static final int REM_F64 = 30;
  static final int NEG_F64 = 31;
  static final int EQ_I64 = 32;
  static final int NE_I64 = 33;
  static final int LT_I64 = 34;
  static final int LE_I64 = 35;
  static final int GT_I64 = 36;
  static final int GE_I64 = 37;
  static final int EQ_F64 = 38;
  static final int NE_F64 = 39;
  static final int LT_F64 = 40;
  static final int LE_F64 = 41;
  static final int GT_F64 = 42;
  static final int GE_F64 = 43;
  static final int EQ_REF = 44;
  static final int NE_REF = 45;
  static final int CMP_REF = 46;
  static final int NOT = 47;
  static final int I64_TO_F64 = 48;
  static final int F64_TO_INT = 49;
  static final int BOX_I64 = 50;
  static final int BOX_F64 = 51;
  static final int BOX_BOOL = 52;
  static final int BOX_CHAR = 53;
  static final int BOX_UNIT = 54;
  static final int UNBOX_I64 = 55;
  static final int UNBOX_F64 = 56;
  static final int UNBOX_BOOL = 57;
  static final int UNBOX_CHAR = 58;
  static final int CONCAT = 59;
  static final int TO_STR_PRIM = 60;
  static final int TO_STR_REF = 61;
  static final int FORMAT = 62;
  static final int PRINT = 63;
  static final int EPRINT = 64;
  static final int PANIC = 65;
  static final int JUMP = 66;
  static final int JUMP_IF_FALSE = 67;
  static final int JUMP_IF_TRUE = 68;
  static final int CALL = 69;
  static final int CALL_LOCAL = 70;
  static final int CALL_NATIVE = 71;
  static final int RETURN = 72;
  static final int ALLOC = 73;
  static final int LOAD_FIELD = 74;
  static final int STORE_FIELD = 75;
  static final int MAKE_VARIANT = 76;
  static final int MATCH_TAG = 77;
  static final int MATCH_TYPE = 78;
  static final int LOAD_PAYLOAD = 79;
  static final int MAKE_TUPLE = 80;
  static final int MAKE_CLOSURE = 81;
  static final int FUNC_REF = 82;
  static final int LOAD_CAPTURE = 83;
  static final int LIST_NEW = 84;
  static final int LIST_GET = 85;
  static final int LIST_SET = 86;
  static final int LIST_LEN = 87;
  static final int LIST_PUSH = 88;
  static final int MAP_NEW = 89;
  static final int MAP_GET = 90;
  static final int MAP_SET = 91;
  static final int SET_NEW = 92;
  static final int MOVE = 93;
  static final int BORROW = 94;
  static final int BORROW_MUT = 95;
  static final int DROP = 96;
  static final int SPAWN = 97;
  static final int MAKE_MESSAGE = 98;
  static final int SEND = 99;
  static final int ASK = 100;
  static final int ASK_WITHIN = 101;
  static final int STOP = 102;
  static final int LOOKUP = 103;
  static final int RECEIVE = 104;
  static final int REPLY = 105;
  static final int SELF = 106;
  static final int CHECKPOINT = 107;
  static final int CHECKPOINT_POINT = 108;
  static final int AI_COMPLETE = 109;
  static final int AI_EMBED = 110;
  static final int AI_EXTRACT = 111;
  static final int AI_CLASSIFY = 112;
  static final int CHILD = 113;
  static final int AI_CALL = 114;
  static final int F64_TO_F32 = 115;
  static final int I64_TO_F32 = 116;
  static final int BOX_F32 = 117;
  static final int ADD_U64 = 118;
  static final int SUB_U64 = 119;
  static final int MUL_U64 = 120;
  static final int DIV_U64 = 121;
  static final int REM_U64 = 122;
  static final int LT_U64 = 123;
  static final int LE_U64 = 124;
  static final int GT_U64 = 125;
  static final int GE_U64 = 126;
  static final int U64_TO_F64 = 127;
  static final int F64_TO_U64 = 128;
  static final int BOX_U64 = 129;
  // superinstructions (LL = LOAD_LOCAL, CONST = PUSH_I64 or PUSH_F64, ST = STORE_LOCAL)
  static final int F_NOP2 = 130;
  static final int F_NOP3 = 131;
  static final int F_LL_LL = 132;
  static final int F_LL_CONST = 133;
  static final int F_LL_ST = 134;
  static final int F_CONST_ST = 135;
  static final int F_LL_CONST_ADDI_ST = 136;
  static final int F_LL_CONST_ADDI = 137;
  static final int F_LL_CONST_SUBI = 138;
  static final int F_LL_LL_LT_JIF = 139;
  static final int F_LL_LL_LE_JIF = 140;
  static final int F_LL_LL_GT_JIF = 141;
  static final int F_LL_LL_GE_JIF = 142;
  static final int F_LL_LL_EQ_JIF = 143;
  static final int F_LL_LL_NE_JIF = 144;
  static final int F_LL_CONST_LT_JIF = 145;
  static final int F_LL_CONST_LE_JIF = 146;
  static final int F_LL_CONST_GT_JIF = 147;
  static final int F_LL_CONST_GE_JIF = 148;
  static final int F_LL_CONST_EQ_JIF = 149;
  static final int F_LL_CONST_NE_JIF = 150;
  static final int F_LL_LL_LISTGET_UNBOXF = 151;
  static final int F_LL_LL_LISTGET = 152;
  static final int F_LL_LL_ADDF = 153;
  static final int F_LL_LL_SUBF = 154;
  static final int F_LL_LL_MULF = 155;
  static final int F_LL_LL_DIVF = 156;
  static final int F_MATH = 157;
  static final int F_LL_MATCHTAG_JIF = 158;
  static final int F_LL_ST_LL_ST = F_LL_MATCHTAG_JIF + 1;
  static final int F_LL_LL_LISTGET_UNBOXF_MULF = F_LL_MATCHTAG_JIF + 2;
  static final int F_LL_ADDF = F_LL_MATCHTAG_JIF + 3;
  static final int F_LL_SUBF = F_LL_MATCHTAG_JIF + 4;
  static final int F_LL_MULF = F_LL_MATCHTAG_JIF + 5;
  static final int F_LL_DIVF = F_LL_MATCHTAG_JIF + 6;
  static final int F_BOXF_LISTSET = F_LL_MATCHTAG_JIF + 7;
  static final int F_JUMP_RETURN = F_LL_MATCHTAG_JIF + 8;
  static final int F_LL_PAYLOAD_ST = F_LL_MATCHTAG_JIF + 9;
  static final int F_LL_LL_LL_LISTGET_UNBOXF_MULF = F_LL_MATCHTAG_JIF + 10;
  static final int F_ADDF_ST = F_LL_MATCHTAG_JIF + 11;
  static final int F_SUBF_ST = F_LL_MATCHTAG_JIF + 12;
  static final int F_ADDF_BOXF_LISTSET = F_LL_MATCHTAG_JIF + 13;
  static final int F_SUBF_BOXF_LISTSET = F_LL_MATCHTAG_JIF + 14;
  static final int F_LL_LL_LISTLEN_LT_JIF = F_LL_MATCHTAG_JIF + 15;
  static final int F_LL_LL_SWAP_LISTGET = F_LL_MATCHTAG_JIF + 16;
  static final int F_CONCAT_STR_CONCAT = F_LL_MATCHTAG_JIF + 17;
  static final int F_JUMP_LL_CONST_LT_JIF = F_LL_MATCHTAG_JIF + 18;
  static final int F_JUMP_LL_LL_LT_JIF = F_LL_MATCHTAG_JIF + 19;
  static final int F_NOP2_JUMP = F_LL_MATCHTAG_JIF + 20;
  static final int F_ADDI_ST = F_LL_MATCHTAG_JIF + 21;
  static final int F_LL_ST_LL_MATCHTAG_JIF = F_LL_MATCHTAG_JIF + 22;
  static final int F_LL_PAYLOAD_ST2 = F_LL_MATCHTAG_JIF + 23;

  /** {@code CALL_NATIVE map_get_or 3} without the native's argument array. */
  static final int F_MAP_GET_OR = F_LL_MATCHTAG_JIF + 24;

  // arithmetic with a constant right operand; unit statements' leftovers skipped with the
  // instruction before them; a boxed constant; an i64 map value incremented
  static final int F_LL_CONST_MULI = F_LL_MATCHTAG_JIF + 25;
  static final int F_LL_CONST_REMI = F_LL_MATCHTAG_JIF + 26;
  static final int F_CONST_ADDI = F_LL_MATCHTAG_JIF + 27;
  static final int F_CONST_REMI = F_LL_MATCHTAG_JIF + 28;
  static final int F_NOP5 = F_LL_MATCHTAG_JIF + 29;
  static final int F_LISTPUSH_NOP5 = F_LL_MATCHTAG_JIF + 30;
  static final int F_MAPSET_NOP2 = F_LL_MATCHTAG_JIF + 31;
  static final int F_CONST_BOXI = F_LL_MATCHTAG_JIF + 32;
  static final int F_UNBOXI_CONST_ADDI_BOXI = F_LL_MATCHTAG_JIF + 33;

  static final int F_LL_CALL = F_LL_MATCHTAG_JIF + 34;
  static final int F_LL_CONST_SUBI_CALL = F_LL_MATCHTAG_JIF + 35;

  /** {@code x[i] op= ...} on an f64 list: list and index pushed twice, the element read. */
  static final int F_LL_LL_LL_LL_LISTGET_UNBOXF = F_LL_MATCHTAG_JIF + 36;

  /** {@code x[i] += a * b} on an f64 list, its last five instructions: {@code b} a local. */
  static final int F_LL_MULF_ADDF_BOXF_LISTSET = F_LL_MATCHTAG_JIF + 37;

  static final int F_LL_MULF_SUBF_BOXF_LISTSET = F_LL_MATCHTAG_JIF + 38;

  /**
   * An actor's (or any struct's) i64 field, read and unboxed: {@code LOAD_LOCAL s; LOAD_FIELD k;
   * UNBOX_I64}. It and {@link #F_FIELD_ADDI} run in the interpreter's cold path: its dispatch loop
   * has no room left, and one call there costs less than the three (eight) dispatches they replace.
   */
  static final int F_LL_FIELD_UNBOXI = F_LL_MATCHTAG_JIF + 39;

  /**
   * {@code s.k += c} on an i64 field: {@code LOAD_LOCAL s; LOAD_LOCAL s; LOAD_FIELD k; UNBOX_I64;
   * PUSH_I64 c; ADD_I64; BOX_I64; STORE_FIELD k}. An overflow is reported at the line of its first
   * instruction (a hot superinstruction reports the constituent's own).
   */
  static final int F_FIELD_ADDI = F_LL_MATCHTAG_JIF + 40;

  /** {@link #F_MATH} of {@code sqrt}: a JVM intrinsic, without the name's lookup. */
  static final int F_SQRT = F_LL_MATCHTAG_JIF + 41;

  static final int COUNT = F_LL_MATCHTAG_JIF + 42;

  /** The internal opcode of a plain instruction (exhaustive: a new Op must be added here). */
  static int of(Op op) {
    return switch (op) {
      case NOP -> NOP;
      case POP -> POP;
      case DUP -> DUP;
      case SWAP -> SWAP;
      case PUSH_UNIT -> PUSH_UNIT;
      case PUSH_TRUE -> PUSH_TRUE;
      case PUSH_FALSE -> PUSH_FALSE;
      case PUSH_I64 -> PUSH_I64;
      case PUSH_F64 -> PUSH_F64;
      case PUSH_STR -> PUSH_STR;
      case LOAD_LOCAL -> LOAD_LOCAL;
      case STORE_LOCAL -> STORE_LOCAL;
      case ADD_I64 -> ADD_I64;
      case SUB_I64 -> SUB_I64;
      case MUL_I64 -> MUL_I64;
      case DIV_I64 -> DIV_I64;
      case REM_I64 -> REM_I64;
      case NEG_I64 -> NEG_I64;
      case NARROW -> NARROW;
      case BAND_I64 -> BAND_I64;
      case BOR_I64 -> BOR_I64;
      case BXOR_I64 -> BXOR_I64;
      case SHL_I64 -> SHL_I64;
      case SHR_I64 -> SHR_I64;
      case BNOT_I64 -> BNOT_I64;
      case ADD_F64 -> ADD_F64;
      case SUB_F64 -> SUB_F64;
      case MUL_F64 -> MUL_F64;
      case DIV_F64 -> DIV_F64;
      case REM_F64 -> REM_F64;
      case NEG_F64 -> NEG_F64;
      case EQ_I64 -> EQ_I64;
      case NE_I64 -> NE_I64;
      case LT_I64 -> LT_I64;
      case LE_I64 -> LE_I64;
      case GT_I64 -> GT_I64;
      case GE_I64 -> GE_I64;
      case EQ_F64 -> EQ_F64;
      case NE_F64 -> NE_F64;
      case LT_F64 -> LT_F64;
      case LE_F64 -> LE_F64;
      case GT_F64 -> GT_F64;
      case GE_F64 -> GE_F64;
      case EQ_REF -> EQ_REF;
      case NE_REF -> NE_REF;
      case CMP_REF -> CMP_REF;
      case NOT -> NOT;
      case I64_TO_F64 -> I64_TO_F64;
      case F64_TO_INT -> F64_TO_INT;
      case BOX_I64 -> BOX_I64;
      case BOX_F64 -> BOX_F64;
      case BOX_BOOL -> BOX_BOOL;
      case BOX_CHAR -> BOX_CHAR;
      case BOX_UNIT -> BOX_UNIT;
      case UNBOX_I64 -> UNBOX_I64;
      case UNBOX_F64 -> UNBOX_F64;
      case UNBOX_BOOL -> UNBOX_BOOL;
      case UNBOX_CHAR -> UNBOX_CHAR;
      case CONCAT -> CONCAT;
      case TO_STR_PRIM -> TO_STR_PRIM;
      case TO_STR_REF -> TO_STR_REF;
      case FORMAT -> FORMAT;
      case PRINT -> PRINT;
      case EPRINT -> EPRINT;
      case PANIC -> PANIC;
      case JUMP -> JUMP;
      case JUMP_IF_FALSE -> JUMP_IF_FALSE;
      case JUMP_IF_TRUE -> JUMP_IF_TRUE;
      case CALL -> CALL;
      case CALL_LOCAL -> CALL_LOCAL;
      case CALL_NATIVE -> CALL_NATIVE;
      case RETURN -> RETURN;
      case ALLOC -> ALLOC;
      case LOAD_FIELD -> LOAD_FIELD;
      case STORE_FIELD -> STORE_FIELD;
      case MAKE_VARIANT -> MAKE_VARIANT;
      case MATCH_TAG -> MATCH_TAG;
      case MATCH_TYPE -> MATCH_TYPE;
      case LOAD_PAYLOAD -> LOAD_PAYLOAD;
      case MAKE_TUPLE -> MAKE_TUPLE;
      case MAKE_CLOSURE -> MAKE_CLOSURE;
      case FUNC_REF -> FUNC_REF;
      case LOAD_CAPTURE -> LOAD_CAPTURE;
      case LIST_NEW -> LIST_NEW;
      case LIST_GET -> LIST_GET;
      case LIST_SET -> LIST_SET;
      case LIST_LEN -> LIST_LEN;
      case LIST_PUSH -> LIST_PUSH;
      case MAP_NEW -> MAP_NEW;
      case MAP_GET -> MAP_GET;
      case MAP_SET -> MAP_SET;
      case SET_NEW -> SET_NEW;
      case MOVE -> MOVE;
      case BORROW -> BORROW;
      case BORROW_MUT -> BORROW_MUT;
      case DROP -> DROP;
      case SPAWN -> SPAWN;
      case MAKE_MESSAGE -> MAKE_MESSAGE;
      case SEND -> SEND;
      case ASK -> ASK;
      case ASK_WITHIN -> ASK_WITHIN;
      case STOP -> STOP;
      case LOOKUP -> LOOKUP;
      case RECEIVE -> RECEIVE;
      case REPLY -> REPLY;
      case SELF -> SELF;
      case CHECKPOINT -> CHECKPOINT;
      case CHECKPOINT_POINT -> CHECKPOINT_POINT;
      case AI_COMPLETE -> AI_COMPLETE;
      case AI_EMBED -> AI_EMBED;
      case AI_EXTRACT -> AI_EXTRACT;
      case AI_CLASSIFY -> AI_CLASSIFY;
      case CHILD -> CHILD;
      case AI_CALL -> AI_CALL;
      case F64_TO_F32 -> F64_TO_F32;
      case I64_TO_F32 -> I64_TO_F32;
      case BOX_F32 -> BOX_F32;
      case ADD_U64 -> ADD_U64;
      case SUB_U64 -> SUB_U64;
      case MUL_U64 -> MUL_U64;
      case DIV_U64 -> DIV_U64;
      case REM_U64 -> REM_U64;
      case LT_U64 -> LT_U64;
      case LE_U64 -> LE_U64;
      case GT_U64 -> GT_U64;
      case GE_U64 -> GE_U64;
      case U64_TO_F64 -> U64_TO_F64;
      case F64_TO_U64 -> F64_TO_U64;
      case BOX_U64 -> BOX_U64;
    };
  }

  /** Encoded size of each plain instruction, by internal opcode (0 for the others). */
  static final int[] SIZE = new int[COUNT];

  static {
    for (Op op : Op.values()) SIZE[of(op)] = op.size();
    // the cold superinstructions: the whole sequence's bytes
    SIZE[F_LL_FIELD_UNBOXI] = Op.LOAD_LOCAL.size() + Op.LOAD_FIELD.size() + Op.UNBOX_I64.size();
    SIZE[F_FIELD_ADDI] =
        2 * Op.LOAD_LOCAL.size()
            + Op.LOAD_FIELD.size()
            + Op.UNBOX_I64.size()
            + Op.PUSH_I64.size()
            + Op.ADD_I64.size()
            + Op.BOX_I64.size()
            + Op.STORE_FIELD.size();
    // run by the cold path too: collections, strings and built-ins (their work dwarfs a call)
    SIZE[F_CONCAT_STR_CONCAT] = 2 * Op.CONCAT.size() + Op.PUSH_STR.size();
    SIZE[F_MAP_GET_OR] = Op.CALL_NATIVE.size();
    SIZE[F_LISTPUSH_NOP5] =
        Op.LIST_PUSH.size() + 5; // then PUSH_UNIT; BOX_UNIT; POP; PUSH_UNIT; POP
    SIZE[F_MAPSET_NOP2] = Op.MAP_SET.size() + 2; // then PUSH_UNIT; POP
  }

  private static final int F64_MATH = Natives.indexOf("f64_math");
  private static final int MAP_GET_OR = Natives.indexOf("map_get_or");

  /**
   * Decodes {@code code}. Bytes that do not start a complete instruction decode to {@link #BAD};
   * the verifier has normally rejected such code before, so this only keeps an unverified body from
   * being misread.
   *
   * @param constRefs the module's constants, reference half (a fused {@code f64} math call needs
   *     its method name to be a string)
   */
  static int[] decode(byte[] code, Object[] constRefs) {
    int n = code.length;
    int[] out = new int[n];
    int[] starts = new int[n];
    int count = 0;
    int pc = 0;
    while (pc < n) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > n) break;
      out[pc] = of(op);
      int at = pc + 1;
      int k = 1;
      for (OperandKind kind : op.operands()) {
        out[pc + k++] = Bytecode.operand(code, at, kind);
        at += kind.width;
      }
      starts[count++] = pc;
      pc += op.size();
    }
    boolean[] isStart = new boolean[n];
    for (int i = 0; i < count; i++) isStart[starts[i]] = true;
    for (int i = 0; i < count; i++) {
      int s = starts[i];
      if (out[s] == JUMP) {
        int target = out[s + 1];
        if (target >= 0 && target < n && isStart[target] && out[target] == RETURN) {
          out[s] = F_JUMP_RETURN;
          continue;
        }
      }
      if (out[s] == CALL_NATIVE && out[s + 1] == MAP_GET_OR && out[s + 2] == 3) {
        out[s] = F_MAP_GET_OR;
        continue;
      }
      int f = fused(out, starts, i, count, constRefs);
      if (f != BAD) out[starts[i]] = f;
    }
    // a jump back to a loop's compare-and-branch runs it at once (both jumps count a step)
    for (int i = 0; i < count; i++) {
      int s = starts[i];
      if (out[s] == JUMP) {
        int target = out[s + 1];
        if (target >= 0 && target < n && isStart[target]) {
          if (out[target] == F_LL_CONST_LT_JIF) out[s] = F_JUMP_LL_CONST_LT_JIF;
          else if (out[target] == F_LL_LL_LT_JIF) out[s] = F_JUMP_LL_LL_LT_JIF;
        }
      }
    }
    return out;
  }

  /**
   * Writes, beside each {@code CALL} of {@code code} (decoded as {@code out}), what the call needs
   * of its callee: {@code [pc + 2]} its parameter count, {@code [pc + 3]} its local count, {@code
   * [pc + 4]} its locals plus its maximum stack depth (a call is five bytes, so these are the
   * places of its operand's other bytes, never an instruction start). A callee index out of range
   * is left alone: the call then fails as invalid bytecode.
   */
  static void linkCalls(int[] out, byte[] code, int[] params, int[] locals, int[] maxStack) {
    int pc = 0;
    int n = code.length;
    while (pc < n) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > n) break;
      if (op == Op.CALL) {
        int callee = out[pc + 1];
        if (callee >= 0 && callee < params.length) {
          out[pc + 2] = params[callee];
          out[pc + 3] = locals[callee];
          out[pc + 4] = locals[callee] + maxStack[callee];
        }
      }
      pc += op.size();
    }
  }

  private static boolean isString(Object[] constRefs, int index) {
    return index >= 0 && index < constRefs.length && constRefs[index] instanceof String;
  }

  /** The superinstruction that starts at instruction {@code i}, or {@link #BAD} for none. */
  private static int fused(int[] out, int[] starts, int i, int count, Object[] constRefs) {
    int o0 = out[starts[i]];
    int o1 = i + 1 < count ? out[starts[i + 1]] : BAD;
    int o2 = i + 2 < count ? out[starts[i + 2]] : BAD;
    int o3 = i + 3 < count ? out[starts[i + 3]] : BAD;
    int o4 = i + 4 < count ? out[starts[i + 4]] : BAD;
    int o5 = i + 5 < count ? out[starts[i + 5]] : BAD;
    boolean unitsFollow = o1 == PUSH_UNIT && o2 == BOX_UNIT && o3 == POP && o4 == PUSH_UNIT;
    switch (o0) {
      case LIST_PUSH -> {
        if (unitsFollow && o5 == POP) return F_LISTPUSH_NOP5;
      }
      case MAP_SET -> {
        if (o1 == PUSH_UNIT && o2 == POP) return F_MAPSET_NOP2;
      }
      case UNBOX_I64 -> {
        if (o1 == PUSH_I64 && o2 == ADD_I64 && o3 == BOX_I64) return F_UNBOXI_CONST_ADDI_BOXI;
      }
      case PUSH_UNIT -> {
        if (o1 == BOX_UNIT && o2 == POP) return o3 == PUSH_UNIT && o4 == POP ? F_NOP5 : F_NOP3;
        if (o1 == POP) return o2 == JUMP ? F_NOP2_JUMP : F_NOP2;
      }
      case PUSH_I64, PUSH_F64 -> {
        if (o1 == STORE_LOCAL) return F_CONST_ST;
        if (o0 == PUSH_I64) {
          if (o1 == ADD_I64) return F_CONST_ADDI;
          if (o1 == REM_I64) return F_CONST_REMI;
          if (o1 == BOX_I64) return F_CONST_BOXI;
        }
      }
      case ADD_I64 -> {
        if (o1 == STORE_LOCAL) return F_ADDI_ST;
      }
      case CONCAT -> {
        if (o1 == PUSH_STR && o2 == CONCAT) return F_CONCAT_STR_CONCAT;
      }
      case ADD_F64, SUB_F64 -> {
        if (o1 == STORE_LOCAL) return o0 == ADD_F64 ? F_ADDF_ST : F_SUBF_ST;
        if (o1 == BOX_F64 && o2 == LIST_SET) {
          return o0 == ADD_F64 ? F_ADDF_BOXF_LISTSET : F_SUBF_BOXF_LISTSET;
        }
      }
      case BOX_F64 -> {
        if (o1 == LIST_SET) return F_BOXF_LISTSET;
        if (o1 == PUSH_STR
            && o2 == CALL_NATIVE
            && o3 == UNBOX_F64
            && F64_MATH >= 0
            && out[starts[i + 2] + 1] == F64_MATH
            && out[starts[i + 2] + 2] == 2
            && isString(constRefs, out[starts[i + 1] + 1])) {
          return "sqrt".equals(constRefs[out[starts[i + 1] + 1]]) ? F_SQRT : F_MATH;
        }
      }
      case LOAD_LOCAL -> {
        if (o1 == LOAD_FIELD && o2 == UNBOX_I64) return F_LL_FIELD_UNBOXI;
        if (o1 == LOAD_LOCAL
            && o2 == LOAD_FIELD
            && o3 == UNBOX_I64
            && o4 == PUSH_I64
            && o5 == ADD_I64
            && i + 7 < count
            && out[starts[i + 6]] == BOX_I64
            && out[starts[i + 7]] == STORE_FIELD
            && out[starts[i] + 1] == out[starts[i + 1] + 1]
            && out[starts[i + 2] + 1] == out[starts[i + 7] + 1]) return F_FIELD_ADDI;
        if (o1 == LOAD_LOCAL) {
          // LOAD_LOCAL a; [LOAD_LOCAL l; LOAD_LOCAL i; LIST_GET ...]: keep the list access whole
          if (o2 == LOAD_LOCAL
              && o3 == LOAD_LOCAL
              && o4 == LIST_GET
              && o5 == UNBOX_F64
              && out[starts[i + 2] + 1] == out[starts[i] + 1]
              && out[starts[i + 3] + 1] == out[starts[i + 1] + 1])
            return F_LL_LL_LL_LL_LISTGET_UNBOXF;
          if (o2 == LOAD_LOCAL && o3 == LIST_GET) {
            return o4 == UNBOX_F64 && o5 == MUL_F64 ? F_LL_LL_LL_LISTGET_UNBOXF_MULF : BAD;
          }
          if (o2 == LIST_LEN && o3 == LT_I64) {
            if (o4 == JUMP_IF_FALSE) return F_LL_LL_LISTLEN_LT_JIF;
          }
          if (o2 == SWAP && o3 == LIST_GET) return F_LL_LL_SWAP_LISTGET;
          if (o3 == JUMP_IF_FALSE) {
            switch (o2) {
              case LT_I64 -> {
                return F_LL_LL_LT_JIF;
              }
              case LE_I64 -> {
                return F_LL_LL_LE_JIF;
              }
              case GT_I64 -> {
                return F_LL_LL_GT_JIF;
              }
              case GE_I64 -> {
                return F_LL_LL_GE_JIF;
              }
              case EQ_I64 -> {
                return F_LL_LL_EQ_JIF;
              }
              case NE_I64 -> {
                return F_LL_LL_NE_JIF;
              }
              default -> {}
            }
          }
          switch (o2) {
            case LIST_GET -> {
              if (o3 != UNBOX_F64) return F_LL_LL_LISTGET;
              return o4 == MUL_F64 ? F_LL_LL_LISTGET_UNBOXF_MULF : F_LL_LL_LISTGET_UNBOXF;
            }
            case ADD_F64 -> {
              return F_LL_LL_ADDF;
            }
            case SUB_F64 -> {
              return F_LL_LL_SUBF;
            }
            case MUL_F64 -> {
              return F_LL_LL_MULF;
            }
            case DIV_F64 -> {
              return F_LL_LL_DIVF;
            }
            default -> {}
          }
          return F_LL_LL;
        }
        if (o1 == PUSH_I64) {
          if (o3 == JUMP_IF_FALSE) {
            switch (o2) {
              case LT_I64 -> {
                return F_LL_CONST_LT_JIF;
              }
              case LE_I64 -> {
                return F_LL_CONST_LE_JIF;
              }
              case GT_I64 -> {
                return F_LL_CONST_GT_JIF;
              }
              case GE_I64 -> {
                return F_LL_CONST_GE_JIF;
              }
              case EQ_I64 -> {
                return F_LL_CONST_EQ_JIF;
              }
              case NE_I64 -> {
                return F_LL_CONST_NE_JIF;
              }
              default -> {}
            }
          }
          if (o2 == ADD_I64) return o3 == STORE_LOCAL ? F_LL_CONST_ADDI_ST : F_LL_CONST_ADDI;
          if (o2 == SUB_I64) return o3 == CALL ? F_LL_CONST_SUBI_CALL : F_LL_CONST_SUBI;
          if (o2 == MUL_I64) return F_LL_CONST_MULI;
          if (o2 == REM_I64) return F_LL_CONST_REMI;
        }
        if (o1 == PUSH_I64 || o1 == PUSH_F64) return F_LL_CONST;
        if (o1 == MATCH_TAG && o2 == JUMP_IF_FALSE) return F_LL_MATCHTAG_JIF;
        if (o1 == CALL) return F_LL_CALL;
        if (o1 == STORE_LOCAL) {
          if (o2 == LOAD_LOCAL && o3 == STORE_LOCAL) return F_LL_ST_LL_ST;
          // a match on a local: copied to the scrutinee slot, then its tag tested
          if (o2 == LOAD_LOCAL
              && o3 == MATCH_TAG
              && i + 4 < count
              && out[starts[i + 4]] == JUMP_IF_FALSE
              && out[starts[i + 1] + 1] == out[starts[i + 2] + 1]) return F_LL_ST_LL_MATCHTAG_JIF;
          return F_LL_ST;
        }
        if (o1 == LOAD_PAYLOAD && o2 == STORE_LOCAL) {
          // two bindings of one variant's payload
          if (i + 5 < count
              && out[starts[i + 3]] == LOAD_LOCAL
              && out[starts[i + 4]] == LOAD_PAYLOAD
              && out[starts[i + 5]] == STORE_LOCAL) return F_LL_PAYLOAD_ST2;
          return F_LL_PAYLOAD_ST;
        }
        switch (o1) {
          case ADD_F64 -> {
            return F_LL_ADDF;
          }
          case SUB_F64 -> {
            return F_LL_SUBF;
          }
          case MUL_F64 -> {
            if ((o2 == ADD_F64 || o2 == SUB_F64) && o3 == BOX_F64 && o4 == LIST_SET) {
              return o2 == ADD_F64 ? F_LL_MULF_ADDF_BOXF_LISTSET : F_LL_MULF_SUBF_BOXF_LISTSET;
            }
            return F_LL_MULF;
          }
          case DIV_F64 -> {
            return F_LL_DIVF;
          }
          default -> {}
        }
      }
      default -> {}
    }
    return BAD;
  }
}
