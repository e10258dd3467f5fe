package dev.simplex.gossip;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One swarm peer in its own process, for {@link NetnsMulticastTest}: joins by multicast, prints
 * every view as {@code VIEW size id,id,...}, and leaves when its standard input closes.
 */
public final class NetnsPeerMain {

  private NetnsPeerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: NetnsPeerMain SWARM BIND_ADDRESS PEER_ID");
      System.exit(2);
    }
    var config = SwarmConfig.forSwarm(args[0]).withBind(args[1], 0).withPeerId(new PeerId(args[2]));
    try (SwarmNode node = SwarmNode.join(config)) {
      node.addListener(
          event -> {
            if (event instanceof MembershipEvent.ViewInstalled v) {
              report(v.view());
            }
          });
      report(node.view());
      var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (stdin.readLine() != null) {
        // wait for the test to close our input
      }
    }
  }

  private static void report(SwarmView view) {
    System.out.println(
        "VIEW "
            + view.size()
            + " "
            + String.join(",", view.ids().stream().map(PeerId::value).toList()));
    System.out.flush();
  }
}
