package dev.simplex.peer.swarm;

/**
 * What the actor runtime tells the peer about its work, sampled about once a second. The counters
 * only ever rise; the peer turns them into rates.
 */
public interface LoadProbe {
  /** A peer that hosts no actors yet (the daemon before a program is deployed on it). */
  LoadProbe IDLE =
      new LoadProbe() {
        @Override
        public long actorCount() {
          return 0;
        }

        @Override
        public long messagesProcessed() {
          return 0;
        }

        @Override
        public long checkpointsWritten() {
          return 0;
        }
      };

  /** Activations living on this peer now. */
  long actorCount();

  /** Messages handled by this peer's actors since it started. */
  long messagesProcessed();

  /** Checkpoints written by this peer's actors since it started. */
  long checkpointsWritten();

  /** What the actors placed on this peer reserved with {@code resources:}. */
  default dev.simplex.peer.route.Resources reserved() {
    return dev.simplex.peer.route.Resources.NONE;
  }

  /** The GPUs this peer offers (what its inference pool reports); 0 without any. */
  default int gpus() {
    return 0;
  }
}
