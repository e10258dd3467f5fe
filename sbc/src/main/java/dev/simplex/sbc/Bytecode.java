package dev.simplex.sbc;

/** Operand decoding shared by the reader, verifier, hasher, disassembler and interpreter. */
final class Bytecode {
  private Bytecode() {}

  static int u16(byte[] code, int at) {
    return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
  }

  static int u32(byte[] code, int at) {
    return ((code[at] & 0xFF) << 24)
        | ((code[at + 1] & 0xFF) << 16)
        | ((code[at + 2] & 0xFF) << 8)
        | (code[at + 3] & 0xFF);
  }

  static int operand(byte[] code, int at, OperandKind kind) {
    return switch (kind.width) {
      case 1 -> code[at] & 0xFF;
      case 2 -> u16(code, at);
      default -> u32(code, at);
    };
  }

  static void put(byte[] code, int at, OperandKind kind, int value) {
    switch (kind.width) {
      case 1 -> code[at] = (byte) value;
      case 2 -> {
        code[at] = (byte) (value >>> 8);
        code[at + 1] = (byte) value;
      }
      default -> {
        code[at] = (byte) (value >>> 24);
        code[at + 1] = (byte) (value >>> 16);
        code[at + 2] = (byte) (value >>> 8);
        code[at + 3] = (byte) value;
      }
    }
  }
}
