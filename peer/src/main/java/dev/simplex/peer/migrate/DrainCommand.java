package dev.simplex.peer.migrate;

import dev.simplex.gossip.HostPort;
import dev.simplex.peer.admin.AdminClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simplex swarm drain PEER}: moves every actor off a peer by live migration, through any
 * peer's admin endpoint ({@code POST /drain}); the drained peer then leaves the swarm. Exit 0 when
 * every actor moved; 1 with the reasons when some could not (they stay until the peer leaves, then
 * are restored elsewhere from their checkpoints).
 */
@Command(
    name = "drain",
    mixinStandardHelpOptions = true,
    description = "Move every actor off a peer, which then leaves the swarm.")
public final class DrainCommand implements Callable<Integer> {
  /** One migration after another: bounded by the number of actors times the router's timeouts. */
  static final Duration WAIT = Duration.ofMinutes(5);

  @Parameters(index = "0", paramLabel = "PEER", description = "the id of the peer to drain")
  String target;

  @Option(
      names = "--peer",
      paramLabel = "ADDR:PORT",
      defaultValue = "127.0.0.1:7070",
      description = "the admin endpoint of any peer of the swarm (default: ${DEFAULT-VALUE})")
  String peer = "127.0.0.1:7070";

  @Option(names = "--json", description = "print the endpoint's JSON reply")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public DrainCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (target.isBlank()) throw new IllegalArgumentException("PEER must not be blank");
      AdminClient client = new AdminClient(HostPort.parse(peer, "--peer"), Duration.ofSeconds(5));
      Object reply =
          client.postJson("/drain?peer=" + URLEncoder.encode(target, StandardCharsets.UTF_8), WAIT);
      if (!(reply instanceof Map<?, ?> m))
        throw new IllegalArgumentException("the peer answered " + reply + " instead of a drain");
      if (json) out.println(dev.simplex.peer.admin.Json.write(reply));
      List<?> moved = m.get("moved") instanceof List<?> l ? l : List.of();
      Map<?, ?> failed = m.get("failed") instanceof Map<?, ?> f ? f : Map.of();
      if (!json) {
        for (Object move : moved)
          if (move instanceof Map<?, ?> mm) out.println(MigrateCommand.describe(mm));
        for (var e : failed.entrySet())
          out.println("could not move actor " + e.getKey() + ": " + e.getValue());
        out.println(
            "drained peer "
                + target
                + ": "
                + moved.size()
                + " actors moved"
                + (failed.isEmpty() ? "" : ", " + failed.size() + " could not move")
                + "; it leaves the swarm");
      }
      return failed.isEmpty() ? 0 : MigrateCommand.FAILED;
    } catch (AdminClient.AdminException | IllegalArgumentException e) {
      err.println("simplex swarm drain: " + e.getMessage());
      return MigrateCommand.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
