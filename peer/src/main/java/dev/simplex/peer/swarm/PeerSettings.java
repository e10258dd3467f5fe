package dev.simplex.peer.swarm;

import dev.simplex.gossip.Discovery;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a peer daemon is started with. Sources, weakest first: built-in defaults, the config
 * file ({@link ConfigFile}), the environment ({@code SIMPLEX_SWARM_SECRET}), the command-line
 * flags. A bad value is an {@link IllegalArgumentException} naming the flag, or the file, line and
 * key.
 *
 * @param peerId empty means: the id kept in {@code dataDir/peer-id}, created at first start
 * @param adminPort 0 lets the OS choose (tests)
 * @param gridPort -1 means the swarm port + 200, 0 any free port
 * @param rebalance whether this peer moves its actors to less loaded peers (default on)
 * @param stopDrain seconds a cleanly stopping peer spends moving its actors away (default 20)
 * @param checkpointS3 with {@code checkpoint-store = s3}: the bucket that actor checkpoints also go
 *     to (the {@code checkpoint.s3.*} keys), so they outlive every peer and the grid; empty with
 *     the default {@code checkpoint-store = grid}
 */
public record PeerSettings(
    String swarm,
    Optional<PeerId> peerId,
    String bind,
    int port,
    Discovery discovery,
    Path dataDir,
    Optional<String> secret,
    String adminHost,
    int adminPort,
    int gridPort,
    int gridBackups,
    int gridMinMembers,
    boolean rebalance,
    int stopDrain,
    Optional<dev.simplex.checkpoint.s3.S3Config> checkpointS3) {

  public static final String DEFAULT_SWARM = "simplex";
  public static final String DEFAULT_ADMIN = "127.0.0.1:7070";
  public static final String SECRET_ENV = "SIMPLEX_SWARM_SECRET";

  public PeerSettings {
    // The swarm layer checks name, bind, port and secret with messages naming the flags.
    SwarmConfig.forSwarm(swarm)
        .withBind(bind, port)
        .withDiscovery(discovery)
        .withSecret(secret.orElse(null));
    if (adminPort < 0 || adminPort > 65535) {
      throw new IllegalArgumentException("--admin port " + adminPort + " is outside 0..65535");
    }
    if (gridPort < -1 || gridPort > 65535) {
      throw new IllegalArgumentException("--grid-port " + gridPort + " is outside 0..65535");
    }
    if (gridBackups < 0 || gridBackups > 6) {
      throw new IllegalArgumentException("--grid-backups " + gridBackups + " is outside 0..6");
    }
    if (gridMinMembers < 0) {
      throw new IllegalArgumentException("--grid-min-members must be >= 0, got " + gridMinMembers);
    }
  }

  /** The defaults alone: what {@code java -jar simplex-peer.jar} with no arguments uses. */
  public static PeerSettings defaults() {
    return resolve(Map.of(), Map.of(), Optional.empty());
  }

  /**
   * Layers the sources. {@code flags} holds only the flags given, by key without dashes ({@code
   * "port"}, {@code "grid-port"}); {@code env} is the process environment.
   */
  public static PeerSettings resolve(
      Map<String, String> flags, Map<String, String> env, Optional<Path> configFile) {
    Optional<ConfigFile> file = configFile.map(ConfigFile::read);
    Layers layers = new Layers(flags, env, file);
    String admin = layers.text(SettingKey.ADMIN, DEFAULT_ADMIN);
    int colon = admin.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          layers.origin(SettingKey.ADMIN) + " '" + admin + "' is not ADDR:PORT");
    }
    String adminHost = admin.substring(0, colon).replace("[", "").replace("]", "");
    int adminPort = layers.number(SettingKey.ADMIN, admin.substring(colon + 1), 0, 65535);
    return new PeerSettings(
        layers.text(SettingKey.SWARM, DEFAULT_SWARM),
        layers.optional(SettingKey.PEER_ID).map(id -> layers.peerId(id)),
        layers.text(SettingKey.BIND, SwarmConfig.DEFAULT_BIND),
        layers.number(SettingKey.PORT, SwarmConfig.DEFAULT_PORT, 0, 65535),
        layers.discovery(),
        Path.of(layers.text(SettingKey.DATA, defaultDataDir())),
        layers.secret(),
        adminHost,
        adminPort,
        layers.number(SettingKey.GRID_PORT, -1, 0, 65535),
        layers.number(SettingKey.GRID_BACKUPS, 1, 0, 6),
        layers.number(SettingKey.GRID_MIN_MEMBERS, 0, 0, 1024),
        layers.onOff(SettingKey.REBALANCE, true),
        layers.number(SettingKey.STOP_DRAIN, 20, 0, 3600),
        layers.checkpointS3());
  }

  private static String defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".simplex", "peer").toString();
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "PeerSettings[swarm=%s, bind=%s:%d, discovery=%s, data=%s, secret=%s, admin=%s:%d, grid=%d]"
        .formatted(
            swarm,
            bind,
            port,
            discovery,
            dataDir,
            secret.isPresent() ? "set" : "none",
            adminHost,
            adminPort,
            gridPort);
  }

  /** Looks a key up flag first, then environment (secret only), then file. */
  private record Layers(
      Map<String, String> flags, Map<String, String> env, Optional<ConfigFile> file) {

    Optional<String> optional(SettingKey key) {
      String flag = flags.get(key.key);
      if (flag != null) return Optional.of(flag);
      if (key == SettingKey.SECRET && env.get(SECRET_ENV) != null) {
        return Optional.of(env.get(SECRET_ENV));
      }
      return file.map(f -> f.entries().get(key)).map(ConfigFile.Entry::value);
    }

    String text(SettingKey key, String fallback) {
      String v = optional(key).orElse(fallback);
      if (v.isBlank()) {
        throw new IllegalArgumentException(origin(key) + " must not be empty");
      }
      return v;
    }

    int number(SettingKey key, int fallback, int min, int max) {
      Optional<String> v = optional(key);
      return v.isEmpty() ? fallback : number(key, v.get(), min, max);
    }

    int number(SettingKey key, String text, int min, int max) {
      int n;
      try {
        n = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(origin(key) + " '" + text + "' is not a number");
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            origin(key) + " " + n + " is outside " + min + ".." + max);
      }
      return n;
    }

    boolean onOff(SettingKey key, boolean fallback) {
      Optional<String> v = optional(key);
      if (v.isEmpty()) return fallback;
      return switch (v.get().strip().toLowerCase(java.util.Locale.ROOT)) {
        case "on", "true", "yes" -> true;
        case "off", "false", "no" -> false;
        default ->
            throw new IllegalArgumentException(
                origin(key) + " '" + v.get() + "' is neither on nor off");
      };
    }

    /** {@code checkpoint-store}: grid (the default) or s3 with its {@code checkpoint.s3.*} keys. */
    Optional<dev.simplex.checkpoint.s3.S3Config> checkpointS3() {
      String store =
          text(SettingKey.CHECKPOINT_STORE, "grid").strip().toLowerCase(java.util.Locale.ROOT);
      Map<String, String> keys = new java.util.LinkedHashMap<>();
      for (SettingKey k : SettingKey.S3) optional(k).ifPresent(v -> keys.put(k.key, v.strip()));
      switch (store) {
        case "grid" -> {
          if (!keys.isEmpty())
            throw new IllegalArgumentException(
                origin(
                        SettingKey.S3.stream()
                            .filter(k -> keys.containsKey(k.key))
                            .findFirst()
                            .get())
                    + " is set, but checkpoint-store is grid (set it to s3 to use the bucket)");
          return Optional.empty();
        }
        case "s3" -> {
          try {
            return Optional.of(dev.simplex.checkpoint.s3.S3Config.fromProperties(keys));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint-store s3: " + e.getMessage(), e);
          }
        }
        default ->
            throw new IllegalArgumentException(
                origin(SettingKey.CHECKPOINT_STORE) + " '" + store + "' is neither grid nor s3");
      }
    }

    Discovery discovery() {
      Optional<String> v = optional(SettingKey.DISCOVERY);
      if (v.isEmpty()) return new Discovery.Multicast();
      try {
        return Discovery.parse(v.get());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(fromFile(SettingKey.DISCOVERY) + e.getMessage(), e);
      }
    }

    PeerId peerId(String id) {
      try {
        return new PeerId(id.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(origin(SettingKey.PEER_ID) + ": " + e.getMessage(), e);
      }
    }

    Optional<String> secret() {
      Optional<String> v = optional(SettingKey.SECRET).filter(s -> !s.isEmpty());
      v.ifPresent(
          s -> {
            try {
              SwarmConfig.forSwarm(DEFAULT_SWARM).withSecret(s);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(secretOrigin() + ": " + e.getMessage(), e);
            }
          });
      return v;
    }

    private String secretOrigin() {
      if (flags.containsKey(SettingKey.SECRET.key)) return "--secret";
      if (env.get(SECRET_ENV) != null) return "environment variable " + SECRET_ENV;
      return file.orElseThrow().origin(SettingKey.SECRET);
    }

    /** "--port" for a flag (or default), "FILE:LINE: port" for a file value. */
    String origin(SettingKey key) {
      if (!flags.containsKey(key.key)
          && file.isPresent()
          && file.get().entries().containsKey(key)) {
        return file.get().origin(key);
      }
      return key.flag();
    }

    private String fromFile(SettingKey key) {
      String origin = origin(key);
      return origin.startsWith("--") ? "" : origin + ": ";
    }
  }
}
