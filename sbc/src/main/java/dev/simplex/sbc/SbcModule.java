package dev.simplex.sbc;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory program: constant pool, type definitions and functions, one of which is the entry
 * ({@code main}). Immutable. Each function is named by the SHA-256 of its canonical bytecode,
 * computed here once ({@link ContentHasher}).
 */
public final class SbcModule {
  private final List<Constant> constants;
  private final List<TypeDef> types;
  private final List<SbcFunction> functions;
  private final int entry;
  private final String sourceFile;
  private final List<byte[]> hashes;
  private final List<ActorDef> actors;
  private final java.util.Map<String, java.util.Set<Integer>> messageArities;

  public SbcModule(
      List<Constant> constants,
      List<TypeDef> types,
      List<SbcFunction> functions,
      int entry,
      String sourceFile) {
    this(constants, types, List.of(), functions, entry, sourceFile);
  }

  /** A module with actor schemas ({@link ActorDef}), as the compiler builds them. */
  public SbcModule(
      List<Constant> constants,
      List<TypeDef> types,
      List<ActorDef> actors,
      List<SbcFunction> functions,
      int entry,
      String sourceFile) {
    this.constants = List.copyOf(constants);
    this.types = List.copyOf(types);
    this.actors = List.copyOf(actors);
    java.util.Map<String, java.util.Set<Integer>> arities = new java.util.HashMap<>();
    for (ActorDef a : this.actors)
      for (ActorDef.Member m : a.members())
        if (m.kind() == ActorDef.MemberKind.MESSAGE)
          arities
              .computeIfAbsent(m.name(), k -> new java.util.TreeSet<>())
              .add(m.paramNames().size());
    arities.replaceAll((k, v) -> java.util.Set.copyOf(v));
    this.messageArities = java.util.Map.copyOf(arities);
    this.functions = List.copyOf(functions);
    this.entry = entry;
    this.sourceFile = sourceFile;
    this.hashes = ContentHasher.hashAll(this.constants, this.types, this.functions);
  }

  public List<Constant> constants() {
    return constants;
  }

  public List<TypeDef> types() {
    return types;
  }

  /** The actor and supervisor schemas, in declaration order. */
  public List<ActorDef> actors() {
    return actors;
  }

  /**
   * Every message name some actor of the module takes, with the parameter counts it is declared
   * with (one message name may belong to several actors); computed once, for checking messages that
   * arrive from other peers.
   */
  public java.util.Map<String, java.util.Set<Integer>> messageArities() {
    return messageArities;
  }

  /** The schema of the actor (or supervisor) type named {@code name}, if the module has one. */
  public Optional<ActorDef> actor(String name) {
    for (ActorDef a : actors)
      if (types.get(a.stateType()).name().equals(name)) return Optional.of(a);
    return Optional.empty();
  }

  public List<SbcFunction> functions() {
    return functions;
  }

  /** Index of the entry function in {@link #functions()}. */
  public int entry() {
    return entry;
  }

  /** The source file recorded in the debug info (empty when absent). */
  public String sourceFile() {
    return sourceFile;
  }

  /** The content hash (32 bytes) of function {@code index}. */
  public byte[] hash(int index) {
    return hashes.get(index).clone();
  }

  public String hashHex(int index) {
    return HexFormat.of().formatHex(hashes.get(index));
  }

  public Optional<SbcFunction> function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public int indexOf(String name) {
    for (int i = 0; i < functions.size(); i++) {
      if (functions.get(i).name().equals(name)) return i;
    }
    return -1;
  }
}
