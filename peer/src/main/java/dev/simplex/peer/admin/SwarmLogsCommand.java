package dev.simplex.peer.admin;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simplex swarm logs [--follow]}: a peer's recent log lines, and new ones as they come. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a peer's recent log lines; --follow keeps printing new ones.")
final class SwarmLogsCommand implements Callable<Integer> {
  @Mixin PeerOption options = new PeerOption();
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--follow"},
      description = "keep the connection open and print new lines until interrupted")
  boolean follow;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "200",
      description = "how many recent lines to print first (default: ${DEFAULT-VALUE})")
  int lines = 200;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      AdminClient client = options.client();
      if (follow) {
        client.streamLines(
            "/logs?follow=1&lines=" + lines,
            line -> {
              out.println(options.json ? Json.write(Map.of("line", line)) : line);
              out.flush();
            });
        return 0;
      }
      Object json = client.getJson("/logs?lines=" + lines);
      if (options.json) {
        out.println(Json.write(json));
      } else if (json instanceof Map<?, ?> m && m.get("lines") instanceof List<?> recent) {
        recent.forEach(out::println);
      } else {
        throw new AdminClient.AdminException(
            "peer " + options.peer + " sent no log lines: " + json);
      }
      return 0;
    } catch (AdminClient.AdminException | IllegalArgumentException e) {
      err.println("simplex swarm logs: " + e.getMessage());
      return SwarmCommand.UNREACHABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
