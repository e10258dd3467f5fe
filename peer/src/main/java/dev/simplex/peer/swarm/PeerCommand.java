package dev.simplex.peer.swarm;

import dev.simplex.gossip.SwarmException;
import dev.simplex.inference.ConfigException;
import dev.simplex.inference.InferenceConfig;
import dev.simplex.inference.InferencePool;
import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.ai.SwarmInference;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simplex peer} (and {@code java -jar simplex-peer.jar} with no arguments): the peer daemon.
 * Joins the swarm, logs its id, addresses, members and every view change, and runs until SIGTERM or
 * SIGINT, then leaves the swarm cleanly. Settings: see {@link PeerSettings} and {@link ConfigFile}.
 */
@Command(
    name = "peer",
    mixinStandardHelpOptions = true,
    description = "Run a peer: join the swarm and serve until stopped (Ctrl-C / SIGTERM).")
public final class PeerCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PeerCommand.class);
  static final int BAD_SETTINGS = 2;
  static final int CANNOT_START = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--ai-config",
      paramLabel = "FILE",
      description = "the AI pool's models and tiers (default: built-in models only)")
  Path aiConfigFile;

  @Option(names = "--config", paramLabel = "FILE", description = "a file of key = value settings")
  Path config;

  @Option(
      names = "--swarm",
      paramLabel = "NAME",
      description = "the swarm to join (default: simplex)")
  String swarm;

  @Option(names = "--peer-id", paramLabel = "ID", description = "this peer's stable id")
  String peerId;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "address to bind (default: SITE_LOCAL)")
  String bind;

  @Option(names = "--port", paramLabel = "N", description = "swarm transport port (default: 7800)")
  String port;

  @Option(
      names = "--discovery",
      paramLabel = "HOW",
      description = "multicast | tcp:HOST:PORT,... | gossip:HOST:PORT (default: multicast)")
  String discovery;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "data directory (default: ~/.simplex/peer)")
  String data;

  @Option(
      names = "--secret",
      paramLabel = "S",
      description = "swarm secret (or env SIMPLEX_SWARM_SECRET); peers without it cannot join")
  String secret;

  @Option(
      names = "--admin",
      paramLabel = "ADDR:PORT",
      description = "admin endpoint address (default: 127.0.0.1:7070)")
  String admin;

  @Option(
      names = "--grid-port",
      paramLabel = "N",
      description = "data grid port (default: --port + 200)")
  String gridPort;

  @Option(
      names = "--grid-backups",
      paramLabel = "N",
      description = "backups per grid entry (default: 1)")
  String gridBackups;

  @Option(
      names = "--checkpoint-store",
      paramLabel = "grid|s3",
      description =
          "where actor checkpoints outlive their peer: the grid's backups (default), or also an"
              + " S3-compatible bucket set by the checkpoint.s3.* keys")
  String checkpointStore;

  @Option(
      names = "--checkpoint.s3.endpoint",
      paramLabel = "URL",
      description = "S3 endpoint, http(s)://host[:port] (checkpoint-store s3)")
  String s3Endpoint;

  @Option(names = "--checkpoint.s3.bucket", paramLabel = "NAME", description = "an existing bucket")
  String s3Bucket;

  @Option(names = "--checkpoint.s3.access-key", paramLabel = "ID", description = "access key id")
  String s3AccessKey;

  @Option(
      names = "--checkpoint.s3.secret-key",
      paramLabel = "KEY",
      description = "secret key (better in the config file than on the command line)")
  String s3SecretKey;

  @Option(
      names = "--checkpoint.s3.region",
      paramLabel = "REGION",
      description = "signing region (default: us-east-1)")
  String s3Region;

  @Option(
      names = "--checkpoint.s3.prefix",
      paramLabel = "PATH",
      description = "where in the bucket (default: its root)")
  String s3Prefix;

  @Option(
      names = "--grid-min-members",
      paramLabel = "N",
      description = "fewest peers that may change placement (default: 0, off)")
  String gridMinMembers;

  @Option(
      names = "--rebalance",
      paramLabel = "on|off",
      description =
          "move actors off this peer while it hosts clearly more than the swarm's mean"
              + " (default: on)")
  String rebalance;

  @Option(
      names = "--stop-drain",
      paramLabel = "SECONDS",
      description =
          "on a clean stop (SIGTERM), move this peer's actors to the others for at most this long"
              + " before leaving; 0: leave at once, checkpointed actors fail over (default: 20)")
  String stopDrain;

  private final LoadProbe probe;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public PeerCommand() {
    this(LoadProbe.IDLE);
  }

  /** A daemon whose published load comes from {@code probe} (the peer's actor runtime). */
  public PeerCommand(LoadProbe probe) {
    this.probe = probe;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PeerSettings settings;
    try {
      settings = PeerSettings.resolve(flags(), System.getenv(), Optional.ofNullable(config));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("simplex peer: " + e.getMessage());
      err.flush();
      return BAD_SETTINGS;
    }
    InferenceConfig aiConfig;
    try {
      aiConfig =
          aiConfigFile != null
              ? InferenceConfig.load(aiConfigFile)
              : InferenceConfig.defaults(settings.dataDir().resolve("models"));
    } catch (ConfigException e) {
      err.println("simplex peer: --ai-config: " + e.getMessage());
      err.flush();
      return BAD_SETTINGS;
    }
    LogTail logs = LogTail.captureStandardError();
    SwarmPeer peer;
    try {
      peer = SwarmPeer.start(settings, probe, logs);
    } catch (IllegalArgumentException
        | UncheckedIOException
        | SwarmException
        | SwarmPeer.GridStartException e) {
      err.println("simplex peer: " + e.getMessage());
      err.flush();
      return CANNOT_START;
    }
    // The AI pool answers this peer's calls and other peers' shipped batches; models load on first
    // use.
    InferencePool pool = InferencePool.open(aiConfig);
    SwarmInference ai = SwarmInference.start(peer.node(), peer.grid(), pool);
    peer.vm().useInference(pool);
    String self = peer.node().id().value();
    peer.reportGpus(
        () ->
            pool.capacity(self).models().stream()
                    .anyMatch(m -> m.device() == dev.simplex.inference.ModelCapacity.Device.GPU)
                ? 1
                : 0);
    peer.reportAi(ai::metrics);
    // after `simplex swarm drain`: the process ends; its shutdown hook below leaves the swarm
    peer.whenDrained(() -> System.exit(0));
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("simplex-peer-leave")
                .unstarted(
                    () -> {
                      LOG.info("stopping: leaving swarm '{}'", settings.swarm());
                      try {
                        peer.leave(java.time.Duration.ofSeconds(settings.stopDrain()));
                        ai.close();
                        pool.close();
                      } catch (RuntimeException e) {
                        LOG.warn("leaving the swarm did not finish cleanly", e);
                      } finally {
                        stopped.countDown();
                      }
                    }));
    stopped.await();
    return 0;
  }

  /** The flags given on the command line, by setting key. */
  private Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, SettingKey.SWARM, swarm);
    put(flags, SettingKey.PEER_ID, peerId);
    put(flags, SettingKey.BIND, bind);
    put(flags, SettingKey.PORT, port);
    put(flags, SettingKey.DISCOVERY, discovery);
    put(flags, SettingKey.DATA, data);
    put(flags, SettingKey.SECRET, secret);
    put(flags, SettingKey.ADMIN, admin);
    put(flags, SettingKey.GRID_PORT, gridPort);
    put(flags, SettingKey.GRID_BACKUPS, gridBackups);
    put(flags, SettingKey.GRID_MIN_MEMBERS, gridMinMembers);
    put(flags, SettingKey.REBALANCE, rebalance);
    put(flags, SettingKey.STOP_DRAIN, stopDrain);
    put(flags, SettingKey.CHECKPOINT_STORE, checkpointStore);
    put(flags, SettingKey.S3_ENDPOINT, s3Endpoint);
    put(flags, SettingKey.S3_BUCKET, s3Bucket);
    put(flags, SettingKey.S3_ACCESS_KEY, s3AccessKey);
    put(flags, SettingKey.S3_SECRET_KEY, s3SecretKey);
    put(flags, SettingKey.S3_REGION, s3Region);
    put(flags, SettingKey.S3_PREFIX, s3Prefix);
    return flags;
  }

  private static void put(Map<String, String> flags, SettingKey key, String value) {
    if (value != null) flags.put(key.key, value);
  }
}
