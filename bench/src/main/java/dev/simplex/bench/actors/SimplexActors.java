package dev.simplex.bench.actors;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.Behavior;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The Simplex runtime core ({@link ActorSystem}) with its default options and Java behaviours. */
final class SimplexActors implements ActorRuntime {
  private static final long TIMEOUT_S = 300;
  private final ActorSystem system = new ActorSystem();

  record Ball(ActorRef from, int remaining) {}

  record Go(ActorRef counter, int count) {}

  enum Increment {
    INSTANCE
  }

  @Override
  public String label() {
    return "Simplex runtime (Java behaviours)";
  }

  @Override
  public long pingPong(int roundTrips) throws Exception {
    var done = new CompletableFuture<Void>();
    ActorRef ponger = system.spawn(new ActorSpec("Ponger", Ponger::new));
    ActorRef pinger = system.spawn(new ActorSpec("Pinger", () -> new Pinger(done)));
    long start = System.nanoTime();
    system.send(pinger, new Ball(ponger, roundTrips));
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    stopAll(List.of(pinger, ponger));
    return elapsed;
  }

  @Override
  public long fanIn(int senders, int perSender) throws Exception {
    var done = new CompletableFuture<Void>();
    ActorRef counter =
        system.spawn(new ActorSpec("Counter", () -> new Counter((long) senders * perSender, done)));
    List<ActorRef> refs = spawnMany("Sender", senders, Sender::new);
    long start = System.nanoTime();
    for (ActorRef s : refs) system.send(s, new Go(counter, perSender));
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    refs.add(counter);
    stopAll(refs);
    return elapsed;
  }

  @Override
  public long manyActors(int actors, int perActor) throws Exception {
    var done = new CompletableFuture<Void>();
    var unfinished = new AtomicInteger(actors);
    List<ActorRef> refs =
        spawnMany(
            "Counter",
            actors,
            () ->
                new Counter(
                    perActor,
                    () -> {
                      if (unfinished.decrementAndGet() == 0) done.complete(null);
                    }));
    long start = System.nanoTime();
    for (int k = 0; k < perActor; k++) for (ActorRef r : refs) system.send(r, Increment.INSTANCE);
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    stopAll(refs);
    return elapsed;
  }

  @Override
  public Object spawnIdle(int count) {
    return spawnMany("Idle", count, Counter::idle);
  }

  private List<ActorRef> spawnMany(String type, int n, java.util.function.Supplier<Behavior> b) {
    var spec = new ActorSpec(type, b);
    List<ActorRef> refs = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) refs.add(system.spawn(spec));
    return refs;
  }

  private void stopAll(List<ActorRef> refs) {
    refs.forEach(system::stop);
  }

  @Override
  public void close() {
    system.shutdown();
  }

  private static final class Ponger implements Behavior {
    @Override
    public void start(ActorContext ctx) {}

    @Override
    public Object handle(ActorContext ctx, Object message) {
      Ball b = (Ball) message;
      ctx.system().send(b.from(), new Ball(ctx.self(), b.remaining()));
      return null;
    }
  }

  private static final class Pinger implements Behavior {
    private final CompletableFuture<Void> done;

    Pinger(CompletableFuture<Void> done) {
      this.done = done;
    }

    @Override
    public void start(ActorContext ctx) {}

    @Override
    public Object handle(ActorContext ctx, Object message) {
      Ball b = (Ball) message;
      if (b.remaining() == 0) done.complete(null);
      else ctx.system().send(b.from(), new Ball(ctx.self(), b.remaining() - 1));
      return null;
    }
  }

  private static final class Sender implements Behavior {
    @Override
    public void start(ActorContext ctx) {}

    @Override
    public Object handle(ActorContext ctx, Object message) {
      Go go = (Go) message;
      for (int i = 0; i < go.count(); i++) ctx.system().send(go.counter(), Increment.INSTANCE);
      return null;
    }
  }

  /** Counts increments; runs {@code onTarget} once when the count reaches the target. */
  private static final class Counter implements Behavior {
    private final long target;
    private final Runnable onTarget;
    private long count;

    Counter(long target, Runnable onTarget) {
      this.target = target;
      this.onTarget = onTarget;
    }

    Counter(long target, CompletableFuture<Void> done) {
      this(target, () -> done.complete(null));
    }

    static Counter idle() {
      return new Counter(Long.MAX_VALUE, () -> {});
    }

    @Override
    public void start(ActorContext ctx) {}

    @Override
    public Object handle(ActorContext ctx, Object message) {
      if (++count == target) onTarget.run();
      return null;
    }
  }
}
