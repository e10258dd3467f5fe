package dev.simplex.peer.vm;

import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;

/** A compiled actor type: its name and the module (and executor) holding its members. */
record ActorType(String name, SbcModule module, Vm vm) {
  /** The function that implements member {@code m}: {@code A::m}. */
  String member(String m) {
    return name + "::" + m;
  }

  /** Whether the actor declares the (optional) member, such as {@code init} or a hook. */
  boolean has(String m) {
    return module.indexOf(member(m)) >= 0;
  }
}
