package dev.simplex.sbc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A paused execution, captured at a {@code CHECKPOINT} instruction so that a later process can
 * continue right after it ({@link Vm#continuation}): every frame from the bottom one (the actor
 * handler) to the one that ran {@code CHECKPOINT}, each naming its function by content hash, with
 * its resume pc, its locals and its operand stack, both halves of each slot.
 *
 * <p>Reference values are kept once each in {@link #values()} and named by index from the slots, so
 * a value held by several slots (the actor's state passed down the call chain) is one value again
 * after resuming. Sharing below the top level of a value is not preserved. Functions values are
 * captured by hash as the variant {@code $fn::<hash>(hasEnv, captures...)} and ranges as {@code
 * $range::Range(from, to, inclusive)}; streams and {@code &mut} cells cannot be captured.
 */
public final class ExecutionContext {
  static final byte[] MAGIC = {'S', 'P', 'X', 'C'};
  static final int VERSION = 1;
  static final int MAX_DEPTH = 512;

  /**
   * One stack slot: the primitive half and the reference half as an index into {@link
   * ExecutionContext#values()} (-1 when the reference half is empty).
   */
  public record Slot(long prim, int ref) {}

  /**
   * One frame.
   *
   * @param function the function's content hash, 64 hex digits
   * @param pc where execution continues: right after {@code CHECKPOINT} in the top frame, right
   *     after the {@code CALL} in the frames below it
   * @param locals one slot per local of the function (parameters first)
   * @param operands the operand stack above the locals, bottom first
   */
  public record Frame(String function, int pc, List<Slot> locals, List<Slot> operands) {
    public Frame {
      Objects.requireNonNull(function, "function");
      locals = List.copyOf(locals);
      operands = List.copyOf(operands);
    }
  }

  /** What {@code CHECKPOINT} hands the runtime: a context, or why none could be captured. */
  public record Capture(ExecutionContext context, String refusal) {
    public Capture {
      if ((context == null) == (refusal == null))
        throw new IllegalArgumentException("exactly one of context and refusal");
    }

    public boolean captured() {
      return context != null;
    }
  }

  /** A context that cannot be decoded or resumed; the message says why. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private final List<Frame> frames;
  private final List<PortableValue> values;

  /**
   * @param frames bottom (the handler) first, the frame that ran {@code CHECKPOINT} last
   * @param values the reference values the slots name
   */
  public ExecutionContext(List<Frame> frames, List<PortableValue> values) {
    this.frames = List.copyOf(frames);
    this.values = List.copyOf(values);
  }

  public List<Frame> frames() {
    return frames;
  }

  public List<PortableValue> values() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionContext c && c.frames.equals(frames) && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return frames.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return "ExecutionContext" + frames;
  }

  // ---- capture ----

  /** Captures frames 0..fp of an interpreter paused with stack pointer {@code sp}. */
  static Capture capture(
      SbcModule module,
      int[] frameFn,
      int[] framePc,
      int[] frameBase,
      int fp,
      int sp,
      long[] p,
      Object[] r) {
    IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>();
    List<PortableValue> values = new ArrayList<>();
    List<Frame> frames = new ArrayList<>();
    try {
      for (int i = 0; i <= fp; i++) {
        SbcFunction f = module.functions().get(frameFn[i]);
        int base = frameBase[i];
        int end = i == fp ? sp : frameBase[i + 1];
        int localsEnd = base + f.localCount();
        List<Slot> locals = new ArrayList<>();
        List<Slot> operands = new ArrayList<>();
        for (int s = base; s < end; s++) {
          String where =
              s < localsEnd
                  ? "`" + f.name() + "` local " + localName(f, s - base)
                  : "`" + f.name() + "` operand " + (s - localsEnd);
          Slot slot = new Slot(p[s], ref(module, r[s], seen, values, where));
          (s < localsEnd ? locals : operands).add(slot);
        }
        frames.add(new Frame(module.hashHex(frameFn[i]), framePc[i], locals, operands));
      }
    } catch (IllegalArgumentException e) {
      return new Capture(null, "execution context cannot be captured: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new Capture(null, "execution context cannot be captured: " + e);
    }
    return new Capture(new ExecutionContext(frames, values), null);
  }

  private static String localName(SbcFunction f, int k) {
    return k < f.localNames().size() && !f.localNames().get(k).isEmpty()
        ? "`" + f.localNames().get(k) + "`"
        : "#" + k;
  }

  private static int ref(
      SbcModule module,
      Object v,
      IdentityHashMap<Object, Integer> seen,
      List<PortableValue> values,
      String where) {
    if (v == null) return -1;
    Integer known = seen.get(v);
    if (known != null) return known;
    values.add(Portables.export(v, where, module));
    seen.put(v, values.size() - 1);
    return values.size() - 1;
  }

  // ---- bytes ----

  /**
   * The context as bytes: {@code SPXC}, u16 version, the values, then the frames (layout in
   * docs/sbc-format.md).
   *
   * @param actorId names an actor address found in a value (the runtime's own objects)
   */
  public byte[] encode(Function<Object, String> actorId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.write(MAGIC);
      out.writeShort(VERSION);
      out.writeInt(values.size());
      for (PortableValue v : values) writeValue(out, v, actorId);
      out.writeInt(frames.size());
      for (Frame f : frames) {
        out.write(HexFormat.of().parseHex(f.function()));
        out.writeInt(f.pc());
        writeSlots(out, f.locals());
        writeSlots(out, f.operands());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static void writeSlots(DataOutputStream out, List<Slot> slots) throws IOException {
    out.writeInt(slots.size());
    for (Slot s : slots) {
      out.writeLong(s.prim());
      out.writeInt(s.ref());
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void writeValue(
      DataOutputStream out, PortableValue v, Function<Object, String> actorId) throws IOException {
    switch (v) {
      case PortableValue.UnitValue u -> out.writeByte(0);
      case PortableValue.Bool b -> {
        out.writeByte(1);
        out.writeByte(b.value() ? 1 : 0);
      }
      case PortableValue.Int i -> {
        out.writeByte(2);
        out.writeLong(i.value());
      }
      case PortableValue.Float f -> {
        out.writeByte(3);
        out.writeLong(Double.doubleToRawLongBits(f.value()));
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
        for (double x : xs) out.writeLong(Double.doubleToRawLongBits(x));
      }
      case PortableValue.ListOf l -> writeItems(out, 8, l.items(), actorId);
      case PortableValue.SetOf s -> writeItems(out, 9, s.items(), actorId);
      case PortableValue.MapOf m -> {
        out.writeByte(10);
        out.writeInt(m.entries().size());
        for (PortableValue.Entry e : m.entries()) {
          writeValue(out, e.key(), actorId);
          writeValue(out, e.value(), actorId);
        }
      }
      case PortableValue.Tuple t -> writeItems(out, 11, t.items(), actorId);
      case PortableValue.Struct s -> {
        out.writeByte(12);
        writeString(out, s.type());
        out.writeInt(s.fields().size());
        for (PortableValue.Field f : s.fields()) {
          writeString(out, f.name());
          writeValue(out, f.value(), actorId);
        }
      }
      case PortableValue.Variant e -> {
        out.writeByte(13);
        writeString(out, e.type());
        writeString(out, e.variant());
        out.writeInt(e.payload().size());
        for (PortableValue x : e.payload()) writeValue(out, x, actorId);
      }
      case PortableValue.Actor a -> {
        out.writeByte(14);
        writeString(out, Objects.requireNonNull(actorId.apply(a.address()), "actor id"));
      }
    }
  }

  private static void writeItems(
      DataOutputStream out, int tag, List<PortableValue> items, Function<Object, String> actorId)
      throws IOException {
    out.writeByte(tag);
    out.writeInt(items.size());
    for (PortableValue x : items) writeValue(out, x, actorId);
  }

  /**
   * Reads {@link #encode}'s bytes.
   *
   * @param actorAddress the runtime's address for an actor id
   * @throws Invalid for anything but a well-formed context, never another exception
   */
  public static ExecutionContext decode(byte[] bytes, Function<String, Object> actorAddress)
      throws Invalid {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC))
        throw new Invalid("not an execution context: the magic is not `SPXC`");
      int version = in.getShort() & 0xFFFF;
      if (version != VERSION)
        throw new Invalid(
            "unsupported execution context version " + version + " (this runtime reads 1)");
      int nv = count(in, 1, "value count");
      List<PortableValue> values = new ArrayList<>(nv);
      for (int i = 0; i < nv; i++) values.add(readValue(in, actorAddress, 0));
      int nf = count(in, 32 + 4 + 8, "frame count");
      List<Frame> frames = new ArrayList<>(nf);
      for (int i = 0; i < nf; i++) {
        byte[] hash = new byte[32];
        in.get(hash);
        int pc = in.getInt();
        List<Slot> locals = readSlots(in, nv);
        List<Slot> operands = readSlots(in, nv);
        frames.add(new Frame(HexFormat.of().formatHex(hash), pc, locals, operands));
      }
      if (in.hasRemaining())
        throw new Invalid(in.remaining() + " unexpected trailing bytes in the execution context");
      return new ExecutionContext(frames, values);
    } catch (java.nio.BufferUnderflowException e) {
      throw new Invalid("truncated execution context");
    } catch (Invalid e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Invalid("malformed execution context: " + e.getMessage());
    }
  }

  private static int count(ByteBuffer in, int minSize, String what) throws Invalid {
    int n = in.getInt();
    if (n < 0 || (long) n * minSize > in.remaining())
      throw new Invalid("execution context: " + what + " " + n + " exceeds the remaining bytes");
    return n;
  }

  private static List<Slot> readSlots(ByteBuffer in, int values) throws Invalid {
    int n = count(in, 12, "slot count");
    List<Slot> slots = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long prim = in.getLong();
      int ref = in.getInt();
      if (ref < -1 || ref >= values)
        throw new Invalid("execution context: a slot names value #" + ref + " of " + values);
      slots.add(new Slot(prim, ref));
    }
    return slots;
  }

  private static String readString(ByteBuffer in) throws Invalid {
    int n = count(in, 1, "string length");
    byte[] b = new byte[n];
    in.get(b);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new Invalid("execution context: a string is not valid UTF-8");
    }
  }

  private static List<PortableValue> readItems(
      ByteBuffer in, Function<String, Object> actors, int depth) throws Invalid {
    int n = count(in, 1, "item count");
    List<PortableValue> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) items.add(readValue(in, actors, depth + 1));
    return items;
  }

  private static PortableValue readValue(ByteBuffer in, Function<String, Object> actors, int depth)
      throws Invalid {
    if (depth > MAX_DEPTH) throw new Invalid("execution context: values nested too deeply");
    int tag = in.get() & 0xFF;
    return switch (tag) {
      case 0 -> PortableValue.UnitValue.INSTANCE;
      case 1 -> new PortableValue.Bool(in.get() != 0);
      case 2 -> new PortableValue.Int(in.getLong());
      case 3 -> new PortableValue.Float(Double.longBitsToDouble(in.getLong()));
      case 4 -> new PortableValue.Char(in.getInt());
      case 5 -> new PortableValue.Str(readString(in));
      case 6 -> new PortableValue.Duration(in.getLong());
      case 7 -> {
        int n = count(in, 8, "vector length");
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = Double.longBitsToDouble(in.getLong());
        yield new PortableValue.Vector(xs);
      }
      case 8 -> new PortableValue.ListOf(readItems(in, actors, depth));
      case 9 -> new PortableValue.SetOf(readItems(in, actors, depth));
      case 10 -> {
        int n = count(in, 2, "map size");
        List<PortableValue.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
          entries.add(
              new PortableValue.Entry(
                  readValue(in, actors, depth + 1), readValue(in, actors, depth + 1)));
        yield new PortableValue.MapOf(entries);
      }
      case 11 -> new PortableValue.Tuple(readItems(in, actors, depth));
      case 12 -> {
        String type = readString(in);
        int n = count(in, 5, "field count");
        List<PortableValue.Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
          fields.add(new PortableValue.Field(readString(in), readValue(in, actors, depth + 1)));
        yield new PortableValue.Struct(type, fields);
      }
      case 13 -> {
        String type = readString(in);
        String variant = readString(in);
        yield new PortableValue.Variant(type, variant, readItems(in, actors, depth));
      }
      case 14 -> {
        String id = readString(in);
        Object address = actors.apply(id);
        if (address == null) throw new Invalid("execution context: unknown actor " + id);
        yield new PortableValue.Actor(address);
      }
      default -> throw new Invalid("execution context: unknown value tag " + tag);
    };
  }
}
