package dev.simplex.peer.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.Optional;

/**
 * The swarm actors' durable checkpoints, replicated through the grid with {@link
 * GridConfig#backupCount()} synchronous backups, so they outlive the peer that wrote them. A write
 * is accepted only when it supersedes what is stored (higher epoch, or same epoch and higher
 * sequence): a stale activation (a peer that hung and came back) cannot overwrite its successor.
 */
public final class ActorCheckpoints {
  private final IMap<String, ActorCheckpoint> map;

  ActorCheckpoints(IMap<String, ActorCheckpoint> map) {
    this.map = map;
  }

  /** Stores {@code c} unless a newer one is stored; returns whether it was stored. */
  public boolean save(ActorCheckpoint c) {
    ActorCheckpoint now = map.executeOnKey(c.actorId(), new Supersede(c));
    return now != null
        && now.epoch() == c.epoch()
        && now.sequence() == c.sequence()
        && java.util.Objects.equals(now.writerPeer(), c.writerPeer());
  }

  public Optional<ActorCheckpoint> latest(String actorId) {
    return Optional.ofNullable(map.get(actorId));
  }

  /** Whether a checkpoint of the actor is stored (without fetching its state). */
  public boolean has(String actorId) {
    return map.containsKey(actorId);
  }

  /** Forgets the checkpoint of an actor that ended for good. */
  public void remove(String actorId) {
    map.delete(actorId);
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
