package dev.simplex.sbc;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A run-time value in a form that leaves the executor: what a checkpoint stores and a recovery
 * rebuilds ({@link Vm#toPortable}, {@link Vm#fromPortable}). Structs and enums carry their type and
 * field names, so a value can be rebuilt against a module that declares the same types; actor
 * addresses stay the port's own objects.
 */
public sealed interface PortableValue {
  enum UnitValue implements PortableValue {
    INSTANCE
  }

  record Bool(boolean value) implements PortableValue {}

  /** Every integer type: run-time integers are i64 wide. */
  record Int(long value) implements PortableValue {}

  record Float(double value) implements PortableValue {}

  record Char(int codePoint) implements PortableValue {}

  record Str(String value) implements PortableValue {
    public Str {
      Objects.requireNonNull(value, "string");
    }
  }

  record Duration(long nanos) implements PortableValue {}

  record Vector(double[] values) implements PortableValue {
    public Vector {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Vector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Vector" + Arrays.toString(values);
    }
  }

  record ListOf(List<PortableValue> items) implements PortableValue {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  record SetOf(List<PortableValue> items) implements PortableValue {
    public SetOf {
      items = List.copyOf(items);
    }
  }

  record Entry(PortableValue key, PortableValue value) {}

  record MapOf(List<Entry> entries) implements PortableValue {
    public MapOf {
      entries = List.copyOf(entries);
    }
  }

  record Tuple(List<PortableValue> items) implements PortableValue {
    public Tuple {
      items = List.copyOf(items);
    }
  }

  record Field(String name, PortableValue value) {}

  /** A struct (an actor's state too) with its fields in declaration order. */
  record Struct(String type, List<Field> fields) implements PortableValue {
    public Struct {
      Objects.requireNonNull(type, "struct type");
      fields = List.copyOf(fields);
    }
  }

  /** An enum value; {@code payload} has one value per payload field, in order. */
  record Variant(String type, String variant, List<PortableValue> payload)
      implements PortableValue {
    public Variant {
      Objects.requireNonNull(type, "enum type");
      Objects.requireNonNull(variant, "variant");
      payload = List.copyOf(payload);
    }
  }

  /** An actor's address: whatever object the {@link RuntimePort} handed out. */
  record Actor(Object address) implements PortableValue {
    public Actor {
      Objects.requireNonNull(address, "actor address");
    }
  }
}
