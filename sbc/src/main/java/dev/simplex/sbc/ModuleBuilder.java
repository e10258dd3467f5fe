package dev.simplex.sbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles an {@link SbcModule}: a deduplicated constant pool, type definitions and functions that
 * may be declared (for calls) before their bodies are defined.
 */
public final class ModuleBuilder {
  private final List<Constant> constants = new ArrayList<>();
  private final Map<Constant, Integer> constantIndex = new HashMap<>();
  private final List<TypeDef> types = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<Integer> paramCounts = new ArrayList<>();
  private final List<SbcFunction> bodies = new ArrayList<>();
  private final List<ActorDef> actors = new ArrayList<>();

  /** Adds an actor's schema (checked with the module: indices, kinds, parameter counts). */
  public void actor(ActorDef a) {
    actors.add(a);
  }

  public int constant(Constant c) {
    return constantIndex.computeIfAbsent(
        c,
        k -> {
          constants.add(k);
          return constants.size() - 1;
        });
  }

  public int type(TypeDef t) {
    int i = types.indexOf(t);
    if (i >= 0) return i;
    types.add(t);
    return types.size() - 1;
  }

  public int declareFunction(String name, int paramCount) {
    names.add(name);
    paramCounts.add(paramCount);
    bodies.add(null);
    return names.size() - 1;
  }

  public int paramCount(int function) {
    return paramCounts.get(function);
  }

  public String functionName(int function) {
    return names.get(function);
  }

  List<Constant> constants() {
    return constants;
  }

  List<TypeDef> types() {
    return types;
  }

  int[] paramCountArray() {
    return paramCounts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The body of a function defined so far, or null. */
  SbcFunction defined(int function) {
    return function >= 0 && function < bodies.size() ? bodies.get(function) : null;
  }

  void define(int function, SbcFunction body) {
    if (bodies.get(function) != null) {
      throw new IllegalStateException("function `" + names.get(function) + "` is defined twice");
    }
    bodies.set(function, body);
  }

  public SbcModule build(int entry, String sourceFile) {
    for (int i = 0; i < bodies.size(); i++) {
      if (bodies.get(i) == null) {
        throw new IllegalStateException(
            "function `" + names.get(i) + "` was declared but not defined");
      }
    }
    SbcModule m = new SbcModule(constants, types, actors, bodies, entry, sourceFile);
    try {
      ActorDef.verify(m);
    } catch (SbcFormatException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return m;
  }
}
