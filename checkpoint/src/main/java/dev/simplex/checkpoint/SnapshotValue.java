package dev.simplex.checkpoint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The tree form of a snapshot value: what {@link SnapshotReader#readValue()} builds and {@link
 * SnapshotWriter#write(SnapshotValue)} walks. The runtime may instead stream its own values through
 * the writer; both produce the same bytes.
 */
public sealed interface SnapshotValue {

  /** What a value is, as announced by its tag. */
  enum Kind {
    UNIT,
    BOOL,
    I64,
    F64,
    CHAR,
    STRING,
    BYTES,
    LIST,
    MAP,
    SET,
    STRUCT,
    VARIANT,
    TUPLE,
    ACTOR_REF,
    CODE_REF
  }

  Kind kind();

  record Unit() implements SnapshotValue {
    public static final Unit INSTANCE = new Unit();

    public Kind kind() {
      return Kind.UNIT;
    }
  }

  record Bool(boolean value) implements SnapshotValue {
    public Kind kind() {
      return Kind.BOOL;
    }
  }

  record I64(long value) implements SnapshotValue {
    public Kind kind() {
      return Kind.I64;
    }
  }

  /** Compared by bit pattern (records use Double.compare), so NaN equals NaN and 0.0 != -0.0. */
  record F64(double value) implements SnapshotValue {
    public Kind kind() {
      return Kind.F64;
    }
  }

  /** A Unicode scalar value (a code point that is not a surrogate). */
  record Char(int codePoint) implements SnapshotValue {
    public Char {
      if (!isScalar(codePoint)) {
        throw new IllegalArgumentException(
            "not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
      }
    }

    static boolean isScalar(int cp) {
      return cp >= 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xD800 || cp > 0xDFFF);
    }

    public Kind kind() {
      return Kind.CHAR;
    }
  }

  record Str(String value) implements SnapshotValue {
    public Str {
      Objects.requireNonNull(value, "string value");
    }

    public Kind kind() {
      return Kind.STRING;
    }
  }

  record Bytes(byte[] value) implements SnapshotValue {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    int length() {
      return value.length;
    }

    byte[] unsafeArray() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + " bytes]";
    }

    public Kind kind() {
      return Kind.BYTES;
    }
  }

  record ListOf(List<SnapshotValue> items) implements SnapshotValue {
    public ListOf {
      items = List.copyOf(items);
    }

    public Kind kind() {
      return Kind.LIST;
    }
  }

  record Entry(SnapshotValue key, SnapshotValue value) {
    public Entry {
      Objects.requireNonNull(key, "map key");
      Objects.requireNonNull(value, "map value");
    }
  }

  /** Entries in the order the runtime wrote them; the encoding does not reorder. */
  record MapOf(List<Entry> entries) implements SnapshotValue {
    public MapOf {
      entries = List.copyOf(entries);
    }

    public Kind kind() {
      return Kind.MAP;
    }
  }

  record SetOf(List<SnapshotValue> items) implements SnapshotValue {
    public SetOf {
      items = List.copyOf(items);
    }

    public Kind kind() {
      return Kind.SET;
    }
  }

  record Field(String name, SnapshotValue value) {
    public Field {
      Objects.requireNonNull(name, "field name");
      Objects.requireNonNull(value, "field value");
    }
  }

  /** A struct (or actor fields) by type name, with named fields in declaration order. */
  record Struct(String type, List<Field> fields) implements SnapshotValue {
    public Struct {
      Objects.requireNonNull(type, "struct type");
      fields = List.copyOf(fields);
      var seen = new HashSet<String>();
      for (Field f : fields) {
        if (!seen.add(f.name())) {
          throw new IllegalArgumentException("struct " + type + " repeats field " + f.name());
        }
      }
    }

    /** The value of a field, or null when the struct has none of that name. */
    public SnapshotValue field(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f.value();
        }
      }
      return null;
    }

    public Kind kind() {
      return Kind.STRUCT;
    }
  }

  /** An enum value: type name, variant name and one payload (Unit or a Tuple/Struct for many). */
  record Variant(String type, String variant, SnapshotValue payload) implements SnapshotValue {
    public Variant {
      Objects.requireNonNull(type, "variant type");
      Objects.requireNonNull(variant, "variant name");
      Objects.requireNonNull(payload, "variant payload");
    }

    public Kind kind() {
      return Kind.VARIANT;
    }
  }

  record Tuple(List<SnapshotValue> items) implements SnapshotValue {
    public Tuple {
      items = List.copyOf(items);
    }

    public Kind kind() {
      return Kind.TUPLE;
    }
  }

  /** The address of an actor, by its stable actor id. */
  record ActorRef(String actorId) implements SnapshotValue {
    public ActorRef {
      Objects.requireNonNull(actorId, "actor id");
    }

    public Kind kind() {
      return Kind.ACTOR_REF;
    }
  }

  /** A function value or other code, by content hash; the code itself lives in the registry. */
  record CodeRef(CodeHash hash) implements SnapshotValue {
    public CodeRef {
      Objects.requireNonNull(hash, "code hash");
    }

    public Kind kind() {
      return Kind.CODE_REF;
    }
  }

  static SnapshotValue unit() {
    return Unit.INSTANCE;
  }

  static SnapshotValue of(long v) {
    return new I64(v);
  }

  static SnapshotValue of(String v) {
    return new Str(v);
  }

  static SnapshotValue of(boolean v) {
    return new Bool(v);
  }

  static SnapshotValue of(double v) {
    return new F64(v);
  }
}
