package dev.simplex.gossip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Test fixture: nodes on 127.0.0.1 in one JVM, closed in reverse order. */
final class LoopbackSwarm implements AutoCloseable {

  static final String LOOPBACK = "127.0.0.1";
  private final List<AutoCloseable> open = new ArrayList<>();

  /** A swarm name no other test (or test run) uses. */
  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Polls up to 30 s; the bound is a safety net for a hung test, not a latency assertion. */
  static ConditionFactory eventually() {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
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

  SwarmNode join(SwarmConfig config) {
    SwarmNode node = SwarmNode.join(config);
    open.add(node);
    return node;
  }

  <T extends AutoCloseable> T track(T resource) {
    open.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }
}
