package dev.simplex.peer.migrate;

import dev.simplex.gossip.HostPort;
import dev.simplex.peer.admin.AdminClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simplex swarm migrate ACTOR --to PEER}: moves a live actor, with its state, through any
 * peer's admin endpoint ({@code POST /migrate}). Exit 0 when it moved; 1 with the reason when it
 * did not, in which case it keeps running where it was.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Move a live actor, with its state, to another peer.")
public final class MigrateCommand implements Callable<Integer> {
  static final int FAILED = 1;

  /** The move waits on three peers in turn, each step bounded by the router's timeouts. */
  static final Duration WAIT = Duration.ofSeconds(60);

  @Parameters(index = "0", paramLabel = "ACTOR", description = "the actor's swarm-wide id")
  String actor;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "PEER",
      description = "the id of the peer to move it to")
  String to;

  @Option(
      names = "--peer",
      paramLabel = "ADDR:PORT",
      defaultValue = "127.0.0.1:7070",
      description = "the admin endpoint of any peer of the swarm (default: ${DEFAULT-VALUE})")
  String peer = "127.0.0.1:7070";

  @Option(names = "--json", description = "print the endpoint's JSON reply")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public MigrateCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (actor.isBlank() || to.isBlank())
        throw new IllegalArgumentException("ACTOR and --to PEER must not be blank");
      AdminClient client = new AdminClient(HostPort.parse(peer, "--peer"), Duration.ofSeconds(5));
      Object reply = client.postJson("/migrate?actor=" + encode(actor) + "&to=" + encode(to), WAIT);
      if (json) {
        out.println(dev.simplex.peer.admin.Json.write(reply));
      } else if (reply instanceof Map<?, ?> m) {
        out.println(describe(m));
      } else {
        throw new IllegalArgumentException("the peer answered " + reply + " instead of a move");
      }
      return 0;
    } catch (AdminClient.AdminException | IllegalArgumentException e) {
      err.println("simplex swarm migrate: " + e.getMessage());
      return FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** One line: where it went, at which epoch, how much travelled and how long it took. */
  static String describe(Map<?, ?> m) {
    if (m.get("from") != null && m.get("from").equals(m.get("to")))
      return "actor " + m.get("actor") + " is on peer " + m.get("to") + " already";
    return String.format(
        Locale.ROOT,
        "moved actor %s from peer %s to peer %s (epoch %s): %s bytes of state, %s shipped, %.1f ms",
        m.get("actor"),
        m.get("from"),
        m.get("to"),
        m.get("epoch"),
        m.get("stateBytes"),
        m.get("shippedBytes"),
        m.get("millis") instanceof Number n ? n.doubleValue() : Double.NaN);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
