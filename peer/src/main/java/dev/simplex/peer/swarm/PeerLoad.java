package dev.simplex.peer.swarm;

import java.io.Serializable;

/**
 * One peer's load as it publishes it in the grid about once a second. {@code sequence} rises with
 * every publication, so readers judge liveness by seeing it change on their own clock, not by
 * comparing wall clocks across machines.
 *
 * @param cpu the peer process's CPU load, 0..1, or -1 where the JVM cannot tell
 * @param cores the processors the JVM may use, or -1 when not published
 * @param gpus the GPUs the peer's inference pool reports, 0 when none
 * @param reservedCpu cores reserved by the actors placed here with {@code resources:}
 * @param reservedMemory heap bytes reserved by those actors
 * @param reservedGpu GPUs reserved by those actors
 */
public record PeerLoad(
    String peerId,
    String address,
    long sequence,
    long actors,
    double messagesPerSecond,
    double checkpointsPerMinute,
    double cpu,
    long heapUsed,
    long heapMax,
    int cores,
    int gpus,
    long reservedCpu,
    long reservedMemory,
    long reservedGpu)
    implements Serializable {

  /** A load without capacity figures (cores unknown, no GPUs, nothing reserved). */
  public PeerLoad(
      String peerId,
      String address,
      long sequence,
      long actors,
      double messagesPerSecond,
      double checkpointsPerMinute,
      double cpu,
      long heapUsed,
      long heapMax) {
    this(
        peerId,
        address,
        sequence,
        actors,
        messagesPerSecond,
        checkpointsPerMinute,
        cpu,
        heapUsed,
        heapMax,
        -1,
        0,
        0,
        0,
        0);
  }

  /** Free heap now, or -1 when the heap's size is unknown. */
  public long freeHeap() {
    return heapMax > 0 ? Math.max(0, heapMax - heapUsed) : -1;
  }
}
