package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * language.md §16 p28 (supervision, restart from a checkpoint) written as Java behaviours: the
 * runtime alone must produce the program's expected output, line for line.
 */
class ConformanceP28Test {
  record Job(long n) {}

  record Done() {}

  /** {@code actor Worker}: fields id and done; checkpoint() saves done under the actor id. */
  static final class Worker implements Behavior {
    private final long id;
    private final List<String> out;
    private final Map<Long, Long> store;
    private long done;

    Worker(long id, List<String> out, Map<Long, Long> store) {
      this.id = id;
      this.out = out;
      this.store = store;
    }

    @Override
    public void start(ActorContext ctx) {
      out.add("worker " + id + " up");
    }

    @Override
    public Object handle(ActorContext ctx, Object message) {
      return switch (message) {
        case Job(long n) -> {
          if (n < 0) throw new IllegalStateException("bad job " + n);
          done += 1;
          store.put(ctx.self().id(), done);
          yield n * 10;
        }
        case Done d -> done;
        default -> throw new IllegalArgumentException("unknown message " + message);
      };
    }

    @Override
    public void onStop(ActorContext ctx, ExitReason reason) {
      out.add("worker " + id + " down");
    }

    @Override
    public boolean restoreLatestCheckpoint(ActorContext ctx) {
      Long saved = store.get(ctx.self().id());
      if (saved == null) return false;
      done = saved;
      out.add("worker " + id + " resumed, done=" + done);
      return true;
    }
  }

  @Test
  void supervisionWithARestartFromACheckpointPrintsTheExpectedOutput() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> err = new CopyOnWriteArrayList<>();
    Map<Long, Long> store = new ConcurrentHashMap<>();
    ActorSystem system = TestSystems.quiet(err);
    var crew =
        new SupervisorSpec(
            "Crew",
            Strategy.ONE_FOR_ONE,
            2,
            Duration.ofSeconds(60),
            List.of(
                ChildSpec.of(new ActorSpec("Worker", () -> new Worker(1, out, store))),
                ChildSpec.of(new ActorSpec("Worker", () -> new Worker(2, out, store)))
                    .restart(RestartPolicy.TRANSIENT)
                    .named("second")));
    ActorRef c = system.spawn(crew);
    ActorRef w1 = c.child(0, "Worker");
    ActorRef w2 = c.child("second", "Worker");
    out.add(String.valueOf(system.ask(w1, new Job(4))));
    AskResult failed = system.ask(w1, new Job(-1), Duration.ofSeconds(5));
    out.add(failed instanceof AskResult.ActorDied ? "Err(ActorDied)" : failed.toString());
    out.add(
        system.ask(w1, new Job(5))
            + " "
            + system.ask(w1, new Done())
            + " "
            + system.ask(w2, new Job(1)));
    system.awaitQuiescence();
    system.shutdown();
    assertEquals(
        List.of(
            "worker 1 up",
            "worker 2 up",
            "40",
            "worker 1 down",
            "worker 1 resumed, done=1",
            "Err(ActorDied)",
            "50 2 10",
            "worker 2 down",
            "worker 1 down"),
        out);
    assertEquals(List.of("actor Worker crashed: bad job -1"), err);
  }
}
