package dev.simplex.peer.admin;

import dev.simplex.gossip.HostPort;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code simplex swarm} subcommand shares. */
final class PeerOption {
  static final String DEFAULT_PEER = "127.0.0.1:7070";

  @Option(
      names = "--peer",
      paramLabel = "ADDR:PORT",
      defaultValue = DEFAULT_PEER,
      description = "the admin endpoint of any peer of the swarm (default: ${DEFAULT-VALUE})")
  String peer = DEFAULT_PEER;

  @Option(names = "--json", description = "print the endpoint's JSON instead of a table")
  boolean json;

  /** The client, or an IllegalArgumentException naming {@code --peer}. */
  AdminClient client() {
    return new AdminClient(HostPort.parse(peer, "--peer"), Duration.ofSeconds(5));
  }
}
