package dev.simplex.peer.swarm;

import java.io.Serializable;

/**
 * One peer's load as it publishes it in the grid about once a second. {@code sequence} rises with
 * every publication, so readers judge liveness by seeing it change on their own clock, not by
 * comparing wall clocks across machines.
 *
 * @param cpu the peer process's CPU load, 0..1, or -1 where the JVM cannot tell
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
    long heapMax)
    implements Serializable {}
