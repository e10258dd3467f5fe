package dev.simplex.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The front the runtime calls on {@code checkpoint()}: the checkpoint is encoded at once into a
 * local buffer (so the actor's state is captured before the handler goes on) and persisted to the
 * store in the background; the returned future completes when it is durable.
 *
 * <p>Per actor, checkpoints reach the store in sequence order, one at a time. When several are
 * waiting behind a slow write, only the newest is written: it supersedes the others (the newest
 * sequence wins anyway), and their futures complete with its receipt. Different actors persist in
 * parallel. A crash loses only checkpoints whose future had not completed.
 */
public final class Checkpointer implements AutoCloseable {
  private final CheckpointStore store;
  private final ExecutorService executor;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<StoreReceipt>> outstanding = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** One actor's checkpoints between the buffer and the store. */
  private static final class Lane {
    long lastAccepted = -1;
    EncodedCheckpoint queued;
    List<CompletableFuture<StoreReceipt>> waiters = new ArrayList<>();
    EncodedCheckpoint inFlight;
    boolean running;
  }

  /** Persists on virtual threads: a store write blocks on disk or network, not on a carrier. */
  public Checkpointer(CheckpointStore store) {
    this.store = store;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  /**
   * Captures a checkpoint now and persists it in the background. Its sequence must be higher than
   * the last one given for the same actor.
   *
   * @return completes with the store's receipt (for this checkpoint or a newer one of the same
   *     actor that superseded it) once durable, or exceptionally if the store failed
   */
  public CompletableFuture<StoreReceipt> checkpoint(Checkpoint checkpoint) {
    return checkpoint(checkpoint.encode());
  }

  public CompletableFuture<StoreReceipt> checkpoint(EncodedCheckpoint checkpoint) {
    var done = new CompletableFuture<StoreReceipt>();
    Lane lane = lanes.computeIfAbsent(checkpoint.actorId(), id -> new Lane());
    boolean start;
    synchronized (lane) {
      if (closed) {
        throw new IllegalStateException("checkpointer is closed; actor " + checkpoint.actorId());
      }
      if (checkpoint.sequence() <= lane.lastAccepted) {
        throw new IllegalArgumentException(
            "actor "
                + checkpoint.actorId()
                + ": checkpoint sequence "
                + checkpoint.sequence()
                + " is not newer than "
                + lane.lastAccepted);
      }
      lane.lastAccepted = checkpoint.sequence();
      lane.queued = checkpoint; // supersedes a queued older one; its waiters stay
      lane.waiters.add(done);
      outstanding.add(done);
      start = !lane.running;
      lane.running = true;
    }
    done.whenComplete((r, e) -> outstanding.remove(done));
    if (start) {
      executor.execute(() -> drain(lane));
    }
    return done;
  }

  private void drain(Lane lane) {
    while (true) {
      EncodedCheckpoint next;
      List<CompletableFuture<StoreReceipt>> waiters;
      synchronized (lane) {
        next = lane.queued;
        if (next == null) {
          lane.running = false;
          return;
        }
        waiters = lane.waiters;
        lane.queued = null;
        lane.waiters = new ArrayList<>();
        lane.inFlight = next;
      }
      try {
        StoreReceipt receipt = store.put(next);
        waiters.forEach(w -> w.complete(receipt));
      } catch (IOException | RuntimeException e) {
        waiters.forEach(w -> w.completeExceptionally(e));
      } finally {
        synchronized (lane) {
          lane.inFlight = null;
        }
      }
    }
  }

  /**
   * The newest checkpoint of an actor: from the local buffer when one is not yet durable, otherwise
   * the store's latest that verifies.
   */
  public Optional<Checkpoint> latest(String actorId) throws IOException {
    Lane lane = lanes.get(actorId);
    EncodedCheckpoint buffered = null;
    if (lane != null) {
      synchronized (lane) {
        buffered = lane.queued != null ? lane.queued : lane.inFlight;
      }
    }
    return buffered != null ? Optional.of(buffered.decode()) : store.latest(actorId);
  }

  /** Completes when every checkpoint accepted so far has been persisted (or failed). */
  public CompletableFuture<Void> flush() {
    var pending = outstanding.toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(pending).handle((r, e) -> null);
  }

  /** Refuses new checkpoints, waits for the accepted ones, and stops; the store stays open. */
  @Override
  public void close() {
    closed = true;
    for (Lane lane : lanes.values()) {
      synchronized (lane) {
        // a barrier: a checkpoint() that got past the closed check is now in `outstanding`
      }
    }
    flush().join();
    executor.shutdown();
  }
}
