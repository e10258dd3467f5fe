package dev.simplex.peer.vm;

import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.sbc.PortableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Run-time values ({@link PortableValue}) to the checkpoint module's {@link SnapshotValue}s and
 * back. Actor addresses become stable actor ids; a {@code Duration} and a {@code Vector} are
 * structs named {@code $Duration} / {@code $Vector}, names no program can declare; an enum's
 * payload is always a tuple, so {@code Some(())} and {@code Some((1, 2))} stay unambiguous.
 */
final class SnapshotCodec {
  static final String DURATION = "$Duration";
  static final String VECTOR = "$Vector";

  private final Function<Object, String> idOf;
  private final Function<String, Object> addressOf;

  /**
   * @param idOf an actor address's stable id; throws IllegalArgumentException for an unknown one
   * @param addressOf the live address for a stable id; throws IllegalArgumentException when none
   */
  SnapshotCodec(Function<Object, String> idOf, Function<String, Object> addressOf) {
    this.idOf = idOf;
    this.addressOf = addressOf;
  }

  SnapshotValue encode(PortableValue value) {
    return switch (value) {
      case PortableValue.UnitValue u -> SnapshotValue.Unit.INSTANCE;
      case PortableValue.Bool b -> new SnapshotValue.Bool(b.value());
      case PortableValue.Int i -> new SnapshotValue.I64(i.value());
      case PortableValue.Float f -> new SnapshotValue.F64(f.value());
      case PortableValue.Char c -> new SnapshotValue.Char(c.codePoint());
      case PortableValue.Str s -> new SnapshotValue.Str(s.value());
      case PortableValue.Duration d ->
          new SnapshotValue.Struct(
              DURATION,
              List.of(new SnapshotValue.Field("nanos", new SnapshotValue.I64(d.nanos()))));
      case PortableValue.Vector v -> {
        List<SnapshotValue> parts = new ArrayList<>();
        for (double x : v.values()) parts.add(new SnapshotValue.F64(x));
        yield new SnapshotValue.Struct(
            VECTOR, List.of(new SnapshotValue.Field("values", new SnapshotValue.ListOf(parts))));
      }
      case PortableValue.ListOf l -> new SnapshotValue.ListOf(encodeAll(l.items()));
      case PortableValue.SetOf s -> new SnapshotValue.SetOf(encodeAll(s.items()));
      case PortableValue.Tuple t -> new SnapshotValue.Tuple(encodeAll(t.items()));
      case PortableValue.MapOf m -> {
        List<SnapshotValue.Entry> entries = new ArrayList<>(m.entries().size());
        for (PortableValue.Entry e : m.entries())
          entries.add(new SnapshotValue.Entry(encode(e.key()), encode(e.value())));
        yield new SnapshotValue.MapOf(entries);
      }
      case PortableValue.Struct s -> {
        List<SnapshotValue.Field> fields = new ArrayList<>(s.fields().size());
        for (PortableValue.Field f : s.fields())
          fields.add(new SnapshotValue.Field(f.name(), encode(f.value())));
        yield new SnapshotValue.Struct(s.type(), fields);
      }
      case PortableValue.Variant v ->
          new SnapshotValue.Variant(
              v.type(), v.variant(), new SnapshotValue.Tuple(encodeAll(v.payload())));
      case PortableValue.Actor a -> new SnapshotValue.ActorRef(idOf.apply(a.address()));
    };
  }

  private List<SnapshotValue> encodeAll(List<PortableValue> values) {
    List<SnapshotValue> out = new ArrayList<>(values.size());
    for (PortableValue v : values) out.add(encode(v));
    return out;
  }

  /**
   * @throws IllegalArgumentException for what no run-time value encodes to: bytes, code refs, a
   *     malformed {@code $Duration} / {@code $Vector}, an enum payload that is not a tuple
   */
  PortableValue decode(SnapshotValue value) {
    return switch (value) {
      case SnapshotValue.Unit u -> PortableValue.UnitValue.INSTANCE;
      case SnapshotValue.Bool b -> new PortableValue.Bool(b.value());
      case SnapshotValue.I64 i -> new PortableValue.Int(i.value());
      case SnapshotValue.F64 f -> new PortableValue.Float(f.value());
      case SnapshotValue.Char c -> new PortableValue.Char(c.codePoint());
      case SnapshotValue.Str s -> new PortableValue.Str(s.value());
      case SnapshotValue.ListOf l -> new PortableValue.ListOf(decodeAll(l.items()));
      case SnapshotValue.SetOf s -> new PortableValue.SetOf(decodeAll(s.items()));
      case SnapshotValue.Tuple t -> new PortableValue.Tuple(decodeAll(t.items()));
      case SnapshotValue.MapOf m -> {
        List<PortableValue.Entry> entries = new ArrayList<>(m.entries().size());
        for (SnapshotValue.Entry e : m.entries())
          entries.add(new PortableValue.Entry(decode(e.key()), decode(e.value())));
        yield new PortableValue.MapOf(entries);
      }
      case SnapshotValue.Struct s when s.type().equals(DURATION) ->
          new PortableValue.Duration(longField(s, "nanos"));
      case SnapshotValue.Struct s when s.type().equals(VECTOR) -> vector(s);
      case SnapshotValue.Struct s -> {
        List<PortableValue.Field> fields = new ArrayList<>(s.fields().size());
        for (SnapshotValue.Field f : s.fields())
          fields.add(new PortableValue.Field(f.name(), decode(f.value())));
        yield new PortableValue.Struct(s.type(), fields);
      }
      case SnapshotValue.Variant v -> {
        if (!(v.payload() instanceof SnapshotValue.Tuple t))
          throw new IllegalArgumentException(
              v.type()
                  + "::"
                  + v.variant()
                  + ": payload is a "
                  + v.payload().kind()
                  + ", not a tuple");
        yield new PortableValue.Variant(v.type(), v.variant(), decodeAll(t.items()));
      }
      case SnapshotValue.ActorRef a -> new PortableValue.Actor(addressOf.apply(a.actorId()));
      case SnapshotValue.Bytes b ->
          throw new IllegalArgumentException("bytes are not a Simplex value");
      case SnapshotValue.CodeRef c ->
          throw new IllegalArgumentException("a code reference is not a storable Simplex value");
    };
  }

  private List<PortableValue> decodeAll(List<SnapshotValue> values) {
    List<PortableValue> out = new ArrayList<>(values.size());
    for (SnapshotValue v : values) out.add(decode(v));
    return out;
  }

  private static long longField(SnapshotValue.Struct s, String name) {
    if (s.fields().size() == 1 && s.field(name) instanceof SnapshotValue.I64 i) return i.value();
    throw new IllegalArgumentException(s.type() + " needs exactly one i64 field `" + name + "`");
  }

  private static PortableValue.Vector vector(SnapshotValue.Struct s) {
    if (s.fields().size() == 1 && s.field("values") instanceof SnapshotValue.ListOf l) {
      double[] values = new double[l.items().size()];
      for (int k = 0; k < values.length; k++) {
        if (!(l.items().get(k) instanceof SnapshotValue.F64 f))
          throw new IllegalArgumentException(VECTOR + " component " + k + " is not an f64");
        values[k] = f.value();
      }
      return new PortableValue.Vector(values);
    }
    throw new IllegalArgumentException(VECTOR + " needs exactly one list field `values`");
  }
}
