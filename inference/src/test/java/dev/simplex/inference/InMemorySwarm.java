package dev.simplex.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Pools of one JVM wired to each other through {@link RemotePool} ports, as the peer wires them
 * over its swarm: each port lists the other pools' capacities and ships bytes to their {@code
 * serve}. Tests can cut a peer off, make it hang, or replace its replies.
 */
final class InMemorySwarm {
  private final Map<String, InferencePool> pools = new ConcurrentHashMap<>();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** How a peer answers shipped calls. */
  sealed interface Behaviour {}

  record Serves() implements Behaviour {}

  record Unreachable() implements Behaviour {}

  record Hangs() implements Behaviour {}

  record Garbles(UnaryOperator<byte[]> reply) implements Behaviour {}

  void add(String peerId, InferencePool pool) {
    pools.put(peerId, pool);
    behaviours.put(peerId, new Serves());
    pool.connect(portOf(peerId));
  }

  void remove(String peerId) {
    pools.remove(peerId);
  }

  void behave(String peerId, Behaviour b) {
    behaviours.put(peerId, b);
  }

  RemotePool portOf(String self) {
    return new RemotePool() {
      @Override
      public List<PeerCapacity> capacities() {
        List<PeerCapacity> out = new ArrayList<>();
        pools.forEach(
            (id, pool) -> {
              if (!id.equals(self)) {
                out.add(pool.capacity(id));
              }
            });
        return out;
      }

      @Override
      public CompletableFuture<byte[]> call(String peerId, byte[] request) {
        calls.add(self + "->" + peerId);
        InferencePool target = pools.get(peerId);
        if (target == null) {
          return CompletableFuture.failedFuture(
              new AiException(AiError.Unavailable, "peer " + peerId + " has left"));
        }
        return switch (behaviours.get(peerId)) {
          case Serves s -> target.serve(request);
          case Unreachable u ->
              CompletableFuture.failedFuture(
                  new AiException(AiError.Unavailable, "peer " + peerId + " is unreachable"));
          case Hangs h -> new CompletableFuture<>();
          case Garbles g -> target.serve(request).thenApply(g.reply());
        };
      }
    };
  }
}
