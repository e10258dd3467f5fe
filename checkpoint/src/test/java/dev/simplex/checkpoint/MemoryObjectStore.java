package dev.simplex.checkpoint;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An object store in a map, stamping objects with a clock the test controls. */
final class MemoryObjectStore implements ObjectStore {
  private record Stored(byte[] bytes, Instant modified) {}

  private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final InstantSource clock;
  int puts;

  MemoryObjectStore(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void put(String name, byte[] bytes) {
    objects.put(ObjectStore.checkName(name), new Stored(bytes.clone(), clock.instant()));
    puts++;
  }

  @Override
  public Optional<byte[]> get(String name, int maxBytes) throws CheckpointFormatException {
    Stored s = objects.get(ObjectStore.checkName(name));
    if (s != null && s.bytes().length > maxBytes) {
      throw new CheckpointFormatException(name + " is more than the limit of " + maxBytes);
    }
    return Optional.ofNullable(s).map(x -> x.bytes().clone());
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    return objects.tailMap(prefix).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .map(e -> new ObjectInfo(e.getKey(), e.getValue().bytes().length, e.getValue().modified()))
        .toList();
  }

  @Override
  public void delete(String name) {
    objects.remove(ObjectStore.checkName(name));
  }

  Instant modified(String name) {
    return objects.get(name).modified();
  }

  @Override
  public String location() {
    return "memory";
  }

  @Override
  public void close() {}
}
