package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A LAN on one machine: two network namespaces, each with a veth cable to a bridge that lives in a
 * third ("switch") namespace, on a private subnet. One peer JVM runs in each namespace and they
 * must find each other by UDP multicast across the bridge. Skipped where namespaces are not
 * permitted. Everything is created inside the namespaces, so deleting them cleans up.
 */
class NetnsMulticastTest {

  private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final String switchNs = "sxsw-" + tag;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> peers = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : peers) {
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    for (String ns : namespaces) {
      run("ip", "netns", "del", ns);
    }
  }

  @Test
  void peersInTwoNamespacesFindEachOtherByMulticastAcrossABridge() throws Exception {
    assumeTrue(
        run("ip", "netns", "add", switchNs) == 0,
        "creating network namespaces is not permitted here (needs root or CAP_SYS_ADMIN)");
    namespaces.add(switchNs);
    sh(switchNs, "ip link add br0 type bridge");
    sh(switchNs, "ip link set br0 type bridge mcast_snooping 0");
    sh(switchNs, "ip link set br0 up");
    String subnet = "10.213." + ThreadLocalRandom.current().nextInt(1, 250);
    for (int i = 1; i <= 2; i++) {
      String ns = "sxn" + i + "-" + tag;
      assertEquals(0, run("ip", "netns", "add", ns));
      namespaces.add(ns);
      // one cable: "eth0" inside the peer's namespace, "p<i>" plugged into the bridge
      sh(ns, "ip link add eth0 type veth peer name p" + i + " netns " + switchNs);
      sh(switchNs, "ip link set p" + i + " master br0 up");
      sh(ns, "ip addr add " + subnet + "." + i + "/24 dev eth0");
      sh(ns, "ip link set lo up");
      sh(ns, "ip link set eth0 up");
      sh(ns, "ip route add 224.0.0.0/4 dev eth0");
    }

    String swarm = LoopbackSwarm.uniqueName("netns");
    List<BlockingQueue<String>> outputs = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      outputs.add(startPeer(namespaces.get(i), swarm, subnet + "." + i, "ns-peer-" + i));
    }
    for (BlockingQueue<String> out : outputs) {
      awaitLine(out, "VIEW 2 ns-peer-", Duration.ofSeconds(40));
    }
  }

  private BlockingQueue<String> startPeer(String ns, String swarm, String bind, String id)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                ns,
                java,
                "-Djava.net.preferIPv4Stack=true",
                "-cp",
                System.getProperty("java.class.path"),
                NetnsPeerMain.class.getName(),
                swarm,
                bind,
                id)
            .redirectErrorStream(true)
            .start();
    peers.add(p);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    return lines;
  }

  /**
   * Waits for a line with the prefix; the bound only stops a hung test, it is not a latency claim.
   */
  private static void awaitLine(BlockingQueue<String> out, String prefix, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = out.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.startsWith(prefix)) {
          return;
        }
      }
    }
    throw new AssertionError("no '" + prefix + "...' line from the peer; it printed: " + seen);
  }

  private static void sh(String ns, String command) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(command.split(" ")));
    int rc = run(argv.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("'" + command + "' in namespace " + ns + " exited " + rc);
    }
  }

  /** Exit status, or -1 when the command cannot be started (no {@code ip} here: skip). */
  private static int run(String... argv) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      System.err.println(String.join(" ", argv) + " cannot start: " + e.getMessage());
      return -1;
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      System.err.println(String.join(" ", argv) + " -> " + rc + ": " + output.strip());
    }
    return rc;
  }
}
