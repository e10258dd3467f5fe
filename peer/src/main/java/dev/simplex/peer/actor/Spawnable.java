package dev.simplex.peer.actor;

/** Something {@link ActorSystem#spawn} can start: a plain actor or a supervisor. */
public sealed interface Spawnable permits ActorSpec, SupervisorSpec {
  /** The type name shown in refs, diagnostics and dead letters, and compared by named lookups. */
  String typeName();
}
