package dev.simplex.peer.actor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small Java behaviour for the tests: records {@code start}, {@code stop}, {@code resume}, and
 * handles string messages: {@code "panic:<msg>"} panics, {@code "get"} replies with the count of
 * messages handled, anything else is counted and echoed. {@code "checkpoint"} saves the count in
 * {@code checkpoints} under the actor id, which a restart restores.
 */
final class Recording implements Behavior {
  private final String label;
  private final Events events;
  private final Map<Long, Integer> checkpoints;
  private int handled;

  Recording(String label, Events events, Map<Long, Integer> checkpoints) {
    this.label = label;
    this.events = events;
    this.checkpoints = checkpoints;
  }

  static ActorSpec spec(String type, String label, Events events) {
    return new ActorSpec(type, () -> new Recording(label, events, new ConcurrentHashMap<>()));
  }

  static ActorSpec spec(String type, String label, Events events, Map<Long, Integer> checkpoints) {
    return new ActorSpec(type, () -> new Recording(label, events, checkpoints));
  }

  static Supplier<Behavior> factory(String label, Events events) {
    return () -> new Recording(label, events, new ConcurrentHashMap<>());
  }

  @Override
  public void start(ActorContext ctx) {
    events.add(label + " start");
  }

  @Override
  public Object handle(ActorContext ctx, Object message) {
    String m = (String) message;
    if (m.startsWith("panic:")) throw new IllegalStateException(m.substring("panic:".length()));
    if (m.equals("get")) return handled;
    handled++;
    if (m.equals("checkpoint")) checkpoints.put(ctx.self().id(), handled);
    return label + " got " + m;
  }

  @Override
  public void onStop(ActorContext ctx, ExitReason reason) {
    events.add(label + " stop " + reason);
  }

  @Override
  public boolean restoreLatestCheckpoint(ActorContext ctx) {
    Integer saved = checkpoints.get(ctx.self().id());
    if (saved == null) return false;
    handled = saved;
    events.add(label + " resume " + saved);
    return true;
  }
}
