package dev.simplex.bench.actors;

/**
 * One actor runtime under test. Each workload spawns its actors, measures from the first message
 * sent to the last one counted (spawning excluded), stops its actors, and returns the elapsed
 * nanoseconds. Both runtimes get the same message shapes and the same counts.
 */
interface ActorRuntime extends AutoCloseable {
  String label();

  /** Two actors pass a ball back and forth {@code roundTrips} times. */
  long pingPong(int roundTrips) throws Exception;

  /** {@code senders} actors each send {@code perSender} increments to one counter. */
  long fanIn(int senders, int perSender) throws Exception;

  /** The caller sends {@code perActor} increments to each of {@code actors} counters. */
  long manyActors(int actors, int perActor) throws Exception;

  /** Spawns {@code count} actors that never receive anything; returns something that holds them. */
  Object spawnIdle(int count) throws Exception;

  @Override
  void close();
}
