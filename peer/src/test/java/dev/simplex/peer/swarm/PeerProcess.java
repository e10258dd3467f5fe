package dev.simplex.peer.swarm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running {@link SwarmMain} inside a network namespace, with this test JVM's
 * classpath and module flags (the root pom's {@code simplex.jvm.flags}), its output collected line
 * by line. Closing sends SIGTERM (so a peer leaves cleanly) and kills it if it does not end.
 */
final class PeerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final long startedNanos = System.nanoTime();
  private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
  private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  private PeerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader =
        Thread.ofPlatform()
            .daemon()
            .name("output of " + name)
            .start(
                () -> {
                  try (var in =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                      all.add(line);
                      fresh.add(line);
                    }
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
  }

  static PeerProcess start(String name, String namespace, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    argv.add(ProcessHandle.current().info().command().orElse("java"));
    argv.addAll(moduleFlags());
    argv.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            classPath(),
            SwarmMain.class.getName()));
    argv.addAll(List.of(args));
    return new PeerProcess(name, new ProcessBuilder(argv).redirectErrorStream(true).start());
  }

  /** The --add-opens/--add-exports/--enable-native-access flags this JVM was started with. */
  static List<String> moduleFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("--add-exports")
                    || a.startsWith("--enable-native-access"))
        .toList();
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /**
   * Waits for an output line containing {@code text} and returns it. The limit only stops a hung
   * test; it is not a latency claim.
   */
  String awaitLine(String text, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String line = fresh.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        reader.join(5_000); // the last lines may still be in the pipe
        if (fresh.isEmpty()) break;
      }
    }
    throw new AssertionError(
        name
            + " printed no line with '"
            + text
            + "'"
            + (process.isAlive() ? "" : " (it exited " + process.exitValue() + ")")
            + "; it printed:\n"
            + String.join("\n", all));
  }

  /** Waits for a line containing {@code text} from any of {@code processes}; returns it. */
  static String awaitAny(Duration limit, String text, PeerProcess... processes)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (PeerProcess p : processes) {
        try {
          return p.awaitLine(text, Duration.ofMillis(300));
        } catch (AssertionError notYet) {
          // try the next one
        }
      }
    }
    throw new AssertionError(
        "no line with '" + text + "' from any of " + java.util.Arrays.toString(processes));
  }

  /** Milliseconds since the process was started. */
  long ageMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit; it printed:\n" + String.join("\n", all));
    }
    return process.exitValue();
  }

  /**
   * How many of the lines printed so far contain {@code text} (the queue awaitLine reads is kept).
   */
  long count(String text) {
    synchronized (all) {
      return all.stream().filter(l -> l.contains(text)).count();
    }
  }

  /** Waits until at least {@code n} printed lines contain {@code text}. */
  void awaitCount(String text, long n, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (count(text) < n) {
      if (System.nanoTime() > deadline || !process.isAlive() && count(text) < n)
        throw new AssertionError(
            name
                + " printed "
                + count(text)
                + " lines with '"
                + text
                + "', not "
                + n
                + (process.isAlive() ? "" : " (it exited)")
                + "; it printed:\n"
                + output());
      Thread.sleep(200);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    return String.join("\n", all);
  }

  /** SIGTERM: the JVM's shutdown hooks run, so a peer leaves the swarm cleanly. */
  void terminate() {
    // Through the handle: Process.destroy() would also close our end of its output pipe, and the
    // lines it logs while leaving would be lost.
    process.toHandle().destroy();
  }

  /**
   * Sends {@code signal} (e.g. STOP, CONT) to the peer's JVM (a child of {@code ip netns exec}).
   */
  void signal(String signal) throws Exception {
    List<Long> pids = new ArrayList<>(List.of(process.pid()));
    process.toHandle().descendants().forEach(h -> pids.add(h.pid()));
    for (long pid : pids)
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
  }

  /** SIGKILL: a crash, nothing runs in the peer. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
