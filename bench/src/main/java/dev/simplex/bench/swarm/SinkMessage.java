package dev.simplex.bench.swarm;

import java.io.Serializable;

/** What a driver sends the sink; the same objects travel locally and between the peers. */
sealed interface SinkMessage extends Serializable {
  /** One-way: the sink counts it. */
  record Tick(int n) implements SinkMessage {}

  /** Ask: how many ticks the sink has counted so far. */
  record Count() implements SinkMessage {}

  /** Ask: the sink answers with the same number, so a reply proves which ask it belongs to. */
  record Ping(long n) implements SinkMessage {}
}
