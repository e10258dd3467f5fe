package dev.simplex.checkpoint;

import dev.simplex.checkpoint.SnapshotValue.Kind;

/** The one-byte tags of the snapshot value encoding. Values are part of format version 1. */
enum Tag {
  UNIT(0x00, Kind.UNIT),
  FALSE(0x01, Kind.BOOL),
  TRUE(0x02, Kind.BOOL),
  I64(0x03, Kind.I64),
  F64(0x04, Kind.F64),
  CHAR(0x05, Kind.CHAR),
  STRING(0x06, Kind.STRING),
  BYTES(0x07, Kind.BYTES),
  LIST(0x08, Kind.LIST),
  MAP(0x09, Kind.MAP),
  SET(0x0A, Kind.SET),
  STRUCT(0x0B, Kind.STRUCT),
  VARIANT(0x0C, Kind.VARIANT),
  TUPLE(0x0D, Kind.TUPLE),
  ACTOR_REF(0x0E, Kind.ACTOR_REF),
  CODE_REF(0x0F, Kind.CODE_REF);

  private static final Tag[] BY_CODE = new Tag[256];

  static {
    for (Tag t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  final int code;
  final Kind kind;

  Tag(int code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  /** The tag for a byte, or null when the byte is not a tag. */
  static Tag of(int code) {
    return BY_CODE[code & 0xFF];
  }
}
