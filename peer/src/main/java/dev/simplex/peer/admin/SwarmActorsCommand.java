package dev.simplex.peer.admin;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code simplex swarm actors}: how many actors each peer hosts and what it costs it. */
@Command(
    name = "actors",
    mixinStandardHelpOptions = true,
    description = "Per-peer actor counts, CPU and heap memory.")
final class SwarmActorsCommand implements Callable<Integer> {
  private static final long MIB = 1024 * 1024;

  @Mixin PeerOption options = new PeerOption();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      AdminClient client = options.client();
      if (options.json) {
        out.println(Json.write(client.getJson("/actors")));
        return 0;
      }
      SwarmStatus status = client.status();
      Table table = new Table("PEER", "ACTORS", "CPU", "HEAP").numeric(1, 2, 3);
      long total = 0;
      for (PeerRow p : status.peers()) {
        total += p.actors();
        table.row(p.id(), p.actors(), cpu(p.cpu()), heap(p.heapUsed(), p.heapMax()));
      }
      out.print(table.render());
      out.printf("%d actor%s on %d peers%n", total, total == 1 ? "" : "s", status.peers().size());
      return 0;
    } catch (AdminClient.AdminException | IllegalArgumentException e) {
      err.println("simplex swarm actors: " + e.getMessage());
      return SwarmCommand.UNREACHABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String cpu(double load) {
    return load < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", load * 100);
  }

  static String heap(long used, long max) {
    if (used <= 0 && max <= 0) return "-";
    return (used / MIB) + "/" + (max > 0 ? (max / MIB) + " MiB" : "? MiB");
  }
}
