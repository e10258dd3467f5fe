package dev.simplex.inference;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which a pool reaches the other peers' pools; the peer implements it over its
 * swarm transport. Requests and replies are Arrow IPC stream bytes made and read by the pools
 * themselves ({@link InferencePool#serve} on the far side), so the transport only carries bytes.
 */
public interface RemotePool {

  /** What the other peers (never this one) last published about their pools. */
  List<PeerCapacity> capacities();

  /**
   * Ships one request to {@code peerId}'s pool. The future completes with the reply bytes, or
   * exceptionally (an {@link AiException} says why) when the peer cannot be reached; the pool
   * bounds the wait with its own timeout, so the port need not.
   */
  CompletableFuture<byte[]> call(String peerId, byte[] request);

  /** A pool that is alone: no peers, every call fails. */
  RemotePool NONE =
      new RemotePool() {
        @Override
        public List<PeerCapacity> capacities() {
          return List.of();
        }

        @Override
        public CompletableFuture<byte[]> call(String peerId, byte[] request) {
          return CompletableFuture.failedFuture(
              new AiException(AiError.Unavailable, "this peer is not connected to a swarm"));
        }
      };
}
