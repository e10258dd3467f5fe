package dev.simplex.peer.vm;

import dev.simplex.sbc.ActorDef;
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
  private final ActorDef schema;

  /** The schema's members by name, looked up for every message. */
  private final java.util.Map<String, ActorDef.Member> members = new java.util.HashMap<>();

  private final ConcurrentHashMap<String, Integer> indices = new ConcurrentHashMap<>();

  ActorType(String name, SbcModule module, Vm vm) {
    this.name = name;
    this.module = module;
    this.vm = vm;
    this.schema = module.actor(name).orElse(null);
    if (schema != null) for (ActorDef.Member m : schema.members()) members.put(m.name(), m);
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

  /**
   * The index of member {@code m}'s function in the module, or -1 when it has none: from the
   * module's actor schema (docs/sbc-format.md, "actors"); by the function's name {@code A::m} only
   * for a module without one (assembled by hand).
   */
  int index(String m) {
    // a handler's name is the module's constant: the same string for every message it gets
    Hit hit = last;
    if (hit != null && hit.name == m) return hit.index;
    int found = lookup(m);
    last = new Hit(m, found);
    return found;
  }

  /** The member looked up last; racy but always a consistent pair. */
  private Hit last;

  private record Hit(String name, int index) {}

  private int lookup(String m) {
    Integer i = indices.get(m);
    if (i == null) {
      i =
          schema == null
              ? vm.functionIndex(member(m))
              : members.containsKey(m) ? members.get(m).function() : -1;
      indices.putIfAbsent(m, i);
    }
    return i;
  }

  /**
   * Why a message named {@code name} with {@code arity} arguments does not fit this actor's schema
   * (no such message, or another number of parameters), or null when it fits. Without a schema, a
   * message fits when a function of that name exists.
   */
  String misfit(String name, int arity) {
    if (schema == null)
      return index(name) >= 0 ? null : "`" + this.name + "` has no `" + name + "`";
    var member = members.get(name);
    if (member == null || member.kind() != ActorDef.MemberKind.MESSAGE)
      return "`" + this.name + "` has no message `" + name + "`";
    if (member.paramNames().size() != arity)
      return "message `"
          + name
          + "` of `"
          + this.name
          + "` takes "
          + member.paramNames().size()
          + " arguments, not "
          + arity;
    return null;
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
