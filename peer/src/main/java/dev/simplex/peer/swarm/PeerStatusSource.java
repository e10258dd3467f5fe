package dev.simplex.peer.swarm;

import dev.simplex.gossip.MembershipEvent;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.PeerInfo;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.gossip.SwarmView;
import dev.simplex.gossip.TransportMetrics;
import dev.simplex.peer.admin.AdminSource;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.admin.PeerRow;
import dev.simplex.peer.admin.SwarmStatus;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.route.ActorId;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.vm.VmSwarm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The admin endpoint's view of this peer and its swarm: members from the JGroups view (the single
 * source of membership), load from the grid, health from {@link Liveness}.
 */
final class PeerStatusSource implements AdminSource {
  static final long STALE_AFTER_MS = 5_000;

  private final SwarmNode node;
  private final Grid grid;
  private final LoadBoard board;
  private final LogTail logs;
  private final LongSupplier clockMillis;
  private final Liveness liveness = new Liveness(STALE_AFTER_MS);
  private final SubmittedPrograms programs;

  private final SwarmActors actors;

  private volatile java.util.function.Supplier<Map<String, Object>> aiMetrics;

  private volatile LongSupplier ownActors;

  /**
   * This peer's own actor count, read live for its row of {@code /status} and {@code /actors}: the
   * published load is up to a tick old, and a user asking a peer what it hosts expects what it
   * hosts now (other peers' rows are their last published samples).
   */
  void countOwnActorsWith(LongSupplier count) {
    ownActors = count;
  }

  /** What the peer's AI pool reports under {@code "ai"} in {@code /metrics}. */
  void reportAi(java.util.function.Supplier<Map<String, Object>> metrics) {
    aiMetrics = metrics;
  }

  PeerStatusSource(
      SwarmNode node,
      Grid grid,
      LoadBoard board,
      LogTail logs,
      LongSupplier clockMillis,
      VmSwarm vm,
      SwarmActors actors) {
    this.actors = actors;
    this.node = node;
    this.grid = grid;
    this.board = board;
    this.logs = logs;
    this.clockMillis = clockMillis;
    this.programs = new SubmittedPrograms(vm);
  }

  /** {@code swarm migrate}: any actor, from any peer; a failed move leaves it where it was. */
  @Override
  public Map<String, Object> migrate(String actorId, String toPeer) {
    ActorId id;
    try {
      id = new ActorId(actorId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad actor id: " + e.getMessage());
    }
    return actors.migrate(id, toPeer).toMap();
  }

  /** What a drained peer does once its actors moved: leave the swarm (set by its owner). */
  private volatile Runnable afterDrain = () -> {};

  void afterDrain(Runnable leave) {
    this.afterDrain = leave;
  }

  /** {@code swarm drain}: from any peer; the drained one moves its actors, then leaves. */
  @Override
  public Map<String, Object> drain(String peerId) {
    String self = node.id().value();
    if (peerId.equals(self)) {
      Map<String, Object> result = actors.drain().toMap(self);
      // after the reply is on its way: the leave closes this endpoint too
      Thread.ofPlatform()
          .name("simplex-drained-leave")
          .start(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                afterDrain.run();
              });
      return result;
    }
    var target =
        node.view()
            .member(new dev.simplex.gossip.PeerId(peerId))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "peer " + peerId + " is not in the swarm view " + node.view().ids()));
    try {
      Object reply =
          new dev.simplex.peer.admin.AdminClient(
                  new dev.simplex.gossip.HostPort(target.host(), target.adminPort()),
                  java.time.Duration.ofSeconds(5))
              .postJson(
                  "/drain?peer="
                      + java.net.URLEncoder.encode(peerId, java.nio.charset.StandardCharsets.UTF_8),
                  java.time.Duration.ofMinutes(5));
      if (!(reply instanceof Map<?, ?> m))
        throw new IllegalStateException("peer " + peerId + " answered " + reply);
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      return typed;
    } catch (dev.simplex.peer.admin.AdminClient.AdminException e) {
      throw new IllegalStateException("peer " + peerId + ": " + e.getMessage());
    }
  }

  @Override
  public Program submit(byte[] program) {
    return programs.prepare(program);
  }

  /** Keeps liveness in step with failure detection and views. */
  void onMembership(MembershipEvent event) {
    switch (event) {
      case MembershipEvent.Suspected s -> {
        // A suspicion can arrive after the view that removed the peer; only members count.
        if (node.view().contains(s.peer().id())) liveness.suspect(s.peer().id().value());
      }
      case MembershipEvent.ViewInstalled v ->
          liveness.retainMembers(v.view().ids().stream().map(PeerId::value).toList());
      case MembershipEvent.Joined j -> liveness.forget(j.peer().id().value());
      case MembershipEvent.Left l -> liveness.forget(l.peer().id().value());
    }
  }

  /**
   * Called every load tick, so a member that stops publishing turns stale even if nobody asked for
   * the status while it was still fresh.
   */
  void refreshLiveness() {
    status();
  }

  @Override
  public SwarmStatus status() {
    SwarmView view = node.view();
    Map<String, PeerLoad> loads = board.all();
    long now = clockMillis.getAsLong();
    List<PeerRow> rows = new ArrayList<>();
    for (PeerInfo member : view.members()) {
      String id = member.id().value();
      PeerLoad load = loads.get(id);
      String health =
          liveness.health(
              id, load == null ? OptionalLong.empty() : OptionalLong.of(load.sequence()), now);
      String address = load != null ? load.address() : member.host();
      boolean self = member.id().equals(node.id());
      LongSupplier own = ownActors;
      rows.add(
          load == null
              ? new PeerRow(
                  id,
                  address,
                  health,
                  self,
                  self && own != null ? own.getAsLong() : 0,
                  0,
                  0,
                  -1,
                  0,
                  0)
              : new PeerRow(
                  id,
                  address,
                  health,
                  self,
                  self && own != null ? own.getAsLong() : load.actors(),
                  load.messagesPerSecond(),
                  load.checkpointsPerMinute(),
                  load.cpu(),
                  load.heapUsed(),
                  load.heapMax()));
    }
    return new SwarmStatus(node.swarmName(), node.id().value(), view.id(), rows);
  }

  @Override
  public Map<String, Object> metrics() {
    TransportMetrics t = node.metrics();
    Map<String, Object> transport = new LinkedHashMap<>();
    transport.put("sent", t.sent());
    transport.put("unroutable", t.unroutable());
    transport.put("delivered", t.delivered());
    transport.put("droppedMalformed", t.droppedMalformed());
    transport.put("droppedUnknownKind", t.droppedUnknownKind());
    transport.put("droppedUnsupportedVersion", t.droppedUnsupportedVersion());
    transport.put("droppedNoHandler", t.droppedNoHandler());
    transport.put("handlerFailures", t.handlerFailures());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("peer", node.id().value());
    m.put("swarm", node.swarmName());
    m.put("view", node.view().id());
    m.put("swarmMembers", node.view().size());
    m.put("gridMembers", grid.memberCount());
    m.put("gridSafe", grid.isSafe());
    m.put("transport", transport);
    var ai = aiMetrics;
    if (ai != null) m.put("ai", ai.get());
    return m;
  }

  @Override
  public Map<String, Object> replicas() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("standbys", actors.standbys());
    m.put("warmCopies", actors.warmCopies());
    return m;
  }

  @Override
  public LogTail logs() {
    return logs;
  }
}
