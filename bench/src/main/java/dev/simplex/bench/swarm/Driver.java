package dev.simplex.bench.swarm;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.Behavior;

/**
 * The sending actor: runs a workload against its {@link Target} inside its own handler, so both
 * sides of every measurement are actors, and answers with what it measured.
 */
final class Driver implements Behavior {
  /** Ask: send {@code messages} ticks one way, then ask for the count; answers a {@link Sent}. */
  record Throughput(int messages) {
    Throughput {
      if (messages < 1)
        throw new IllegalArgumentException("messages must be >= 1, got " + messages);
    }
  }

  /**
   * Nanoseconds of a throughput round: the loop of {@code send} calls alone (the sender's side),
   * and until the drain ask returned (every tick handled).
   */
  record Sent(long enqueueNanos, long totalNanos) {}

  /** Ask: {@code asks} sequential pings; answers each round trip in nanoseconds. */
  record Latency(int asks) {
    Latency {
      if (asks < 1) throw new IllegalArgumentException("asks must be >= 1, got " + asks);
    }
  }

  private final Target target;
  private long ping;

  Driver(Target target) {
    this.target = target;
  }

  @Override
  public void start(ActorContext ctx) {}

  @Override
  public Object handle(ActorContext ctx, Object message) {
    return switch (message) {
      case Throughput t -> throughput(t.messages());
      case Latency l -> latency(l.asks());
      default ->
          throw new IllegalArgumentException(
              "a driver takes Throughput or Latency, got " + message.getClass().getName());
    };
  }

  /** The drain ask is answered after every earlier send was handled: mailboxes are FIFO. */
  private Sent throughput(int messages) {
    long before = (Long) target.ask(new SinkMessage.Count());
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) target.send(new SinkMessage.Tick(i));
    long enqueued = System.nanoTime();
    long after = (Long) target.ask(new SinkMessage.Count());
    long elapsed = System.nanoTime() - start;
    if (after - before != messages)
      throw new IllegalStateException(
          "the sink counted " + (after - before) + " of " + messages + " ticks");
    return new Sent(enqueued - start, elapsed);
  }

  private long[] latency(int asks) {
    long[] nanos = new long[asks];
    for (int i = 0; i < asks; i++) {
      long n = ++ping;
      long start = System.nanoTime();
      Object reply = target.ask(new SinkMessage.Ping(n));
      nanos[i] = System.nanoTime() - start;
      if (!Long.valueOf(n).equals(reply))
        throw new IllegalStateException("ping " + n + " was answered with " + reply);
    }
    return nanos;
  }
}
