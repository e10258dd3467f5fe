package dev.simplex.peer.vm;

import dev.simplex.peer.route.ActorId;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.PortableValue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PortableValue}s as compact bytes for the wire: a tag byte, then the value (strings as an
 * int length and UTF-8). Actor addresses are {@link SwarmRef}s (id and type). Reading checks every
 * count against the bytes left and bounds the nesting, so hostile bytes end in an {@link
 * IllegalArgumentException}, never in a huge allocation or a stack overflow.
 */
final class PortableWire {
  static final int MAX_DEPTH = 256;

  private PortableWire() {}

  static void write(DataOutputStream out, PortableValue v) throws IOException {
    switch (v) {
      case PortableValue.UnitValue u -> out.writeByte(0);
      case PortableValue.Bool b -> {
        out.writeByte(1);
        out.writeBoolean(b.value());
      }
      case PortableValue.Int i -> {
        out.writeByte(2);
        out.writeLong(i.value());
      }
      case PortableValue.Float f -> {
        out.writeByte(3);
        out.writeDouble(f.value());
      }
      case PortableValue.Char c -> {
        out.writeByte(4);
        out.writeInt(c.codePoint());
      }
      case PortableValue.Str s -> {
        out.writeByte(5);
        writeString(out, s.value());
      }
      case PortableValue.Duration d -> {
        out.writeByte(6);
        out.writeLong(d.nanos());
      }
      case PortableValue.Vector vec -> {
        out.writeByte(7);
        double[] xs = vec.values();
        out.writeInt(xs.length);
        for (double x : xs) out.writeDouble(x);
      }
      case PortableValue.ListOf l -> writeAll(out, 8, l.items());
      case PortableValue.SetOf s -> writeAll(out, 9, s.items());
      case PortableValue.Tuple t -> writeAll(out, 10, t.items());
      case PortableValue.MapOf m -> {
        out.writeByte(11);
        out.writeInt(m.entries().size());
        for (PortableValue.Entry e : m.entries()) {
          write(out, e.key());
          write(out, e.value());
        }
      }
      case PortableValue.Struct s -> {
        out.writeByte(12);
        writeString(out, s.type());
        out.writeInt(s.fields().size());
        for (PortableValue.Field f : s.fields()) {
          writeString(out, f.name());
          write(out, f.value());
        }
      }
      case PortableValue.Variant e -> {
        out.writeByte(13);
        writeString(out, e.type());
        writeString(out, e.variant());
        out.writeInt(e.payload().size());
        for (PortableValue p : e.payload()) write(out, p);
      }
      case PortableValue.Actor a -> {
        if (!(a.address() instanceof SwarmRef r))
          throw new IllegalArgumentException(
              "the address of a local actor ("
                  + a.address()
                  + ") cannot travel between peers; only swarm actors can");
        out.writeByte(14);
        writeString(out, r.id().value());
        writeString(out, r.typeName());
      }
    }
  }

  private static void writeAll(DataOutputStream out, int tag, List<PortableValue> items)
      throws IOException {
    out.writeByte(tag);
    out.writeInt(items.size());
    for (PortableValue p : items) write(out, p);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * @throws IllegalArgumentException for bytes no {@link #write} produced
   */
  static PortableValue read(DataInputStream in) throws IOException {
    try {
      return read(in, 0);
    } catch (EOFException e) {
      throw new IllegalArgumentException("a VM value is truncated");
    }
  }

  private static PortableValue read(DataInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH)
      throw new IllegalArgumentException("a VM value nests deeper than " + MAX_DEPTH);
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case 0 -> PortableValue.UnitValue.INSTANCE;
      case 1 -> new PortableValue.Bool(in.readBoolean());
      case 2 -> new PortableValue.Int(in.readLong());
      case 3 -> new PortableValue.Float(in.readDouble());
      case 4 -> new PortableValue.Char(in.readInt());
      case 5 -> new PortableValue.Str(readString(in));
      case 6 -> new PortableValue.Duration(in.readLong());
      case 7 -> {
        int n = count(in, 8);
        double[] xs = new double[n];
        for (int k = 0; k < n; k++) xs[k] = in.readDouble();
        yield new PortableValue.Vector(xs);
      }
      case 8 -> new PortableValue.ListOf(readAll(in, depth));
      case 9 -> new PortableValue.SetOf(readAll(in, depth));
      case 10 -> new PortableValue.Tuple(readAll(in, depth));
      case 11 -> {
        int n = count(in, 2);
        List<PortableValue.Entry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++)
          entries.add(new PortableValue.Entry(read(in, depth + 1), read(in, depth + 1)));
        yield new PortableValue.MapOf(entries);
      }
      case 12 -> {
        String type = readString(in);
        int n = count(in, 5);
        List<PortableValue.Field> fields = new ArrayList<>(n);
        for (int k = 0; k < n; k++)
          fields.add(new PortableValue.Field(readString(in), read(in, depth + 1)));
        yield new PortableValue.Struct(type, fields);
      }
      case 13 -> {
        String type = readString(in);
        String variant = readString(in);
        yield new PortableValue.Variant(type, variant, readAll(in, depth));
      }
      case 14 -> new PortableValue.Actor(new SwarmRef(new ActorId(readString(in)), readString(in)));
      default -> throw new IllegalArgumentException("unknown VM value tag " + tag);
    };
  }

  private static List<PortableValue> readAll(DataInputStream in, int depth) throws IOException {
    int n = count(in, 1);
    List<PortableValue> items = new ArrayList<>(n);
    for (int k = 0; k < n; k++) items.add(read(in, depth + 1));
    return items;
  }

  /** A count of items of at least {@code minBytes} each, checked against what is left. */
  private static int count(DataInputStream in, int minBytes) throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * minBytes > in.available())
      throw new IllegalArgumentException(
          "a count of " + n + " does not fit the " + in.available() + " bytes left");
    return n;
  }

  static String readString(DataInputStream in) throws IOException {
    int n = count(in, 1);
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
