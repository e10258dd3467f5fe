package dev.simplex.bench.swarm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@link HostMain} in a child JVM with this JVM's java, flags and classpath; its log goes to a file
 * so that the benchmark's own output stays the tables.
 */
final class HostProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private HostProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the child and waits (bounded) for its {@code ready} line. */
  static HostProcess start(HostMain.Args a, Path log, long readySeconds) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // The same --add-opens, native-access and heap flags the benchmark runs with; no debugger.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(f -> !f.startsWith("-agentlib") && !f.startsWith("-javaagent"))
        .forEach(command::add);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            HostMain.class.getName(),
            a.swarm(),
            a.peerId(),
            Integer.toString(a.port()),
            a.peerPorts().stream().map(String::valueOf).collect(Collectors.joining(",")),
            a.data().toString()));
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the host peer process: " + e.getMessage(), e);
    }
    HostProcess host = new HostProcess(p, log);
    try {
      host.awaitReady(readySeconds);
      return host;
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  private void awaitReady(long seconds) {
    var reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = reader.readLine()) != null; )
                  if (line.startsWith("ready ")) return line;
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = ready.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the host peer was not ready within " + seconds + " s; its log: " + tail());
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("waiting for the host peer failed: " + e, e);
    }
    if (line == null)
      throw new IllegalStateException(
          "the host peer exited before it was ready; its log: " + tail());
  }

  /** The last lines of the child's log, for error messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return log
          + "\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return log + " (unreadable: " + e.getMessage() + ")";
    }
  }

  long pid() {
    return process.pid();
  }

  /** Closes the child's stdin (it leaves the swarm and exits), then waits; forces it if stuck. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
