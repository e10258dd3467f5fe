package dev.simplex.compiler;

import dev.simplex.sbc.IntKind;
import java.util.List;
import java.util.stream.Collectors;

/** Static types (language.md §2). Inference variables are solved by the checker's substitution. */
sealed interface Type {
  enum Prim implements Type {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    BOOL,
    CHAR,
    UNIT,
    STRING,
    NEVER;

    boolean isInt() {
      return ordinal() <= U64.ordinal();
    }

    boolean isFloat() {
      return this == F32 || this == F64;
    }

    boolean isNumeric() {
      return isInt() || isFloat();
    }

    IntKind intKind() {
      return IntKind.valueOf(name());
    }

    @Override
    public String toString() {
      return switch (this) {
        case BOOL -> "Bool";
        case CHAR -> "Char";
        case UNIT -> "()";
        case STRING -> "String";
        case NEVER -> "!";
        default -> name().toLowerCase();
      };
    }
  }

  record Fn(List<Type> params, Type ret) implements Type {
    @Override
    public String toString() {
      String ps = params.stream().map(Object::toString).collect(Collectors.joining(", "));
      return ret == Prim.UNIT ? "fn(" + ps + ")" : "fn(" + ps + ") -> " + ret;
    }
  }

  record Tuple(List<Type> parts) implements Type {
    @Override
    public String toString() {
      String ps = parts.stream().map(Object::toString).collect(Collectors.joining(", "));
      return parts.size() == 1 ? "(" + ps + ",)" : "(" + ps + ")";
    }
  }

  /** A built-in generic collection or wrapper: List, Map, Set, Range. */
  record Builtin(String name, List<Type> args) implements Type {
    @Override
    public String toString() {
      if (args.isEmpty()) return name; // Duration, Vector, Instant, Dynamic
      return name
          + "<"
          + args.stream().map(Object::toString).collect(Collectors.joining(", "))
          + ">";
    }
  }

  /** A user or built-in algebraic type (struct or enum, including Option and Result). */
  record Adt(AdtDef def, List<Type> args) implements Type {
    @Override
    public String toString() {
      if (args.isEmpty()) return def.name();
      return def.name()
          + "<"
          + args.stream().map(Object::toString).collect(Collectors.joining(", "))
          + ">";
    }
  }

  /** A generic type parameter inside a generic body. */
  record Param(String name, List<String> bounds) implements Type {
    /** A parameter is identified by its name; bounds are what its declaration says about it. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Param p && p.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** An inference variable. */
  record Var(int id) implements Type {
    @Override
    public String toString() {
      return "_";
    }
  }

  record Ref(boolean mut, Type inner) implements Type {
    @Override
    public String toString() {
      return (mut ? "&mut " : "&") + inner;
    }
  }

  /** The type of an expression that already produced an error; unifies with everything silently. */
  enum Error implements Type {
    INSTANCE;

    @Override
    public String toString() {
      return "{error}";
    }
  }

  /** Whether values of this type live in the long half of a stack slot at run time. */
  static boolean isPrim(Type t) {
    return t instanceof Prim p && p != Prim.STRING;
  }

  static Type list(Type elem) {
    return new Builtin("List", List.of(elem));
  }
}
