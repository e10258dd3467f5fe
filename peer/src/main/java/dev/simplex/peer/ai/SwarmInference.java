package dev.simplex.peer.ai;

import dev.simplex.gossip.Delivery;
import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.MembershipEvent;
import dev.simplex.gossip.MembershipListener;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.inference.AiError;
import dev.simplex.inference.AiException;
import dev.simplex.inference.InferencePool;
import dev.simplex.inference.PeerCapacity;
import dev.simplex.inference.RemotePool;
import dev.simplex.peer.grid.Grid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's inference pool joined to the swarm's: it publishes the pool's capacity in the grid
 * every period, reads the other peers' entries, and carries shipped calls as INFERENCE envelopes,
 * pairing each reply with its request by a call id. Implements the pool's {@link RemotePool} port;
 * {@link #start} connects the pool, {@link #close} disconnects it.
 */
public final class SwarmInference implements RemotePool, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwarmInference.class);
  public static final Duration PUBLISH_PERIOD = Duration.ofSeconds(1);

  /** A bound of last resort: the pool times calls out sooner, but no entry may stay forever. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private record Pending(String peerId, CompletableFuture<byte[]> reply) {}

  private final SwarmNode node;
  private final CapacityBoard board;
  private final InferencePool pool;
  private final String self;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextCall = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong servedForPeers = new AtomicLong();
  private final AtomicLong shippedToPeers = new AtomicLong();
  private final ScheduledExecutorService ticker;
  private final ExecutorService serving = Executors.newVirtualThreadPerTaskExecutor();
  private final MembershipListener departures = this::onMembership;
  private volatile Map<String, PeerCapacity> published = Map.of();
  private volatile boolean closed;

  private SwarmInference(SwarmNode node, CapacityBoard board, InferencePool pool) {
    this.node = node;
    this.board = board;
    this.pool = pool;
    this.self = node.id().value();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("simplex-ai-capacity-" + self).unstarted(r));
  }

  /** Joins {@code pool} to the swarm of {@code node}, with capacities in {@code grid}. */
  public static SwarmInference start(SwarmNode node, Grid grid, InferencePool pool) {
    return start(node, GridCapacityBoard.of(grid), pool, PUBLISH_PERIOD);
  }

  /**
   * Registers the INFERENCE handler, publishes the first capacity at once (so other peers can route
   * here as soon as this returns) and then every {@code period}, and connects the pool.
   */
  public static SwarmInference start(
      SwarmNode node, CapacityBoard board, InferencePool pool, Duration period) {
    SwarmInference swarm = new SwarmInference(node, board, pool);
    node.onEnvelope(EnvelopeKind.INFERENCE, swarm::onDelivery);
    node.addListener(swarm.departures);
    swarm.publish();
    swarm.ticker.scheduleAtFixedRate(
        swarm::publish, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    pool.connect(swarm);
    return swarm;
  }

  /** The other peers in the current view that published a capacity, as of the last tick. */
  @Override
  public List<PeerCapacity> capacities() {
    var view = node.view();
    return published.values().stream()
        .filter(c -> !c.peerId().equals(self))
        .filter(c -> view.ids().stream().anyMatch(id -> id.value().equals(c.peerId())))
        .toList();
  }

  @Override
  public CompletableFuture<byte[]> call(String peerId, byte[] request) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new AiException(AiError.Unavailable, "peer " + self + " has left the inference pool"));
    }
    long id = nextCall.incrementAndGet();
    shippedToPeers.incrementAndGet();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    pending.put(id, new Pending(peerId, reply));
    reply.whenComplete((r, e) -> pending.remove(id));
    reply.orTimeout(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      byte[] frame = new InferenceFrame(InferenceFrame.Type.REQUEST, id, request).encode();
      if (!node.send(
          new PeerId(peerId), EnvelopeKind.INFERENCE, InferenceFrame.KIND_VERSION, frame)) {
        reply.completeExceptionally(
            new AiException(AiError.Unavailable, "peer " + peerId + " is not in the swarm view"));
      }
    } catch (RuntimeException e) {
      reply.completeExceptionally(
          new AiException(
              AiError.Unavailable,
              "cannot ship the call to peer " + peerId + ": " + e.getMessage()));
    }
    return reply;
  }

  /** Frames that were malformed, or replies nobody waited for, since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Batches other peers shipped here that this peer's pool answered, since start. */
  public long servedForPeers() {
    return servedForPeers.get();
  }

  /** Calls this peer shipped to another peer's pool, since start. */
  public long shippedToPeers() {
    return shippedToPeers.get();
  }

  /** For the admin endpoint's {@code /metrics}. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("servedForPeers", servedForPeers());
    m.put("shippedToPeers", shippedToPeers());
    m.put("dropped", dropped());
    m.put("peersWithModels", capacities().size());
    return m;
  }

  private void onDelivery(Delivery delivery) {
    switch (InferenceFrame.decode(delivery.payload())) {
      case InferenceFrame.Malformed m -> drop(delivery, m.reason());
      case InferenceFrame.Valid v when v.frame().type() == InferenceFrame.Type.REQUEST ->
          serving.execute(() -> answer(delivery.from(), v.frame()));
      case InferenceFrame.Valid v -> {
        Pending p = pending.get(v.frame().callId());
        if (p == null || !p.peerId().equals(delivery.from().value())) {
          drop(delivery, "reply to call " + v.frame().callId() + ", which is not waiting");
        } else {
          p.reply().complete(v.frame().body());
        }
      }
    }
  }

  /** Serves on a virtual thread: the JGroups thread that delivered the request must not wait. */
  private void answer(PeerId from, InferenceFrame request) {
    pool.serve(request.body())
        .thenAccept(
            reply -> {
              servedForPeers.incrementAndGet();
              byte[] frame =
                  new InferenceFrame(InferenceFrame.Type.REPLY, request.callId(), reply).encode();
              try {
                if (!node.send(from, EnvelopeKind.INFERENCE, InferenceFrame.KIND_VERSION, frame)) {
                  LOG.info("peer {} left before its inference reply could be sent", from);
                }
              } catch (RuntimeException e) {
                LOG.info("inference reply to peer {} not sent: {}", from, e.getMessage());
              }
            });
  }

  private void drop(Delivery delivery, String why) {
    dropped.incrementAndGet();
    LOG.debug("dropped an inference frame from peer {}: {}", delivery.from(), why);
  }

  /** A departed peer will not answer: its calls fail now, so the pool falls back at once. */
  private void onMembership(MembershipEvent event) {
    if (event instanceof MembershipEvent.Left left) {
      String gone = left.peer().id().value();
      pending.values().stream()
          .filter(p -> p.peerId().equals(gone))
          .forEach(
              p ->
                  p.reply()
                      .completeExceptionally(
                          new AiException(
                              AiError.Unavailable, "peer " + gone + " left the swarm")));
      Map<String, PeerCapacity> rest = new java.util.HashMap<>(published);
      rest.remove(gone);
      published = Map.copyOf(rest);
    }
  }

  private void publish() {
    try {
      board.publish(pool.capacity(self));
      published = board.all();
    } catch (RuntimeException e) {
      // A grid hiccup (a member leaving mid-call) must not stop later publications.
      if (!closed) LOG.warn("publishing this peer's inference capacity failed: {}", e.toString());
    }
  }

  /** Disconnects the pool, withdraws this peer's entry and fails the calls still waiting. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    ticker.shutdownNow();
    pool.connect(RemotePool.NONE);
    node.removeListener(departures);
    node.onEnvelope(EnvelopeKind.INFERENCE, d -> {});
    try {
      board.remove(self);
    } catch (RuntimeException e) {
      LOG.debug("could not withdraw this peer's inference capacity: {}", e.toString());
    }
    pending
        .values()
        .forEach(
            p ->
                p.reply()
                    .completeExceptionally(
                        new AiException(AiError.Unavailable, "this peer is leaving the swarm")));
    serving.shutdown();
  }
}
