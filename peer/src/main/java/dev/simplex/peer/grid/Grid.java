package dev.simplex.peer.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.DiscoveryStrategyConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * This peer's member of the swarm's Hazelcast grid. It holds the shared state of design.md:
 * placement, checkpoint metadata, the code registry, per-peer load and the named-actor registry.
 * Membership comes from the swarm view through {@link GridMembers}; Hazelcast's own discovery
 * (multicast, TCP lists, auto-detection) is off.
 */
public final class Grid implements AutoCloseable {
  static final String PLACEMENT = "simplex.placement";
  static final String CHECKPOINTS = "simplex.checkpoints";
  static final String CODE = "simplex.code";
  static final String LOAD = "simplex.load";
  static final String NAMES = "simplex.names";
  static final String CHECKPOINT_OBJECTS = "simplex.checkpoint-objects";
  static final String INFERENCE = "simplex.inference";
  static final String ACTOR_CHECKPOINTS = "simplex.actor-checkpoints";
  private static final String PROTECTION = "simplex.majority";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Grid.class);
  private final HazelcastInstance hz;

  private Grid(HazelcastInstance hz) {
    this.hz = hz;
  }

  public static Grid start(GridConfig config, GridMembers members) {
    return new Grid(Hazelcast.newHazelcastInstance(hazelcastConfig(config, members)));
  }

  static Config hazelcastConfig(GridConfig grid, GridMembers members) {
    Config config = new Config();
    config.setClusterName("simplex-" + grid.swarm());
    config.setInstanceName("simplex-" + grid.swarm() + "-" + System.nanoTime());
    // Quiet, fast and local: no phone-home, short join and heartbeat timeouts, quick split-brain
    // healing.
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.discovery.enabled", "true");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.join.seconds", "5");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(grid.port() == 0 ? 5801 : grid.port()).setPortAutoIncrement(grid.port() == 0);
    network.getInterfaces().setEnabled(true).addInterface(grid.bindHost());
    network.setPublicAddress(null);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getDiscoveryConfig()
        .addDiscoveryStrategyConfig(new DiscoveryStrategyConfig(new ViewDiscovery(members)));

    if (grid.minimumMembers() > 1) {
      config.addSplitBrainProtectionConfig(
          new SplitBrainProtectionConfig(PROTECTION, true, grid.minimumMembers()));
    }
    for (String name : new String[] {PLACEMENT, CHECKPOINTS, ACTOR_CHECKPOINTS}) {
      MapConfig map = new MapConfig(name).setBackupCount(grid.backupCount());
      map.setMergePolicyConfig(
          new MergePolicyConfig(HigherVersionMergePolicy.class.getName(), 100));
      if (grid.minimumMembers() > 1) {
        map.setSplitBrainProtectionName(PROTECTION);
      }
      config.addMapConfig(map);
    }
    for (String name : new String[] {CODE, LOAD, NAMES, CHECKPOINT_OBJECTS, INFERENCE}) {
      config.addMapConfig(new MapConfig(name).setBackupCount(grid.backupCount()));
    }
    return config;
  }

  /**
   * Removes the grid member at {@code host:port} from this member's cluster view now (Hazelcast's
   * member suspicion, the same step its own heartbeat timeout would take later). Called when the
   * swarm view (JGroups, the one source of membership) excludes that peer. A member already gone,
   * or this member itself, is left alone; a failure here only means Hazelcast's own detection
   * removes it later, so it is logged, never thrown.
   */
  public void evict(String host, int port, String reason) {
    try {
      for (com.hazelcast.cluster.Member m : hz.getCluster().getMembers()) {
        InetSocketAddress a = m.getSocketAddress();
        if (m.localMember() || a.getPort() != port) continue;
        if (!a.getHostString().equals(host) && !a.getAddress().getHostAddress().equals(host))
          continue;
        var original =
            hz instanceof com.hazelcast.instance.impl.HazelcastInstanceProxy proxy
                ? proxy.getOriginal()
                : (com.hazelcast.instance.impl.HazelcastInstanceImpl) hz;
        original.node.getClusterService().suspectMember(m, reason, true);
        LOG.info("grid member {} evicted: {}", a, reason);
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "could not evict grid member {}:{} ({}); Hazelcast will detect it itself",
          host,
          port,
          e.toString());
    }
  }

  /** The address other peers reach this grid member at; advertise it in the swarm view. */
  public InetSocketAddress address() {
    return hz.getCluster().getLocalMember().getSocketAddress();
  }

  /**
   * The grid members' addresses as Hazelcast sees them (to check that it follows the swarm view).
   */
  public java.util.List<InetSocketAddress> memberAddresses() {
    return hz.getCluster().getMembers().stream().map(m -> m.getSocketAddress()).toList();
  }

  /** Per-peer load, keyed by peer id. */
  public <V extends java.io.Serializable> IMap<String, V> load() {
    return hz.getMap(LOAD);
  }

  /** Per-peer inference capacity (models, devices, queue depth), keyed by peer id. */
  public <V extends java.io.Serializable> IMap<String, V> inferenceCapacity() {
    return hz.getMap(INFERENCE);
  }

  public int memberCount() {
    return hz.getCluster().getMembers().size();
  }

  /**
   * Whether every partition has its configured backups in sync and none is migrating: until then,
   * losing another member may lose grid entries (wait for this between stopping peers one after
   * another, as in a rolling restart).
   */
  public boolean isSafe() {
    return hz.getPartitionService().isClusterSafe();
  }

  public PlacementMap placements() {
    return new PlacementMap(hz.getMap(PLACEMENT));
  }

  /** Swarm actors' durable checkpoints (router-written), newest by epoch then sequence. */
  public ActorCheckpoints actorCheckpoints() {
    ActorCheckpoints c = new ActorCheckpoints(hz.getMap(ACTOR_CHECKPOINTS));
    CheckpointObjects o = checkpointObjectStore;
    if (o != null) c.keepIn(o);
    return c;
  }

  private volatile CheckpointObjects checkpointObjectStore;

  /**
   * Actor checkpoints also go to {@code objects} (an S3-compatible bucket), which outlives every
   * peer and the grid: {@link ActorCheckpoints#keepIn}. Set once at start, before actors run.
   */
  public void keepCheckpointsIn(CheckpointObjects objects) {
    this.checkpointObjectStore = objects;
  }

  public IMap<String, CheckpointMeta> checkpointMetadata() {
    return hz.getMap(CHECKPOINTS);
  }

  public CodeRegistry code(CodeRegistry.Hasher hasher) {
    return new CodeRegistry(hz.getMap(CODE), hasher);
  }

  IMap<String, byte[]> codeMap() {
    return hz.getMap(CODE);
  }

  /**
   * Checkpoint bytes replicated through the grid: put a checkpoint module ChunkedStore on top of
   * it.
   */
  public GridObjectStore checkpointObjects() {
    return new GridObjectStore(hz.getMap(CHECKPOINT_OBJECTS));
  }

  public IMap<String, String> names() {
    return hz.getMap(NAMES);
  }

  /**
   * Registers {@code name} for {@code actorId} unless taken; returns the actor that holds the name.
   */
  public String claimName(String name, String actorId) {
    return Optional.ofNullable(names().putIfAbsent(name, actorId)).orElse(actorId);
  }

  @Override
  public void close() {
    hz.shutdown();
  }

  /**
   * Stops this member at once, without handing its partitions to the others: what a crash does to
   * the grid (entries without backups that it owned are lost).
   */
  public void terminate() {
    hz.getLifecycleService().terminate();
  }

  /** The address of the member owning {@code key}'s partition now (the same for every map). */
  public InetSocketAddress partitionOwner(String key) {
    var owner = hz.getPartitionService().getPartition(key).getOwner();
    return owner == null ? null : owner.getSocketAddress();
  }
}
