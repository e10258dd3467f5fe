package dev.simplex.checkpoint;

import dev.simplex.checkpoint.SnapshotValue.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads snapshot values back, either one token at a time (the runtime rebuilding its own values) or
 * as a whole tree with {@link #readValue()}. Malformed input of any kind, hostile length fields
 * included, ends in a {@link CheckpointFormatException} naming the byte offset.
 */
public final class SnapshotReader {
  /** Nesting deeper than this is refused, so a hostile input cannot exhaust the stack. */
  public static final int DEFAULT_MAX_DEPTH = 2048;

  /** A struct's type name and how many named fields follow. */
  public record StructHeader(String type, int fieldCount) {}

  /** An enum value's type and variant name; one payload value follows. */
  public record VariantHeader(String type, String variant) {}

  private final ByteSource in;
  private final int maxDepth;

  public SnapshotReader(byte[] bytes) {
    this(new ByteSource(bytes, "snapshot"), DEFAULT_MAX_DEPTH);
  }

  SnapshotReader(ByteSource in, int maxDepth) {
    this.in = in;
    this.maxDepth = maxDepth;
  }

  public boolean hasRemaining() {
    return in.hasRemaining();
  }

  public int position() {
    return in.position();
  }

  /** The kind of the next value, without consuming it. */
  public Kind peek() throws CheckpointFormatException {
    return tag(in.peekU8()).kind;
  }

  public void readUnit() throws CheckpointFormatException {
    expect(Kind.UNIT);
  }

  public boolean readBool() throws CheckpointFormatException {
    return expect(Kind.BOOL) == Tag.TRUE;
  }

  public long readI64() throws CheckpointFormatException {
    expect(Kind.I64);
    return in.zigzag();
  }

  public double readF64() throws CheckpointFormatException {
    expect(Kind.F64);
    return in.f64();
  }

  public int readChar() throws CheckpointFormatException {
    expect(Kind.CHAR);
    long cp = in.varint();
    if (cp > Integer.MAX_VALUE || !SnapshotValue.Char.isScalar((int) cp)) {
      throw in.error("char 0x" + Long.toHexString(cp) + " is not a Unicode scalar value");
    }
    return (int) cp;
  }

  public String readString() throws CheckpointFormatException {
    expect(Kind.STRING);
    return in.string("string");
  }

  public byte[] readBytes() throws CheckpointFormatException {
    expect(Kind.BYTES);
    return in.lengthPrefixed("bytes");
  }

  public String readActorRef() throws CheckpointFormatException {
    expect(Kind.ACTOR_REF);
    return in.string("actor id");
  }

  public CodeHash readCodeRef() throws CheckpointFormatException {
    expect(Kind.CODE_REF);
    return new CodeHash(in.raw(CodeHash.LENGTH));
  }

  /** Reads a list header: the number of values that follow. */
  public int readListHeader() throws CheckpointFormatException {
    expect(Kind.LIST);
    return in.length("list size", 1);
  }

  public int readSetHeader() throws CheckpointFormatException {
    expect(Kind.SET);
    return in.length("set size", 1);
  }

  public int readTupleHeader() throws CheckpointFormatException {
    expect(Kind.TUPLE);
    return in.length("tuple size", 1);
  }

  /** Reads a map header: the number of key-then-value pairs that follow. */
  public int readMapHeader() throws CheckpointFormatException {
    expect(Kind.MAP);
    return in.length("map size", 2);
  }

  public StructHeader readStructHeader() throws CheckpointFormatException {
    expect(Kind.STRUCT);
    String type = in.string("struct type name");
    // each field is at least a one-byte name length and a one-byte tag
    return new StructHeader(type, in.length("struct field count", 2));
  }

  /** Reads the name that precedes each struct field's value. */
  public String readFieldName() throws CheckpointFormatException {
    return in.string("field name");
  }

  public VariantHeader readVariantHeader() throws CheckpointFormatException {
    expect(Kind.VARIANT);
    String type = in.string("variant type name");
    return new VariantHeader(type, in.string("variant name"));
  }

  /** Reads the next value, however deep, as a tree. */
  public SnapshotValue readValue() throws CheckpointFormatException {
    return readValue(0);
  }

  /** Skips the next value without building it (still checking that it is well-formed). */
  public void skipValue() throws CheckpointFormatException {
    skipValue(0);
  }

  private void skipValue(int depth) throws CheckpointFormatException {
    Tag t = tag(in.peekU8());
    if (depth >= maxDepth && isContainer(t)) {
      throw in.error("value nests deeper than " + maxDepth + " levels");
    }
    long items =
        switch (t) {
          case LIST -> readListHeader();
          case SET -> readSetHeader();
          case TUPLE -> readTupleHeader();
          case MAP -> 2L * readMapHeader();
          case VARIANT -> {
            readVariantHeader();
            yield 1;
          }
          case STRUCT -> {
            int n = readStructHeader().fieldCount();
            for (int i = 0; i < n; i++) {
              readFieldName();
              skipValue(depth + 1);
            }
            yield 0;
          }
          default -> {
            readValue(depth); // a scalar: reading it is skipping it
            yield 0;
          }
        };
    for (long i = 0; i < items; i++) {
      skipValue(depth + 1);
    }
  }

  private SnapshotValue readValue(int depth) throws CheckpointFormatException {
    Tag t = tag(in.peekU8());
    if (depth >= maxDepth && isContainer(t)) {
      throw in.error("value nests deeper than " + maxDepth + " levels");
    }
    return switch (t) {
      case UNIT -> {
        readUnit();
        yield SnapshotValue.Unit.INSTANCE;
      }
      case FALSE, TRUE -> new SnapshotValue.Bool(readBool());
      case I64 -> new SnapshotValue.I64(readI64());
      case F64 -> new SnapshotValue.F64(readF64());
      case CHAR -> new SnapshotValue.Char(readChar());
      case STRING -> new SnapshotValue.Str(readString());
      case BYTES -> new SnapshotValue.Bytes(readBytes());
      case ACTOR_REF -> new SnapshotValue.ActorRef(readActorRef());
      case CODE_REF -> new SnapshotValue.CodeRef(readCodeRef());
      case LIST -> new SnapshotValue.ListOf(readItems(readListHeader(), depth));
      case SET -> new SnapshotValue.SetOf(readItems(readSetHeader(), depth));
      case TUPLE -> new SnapshotValue.Tuple(readItems(readTupleHeader(), depth));
      case MAP -> {
        int n = readMapHeader();
        var entries = new ArrayList<SnapshotValue.Entry>(n);
        for (int i = 0; i < n; i++) {
          SnapshotValue key = readValue(depth + 1);
          entries.add(new SnapshotValue.Entry(key, readValue(depth + 1)));
        }
        yield new SnapshotValue.MapOf(entries);
      }
      case STRUCT -> {
        StructHeader h = readStructHeader();
        var fields = new ArrayList<SnapshotValue.Field>(h.fieldCount());
        var names = new HashSet<String>();
        for (int i = 0; i < h.fieldCount(); i++) {
          int at = in.position();
          String name = readFieldName();
          if (!names.add(name)) {
            throw new CheckpointFormatException(
                "malformed snapshot at byte "
                    + at
                    + ": struct "
                    + h.type()
                    + " repeats field "
                    + name);
          }
          fields.add(new SnapshotValue.Field(name, readValue(depth + 1)));
        }
        yield new SnapshotValue.Struct(h.type(), fields);
      }
      case VARIANT -> {
        VariantHeader h = readVariantHeader();
        yield new SnapshotValue.Variant(h.type(), h.variant(), readValue(depth + 1));
      }
    };
  }

  private List<SnapshotValue> readItems(int n, int depth) throws CheckpointFormatException {
    var items = new ArrayList<SnapshotValue>(n);
    for (int i = 0; i < n; i++) {
      items.add(readValue(depth + 1));
    }
    return items;
  }

  private static boolean isContainer(Tag t) {
    return switch (t) {
      case LIST, SET, TUPLE, MAP, STRUCT, VARIANT -> true;
      default -> false;
    };
  }

  private Tag tag(int code) throws CheckpointFormatException {
    Tag t = Tag.of(code);
    if (t == null) {
      throw in.error("unknown value tag 0x" + Integer.toHexString(code));
    }
    return t;
  }

  private Tag expect(Kind kind) throws CheckpointFormatException {
    Tag t = tag(in.peekU8());
    if (t.kind != kind) {
      throw in.error("expected " + kind + " but found " + t.kind);
    }
    in.u8();
    return t;
  }
}
