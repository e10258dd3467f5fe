package dev.simplex.peer.swarm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The peer's settings by name. Each is a {@code key = value} line in the config file and the flag
 * {@code --key} on the command line, so one name works in both places.
 */
enum SettingKey {
  SWARM("swarm", "NAME", "the swarm to join (default: simplex)"),
  PEER_ID(
      "peer-id", "ID", "this peer's stable id (default: kept in DATA/peer-id, random at first)"),
  BIND("bind", "ADDR", "address or JGroups keyword to bind (default: SITE_LOCAL)"),
  PORT("port", "N", "JGroups transport port (default: 7800; 0 picks a free one)"),
  DISCOVERY(
      "discovery", "HOW", "multicast | tcp:HOST:PORT,... | gossip:HOST:PORT (default: multicast)"),
  DATA("data", "DIR", "data directory (default: ~/.simplex/peer)"),
  SECRET("secret", "S", "swarm secret; env SIMPLEX_SWARM_SECRET overrides the file"),
  ADMIN("admin", "ADDR:PORT", "admin endpoint (default: 127.0.0.1:7070; port 0 picks one)"),
  GRID_PORT("grid-port", "N", "Hazelcast port (default: first free from 5801; 0 picks any)"),
  GRID_BACKUPS("grid-backups", "N", "synchronous backups of each grid entry, 0..6 (default: 1)"),
  GRID_MIN_MEMBERS(
      "grid-min-members",
      "N",
      "split-brain protection: fewest peers that may change placement (default: 0, off)");

  final String key;
  final String label;
  final String help;

  SettingKey(String key, String label, String help) {
    this.key = key;
    this.label = label;
    this.help = help;
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
