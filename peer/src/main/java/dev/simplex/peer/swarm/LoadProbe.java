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
}
