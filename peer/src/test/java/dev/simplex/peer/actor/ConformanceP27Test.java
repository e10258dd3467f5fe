package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** language.md §16 p27 (named actors, lookup, stop, dead letters) as Java behaviours. */
class ConformanceP27Test {
  record Put(String item) {}

  record Count() {}

  static final class Store implements Behavior {
    private final List<String> out;
    private final List<String> items = new ArrayList<>();

    Store(List<String> out) {
      this.out = out;
    }

    @Override
    public void start(ActorContext ctx) {}

    @Override
    public Object handle(ActorContext ctx, Object message) {
      return switch (message) {
        case Put(String s) -> {
          items.add(s);
          yield null;
        }
        case Count c -> (long) items.size();
        default -> throw new IllegalArgumentException("unknown message " + message);
      };
    }

    @Override
    public void onStop(ActorContext ctx, ExitReason reason) {
      out.add("store stopped with " + items.size());
    }
  }

  @Test
  void namedActorsLookupStopAndDeadLettersPrintTheExpectedOutput() {
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> debug = new CopyOnWriteArrayList<>();
    ActorSpec store = new ActorSpec("Store", () -> new Store(out));
    try (ActorSystem system =
        new ActorSystem(ActorSystem.Options.defaults().withDebug(debug::add))) {
      ActorRef s1 = system.spawn(store, "store");
      system.send(s1, new Put("a"));
      ActorRef s2 = system.spawn(store, "store");
      system.send(s2, new Put("b"));
      out.add("same: " + s1.equals(s2) + ", count: " + system.ask(s1, new Count()));
      out.add(
          system
              .lookup("store", "Store")
              .map(s -> "found, count " + system.ask(s, new Count()))
              .orElse("missing"));
      out.add(String.valueOf(system.lookup("nope", "Store").isEmpty()));
      system.stop(s1);
      system.send(s1, new Put("late"));
      AskResult r = system.ask(s1, new Count(), Duration.ofSeconds(1));
      out.add(r instanceof AskResult.ActorDied ? "Err(ActorDied)" : r.toString());
      out.add(String.valueOf(system.lookup("store", "Store").isEmpty()));
    }
    assertEquals(
        List.of(
            "same: true, count: 2",
            "found, count 2",
            "true",
            "store stopped with 2",
            "Err(ActorDied)",
            "true"),
        out);
    assertEquals(
        List.of("dead letter: Put to <Store#1>", "dead letter: Count to <Store#1>"), debug);
  }
}
