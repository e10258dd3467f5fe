package dev.simplex.peer.swarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A LAN on one machine (design.md, "Testing a LAN on one machine"): one namespace per host, each
 * with a veth cable into a bridge in a "switch" namespace, addresses on a private /24, and a
 * 224.0.0.0/4 route so multicast crosses the bridge. Closing it deletes every namespace it made,
 * which also removes the cables and the bridge.
 */
final class NetnsLan implements AutoCloseable {
  private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private final String subnet = "10.214." + ThreadLocalRandom.current().nextInt(1, 250);
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> hosts = new ArrayList<>();

  /** Whether this process may create namespaces at all (root or CAP_SYS_ADMIN, and an ip tool). */
  static boolean permitted() {
    String probe = "sxprobe-" + ProcessHandle.current().pid();
    try {
      if (run("ip", "netns", "add", probe) != 0) return false;
      run("ip", "netns", "del", probe);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * For a test class's {@code @BeforeAll}: skips the class with a reason unless namespaces can be
   * made here and curl (which {@link #adminGet} runs inside them) is installed.
   */
  static void assumeUsable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        permitted(), "creating network namespaces is not permitted here");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        hasCurl(), "curl is not installed (scripts/test installs it when root)");
  }

  /** Builds the switch and {@code hostCount} hosts with addresses subnet.1 .. subnet.N. */
  NetnsLan(int hostCount) throws Exception {
    String sw = "sxsw-" + tag;
    add(sw);
    sh(sw, "ip link add br0 type bridge");
    sh(sw, "ip link set br0 type bridge mcast_snooping 0");
    sh(sw, "ip link set br0 up");
    for (int i = 1; i <= hostCount; i++) {
      String ns = "sxh" + i + "-" + tag;
      add(ns);
      hosts.add(ns);
      sh(ns, "ip link add eth0 type veth peer name h" + i + " netns " + sw);
      sh(sw, "ip link set h" + i + " master br0 up");
      sh(ns, "ip addr add " + address(i) + "/24 dev eth0");
      sh(ns, "ip link set lo up");
      sh(ns, "ip link set eth0 up");
      sh(ns, "ip route add 224.0.0.0/4 dev eth0");
    }
  }

  /**
   * Pulls host {@code i}'s cable out of the switch ({@code ip link set hI down} in the switch's
   * namespace): nothing reaches it or leaves it, connections stall without a reset, as on a LAN
   * whose link failed. {@link #heal} plugs it back in.
   */
  void cut(int i) throws Exception {
    sh("sxsw-" + tag, "ip link set h" + i + " down");
  }

  void heal(int i) throws Exception {
    sh("sxsw-" + tag, "ip link set h" + i + " up");
  }

  /** The namespace of host {@code i} (1-based). */
  String namespace(int i) {
    return hosts.get(i - 1);
  }

  /**
   * Starts {@code simplex peer} on host {@code i} as {@code net-peer-i}: bound to its address, port
   * 7800, admin on :7070, data under {@code data/peer-i}, plus {@code extra} options.
   */
  PeerProcess startPeer(
      int i, String swarm, String discovery, java.nio.file.Path data, String... extra)
      throws java.io.IOException {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "peer",
                "--swarm",
                swarm,
                "--peer-id",
                "net-peer-" + i,
                "--bind",
                address(i),
                "--port",
                "7800",
                "--discovery",
                discovery,
                "--admin",
                address(i) + ":7070",
                "--data",
                data.resolve("peer-" + i).toString()));
    args.addAll(java.util.List.of(extra));
    return PeerProcess.start("peer " + i, namespace(i), args.toArray(String[]::new));
  }

  /** Whether curl, which {@link #adminGet} runs inside a namespace, is installed. */
  static boolean hasCurl() {
    try {
      return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** GET {@code path} from host {@code i}'s admin endpoint, from inside its namespace (curl). */
  String adminGet(int i, String path) throws java.io.IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                namespace(i),
                "curl",
                "-s",
                "http://" + address(i) + ":7070" + path)
            .redirectErrorStream(true)
            .start();
    String body =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return body;
  }

  /** The actor count host {@code i}'s peer ({@code net-peer-i}) publishes, from its /actors. */
  int hostedActors(int i) throws Exception {
    String json = adminGet(i, "/actors");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "\"id\"\\s*:\\s*\"net-peer-" + i + "\"\\s*,\\s*\"actors\"\\s*:\\s*(\\d+)")
            .matcher(json);
    if (!m.find()) throw new AssertionError("no actor count for net-peer-" + i + " in " + json);
    return Integer.parseInt(m.group(1));
  }

  String address(int i) {
    return subnet + "." + i;
  }

  private void add(String ns) throws Exception {
    if (run("ip", "netns", "add", ns) != 0) {
      close();
      throw new IllegalStateException("cannot create network namespace " + ns);
    }
    namespaces.add(ns);
  }

  private void sh(String ns, String command) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(command.split(" ")));
    if (run(argv.toArray(String[]::new)) != 0) {
      close();
      throw new IllegalStateException("'" + command + "' failed in namespace " + ns);
    }
  }

  @Override
  public void close() {
    for (String ns : namespaces.reversed()) {
      try {
        run("ip", "netns", "del", ns);
      } catch (Exception e) {
        System.err.println("could not delete network namespace " + ns + ": " + e);
      }
    }
    namespaces.clear();
  }

  static int run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      System.err.println(String.join(" ", argv) + " -> " + rc + ": " + output.strip());
    }
    return rc;
  }
}
