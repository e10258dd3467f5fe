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

  /**
   * A list. Two storages with one meaning: boxed elements in an {@link ArrayList}, or, for a list
   * whose elements are all f64 ({@link Double}), their raw bits in a {@code long[]} so that the
   * interpreter reads and writes them without boxing (nbody's {@code List<f64>}). A list starts
   * unboxed when {@code LIST_NEW} builds it from f64 values or empty, and moves to the boxed
   * storage for good when anything else is stored or when code outside the interpreter's list
   * instructions asks for {@link #items()}. Which storage a list has is never observable: reads box
   * to an equal {@code Double}, equality and hashing are those of the boxed list.
   */
  static final class ListValue {
    private ArrayList<Object> boxed; // null while the storage is unboxed f64
    private long[] bits; // f64 storage: raw bits of each element, valid below size
    private int size; // element count of the f64 storage

    ListValue(ArrayList<Object> items) {
      this.boxed = items;
    }

    private ListValue(long[] bits, int size) {
      this.bits = bits;
      this.size = size;
    }

    private static final long[] NO_BITS = new long[0];

    /**
     * A list of {@code items} as {@code LIST_NEW} builds it: unboxed when all are f64, and when
     * there are none (its first push of anything but an f64 moves it to the boxed storage).
     */
    static ListValue of(Object[] items) {
      int n = items.length;
      if (n == 0) return new ListValue(NO_BITS, 0);
      long[] b = new long[n];
      int i = 0;
      for (; i < n && items[i] instanceof Double d; i++) b[i] = Double.doubleToRawLongBits(d);
      if (i == n) return new ListValue(b, n);
      return new ListValue(new ArrayList<>(Arrays.asList(items)));
    }

    /** The unboxed f64 storage (valid below {@link #f64Size()}), or null when boxed. */
    long[] f64Bits() {
      return bits;
    }

    /** The element count of the unboxed f64 storage (0 when boxed). */
    int f64Size() {
      return size;
    }

    /** Whether the elements are stored unboxed (for tests and the interpreter's fast paths). */
    boolean isF64() {
      return boxed == null;
    }

    /**
     * The elements as a mutable list; moves an unboxed list to the boxed storage for good, so the
     * caller may change it. Read-only callers use {@link #view()}.
     */
    ArrayList<Object> items() {
      if (boxed == null) {
        boxed = boxedCopy();
        bits = null;
        size = 0;
      }
      return boxed;
    }

    /** The elements for reading only: the boxed list itself, or a boxed copy of unboxed ones. */
    List<Object> view() {
      return boxed != null ? boxed : boxedCopy();
    }

    private ArrayList<Object> boxedCopy() {
      ArrayList<Object> out = new ArrayList<>(Math.max(size, 10));
      for (int i = 0; i < size; i++) out.add(Double.longBitsToDouble(bits[i]));
      return out;
    }

    int size() {
      return boxed != null ? boxed.size() : size;
    }

    /** Element {@code i} (in range), boxed. */
    Object get(int i) {
      return boxed != null ? boxed.get(i) : (Object) Double.longBitsToDouble(bits[i]);
    }

    /** Element {@code i} (in range) as f64 bits; the element is an f64 (a Number) by its type. */
    long getF64(int i) {
      return boxed == null
          ? bits[i]
          : Double.doubleToRawLongBits(((Number) boxed.get(i)).doubleValue());
    }

    /** Stores element {@code i} (in range). */
    void set(int i, Object v) {
      if (boxed == null) {
        if (v instanceof Double d) {
          bits[i] = Double.doubleToRawLongBits(d);
          return;
        }
        items();
      }
      boxed.set(i, v);
    }

    /** Stores the f64 with bits {@code v} at {@code i} (in range). */
    void setF64(int i, long v) {
      if (boxed == null) bits[i] = v;
      else boxed.set(i, Double.longBitsToDouble(v));
    }

    void add(Object v) {
      if (boxed == null) {
        if (v instanceof Double d) {
          if (size == bits.length) bits = Arrays.copyOf(bits, Math.max(8, size + (size >> 1)));
          bits[size++] = Double.doubleToRawLongBits(d);
          return;
        }
        items();
      }
      boxed.add(v);
    }

    /** A list with a copy of this one's storage (elements are not copied further). */
    ListValue shallowCopy() {
      return boxed != null
          ? new ListValue(new ArrayList<>(boxed))
          : new ListValue(Arrays.copyOf(bits, Math.max(size, 1)), size);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof ListValue l)) return false;
      if (boxed == null && l.boxed == null) {
        if (size != l.size) return false;
        for (int i = 0; i < size; i++) {
          // Double.equals: equal bits after NaN canonicalisation
          if (Double.doubleToLongBits(Double.longBitsToDouble(bits[i]))
              != Double.doubleToLongBits(Double.longBitsToDouble(l.bits[i]))) return false;
        }
        return true;
      }
      return l.view().equals(view());
    }

    @Override
    public int hashCode() {
      if (boxed != null) return boxed.hashCode();
      int h = 1; // List.hashCode of the boxed elements
      for (int i = 0; i < size; i++) h = 31 * h + Double.hashCode(Double.longBitsToDouble(bits[i]));
      return h;
    }
  }

  static final class MapValue {
    final LinkedHashMap<Object, Object> entries;

    MapValue(LinkedHashMap<Object, Object> entries) {
      this.entries = entries;
    }

    /** {@code MAP_NEW n}: keys and values alternating, in insertion order. */
    static MapValue ofPairs(Object[] kv) {
      LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
      for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
      return new MapValue(m);
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
