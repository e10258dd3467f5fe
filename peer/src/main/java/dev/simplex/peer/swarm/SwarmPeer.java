package dev.simplex.peer.swarm;

import dev.simplex.gossip.MembershipEvent;
import dev.simplex.gossip.PeerInfo;
import dev.simplex.gossip.SwarmConfig;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.gossip.SwarmView;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.admin.AdminServer;
import dev.simplex.peer.admin.AdminSource;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.GridConfig;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.vm.VmSwarm;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running peer: its swarm membership (JGroups, the single source of who is in), its grid member
 * (Hazelcast, following that view), its load published in the grid every second, and its admin
 * endpoint. {@link #start} returns once all four are up; {@link #close} leaves in reverse order.
 */
public final class SwarmPeer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwarmPeer.class);
  static final long LOAD_PERIOD_MS = 1_000;

  private final SwarmNode node;
  private final Grid grid;
  private final LoadBoard board;
  private final AdminServer admin;
  private final PeerStatusSource source;
  private final ScheduledExecutorService ticker;
  private final ActorSystem system;
  private final VmSwarm vm;
  private final SwarmActors actors;
  private volatile boolean closed;
  private volatile java.util.function.IntSupplier gpus = () -> 0;

  private SwarmPeer(
      SwarmNode node,
      Grid grid,
      LoadBoard board,
      AdminServer admin,
      PeerStatusSource source,
      ScheduledExecutorService ticker,
      ActorSystem system,
      VmSwarm vm,
      SwarmActors actors) {
    this.system = system;
    this.vm = vm;
    this.actors = actors;
    this.node = node;
    this.grid = grid;
    this.board = board;
    this.admin = admin;
    this.source = source;
    this.ticker = ticker;
  }

  /** How long a restarted peer waits for the swarm to let its previous incarnation go. */
  static final java.time.Duration PREVIOUS_INCARNATION_WAIT = java.time.Duration.ofSeconds(30);

  /** After the previous incarnation left the view: the survivors evicting it from their grid. */
  static final long GRID_EVICTION_GRACE_MILLIS = 2_000;

  /**
   * A peer restarted at once after a crash (a service manager's {@code Restart=always}) can find
   * its previous incarnation still in the swarm view: the survivors have not detected its death
   * yet. Joining the grid then puts a new grid member at the dead one's address while the others
   * still count the dead one as the owner of partitions, and grid entries were lost (about one run
   * in three of NetnsChaosTest with immediate restarts). So the peer waits, before it joins the
   * grid, until the view no longer lists another incarnation of its id, and then for the survivors
   * to evict it from their grid (they do on its leaving the view). After {@code limit} it goes on
   * with a warning: two live processes with the same peer id are a misconfiguration, which the
   * swarm layer reports too.
   */
  static void awaitPreviousIncarnation(SwarmNode node, java.time.Duration limit) {
    String mine = node.self().jgroupsAddress();
    long deadline = System.nanoTime() + limit.toNanos();
    boolean waited = false;
    try {
      while (node.peers().stream()
          .anyMatch(p -> p.id().equals(node.id()) && !p.jgroupsAddress().equals(mine))) {
        if (!waited)
          LOG.info(
              "peer {}: the swarm still lists this peer's previous incarnation; waiting for it to"
                  + " be let go before joining the grid",
              node.id());
        waited = true;
        if (System.nanoTime() - deadline > 0) {
          LOG.warn(
              "peer {}: another member of the swarm still claims this peer id after {} s;"
                  + " joining the grid anyway",
              node.id(),
              limit.toSeconds());
          return;
        }
        Thread.sleep(100);
      }
      if (waited) {
        Thread.sleep(GRID_EVICTION_GRACE_MILLIS);
        LOG.info("peer {}: the previous incarnation is gone; joining the grid", node.id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts a peer. Ports are settled before joining so the view advertises them: the admin endpoint
   * is bound first, the grid port picked next, then the swarm is joined and the grid started with
   * the view as its member list.
   *
   * @throws IllegalArgumentException for settings that cannot work here (naming the flag)
   * @throws java.io.UncheckedIOException when the admin address or data directory cannot be used
   * @throws dev.simplex.gossip.SwarmException when the swarm cannot be joined
   */
  public static SwarmPeer start(PeerSettings settings, LoadProbe probe, LogTail logs) {
    long started = System.nanoTime();
    var id = settings.peerId().orElseGet(() -> PeerIdFile.loadOrCreate(settings.dataDir()));
    AdminServer admin =
        AdminServer.bind(new InetSocketAddress(settings.adminHost(), settings.adminPort()));
    SwarmNode node = null;
    Grid grid = null;
    SwarmPeer peer = null;
    try {
      int gridPort = GridPorts.choose(settings.gridPort(), settings.port());
      SwarmConfig config =
          SwarmConfig.forSwarm(settings.swarm())
              .withPeerId(id)
              .withBind(settings.bind(), settings.port())
              .withDiscovery(settings.discovery())
              .withSecret(settings.secret().orElse(null))
              .withAdvertised("", gridPort, admin.address().getPort());
      node = SwarmNode.join(config);
      node.addListener(SwarmPeer::logMembership);
      awaitPreviousIncarnation(node, PREVIOUS_INCARNATION_WAIT);
      long joinedAt = System.nanoTime();
      SwarmNode joined = node;
      String host = node.self().host();
      grid =
          startGrid(
              new GridConfig(
                  settings.swarm(),
                  host,
                  gridPort,
                  settings.gridBackups(),
                  settings.gridMinMembers()),
              joined);
      // the grid follows the swarm view out as well as in: a peer JGroups excluded (verified
      // suspicion or a clean leave) leaves the grid at once, not after Hazelcast's own heartbeat
      // timeout, so the survivors' grid operations (failover's placement CAS) do not wait on it
      Grid followed = grid;
      node.addListener(
          event -> {
            if (event instanceof MembershipEvent.Left l)
              followed.evict(l.peer().host(), l.peer().hazelcastPort(), "left the swarm view");
          });
      if (settings.checkpointS3().isPresent()) {
        // actor checkpoints also go to the bucket: they outlive every peer and the grid
        var bucket = dev.simplex.checkpoint.s3.S3ObjectStore.open(settings.checkpointS3().get());
        grid.keepCheckpointsIn(new dev.simplex.peer.grid.CheckpointObjects(bucket));
        LOG.info("actor checkpoints also go to {}", bucket.location());
      }
      LoadBoard board = LoadBoard.of(grid);
      // the actors this peer hosts: compiled ones from any submitted program, found by code hash
      var vmHolder = new java.util.concurrent.atomic.AtomicReference<VmSwarm>();
      ActorSystem system =
          new ActorSystem(
              ActorSystem.Options.defaults()
                  .withErrors(VmSwarm.errors(vmHolder::get, line -> LOG.warn("{}", line)))
                  .withMessageType(VmSwarm::messageName));
      VmSwarm vm = new VmSwarm(grid, system);
      vmHolder.set(vm);
      SwarmActors actors = SwarmActors.start(node, grid, system, vm.registry(), vm.codec());
      vm.attach(actors);
      if (settings.rebalance()) actors.rebalance();
      var source =
          new PeerStatusSource(node, grid, board, logs, System::currentTimeMillis, vm, actors);
      node.addListener(source::onMembership);
      ScheduledExecutorService ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("simplex-load-" + id).unstarted(r));
      peer = new SwarmPeer(node, grid, board, admin, source, ticker, system, vm, actors);
      SwarmPeer drained = peer;
      source.afterDrain(
          () -> {
            LOG.info("drained: leaving swarm '{}'", settings.swarm());
            drained.close();
          });
      // the daemon's own actors count unless the caller measures load itself
      SwarmPeer self = peer;
      LoadProbe counted = probe;
      LoadProbe measured =
          new LoadProbe() {
            @Override
            public long actorCount() {
              return counted != LoadProbe.IDLE ? counted.actorCount() : actors.hostedCount();
            }

            @Override
            public long messagesProcessed() {
              return counted.messagesProcessed();
            }

            @Override
            public long checkpointsWritten() {
              return counted.checkpointsWritten();
            }

            @Override
            public dev.simplex.peer.route.Resources reserved() {
              return actors.reserved();
            }

            @Override
            public int gpus() {
              return self.gpus.getAsInt();
            }
          };
      source.countOwnActorsWith(measured::actorCount);
      peer.publishLoadEvery(
          new LoadSampler(id.value(), node.localAddress().toString(), measured, System.nanoTime()));
      admin.serve(source);
      LOG.info(
          "peer {} is up in swarm '{}' (swarm view in {} ms, grid in {} more ms): transport {},"
              + " grid {}:{} ({} members), admin {}:{}; members {}",
          id,
          settings.swarm(),
          (joinedAt - started) / 1_000_000,
          (System.nanoTime() - joinedAt) / 1_000_000,
          node.localAddress(),
          host,
          gridPort,
          grid.memberCount(),
          admin.address().getHostString(),
          admin.address().getPort(),
          node.view().ids());
      return peer;
    } catch (RuntimeException e) {
      if (peer != null) {
        peer.close();
      } else {
        if (grid != null) grid.close();
        if (node != null) node.close();
        admin.close();
      }
      throw e;
    }
  }

  private static Grid startGrid(GridConfig config, SwarmNode node) {
    try {
      return Grid.start(config, () -> gridAddresses(node.view()));
    } catch (RuntimeException e) {
      // Hazelcast's own exceptions carry a stack of internals; the user needs the cause and a way
      // out.
      throw new GridStartException(
          "the data grid cannot start on "
              + config.bindHost()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "); pick another --grid-port",
          e);
    }
  }

  /** The grid member could not start; the message names the address and the flag to change. */
  public static final class GridStartException extends RuntimeException {
    GridStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The grid member list: every view member that advertises a grid port, in view order. */
  static List<InetSocketAddress> gridAddresses(SwarmView view) {
    return view.members().stream()
        .filter(p -> p.hazelcastPort() > 0 && !p.host().isEmpty())
        .map(p -> new InetSocketAddress(p.host(), p.hazelcastPort()))
        .toList();
  }

  private void publishLoadEvery(LoadSampler sampler) {
    board.publish(sampler.sample(System.nanoTime()));
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            // a draining peer withdraws its load: placement only picks peers that publish one
            if (actors.draining()) board.remove(node.id().value());
            else board.publish(sampler.sample(System.nanoTime()));
            pruneDeparted();
            source.refreshLiveness();
          } catch (RuntimeException e) {
            // A grid hiccup (e.g. a member leaving mid-call) must not stop later publications.
            if (!closed) LOG.warn("publishing this peer's load failed: {}", e.toString());
          }
        },
        LOAD_PERIOD_MS,
        LOAD_PERIOD_MS,
        TimeUnit.MILLISECONDS);
  }

  /** A crashed peer cannot remove its own load entry; any survivor may, once it left the view. */
  private void pruneDeparted() {
    SwarmView view = node.view();
    for (String peer : board.all().keySet()) {
      if (view.ids().stream().noneMatch(id -> id.value().equals(peer))) {
        board.remove(peer);
      }
    }
  }

  private static void logMembership(MembershipEvent event) {
    switch (event) {
      case MembershipEvent.Joined j ->
          LOG.info("peer {} joined ({})", j.peer().id(), where(j.peer()));
      case MembershipEvent.Left l -> LOG.info("peer {} left ({})", l.peer().id(), where(l.peer()));
      case MembershipEvent.Suspected s -> LOG.warn("peer {} is suspected", s.peer().id());
      case MembershipEvent.ViewInstalled v ->
          LOG.info(
              "view {}{}: {} peers {}",
              v.view().id(),
              v.merged() ? " (merged after a split)" : "",
              v.view().size(),
              v.view().ids());
    }
  }

  private static String where(PeerInfo peer) {
    return peer.host() + ", grid port " + peer.hazelcastPort() + ", admin port " + peer.adminPort();
  }

  /** The router of this peer's actors. */
  public SwarmActors actors() {
    return actors;
  }

  /** Compiled programs on this peer: its code by hash, its runs. */
  public VmSwarm vm() {
    return vm;
  }

  public SwarmNode node() {
    return node;
  }

  public Grid grid() {
    return grid;
  }

  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /** What the admin endpoint serves, for callers that want it without HTTP. */
  public AdminSource status() {
    return source;
  }

  /**
   * The GPU count this peer publishes in its load (placement of actors that ask for {@code gpu}
   * reads it): what the inference pool reports for its devices.
   */
  public void reportGpus(java.util.function.IntSupplier gpus) {
    this.gpus = java.util.Objects.requireNonNull(gpus, "gpus");
  }

  /** Adds the AI pool's figures to {@code /metrics} (under {@code "ai"}). */
  public void reportAi(java.util.function.Supplier<java.util.Map<String, Object>> metrics) {
    source.reportAi(metrics);
  }

  /** The grid's members as Hazelcast sees them (to check it follows the swarm view). */
  List<InetSocketAddress> gridMembers() {
    return board.gridMembers();
  }

  /**
   * What this peer does after {@code swarm drain} moved its actors: by default it leaves the swarm
   * ({@link #close}); the peer command exits the process instead, whose shutdown hook leaves.
   */
  public void whenDrained(Runnable leave) {
    source.afterDrain(leave);
  }

  /**
   * A clean stop (SIGTERM, {@code systemctl stop}): first the actors hosted here move to the other
   * peers by live migration, as {@code simplex swarm drain} moves them, for at most {@code
   * drainLimit} (zero: none move; alone in the swarm: nowhere to go); then {@link #close}. Actors
   * that did not move fail over from their checkpoints once this peer has left; without a
   * checkpoint their state would be lost, which is what the drain prevents.
   */
  public void leave(java.time.Duration drainLimit) {
    try {
      boolean others = node.view().size() > 1;
      if (!closed && others && !drainLimit.isZero() && actors.hostedCount() > 0) {
        LOG.info(
            "stopping: moving {} actors to the other peers first (at most {} s)",
            actors.hostedCount(),
            drainLimit.toSeconds());
        var d = actors.drain(drainLimit);
        LOG.info(
            "stopping: {} actors moved, {} stay for failover {}",
            d.moved().size(),
            d.failed().size(),
            d.failed());
      }
    } catch (RuntimeException e) {
      LOG.warn("stopping: moving the actors off this peer failed: {}", e.toString());
    }
    close();
  }

  /**
   * Leaves cleanly: stop publishing, withdraw this peer's load entry, stop the admin endpoint, shut
   * the grid member down (its partitions move to the others), then leave the JGroups view.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    ticker.shutdownNow();
    try {
      board.remove(node.id().value());
    } catch (RuntimeException e) {
      LOG.debug("could not withdraw this peer's load entry: {}", e.toString());
    }
    admin.close();
    try {
      actors.close();
      vm.close();
      system.shutdown();
    } catch (RuntimeException e) {
      LOG.debug("stopping this peer's actors: {}", e.toString());
    }
    try {
      grid.close();
    } finally {
      node.close();
    }
  }
}
