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
   */
  public record Variant(String name, boolean named, List<String> fields) {
    public Variant {
      fields = List.copyOf(fields);
    }
  }

  public TypeDef {
    variants = List.copyOf(variants);
  }
}
