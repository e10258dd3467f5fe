package dev.simplex.peer.swarm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The peer's settings by name. Each is a {@code key = value} line in the config file and the flag
 * {@code --key} of {@code simplex peer} (whose help describes them), so one name works in both
 * places.
 */
enum SettingKey {
  SWARM("swarm"),
  PEER_ID("peer-id"),
  BIND("bind"),
  PORT("port"),
  DISCOVERY("discovery"),
  DATA("data"),
  SECRET("secret"),
  ADMIN("admin"),
  GRID_PORT("grid-port"),
  GRID_BACKUPS("grid-backups"),
  GRID_MIN_MEMBERS("grid-min-members"),
  REBALANCE("rebalance"),
  STOP_DRAIN("stop-drain"),
  CHECKPOINT_STORE("checkpoint-store"),
  S3_ENDPOINT(dev.simplex.checkpoint.s3.S3Config.KEY_ENDPOINT),
  S3_BUCKET(dev.simplex.checkpoint.s3.S3Config.KEY_BUCKET),
  S3_ACCESS_KEY(dev.simplex.checkpoint.s3.S3Config.KEY_ACCESS_KEY),
  S3_SECRET_KEY(dev.simplex.checkpoint.s3.S3Config.KEY_SECRET_KEY),
  S3_REGION(dev.simplex.checkpoint.s3.S3Config.KEY_REGION),
  S3_PREFIX(dev.simplex.checkpoint.s3.S3Config.KEY_PREFIX);

  /** The keys of the S3 checkpoint store ({@code checkpoint-store = s3}). */
  static final java.util.List<SettingKey> S3 =
      java.util.List.of(S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_PREFIX);

  final String key;

  SettingKey(String key) {
    this.key = key;
  }

  String flag() {
    return "--" + key;
  }

  static Optional<SettingKey> named(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.key.equals(k)).findFirst();
  }

  static String known() {
    return String.join(", ", Arrays.stream(values()).map(s -> s.key).toList());
  }
}
