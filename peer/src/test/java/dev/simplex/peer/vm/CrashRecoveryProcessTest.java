package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simplex run --data DIR} killed with SIGKILL mid-work and started again: every actor that
 * had a durable checkpoint comes back with the fields of one it printed, and {@code on_resume}
 * runs.
 */
class CrashRecoveryProcessTest {
  private static final String PROGRAM =
      """
      actor Ticker {
          var label: String = ""
          var ticks: i64 = 0
          var seen: List<i64> = []
          receive Tick() {
              ticks += 1
              seen.push(ticks)
              checkpoint()
              println("{label} checkpointed {ticks}")
              sleep(Duration::milliseconds(3))
              send(self, Tick())
          }
          on_resume() { println("{label} resumed {ticks} {seen.len()}") }
      }

      fn main() {
          let a = spawn Ticker { label: "a" } with { name: "a" }
          let b = spawn Ticker { label: "b" } with { name: "b" }
          send(a, Tick())
          send(b, Tick())
      }
      """;

  private static final Pattern CHECKPOINTED = Pattern.compile("([ab]) checkpointed (\\d+)");
  private static final Pattern RESUMED = Pattern.compile("([ab]) resumed (\\d+) (\\d+)");

  @TempDir Path dir;

  @Test
  void actorsKilledMidWorkResumeFromACheckpointTheyTookAndRunOnResume() throws Exception {
    Path source = Files.writeString(dir.resolve("ticker.sx"), PROGRAM);
    Path data = dir.resolve("data");

    Map<String, Set<Long>> printed = new HashMap<>();
    try (Run first = Run.start(data, source)) {
      // both actors checkpointed and at least one checkpoint of each is on disk
      first.awaitLine(l -> l.startsWith("b checkpointed"), "b's first checkpoint");
      first.awaitLine(l -> l.startsWith("a checkpointed"), "a's first checkpoint");
      awaitManifests(data, 2);
      Thread.sleep(new Random().nextInt(20, 400)); // a random moment in the middle of the work
      first.kill();
      for (String line : first.lines()) {
        Matcher m = CHECKPOINTED.matcher(line);
        if (m.matches())
          printed.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(Long.parseLong(m.group(2)));
      }
    }

    try (Run second = Run.start(data, source)) {
      Map<String, long[]> resumed = new HashMap<>();
      for (int k = 0; k < 2; k++) {
        String line = second.awaitLine(l -> RESUMED.matcher(l).matches(), "on_resume");
        Matcher m = RESUMED.matcher(line);
        assertTrue(m.matches());
        resumed.put(
            m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
      }
      List<String> continuations = new java.util.ArrayList<>();
      for (String actor : List.of("a", "b")) {
        long[] state = resumed.get(actor);
        assertNotNull(state, actor + " did not resume: " + second.lines());
        if (!printed.get(actor).contains(state[0])) {
          // the kill came between a checkpoint() that had reached the disk and the println after
          // it: only the last one can be unprinted, and the handler goes on right after that
          // checkpoint() in the new process, printing it there
          long last = printed.get(actor).stream().mapToLong(Long::longValue).max().orElse(0);
          assertEquals(
              last + 1,
              state[0],
              actor + " resumed with " + state[0] + ", not a count it checkpointed: " + printed);
          continuations.add(actor + " checkpointed " + state[0]);
        }
        assertEquals(state[0], state[1], "the list field is restored along with the count");
      }
      // and it goes on from there: main's spawn returned the recovered actor, not a fresh one
      long next = resumed.get("a")[0] + 1;
      second.awaitLine(l -> l.equals("a checkpointed " + next), "a's next checkpoint");
      for (String line : continuations)
        org.awaitility.Awaitility.await("the interrupted handler going on: " + line)
            .atMost(java.time.Duration.ofSeconds(60))
            .until(() -> second.lines().contains(line));
      second.kill();
    }
  }

  /** One long handler that checkpoints on every step of its loop; only the first run sends it. */
  private static final String STEPPER =
      """
      actor Stepper {
          var done: i64 = 0
          receive Run(n: i64) {
              var trail: List<i64> = []
              for i in 0..n {
                  done += 1
                  trail.push(i)
                  checkpoint()
                  println("step {i} done {done} trail {trail.len()}")
                  sleep(Duration::milliseconds(4))
              }
              println("finished {done}")
          }
          on_resume() { println("resumed {done}") }
      }

      fn main() {
          let s = spawn Stepper with { name: "s" }
          if args().len() > 0 { send(s, Run(1000000)) }
      }
      """;

  private static final Pattern STEP = Pattern.compile("step (\\d+) done (\\d+) trail (\\d+)");

  @Test
  void aHandlerKilledMidLoopContinuesRightAfterItsLastCheckpoint() throws Exception {
    Path source = Files.writeString(dir.resolve("stepper.sx"), STEPPER);
    Path data = dir.resolve("data");
    try (Run first = Run.start(data, source, "go")) {
      first.awaitLine(l -> l.startsWith("step 3 "), "the fourth step");
      awaitManifests(data, 1);
      Thread.sleep(new Random().nextInt(20, 400)); // a random moment inside the handler's loop
      first.kill();
    }
    try (Run second = Run.start(data, source)) {
      long resumed =
          Long.parseLong(second.awaitLine(l -> l.startsWith("resumed "), "on_resume").substring(8));
      assertTrue(resumed >= 4, "resumed from " + resumed);
      // the handler goes on right after the checkpoint() of step resumed-1: its println first,
      // with the loop variable and the local list as they were, then the next steps. A handler
      // started afresh would print "step 0"; nothing resends Run in this run.
      Matcher m = STEP.matcher(second.awaitLine(l -> l.startsWith("step "), "a step"));
      assertTrue(m.matches());
      assertEquals(resumed - 1, Long.parseLong(m.group(1)), second.lines().toString());
      assertEquals(resumed, Long.parseLong(m.group(2)));
      assertEquals(resumed, Long.parseLong(m.group(3)));
      String next = "step " + resumed + " done " + (resumed + 1) + " trail " + (resumed + 1);
      second.awaitLine(l -> l.equals(next), next);
      second.kill();
    }
  }

  /** A queue of work items all sent at once; each handler checkpoints what it has done. */
  private static final String QUEUE =
      """
      actor Worker {
          var done: List<i64> = []
          receive Work(k: i64) {
              done.push(k)
              checkpoint()
              println("did {k}")
              sleep(Duration::milliseconds(15))
              if k == 120 {
                  var ok = true
                  var i = 0
                  while i < done.len() { if done[i] != (i as i64) + 1 { ok = false }; i += 1 }
                  println("all {done.len()} in order {ok}")
              }
          }
          on_resume() { println("resumed with {done.len()}") }
      }

      fn main() {
          let w = spawn Worker with { name: "w" }
          if args().len() > 0 { for k in 1..=120 { send(w, Work(k)) } }
      }
      """;

  @Test
  void theMailWaitingAtTheLastCheckpointIsDeliveredAfterTheCrash() throws Exception {
    Path source = Files.writeString(dir.resolve("queue.sx"), QUEUE);
    Path data = dir.resolve("data");
    try (Run first = Run.start(data, source, "go")) {
      first.awaitLine(l -> l.equals("did 5"), "the fifth item");
      awaitManifests(data, 1);
      Thread.sleep(new Random().nextInt(20, 300)); // a random moment with most items still queued
      first.kill();
    }
    try (Run second = Run.start(data, source)) {
      // nothing sends work in this run: items after the checkpointed one come from the mailbox
      // the checkpoint carried, once each and in order
      second.awaitLine(l -> l.startsWith("resumed with "), "on_resume");
      assertEquals("all 120 in order true", second.awaitLine(l -> l.startsWith("all "), "the end"));
      second.kill();
    }
  }

  private static void awaitManifests(Path data, int actors) throws Exception {
    Path root = data.resolve("checkpoints/actors");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(root)) {
        try (var dirs = Files.list(root)) {
          long withManifest =
              dirs.filter(
                      d -> {
                        try (var files = Files.list(d)) {
                          return files.anyMatch(f -> f.toString().endsWith(".manifest"));
                        } catch (IOException e) {
                          return false;
                        }
                      })
                  .count();
          if (withManifest >= actors) return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no durable checkpoint of " + actors + " actors under " + root);
  }

  /** {@code simplex run --data DIR FILE} in its own JVM, its output collected line by line. */
  private static final class Run implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());

    private Run(Process process) {
      this.process = process;
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (var in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    all.add(line);
                    fresh.add(line);
                  }
                } catch (IOException ignored) {
                  // the process was killed
                }
              });
    }

    static Run start(Path data, Path source, String... args) throws IOException {
      List<String> argv = new ArrayList<>();
      argv.add(ProcessHandle.current().info().command().orElse("java"));
      argv.addAll(
          ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .filter(a -> a.startsWith("--add-opens") || a.startsWith("--enable-native-access"))
              .toList());
      argv.addAll(
          List.of(
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              classPath(),
              Main.class.getName(),
              "run",
              "--data",
              data.toString(),
              source.toString()));
      argv.addAll(List.of(args));
      return new Run(new ProcessBuilder(argv).redirectErrorStream(true).start());
    }

    /** Surefire may hand the tests a manifest-only jar; its real classpath is in this property. */
    private static String classPath() {
      String surefire = System.getProperty("surefire.test.class.path");
      return surefire != null && !surefire.isBlank()
          ? surefire
          : System.getProperty("java.class.path");
    }

    String awaitLine(java.util.function.Predicate<String> wanted, String what)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = fresh.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && wanted.test(line)) return line;
        if (line == null && !process.isAlive() && fresh.isEmpty())
          throw new AssertionError("process ended before " + what + ": " + lines());
      }
      throw new AssertionError("no " + what + " within a minute: " + lines());
    }

    List<String> lines() {
      synchronized (all) {
        return List.copyOf(all);
      }
    }

    /** SIGKILL: no hooks, no flush, exactly like losing the machine. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) kill();
    }
  }
}
