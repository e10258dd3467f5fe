package dev.simplex.peer.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Picks the grid member's port before the swarm is joined, so the view can advertise it. By default
 * it is the swarm port plus {@link #OFFSET}: deterministic, so two peers started at once on one
 * machine (with different {@code --port}s, as they must have) never race for the same grid port.
 */
final class GridPorts {
  /** Clear of JGroups' own ports: the transport's port and FD_SOCK2's port + 100. */
  static final int OFFSET = 200;

  private GridPorts() {}

  /** {@code requested}: -1 = the swarm port + OFFSET, 0 = any free port, else exactly it. */
  static int choose(int requested, int swarmPort) {
    if (requested > 0) return requested;
    if (requested == -1 && swarmPort > 0 && swarmPort + OFFSET <= 65535) return swarmPort + OFFSET;
    return freePort();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the grid: " + e.getMessage(), e);
    }
  }
}
