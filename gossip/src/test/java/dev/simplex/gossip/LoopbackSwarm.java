package dev.simplex.gossip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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

  static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // the port is released either way
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
