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

  /**
   * {@code n} distinct ports that were free a moment ago, all below the kernel's ephemeral range
   * (32768 and up on Linux): a port picked by binding port 0 comes from that range, and an outgoing
   * connection (a peer dialling another, the grid, an HTTP client) could take it before the test
   * binds it (seen as "cannot bind" failures once the transport became TCP_NIO2).
   */
  static List<Integer> freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    java.util.Random random = new java.util.Random();
    try {
      for (int tries = 0; held.size() < n; tries++) {
        if (tries > 10_000) throw new IOException("no " + n + " free ports in 20000-32767");
        int port = 20_000 + random.nextInt(12_768);
        if (held.stream().anyMatch(s -> s.getLocalPort() == port)) continue;
        try {
          held.add(new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1")));
        } catch (IOException taken) {
          // in use: try another
        }
      }
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
