package dev.simplex.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a peer finds the rest of its swarm. The command-line forms are {@code multicast} (the
 * default, for a LAN), {@code tcp:HOST:PORT,HOST:PORT} (a fixed list of peers, where multicast is
 * blocked) and {@code gossip:HOST:PORT[,HOST:PORT]} (one or more GossipRouters as a directory).
 */
public sealed interface Discovery {

  /** UDP multicast on a group and port derived from the swarm name. */
  record Multicast() implements Discovery {
    @Override
    public String toString() {
      return "multicast";
    }
  }

  /** TCP transport; the listed peers are probed at start (TCPPING). */
  record TcpHosts(List<HostPort> hosts) implements Discovery {
    public TcpHosts {
      hosts = List.copyOf(hosts);
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException("tcp discovery needs at least one HOST:PORT");
      }
    }

    @Override
    public String toString() {
      return "tcp:" + join(hosts);
    }
  }

  /** TCP transport; peers register with and look each other up in GossipRouters (TCPGOSSIP). */
  record GossipRouters(List<HostPort> routers) implements Discovery {
    public GossipRouters {
      routers = List.copyOf(routers);
      if (routers.isEmpty()) {
        throw new IllegalArgumentException("gossip discovery needs at least one HOST:PORT");
      }
    }

    @Override
    public String toString() {
      return "gossip:" + join(routers);
    }
  }

  /** Parses the {@code --discovery} option; errors name the option and show a valid form. */
  static Discovery parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "--discovery is empty: use multicast, tcp:HOST:PORT,... or gossip:HOST:PORT");
    }
    String s = text.strip();
    int colon = s.indexOf(':');
    String scheme = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : s.substring(colon + 1);
    return switch (scheme) {
      case "multicast" -> {
        if (!rest.isEmpty()) {
          throw new IllegalArgumentException(
              "--discovery multicast takes no arguments (the group is derived from --swarm), got '"
                  + text
                  + "'");
        }
        yield new Multicast();
      }
      case "tcp" -> new TcpHosts(hostList(rest, "--discovery tcp"));
      case "gossip" -> new GossipRouters(hostList(rest, "--discovery gossip"));
      default ->
          throw new IllegalArgumentException(
              "--discovery '"
                  + text
                  + "' is not understood: use multicast, tcp:HOST:PORT,... or gossip:HOST:PORT");
    };
  }

  private static List<HostPort> hostList(String rest, String what) {
    if (rest.isBlank()) {
      throw new IllegalArgumentException(what + " needs at least one HOST:PORT after the colon");
    }
    List<HostPort> hosts = new ArrayList<>();
    for (String item : rest.split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException(what + ": empty entry in '" + rest + "'");
      }
      hosts.add(HostPort.parse(item, what));
    }
    return hosts;
  }

  private static String join(List<HostPort> hosts) {
    return String.join(",", hosts.stream().map(HostPort::toString).toList());
  }
}
