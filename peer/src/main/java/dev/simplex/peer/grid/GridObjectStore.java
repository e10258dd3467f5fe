package dev.simplex.peer.grid;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import dev.simplex.checkpoint.CheckpointFormatException;
import dev.simplex.checkpoint.ObjectStore;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoint objects (chunks and manifests) kept in the grid, so a checkpoint outlives the peer
 * that wrote it: every entry has the grid's synchronous backups ({@link GridConfig#backupCount()}).
 * Plugged under the checkpoint module's chunked store, which brings content addressing, checksums,
 * verification and retention.
 */
public final class GridObjectStore implements ObjectStore {
  record Stored(byte[] bytes, long modifiedMillis) implements Serializable {}

  /** Runs on the members: selects keys by prefix without shipping values back. */
  record KeyPrefix(String prefix) implements Predicate<String, Stored> {
    @Override
    public boolean apply(Map.Entry<String, Stored> entry) {
      return entry.getKey().startsWith(prefix);
    }
  }

  private final IMap<String, Stored> map;

  GridObjectStore(IMap<String, Stored> map) {
    this.map = map;
  }

  @Override
  public void put(String name, byte[] bytes) {
    map.set(ObjectStore.checkName(name), new Stored(bytes.clone(), System.currentTimeMillis()));
  }

  @Override
  public Optional<byte[]> get(String name, int maxBytes) throws CheckpointFormatException {
    Stored stored = map.get(ObjectStore.checkName(name));
    if (stored == null) {
      return Optional.empty();
    }
    if (stored.bytes().length > maxBytes) {
      throw new CheckpointFormatException(
          "grid object "
              + name
              + " is "
              + stored.bytes().length
              + " bytes, over the limit of "
              + maxBytes);
    }
    return Optional.of(stored.bytes().clone());
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    return map.entrySet(new KeyPrefix(prefix)).stream()
        .map(
            e ->
                new ObjectInfo(
                    e.getKey(),
                    e.getValue().bytes().length,
                    Instant.ofEpochMilli(e.getValue().modifiedMillis())))
        .sorted(Comparator.comparing(ObjectInfo::name))
        .toList();
  }

  @Override
  public void delete(String name) {
    map.delete(ObjectStore.checkName(name));
  }

  @Override
  public String location() {
    return "grid map " + map.getName();
  }

  @Override
  public void close() {}
}
