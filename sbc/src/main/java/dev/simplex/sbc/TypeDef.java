package dev.simplex.sbc;

import java.util.List;

/**
 * A type definition: a struct layout (one variant, named fields) or an enum (variants with payload
 * field names; positional payloads have empty names). Used to build and display values and by actor
 * message schemas.
 */
public record TypeDef(String name, Kind kind, List<Variant> variants) {
  public enum Kind {
    STRUCT,
    ENUM
  }

  /**
   * @param named whether the payload is written {@code V { f: x }} rather than {@code V(x)}
   * @param fieldTypes one Simplex type per field, written as in source ({@code i64}, {@code
   *     List<String>}, {@code Option<Point>}, a struct or enum name ...); empty strings where
   *     unknown. {@code ai::extract} validates model output against them.
   */
  public record Variant(String name, boolean named, List<String> fields, List<String> fieldTypes) {
    public Variant {
      fields = List.copyOf(fields);
      fieldTypes = List.copyOf(fieldTypes);
      if (fieldTypes.size() != fields.size())
        throw new IllegalArgumentException(
            "variant "
                + name
                + ": "
                + fields.size()
                + " fields but "
                + fieldTypes.size()
                + " types");
    }

    /** A variant whose field types are unknown (each an empty string). */
    public Variant(String name, boolean named, List<String> fields) {
      this(name, named, fields, java.util.Collections.nCopies(fields.size(), ""));
    }
  }

  public TypeDef {
    variants = List.copyOf(variants);
  }
}
