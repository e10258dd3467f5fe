package dev.simplex.bench.swarm;

import dev.simplex.peer.swarm.PeerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Peers of the benchmark on 127.0.0.1, found by a {@code tcp:} list (never multicast). */
final class Loopback {
  private Loopback() {}

  /** A swarm name no other run shares, so two runs on one machine never merge. */
  static String uniqueSwarm() {
    return "bench-swarm-"
        + ProcessHandle.current().pid()
        + "-"
        + ThreadLocalRandom.current().nextInt(1 << 20);
  }

  /** Ports free at the time of asking (held together so they differ). */
  static List<Integer> freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) held.add(new ServerSocket(0));
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // only a probe
        }
      }
    }
  }

  /** {@code tcp:127.0.0.1:P1,127.0.0.1:P2,...}. */
  static String discovery(List<Integer> ports) {
    return "tcp:" + String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  /** A peer bound to loopback on {@code port}; admin endpoint and grid on any free port. */
  static PeerSettings settings(
      String swarm, String id, int port, List<Integer> transports, Path data) {
    return PeerSettings.resolve(
        Map.of(
            "swarm",
            swarm,
            "peer-id",
            id,
            "bind",
            "127.0.0.1",
            "port",
            Integer.toString(port),
            "discovery",
            discovery(transports),
            "data",
            data.toString(),
            "admin",
            "127.0.0.1:0",
            "grid-port",
            "0"),
        Map.of(),
        Optional.empty());
  }
}
