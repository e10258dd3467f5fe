package dev.simplex.checkpoint;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A store wrapper for tests: records puts, and can hold a put until the test opens its gate. */
final class GatedStore implements CheckpointStore {
  private final CheckpointStore delegate;
  final List<String> puts = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
  volatile IOException failWith;

  GatedStore(CheckpointStore delegate) {
    this.delegate = delegate;
  }

  private static String key(String actor, long seq) {
    return actor + "#" + seq;
  }

  /** The put of (actor, seq) will wait until {@link #open} is called. */
  void hold(String actor, long seq) {
    gates.put(key(actor, seq), new CountDownLatch(1));
    arrived.put(key(actor, seq), new CountDownLatch(1));
  }

  void open(String actor, long seq) {
    gates.get(key(actor, seq)).countDown();
  }

  void awaitArrival(String actor, long seq) throws InterruptedException {
    arrived.get(key(actor, seq)).await();
  }

  @Override
  public StoreReceipt put(EncodedCheckpoint c) throws IOException {
    String k = key(c.actorId(), c.sequence());
    puts.add(k);
    CountDownLatch gate = gates.get(k);
    if (gate != null) {
      arrived.get(k).countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (failWith != null) {
      throw failWith;
    }
    return delegate.put(c);
  }

  @Override
  public Optional<Checkpoint> latest(String actorId) throws IOException {
    return delegate.latest(actorId);
  }

  @Override
  public Optional<Checkpoint> read(String actorId, long sequence) throws IOException {
    return delegate.read(actorId, sequence);
  }

  @Override
  public List<CheckpointInfo> list() throws IOException {
    return delegate.list();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
