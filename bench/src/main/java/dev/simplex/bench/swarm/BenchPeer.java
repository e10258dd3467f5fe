package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.route.BehaviorRegistry;
import dev.simplex.peer.route.JavaSerialCodec;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.swarm.LoadProbe;
import dev.simplex.peer.swarm.PeerSettings;
import dev.simplex.peer.swarm.SwarmPeer;

/** One peer of the benchmark: a {@link SwarmPeer} with its actor system and swarm router. */
record BenchPeer(SwarmPeer peer, ActorSystem system, SwarmActors actors) implements AutoCloseable {

  /**
   * Starts a peer that can host {@link Sink}s, {@link Ballast}s and {@link Sequence}s; returns once
   * it is up.
   */
  static BenchPeer start(PeerSettings settings) {
    SwarmPeer peer = SwarmPeer.start(settings, LoadProbe.IDLE, new LogTail(100));
    ActorSystem system = new ActorSystem();
    try {
      BehaviorRegistry registry =
          new BehaviorRegistry()
              .register(Sink.TYPE, args -> new Sink())
              .register(Ballast.TYPE, Ballast::new)
              .register(Sequence.TYPE, args -> new Sequence());
      SwarmActors actors =
          SwarmActors.start(peer.node(), peer.grid(), system, registry, JavaSerialCodec.allowing());
      return new BenchPeer(peer, system, actors);
    } catch (RuntimeException e) {
      system.shutdown();
      peer.close();
      throw e;
    }
  }

  /** How many peers this one sees: in its JGroups view and in its grid. */
  boolean sees(int members) {
    return peer.node().view().size() == members && peer.grid().memberCount() == members;
  }

  @Override
  public void close() {
    try {
      actors.close();
      system.shutdown();
    } finally {
      peer.close();
    }
  }
}
