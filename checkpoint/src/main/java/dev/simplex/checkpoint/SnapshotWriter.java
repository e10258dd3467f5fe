package dev.simplex.checkpoint;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams snapshot values into bytes. The runtime walks its own values and calls one method per
 * value; containers announce their size first ({@code beginList(3)} then three values). The writer
 * checks the shape as it goes, so a runtime bug shows up here as an {@link IllegalStateException}
 * naming the container, not later as an unreadable checkpoint.
 *
 * <p>Several top-level values may follow each other in one writer.
 */
public final class SnapshotWriter {
  /** Deeper values are refused on write because {@link SnapshotReader} refuses them on read. */
  public static final int MAX_DEPTH = SnapshotReader.DEFAULT_MAX_DEPTH;

  private final ByteSink out;
  private final Deque<Open> open = new ArrayDeque<>();

  /** An unfinished container: how many values it still expects. */
  private static final class Open {
    final String what;
    long remaining;
    final boolean struct;
    boolean nameGiven;

    Open(String what, long remaining, boolean struct) {
      this.what = what;
      this.remaining = remaining;
      this.struct = struct;
    }
  }

  public SnapshotWriter() {
    this(new ByteSink());
  }

  SnapshotWriter(ByteSink out) {
    this.out = out;
  }

  public SnapshotWriter writeUnit() {
    scalar(Tag.UNIT);
    return this;
  }

  public SnapshotWriter writeBool(boolean b) {
    scalar(b ? Tag.TRUE : Tag.FALSE);
    return this;
  }

