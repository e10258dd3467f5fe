package dev.simplex.peer.cli;

import java.nio.file.Path;

/** Where a peer keeps its state: {@code --data DIR}, else $SIMPLEX_DATA, else ~/.simplex/data. */
final class DataDir {
  private DataDir() {}

  static Path resolve(Path flag) {
    if (flag != null) {
      return flag;
    }
    String env = System.getenv("SIMPLEX_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".simplex", "data");
  }

  /** The checkpoint store inside a data directory. */
  static Path checkpoints(Path dataDir) {
    return dataDir.resolve("checkpoints");
  }
}
