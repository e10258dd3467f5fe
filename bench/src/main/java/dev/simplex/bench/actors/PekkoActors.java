package dev.simplex.bench.actors;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Apache Pekko typed actors (Java API) with their default dispatcher, the way a Java user would
 * write the same workloads. Actors are spawned as children of one parent per workload, which is
 * stopped (and its children with it) afterwards.
 */
final class PekkoActors implements ActorRuntime {
  private static final long TIMEOUT_S = 300;
  private final ActorSystem<SpawnProtocol.Command> system =
      ActorSystem.create(
          SpawnProtocol.create(),
          "bench",
          ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.log-dead-letters = off")
              .withFallback(ConfigFactory.load()));

  record Ball(ActorRef<Ball> from, int remaining) {}

  record Go(ActorRef<Increment> counter, int count) {}

  enum Increment {
    INSTANCE
  }

  enum Stop {
    INSTANCE
  }

  @Override
  public String label() {
    return "Pekko typed 1.2.1 (Java API)";
  }

  @Override
  public long pingPong(int roundTrips) throws Exception {
    var done = new CompletableFuture<Void>();
    Behavior<Ball> ponger =
        Behaviors.receive(
            (ctx, b) -> {
              b.from().tell(new Ball(ctx.getSelf(), b.remaining()));
              return Behaviors.same();
            });
    Behavior<Ball> pinger =
        Behaviors.receive(
            (ctx, b) -> {
              if (b.remaining() == 0) done.complete(null);
              else b.from().tell(new Ball(ctx.getSelf(), b.remaining() - 1));
              return Behaviors.same();
            });
    Brood<Ball> pongers = brood(1, () -> ponger);
    Brood<Ball> pingers = brood(1, () -> pinger);
    long start = System.nanoTime();
    pingers.children().get(0).tell(new Ball(pongers.children().get(0), roundTrips));
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    pingers.stop();
    pongers.stop();
    return elapsed;
  }

  @Override
  public long fanIn(int senders, int perSender) throws Exception {
    var done = new CompletableFuture<Void>();
    long total = (long) senders * perSender;
    Brood<Increment> counter = brood(1, () -> counter(total, () -> done.complete(null)));
    Behavior<Go> sender =
        Behaviors.receiveMessage(
            go -> {
              for (int i = 0; i < go.count(); i++) go.counter().tell(Increment.INSTANCE);
              return Behaviors.same();
            });
    Brood<Go> brood = brood(senders, () -> sender);
    ActorRef<Increment> target = counter.children().get(0);
    long start = System.nanoTime();
    for (ActorRef<Go> s : brood.children()) s.tell(new Go(target, perSender));
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    brood.stop();
    counter.stop();
    return elapsed;
  }

  @Override
  public long manyActors(int actors, int perActor) throws Exception {
    var done = new CompletableFuture<Void>();
    var unfinished = new AtomicInteger(actors);
    Brood<Increment> brood =
        brood(
            actors,
            () ->
                counter(
                    perActor,
                    () -> {
                      if (unfinished.decrementAndGet() == 0) done.complete(null);
                    }));
    long start = System.nanoTime();
    for (int k = 0; k < perActor; k++)
      for (ActorRef<Increment> r : brood.children()) r.tell(Increment.INSTANCE);
    done.get(TIMEOUT_S, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    brood.stop();
    return elapsed;
  }

  @Override
  public Object spawnIdle(int count) throws Exception {
    return brood(count, () -> counter(Long.MAX_VALUE, () -> {}));
  }

  /** A counter with its count in a field of its own behaviour instance. */
  private static Behavior<Increment> counter(long target, Runnable onTarget) {
    return Behaviors.setup(
        ctx -> {
          long[] count = new long[1];
          return Behaviors.receiveMessage(
              m -> {
                if (++count[0] == target) onTarget.run();
                return Behaviors.same();
              });
        });
  }

  /** A parent and its children; stopping the parent stops them all. */
  record Brood<T>(ActorRef<Stop> parent, List<ActorRef<T>> children) {
    void stop() {
      parent.tell(Stop.INSTANCE);
    }
  }

  /** Spawns a parent (through the guardian's SpawnProtocol) that spawns {@code n} children. */
  private <T> Brood<T> brood(int n, Supplier<Behavior<T>> child) throws Exception {
    var children = new CompletableFuture<List<ActorRef<T>>>();
    Behavior<Stop> parent =
        Behaviors.setup(
            ctx -> {
              List<ActorRef<T>> refs = new ArrayList<>(n);
              for (int i = 0; i < n; i++) refs.add(ctx.spawnAnonymous(child.get()));
              children.complete(refs);
              return Behaviors.receiveMessage(stop -> Behaviors.stopped());
            });
    ActorRef<Stop> ref =
        AskPattern.<SpawnProtocol.Command, ActorRef<Stop>>ask(
                system,
                replyTo -> new SpawnProtocol.Spawn<>(parent, "", Props.empty(), replyTo),
                Duration.ofSeconds(TIMEOUT_S),
                system.scheduler())
            .toCompletableFuture()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
    return new Brood<>(ref, children.get(TIMEOUT_S, TimeUnit.SECONDS));
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Pekko did not terminate: " + e, e);
    }
  }
}
