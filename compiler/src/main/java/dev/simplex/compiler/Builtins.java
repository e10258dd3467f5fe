package dev.simplex.compiler;

import java.util.List;
import java.util.Set;

/** Prelude types that the language defines itself: Option and Result as ordinary enums. */
final class Builtins {
  /**
   * Names that items may not redeclare (language.md §2, E0601): the types of §2, the prelude enums
   * and variants, and the global functions that §12.2 itself defines. Those it only refers on to
   * other sections ({@code lookup}, {@code send}, {@code dot} ...) are left out: conformance
   * program p19 declares its own {@code fn lookup}.
   */
  static final Set<String> PRELUDE_NAMES =
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
          "Bytes",
          "List",
          "Map",
          "Set",
          "Option",
          "Result",
          "Range",
          "Vector",
          "ActorRef",
          "Duration",
          "Instant",
          "Stream",
          "Dynamic",
          "Tensor",
          "Some",
          "None",
          "Ok",
          "Err",
          "ExitReason",
          "AskError",
          "AIError",
          "ExtractionError",
          "Placement",
          "Resources",
          "print",
          "println",
          "eprintln",
          "assert",
          "assert_eq",
          "panic",
          "exit",
          "env",
          "args",
          "now");

  /**
   * {@code enum Option<T> { Some(T), None }} or {@code enum Result<T, E> { Ok(T), Err(E) }},
   * variants in any order: accepted and meaning the built-in type (language.md §2).
   */
  static boolean isBuiltinRedeclaration(Ast.EnumDecl e) {
    java.util.Map<String, Integer> shape =
        switch (e.name()) {
          case "Option" -> java.util.Map.of("Some", 1, "None", 0);
          case "Result" -> java.util.Map.of("Ok", 1, "Err", 1);
          default -> null;
        };
    if (shape == null || e.typeParams().size() != (e.name().equals("Option") ? 1 : 2)) return false;
    if (e.variants().size() != 2) return false;
    for (Ast.Variant v : e.variants()) {
      Integer arity = shape.get(v.name());
      if (arity == null || v.named() || v.fields().size() != arity) return false;
    }
    return true;
  }

  final AdtDef option = new AdtDef("Option", AdtDef.Kind.ENUM, List.of("T"));
  final AdtDef result = new AdtDef("Result", AdtDef.Kind.ENUM, List.of("T", "E"));
  final AdtDef askError = new AdtDef("AskError", AdtDef.Kind.ENUM, List.of());

  /** {@code enum ExitReason { Normal, Error(String), Killed }} (language.md §9). */
  final AdtDef exitReason = new AdtDef("ExitReason", AdtDef.Kind.ENUM, List.of());

  /** {@code enum AIError} of §11, variants in the order AI_CONTRACT.md fixes. */
  final AdtDef aiError = new AdtDef("AIError", AdtDef.Kind.ENUM, List.of());

  /**
   * {@code enum ExtractionError { InvalidFormat(String), MissingRequired(String), Model(AIError) }}
   */
  final AdtDef extractionError = new AdtDef("ExtractionError", AdtDef.Kind.ENUM, List.of());

  /**
   * {@code enum Placement { Any, Spread, BinPacking, Locality(ActorRef) }} (language.md §8): the
   * {@code placement:} hint of {@code spawn .. with}. {@code Locality} takes a ref of any actor
   * type (checked in {@link Calls}); its field type here is {@code ActorRef<Dynamic>}.
   */
  final AdtDef placement = new AdtDef("Placement", AdtDef.Kind.ENUM, List.of());

  /**
   * {@code struct Resources { cpu: i64, memory: String, gpu: i64 }}, built by {@code Resources(cpu:
   * i64 = 1, memory: String = "256MB", gpu: i64 = 0)} (language.md §8).
   */
  final AdtDef resources = new AdtDef("Resources", AdtDef.Kind.STRUCT, List.of());

  /** The defaults of {@code Resources(..)}, in field order. */
  static final List<Object> RESOURCES_DEFAULTS = List.of(1L, "256MB", 0L);

  /** Prelude enums: a user enum's variant of the same name wins over theirs when unqualified. */
  final java.util.Set<AdtDef> preludeEnums;

  Builtins(Checker checker) {
    Type t = new Type.Param("T", List.of());
    Type e = new Type.Param("E", List.of());
    option.variants.add(new AdtDef.VariantDef("Some", false, List.of(""), List.of(t)));
    option.variants.add(new AdtDef.VariantDef("None", false, List.of(), List.of()));
    result.variants.add(new AdtDef.VariantDef("Ok", false, List.of(""), List.of(t)));
    result.variants.add(new AdtDef.VariantDef("Err", false, List.of(""), List.of(e)));
    askError.variants.add(new AdtDef.VariantDef("Timeout", false, List.of(), List.of()));
    askError.variants.add(new AdtDef.VariantDef("ActorDied", false, List.of(), List.of()));
    for (String v :
        List.of("Unavailable", "RateLimited", "Timeout", "ModelNotFound", "InvalidOutput"))
      aiError.variants.add(new AdtDef.VariantDef(v, false, List.of(), List.of()));
    extractionError.variants.add(
        new AdtDef.VariantDef("InvalidFormat", false, List.of(""), List.of(Type.Prim.STRING)));
    extractionError.variants.add(
        new AdtDef.VariantDef("MissingRequired", false, List.of(""), List.of(Type.Prim.STRING)));
    extractionError.variants.add(
        new AdtDef.VariantDef(
            "Model", false, List.of(""), List.of(new Type.Adt(aiError, List.of()))));
    exitReason.variants.add(new AdtDef.VariantDef("Normal", false, List.of(), List.of()));
    exitReason.variants.add(
        new AdtDef.VariantDef("Error", false, List.of(""), List.of(Type.Prim.STRING)));
    exitReason.variants.add(new AdtDef.VariantDef("Killed", false, List.of(), List.of()));
    for (String v : List.of("Any", "Spread", "BinPacking"))
      placement.variants.add(new AdtDef.VariantDef(v, false, List.of(), List.of()));
    placement.variants.add(
        new AdtDef.VariantDef(
            "Locality",
            false,
            List.of(""),
            List.of(
                new Type.Builtin("ActorRef", List.of(new Type.Builtin("Dynamic", List.of()))))));
    resources.variants.add(
        new AdtDef.VariantDef(
            "Resources",
            true,
            List.of("cpu", "memory", "gpu"),
            List.of(Type.Prim.I64, Type.Prim.STRING, Type.Prim.I64)));
    for (AdtDef d : List.of(placement, resources)) {
      checker.typing.adts.add(d);
      checker.adts.put(d.name(), d);
    }
    preludeEnums = java.util.Set.of(exitReason, aiError, extractionError, placement);
    checker.typing.adts.add(exitReason);
    checker.adts.put(exitReason.name(), exitReason);
    checker.typing.adts.add(aiError);
    checker.typing.adts.add(extractionError);
    checker.adts.put(aiError.name(), aiError);
    checker.adts.put(extractionError.name(), extractionError);
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
