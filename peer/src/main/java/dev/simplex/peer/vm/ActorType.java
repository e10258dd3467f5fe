package dev.simplex.peer.vm;

import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled actor type: its name and the module (and executor) holding its members. Remembers
 * where each member's function is, so a message costs no name building or lookup by string.
 */
final class ActorType {
  private final String name;
  private final SbcModule module;
  private final Vm vm;
  private final ConcurrentHashMap<String, Integer> indices = new ConcurrentHashMap<>();

  ActorType(String name, SbcModule module, Vm vm) {
    this.name = name;
    this.module = module;
    this.vm = vm;
  }

  String name() {
    return name;
  }

  SbcModule module() {
    return module;
  }

  Vm vm() {
    return vm;
  }

  /** The function that implements member {@code m}: {@code A::m}. */
  String member(String m) {
    return name + "::" + m;
  }

  /** The index of member {@code m}'s function in the module, or -1 when it has none. */
  int index(String m) {
    Integer i = indices.get(m);
    if (i == null) {
      i = vm.functionIndex(member(m));
      indices.putIfAbsent(m, i);
    }
    return i;
  }

  /** Whether the actor declares the (optional) member, such as {@code init} or a hook. */
  boolean has(String m) {
    return index(m) >= 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
