package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.Behavior;

/** The target actor of every workload: counts ticks, answers counts and pings. */
final class Sink implements Behavior {
  static final String TYPE = "Sink";
  private long ticks;

  @Override
  public void start(ActorContext ctx) {}

  @Override
  public Object handle(ActorContext ctx, Object message) {
    return switch (message) {
      case SinkMessage.Tick t -> {
        ticks++;
        yield null;
      }
      case SinkMessage.Count c -> ticks;
      case SinkMessage.Ping p -> p.n();
      default ->
          throw new IllegalArgumentException(
              "a sink takes Tick, Count or Ping, got " + message.getClass().getName());
    };
  }
}
