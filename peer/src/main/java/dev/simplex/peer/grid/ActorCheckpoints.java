package dev.simplex.peer.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarm actors' durable checkpoints, replicated through the grid with {@link
 * GridConfig#backupCount()} synchronous backups, so they outlive the peer that wrote them. A write
 * is accepted only when it supersedes what is stored (higher epoch, or same epoch and higher
 * sequence): a stale activation (a peer that hung and came back) cannot overwrite its successor.
 */
public final class ActorCheckpoints {
  private static final Logger LOG = LoggerFactory.getLogger(ActorCheckpoints.class);
  private final IMap<String, ActorCheckpoint> map;

  /** The object store copy ({@code checkpoint-store = s3}), or null: the grid alone. */
  private volatile CheckpointObjects objects;

  ActorCheckpoints(IMap<String, ActorCheckpoint> map) {
    this.map = map;
  }

  /**
   * From now on every stored checkpoint is also written to {@code objects} before {@link #save}
   * returns, and a checkpoint the grid lost (its partition's owner died with no backup left, or the
   * whole swarm restarted) is read back from there.
   */
  public void keepIn(CheckpointObjects objects) {
    this.objects = objects;
  }

  /** Whether checkpoints also go to an object store. */
  public boolean inObjectStore() {
    return objects != null;
  }

  /**
   * Stores {@code c} unless a newer one is stored; returns whether it was stored. With an object
   * store, a checkpoint the grid lost is first read back from it (so an older write cannot take its
   * place), and a stored checkpoint is in the object store when this returns.
   *
   * @throws UncheckedIOException when the object store refused it (the grid holds it; the caller
   *     does not count it as durable)
   */
  public boolean save(ActorCheckpoint c) {
    CheckpointObjects o = objects;
    if (o != null && !map.containsKey(c.actorId()))
      fromObjects(o, c.actorId())
          .ifPresent(old -> map.executeOnKey(c.actorId(), new Supersede(old)));
    ActorCheckpoint now = map.executeOnKey(c.actorId(), new Supersede(c));
    boolean stored =
        now != null
            && now.epoch() == c.epoch()
            && now.sequence() == c.sequence()
            && java.util.Objects.equals(now.writerPeer(), c.writerPeer());
    if (stored && o != null) {
      try {
        o.put(c);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "checkpoint of " + c.actorId() + " not stored in " + o.location() + ": " + e, e);
      }
    }
    return stored;
  }

  /** The grid's checkpoint of the actor, or the object store's when the grid has none. */
  public Optional<ActorCheckpoint> latest(String actorId) {
    ActorCheckpoint c = map.get(actorId);
    if (c != null) return Optional.of(c);
    CheckpointObjects o = objects;
    return o == null ? Optional.empty() : fromObjects(o, actorId);
  }

  /** Whether a checkpoint of the actor is stored (without fetching its state). */
  public boolean has(String actorId) {
    if (map.containsKey(actorId)) return true;
    CheckpointObjects o = objects;
    if (o == null) return false;
    try {
      return o.has(actorId);
    } catch (IOException e) {
      LOG.warn("checkpoints of {} in {} cannot be listed: {}", actorId, o.location(), e.toString());
      return false;
    }
  }

  /** Forgets the checkpoint of an actor that ended for good. */
  public void remove(String actorId) {
    map.delete(actorId);
    CheckpointObjects o = objects;
    if (o == null) return;
    try {
      o.remove(actorId);
    } catch (IOException e) {
      LOG.warn("checkpoints of {} in {} not removed: {}", actorId, o.location(), e.toString());
    }
  }

  /**
   * The actors with a checkpoint in the object store but none in the grid: candidates whose grid
   * entries were lost with a peer (empty without an object store).
   */
  public Set<String> onlyInObjectStore() {
    CheckpointObjects o = objects;
    if (o == null) return Set.of();
    try {
      Set<String> ids = new java.util.LinkedHashSet<>(o.actorIds());
      ids.removeIf(map::containsKey);
      return ids;
    } catch (IOException e) {
      LOG.warn("checkpoints in {} cannot be listed: {}", o.location(), e.toString());
      return Set.of();
    }
  }

  private static Optional<ActorCheckpoint> fromObjects(CheckpointObjects o, String actorId) {
    try {
      return o.latest(actorId);
    } catch (IOException e) {
      LOG.warn("checkpoint of {} cannot be read from {}: {}", actorId, o.location(), e.toString());
      return Optional.empty();
    }
  }

  /** Runs on the partition owner: keeps the newer of the stored and the offered checkpoint. */
  record Supersede(ActorCheckpoint offered)
      implements EntryProcessor<String, ActorCheckpoint, ActorCheckpoint> {
    @Override
    public ActorCheckpoint process(Map.Entry<String, ActorCheckpoint> entry) {
      ActorCheckpoint current = entry.getValue();
      if (offered.newerThan(current)) {
        entry.setValue(offered);
        return offered;
      }
      return current;
    }
  }
}
