package dev.simplex.compiler;

import java.util.List;
import java.util.Set;

/** Prelude types that the language defines itself: Option and Result as ordinary enums. */
final class Builtins {
  static final Set<String> PRELUDE_TYPES =
      Set.of(
          "i8",
          "i16",
          "i32",
          "i64",
          "u8",
          "u16",
          "u32",
          "u64",
          "f32",
          "f64",
          "Bool",
          "Char",
          "String",
          "List",
          "Map",
          "Set",
          "Option",
          "Result",
          "Range",
          "Vector",
          "Duration",
          "Instant",
          "ActorRef",
          "Bytes",
          "Dynamic",
          "Stream");

  final AdtDef option = new AdtDef("Option", AdtDef.Kind.ENUM, List.of("T"));
  final AdtDef result = new AdtDef("Result", AdtDef.Kind.ENUM, List.of("T", "E"));
  final AdtDef askError = new AdtDef("AskError", AdtDef.Kind.ENUM, List.of());

  Builtins(Checker checker) {
    Type t = new Type.Param("T", List.of());
    Type e = new Type.Param("E", List.of());
    option.variants.add(new AdtDef.VariantDef("Some", false, List.of(""), List.of(t)));
    option.variants.add(new AdtDef.VariantDef("None", false, List.of(), List.of()));
    result.variants.add(new AdtDef.VariantDef("Ok", false, List.of(""), List.of(t)));
    result.variants.add(new AdtDef.VariantDef("Err", false, List.of(""), List.of(e)));
    askError.variants.add(new AdtDef.VariantDef("Timeout", false, List.of(), List.of()));
    askError.variants.add(new AdtDef.VariantDef("ActorDied", false, List.of(), List.of()));
    checker.typing.adts.add(askError);
    checker.typing.adts.add(option);
    checker.typing.adts.add(result);
  }

  Type option(Type t) {
    return new Type.Adt(option, List.of(t));
  }

  Type result(Type t, Type e) {
    return new Type.Adt(result, List.of(t, e));
  }
}
