package dev.simplex.sbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The run-time value model for references. Primitives live unboxed in long slots; where a value
 * must be uniform (collections, fields, generic code) integers box to {@link Long}, floats to
 * {@link Double}, Bool to {@link Boolean}, chars to {@link CharValue} and {@code ()} to {@link
 * Unit}.
 */
final class Values {
  private Values() {}

  enum Unit {
    INSTANCE
  }

  record CharValue(int codePoint) {}

  /**
   * {@code T::zero()} / {@code T::one()} in erased generic code: a number that takes the type of
   * whatever it is combined with, and reads as 0 or 1 when unboxed as an i64 or f64.
   */
  /** A boxed u64: its 64 bits, read as unsigned. */
  static final class U64 extends Number implements Comparable<U64> {
    final long bits;

    U64(long bits) {
      this.bits = bits;
    }

    @Override
    public int intValue() {
      return (int) bits;
    }

    @Override
    public long longValue() {
      return bits;
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Interpreter.unsignedToDouble(bits);
    }

    @Override
    public int compareTo(U64 o) {
      return Long.compareUnsigned(bits, o.bits);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof U64 u && u.bits == bits;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(bits);
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(bits);
    }
  }

  static final class GenericNumber extends Number {
    final long value;

    GenericNumber(long value) {
      this.value = value;
    }

    @Override
    public int intValue() {
      return (int) value;
    }

    @Override
    public long longValue() {
      return value;
    }

    @Override
    public float floatValue() {
      return value;
    }

    @Override
    public double doubleValue() {
      return value;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** Structs are mutable in place: ownership rules guarantee no one else observes the change. */
  static final class StructValue {
    final TypeDef type;
    final Object[] fields;

    StructValue(TypeDef type, Object[] fields) {
      this.type = type;
      this.fields = fields;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StructValue s
          && s.type.name().equals(type.name())
          && Arrays.equals(s.fields, fields);
    }

    @Override
    public int hashCode() {
      return type.name().hashCode() * 31 + Arrays.hashCode(fields);
    }
  }

  static final class EnumValue {
    final TypeDef type;
    final int tag;
    final Object[] payload;

    EnumValue(TypeDef type, int tag, Object[] payload) {
      this.type = type;
      this.tag = tag;
      this.payload = payload;
    }

    TypeDef.Variant variant() {
      return type.variants().get(tag);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EnumValue e
          && e.type.name().equals(type.name())
          && e.tag == tag
          && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
      return (type.name().hashCode() * 31 + tag) * 31 + Arrays.hashCode(payload);
    }
  }

  record TupleValue(List<Object> parts) {}

  static final class ListValue {
    final ArrayList<Object> items;

    ListValue(ArrayList<Object> items) {
      this.items = items;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ListValue l && l.items.equals(items);
    }

    @Override
    public int hashCode() {
      return items.hashCode();
    }
  }

  static final class MapValue {
    final LinkedHashMap<Object, Object> entries;

    MapValue(LinkedHashMap<Object, Object> entries) {
      this.entries = entries;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MapValue m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
      return entries.hashCode();
    }
  }

  static final class SetValue {
    final LinkedHashSet<Object> items;

    SetValue(LinkedHashSet<Object> items) {
      this.items = items;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SetValue s && s.items.equals(items);
    }

    @Override
    public int hashCode() {
      return items.hashCode();
    }
  }

  /** A function value: a function index and the values it captured (empty for plain functions). */
  record Closure(int function, List<Object> captures, boolean hasEnv) {}
}
