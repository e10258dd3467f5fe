package dev.simplex.peer.grid;

/**
 * How this peer's grid member is set up. {@code backupCount} synchronous backups per entry (so an
 * entry outlives the peer that wrote it); {@code minimumMembers} is the split-brain protection size
 * below which placement and checkpoint maps refuse writes (0 disables protection, as on a single
 * peer).
 */
public record GridConfig(
    String swarm, String bindHost, int port, int backupCount, int minimumMembers) {
  public GridConfig {
    if (swarm == null || swarm.isBlank()) {
      throw new IllegalArgumentException("swarm name must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("grid port out of range: " + port);
    }
    if (backupCount < 0 || backupCount > 6) {
      throw new IllegalArgumentException(
          "backup count must be 0..6 (Hazelcast's limit), got " + backupCount);
    }
  }

  public static GridConfig loopback(String swarm) {
    return new GridConfig(swarm, "127.0.0.1", 0, 1, 0);
  }
}
