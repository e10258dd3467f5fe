package dev.simplex.peer.swarm;

import dev.simplex.peer.admin.SwarmCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point the multi-process tests start peers with, until {@code dev.simplex.peer.Main}
 * dispatches to these commands: {@code peer ...}, {@code gossip-router ...}, {@code swarm ...}.
 */
final class SwarmMain {
  private SwarmMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("simplex")) {
      // the whole CLI (submit, swarm migrate, ...), as the simplex launcher runs it
      System.exit(
          dev.simplex.peer.Main.execute(
              Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    Object command =
        switch (args.length == 0 ? "peer" : args[0]) {
          case "peer" -> new PeerCommand();
          case "gossip-router" -> new GossipRouterCommand();
          case "swarm" -> new SwarmCommand();
          default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    System.exit(new CommandLine(command).execute(rest));
  }
}
