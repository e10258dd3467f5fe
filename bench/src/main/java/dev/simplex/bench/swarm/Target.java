package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.route.SwarmRef;

/** Where a driver's messages go: an actor of its own system, or one on another peer. */
sealed interface Target {
  void send(Object message);

  Object ask(Object message);

  /** Both actors in one {@link ActorSystem}: no encoding, no network. */
  record Local(ActorSystem system, ActorRef ref) implements Target {
    @Override
    public void send(Object message) {
      system.send(ref, message);
    }

    @Override
    public Object ask(Object message) {
      return system.ask(ref, message);
    }
  }

  /** Through the swarm router: encoded, sent on the actor's ordered lane to its host peer. */
  record Remote(SwarmActors actors, SwarmRef ref) implements Target {
    @Override
    public void send(Object message) {
      actors.send(ref, message);
    }

    @Override
    public Object ask(Object message) {
      return actors.ask(ref, message);
    }
  }
}
