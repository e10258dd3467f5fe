package dev.simplex.inference;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the peers that may serve a call and ships it to them, least loaded first, each attempt
 * bounded by the configured timeout. Every failure (unreachable, timed out, a remote error, a
 * malformed reply) becomes an {@link AiException}, so the pool can fall back on one path.
 */
final class RemoteRouter {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRouter.class);

  /** A second peer is worth one more try; beyond that, falling back locally is faster. */
  static final int MAX_ATTEMPTS = 2;

  /** Least queued first; at equal depth a GPU before a CPU before an HTTP provider; then by id. */
  static final Comparator<Candidate> LEAST_LOADED =
      Comparator.comparingInt((Candidate c) -> c.model().queueDepth())
          .thenComparingInt(c -> preference(c.model().device()))
          .thenComparing(Candidate::peerId);

  /** One peer that advertises the wanted model. */
  record Candidate(String peerId, ModelCapacity model) {}

  private static int preference(ModelCapacity.Device device) {
    return switch (device) {
      case GPU -> 0;
      case CPU -> 1;
      case HTTP -> 2;
    };
  }

  private final Routing routing;
  private final BufferAllocator allocator;
  private volatile RemotePool remote = RemotePool.NONE;

  RemoteRouter(Routing routing, BufferAllocator allocator) {
    this.routing = routing;
    this.allocator = allocator;
  }

  void connect(RemotePool remote) {
    this.remote = remote == null ? RemotePool.NONE : remote;
  }

  Routing.Policy policy() {
    return routing.policy();
  }

  /** The peers that advertise {@code model} for {@code task}, best first; none when local-only. */
  List<Candidate> candidates(String model, ModelSpec.Task task) {
    if (routing.policy() == Routing.Policy.LOCAL_ONLY) {
      return List.of();
    }
    List<PeerCapacity> capacities;
    try {
      capacities = remote.capacities();
    } catch (RuntimeException e) {
      // The grid may be between members; without a list the call stays local.
      LOG.debug("no remote capacities: {}", e.toString());
      return List.of();
    }
    return capacities.stream()
        .flatMap(p -> p.serving(model, task).map(m -> new Candidate(p.peerId(), m)).stream())
        .sorted(LEAST_LOADED)
        .toList();
  }

  /** Ships {@code request} to the best candidates in turn; the first good reply wins. */
  <T> CompletableFuture<T> ship(
      List<Candidate> peers, PeerWire.Request request, Function<VectorSchemaRoot, T> read) {
    byte[] bytes;
    try {
      bytes = PeerWire.encode(allocator, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return attempt(peers.subList(0, Math.min(MAX_ATTEMPTS, peers.size())), 0, bytes, request, read);
  }

  private <T> CompletableFuture<T> attempt(
      List<Candidate> peers,
      int i,
      byte[] bytes,
      PeerWire.Request request,
      Function<VectorSchemaRoot, T> read) {
    String peer = peers.get(i).peerId();
    CompletableFuture<byte[]> sent;
    try {
      sent = remote.call(peer, bytes);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> answer =
        sent.orTimeout(routing.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .handle((reply, failure) -> decode(peer, request, reply, failure, read));
    if (i + 1 >= peers.size()) {
      return answer;
    }
    return answer.exceptionallyCompose(
        failure -> {
          LOG.info("peer {} did not serve model '{}': {}", peer, request.model(), message(failure));
          return attempt(peers, i + 1, bytes, request, read);
        });
  }

  private <T> T decode(
      String peer,
      PeerWire.Request request,
      byte[] reply,
      Throwable failure,
      Function<VectorSchemaRoot, T> read) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      if (cause instanceof TimeoutException) {
        throw new AiException(
            AiError.Timeout,
            "peer "
                + peer
                + " did not answer model '"
                + request.model()
                + "' within "
                + routing.timeout().toMillis()
                + " ms (remote_timeout_ms)");
      }
      AiResult<T> err = AiException.toResult(cause);
      throw new AiException(
          ((AiResult.Err<T>) err).error(),
          "peer " + peer + ": " + ((AiResult.Err<T>) err).message());
    }
    AiResult<T> result;
    try {
      result = PeerWire.decodeReply(allocator, reply, read);
    } catch (AiException malformed) {
      result = AiResult.err(malformed.error(), malformed.getMessage());
    }
    return switch (result) {
      case AiResult.Ok<T> ok -> ok.value();
      case AiResult.Err<T> err ->
          throw new AiException(err.error(), "peer " + peer + ": " + err.message());
    };
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String message(Throwable failure) {
    return unwrap(failure).getMessage();
  }
}
