package dev.simplex.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * A struct or enum declaration as the checker sees it: type parameters and, per variant, field
 * names and types (in terms of the parameters). A struct has one variant named like the type.
 * Filled in after all names are known, so fields may refer to types declared later.
 */
final class AdtDef {
  enum Kind {
    STRUCT,
    ENUM
  }

  record VariantDef(String name, boolean named, List<String> fieldNames, List<Type> fieldTypes) {}

  private final String name;
  private final Kind kind;
  private final List<String> typeParams;
  final List<VariantDef> variants = new ArrayList<>();

  /** Index in the module's type table, assigned by the code generator. */
  int typeIndex = -1;

  AdtDef(String name, Kind kind, List<String> typeParams) {
    this.name = name;
    this.kind = kind;
    this.typeParams = List.copyOf(typeParams);
  }

  String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  List<String> typeParams() {
    return typeParams;
  }

  int variantIndex(String variant) {
    for (int i = 0; i < variants.size(); i++) {
      if (variants.get(i).name().equals(variant)) return i;
    }
    return -1;
  }

  boolean isUnitOnlyEnum() {
    return kind == Kind.ENUM && variants.stream().allMatch(v -> v.fieldTypes().isEmpty());
  }

  @Override
  public String toString() {
    return name;
  }
}
