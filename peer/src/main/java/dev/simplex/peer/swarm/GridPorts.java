package dev.simplex.peer.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Picks the grid member's port before the swarm is joined, so the view can advertise it. The probe
 * leaves a small window in which another process could take the port; the grid then fails to start
 * with a clear error rather than advertising a wrong port.
 */
final class GridPorts {
  static final int SEARCH = 100;

  private GridPorts() {}

  /** {@code requested}: -1 = first free from the default, 0 = any free port, else exactly it. */
  static int choose(int requested) {
    if (requested > 0) return requested;
    if (requested == 0) return freePort(0);
    for (int p = PeerSettings.DEFAULT_GRID_PORT; p < PeerSettings.DEFAULT_GRID_PORT + SEARCH; p++) {
      if (isFree(p)) return p;
    }
    throw new IllegalArgumentException(
        "no free grid port in "
            + PeerSettings.DEFAULT_GRID_PORT
            + ".."
            + (PeerSettings.DEFAULT_GRID_PORT + SEARCH - 1)
            + "; set --grid-port");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for the grid: " + e.getMessage(), e);
    }
  }
}