  public SnapshotWriter writeI64(long v) {
    begin(Tag.I64);
    out.zigzag(v);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeF64(double v) {
    begin(Tag.F64);
    out.f64(v);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeChar(int codePoint) {
    if (!SnapshotValue.Char.isScalar(codePoint)) {
      throw new IllegalArgumentException(
          "not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
    }
    begin(Tag.CHAR);
    out.varint(codePoint);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeString(String s) {
    begin(Tag.STRING);
    out.string(s);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeBytes(byte[] bytes) {
    begin(Tag.BYTES);
    out.lengthPrefixed(bytes);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeActorRef(String actorId) {
    begin(Tag.ACTOR_REF);
    out.string(actorId);
    closeFinished();
    return this;
  }

  public SnapshotWriter writeCodeRef(CodeHash hash) {
    begin(Tag.CODE_REF);
    out.raw(hash.bytes());
    closeFinished();
    return this;
  }

  /** Starts a list; exactly {@code count} values must follow. */
  public SnapshotWriter beginList(int count) {
    return container(Tag.LIST, "list", count, count, false);
  }

  /** Starts a set; exactly {@code count} values must follow. */
  public SnapshotWriter beginSet(int count) {
    return container(Tag.SET, "set", count, count, false);
  }

  /** Starts a tuple; exactly {@code count} values must follow. */
  public SnapshotWriter beginTuple(int count) {
    return container(Tag.TUPLE, "tuple", count, count, false);
  }

  /** Starts a map; {@code count} key-then-value pairs must follow. */
  public SnapshotWriter beginMap(int count) {
    return container(Tag.MAP, "map", count, 2L * count, false);
  }

  /** Starts a struct; {@code fieldCount} times, call {@link #field(String)} then write a value. */
  public SnapshotWriter beginStruct(String type, int fieldCount) {
    checkCount(fieldCount);
    begin(Tag.STRUCT);
    out.string(type);
    out.varint(fieldCount);
    push(new Open("struct " + type, fieldCount, true));
    return this;
  }

  /** Names the next value of the innermost struct. */
  public SnapshotWriter field(String name) {
    Open top = open.peek();
    if (top == null || !top.struct) {
      throw new IllegalStateException("field(\"" + name + "\") outside a struct");
    }
    if (top.nameGiven) {
      throw new IllegalStateException(top.what + ": two field names in a row, no value between");
    }
    if (top.remaining == 0) {
      throw new IllegalStateException(top.what + ": more fields than declared");
    }
    top.remaining--;
    top.nameGiven = true;
    out.string(name);
    return this;
  }

  /** Starts an enum value; exactly one payload value must follow (Unit when there is none). */
  public SnapshotWriter beginVariant(String type, String variant) {
    begin(Tag.VARIANT);
    out.string(type);
    out.string(variant);
    push(new Open("variant " + type + "::" + variant, 1, false));
    return this;
  }

  /** Writes a whole tree. */
  public SnapshotWriter write(SnapshotValue value) {
    switch (value) {
      case SnapshotValue.Unit u -> writeUnit();
      case SnapshotValue.Bool b -> writeBool(b.value());
      case SnapshotValue.I64 i -> writeI64(i.value());
      case SnapshotValue.F64 f -> writeF64(f.value());
      case SnapshotValue.Char c -> writeChar(c.codePoint());
      case SnapshotValue.Str s -> writeString(s.value());
      case SnapshotValue.Bytes b -> writeBytes(b.unsafeArray());
      case SnapshotValue.ActorRef r -> writeActorRef(r.actorId());
      case SnapshotValue.CodeRef c -> writeCodeRef(c.hash());
      case SnapshotValue.ListOf l -> {
        beginList(l.items().size());
        l.items().forEach(this::write);
      }
      case SnapshotValue.SetOf s -> {
        beginSet(s.items().size());
        s.items().forEach(this::write);
      }
      case SnapshotValue.Tuple t -> {
        beginTuple(t.items().size());
        t.items().forEach(this::write);
      }
      case SnapshotValue.MapOf m -> {
        beginMap(m.entries().size());
        for (SnapshotValue.Entry e : m.entries()) {
          write(e.key());
          write(e.value());
        }
      }
      case SnapshotValue.Struct s -> {
        beginStruct(s.type(), s.fields().size());
        for (SnapshotValue.Field f : s.fields()) {
          field(f.name());
          write(f.value());
        }
      }
      case SnapshotValue.Variant v -> {
        beginVariant(v.type(), v.variant());
        write(v.payload());
      }
    }
    return this;
  }

  /** True when every container begun has received all its values. */
  public boolean isComplete() {
    return open.isEmpty();
  }

  public int size() {
    return out.size();
  }

  /** The bytes written so far; fails if a container is still unfinished. */
  public byte[] toByteArray() {
    if (!open.isEmpty()) {
      Open top = open.peek();
      throw new IllegalStateException(
          "snapshot incomplete: " + top.what + " still expects " + top.remaining + " value(s)");
    }
    return out.toByteArray();
  }

  private SnapshotWriter container(Tag tag, String what, int count, long values, boolean struct) {
    checkCount(count);
    begin(tag);
    out.varint(count);
    push(new Open(what + " of " + count, values, struct));
    return this;
  }

  private static void checkCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative container size " + count);
    }
  }

  private void scalar(Tag tag) {
    begin(tag);
    closeFinished();
  }

  private void begin(Tag tag) {
    Open top = open.peek();
    if (top != null) {
      if (top.struct) {
        if (!top.nameGiven) {
          throw new IllegalStateException(top.what + ": value written without field(name)");
        }
        top.nameGiven = false;
      } else {
        if (top.remaining == 0) {
          throw new IllegalStateException(top.what + ": more values than declared");
        }
        top.remaining--;
      }
    }
    out.u8(tag.code);
  }

  private void push(Open o) {
    if (open.size() >= MAX_DEPTH) {
      throw new IllegalStateException("value nests deeper than " + MAX_DEPTH + " levels");
    }
    open.push(o);
    closeFinished();
  }

  /** Pops every container that has received all its values. */
  private void closeFinished() {
    while (!open.isEmpty() && open.peek().remaining == 0 && !open.peek().nameGiven) {
      open.pop();
    }
  }
}
