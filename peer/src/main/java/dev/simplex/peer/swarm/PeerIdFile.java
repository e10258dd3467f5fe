package dev.simplex.peer.swarm;

import dev.simplex.gossip.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The peer's id kept in {@code DATA/peer-id}, so a restarted peer is the same peer to the swarm
 * (its checkpoints and placements name it).
 */
final class PeerIdFile {
  static final String NAME = "peer-id";

  private PeerIdFile() {}

  static PeerId loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    try {
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
          return new PeerId(text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              file + " holds no valid peer id (" + e.getMessage() + "); delete it to get a new one",
              e);
        }
      }
      Files.createDirectories(dataDir);
      PeerId id = PeerId.random();
      // Write then rename, so a crash never leaves a half-written id behind.
      Path tmp = Files.createTempFile(dataDir, NAME, ".tmp");
      Files.writeString(tmp, id.value() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--data " + dataDir + " cannot be used (" + e + "); pick a writable directory", e);
    }
  }
}
