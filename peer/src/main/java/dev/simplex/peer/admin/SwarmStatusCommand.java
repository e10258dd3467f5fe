package dev.simplex.peer.admin;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code simplex swarm status}: every peer of the swarm with its health and load. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "List the peers of the swarm: id, address, health, actors, messages/s, checkpoints/min.")
final class SwarmStatusCommand implements Callable<Integer> {
  @Mixin PeerOption options = new PeerOption();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      AdminClient client = options.client();
      if (options.json) {
        out.println(Json.write(client.getJson("/status")));
        return 0;
      }
      SwarmStatus status = client.status();
      out.printf(
          "swarm %s, view %d, %d peer%s (asked %s)%n",
          status.swarm(),
          status.viewId(),
          status.peers().size(),
          status.peers().size() == 1 ? "" : "s",
          status.self());
      Table table =
          new Table("", "PEER", "ADDRESS", "HEALTH", "ACTORS", "MSG/S", "CKPT/MIN")
              .numeric(4, 5, 6);
      for (PeerRow p : status.peers()) {
        table.row(
            p.self() ? "*" : "",
            p.id(),
            p.address(),
            p.health(),
            p.actors(),
            rate(p.messagesPerSecond()),
            rate(p.checkpointsPerMinute()));
      }
      out.print(table.render());
      return 0;
    } catch (AdminClient.AdminException | IllegalArgumentException e) {
      err.println("simplex swarm status: " + e.getMessage());
      return SwarmCommand.UNREACHABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String rate(double r) {
    return String.format(Locale.ROOT, "%.1f", r);
  }
}
