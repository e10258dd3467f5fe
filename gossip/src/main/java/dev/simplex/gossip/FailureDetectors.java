package dev.simplex.gossip;

import java.net.InetAddress;
import java.util.List;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.stack.Protocol;

/**
 * Failure detection tuned for a LAN swarm, far below JGroups' 40 s heartbeat default: a crashed
 * process is noticed when its FD_SOCK2 socket closes (about a second), a hung one after {@link
 * #HEARTBEAT_TIMEOUT_MS} without heartbeats, and VERIFY_SUSPECT2 re-checks every suspicion before
 * GMS excludes anyone, so one slow peer cannot cascade into a wave of exclusions.
 */
final class FailureDetectors {

  /** FD_ALL3: heartbeat period (any message from a peer also counts as one). */
  static final long HEARTBEAT_INTERVAL_MS = 500;

  /**
   * FD_ALL3: silence after which a peer is suspected (a hung or SIGSTOPped process), checked every
   * heartbeat period, so a hang is suspected 3-3.5 s after it began: six missed heartbeats.
   */
  static final long HEARTBEAT_TIMEOUT_MS = 3_000;

  /**
   * VERIFY_SUSPECT2: how long a suspect has to answer a direct ping before it is excluded. Its task
   * runs every {@code timeout} and passes up suspects older than that, so the wait is one to two
   * timeouts (measured: 2.7 s of the SIGKILL-to-recovery time with 1.5 s, which now is 0.5-1 s).
   */
  static final long VERIFY_TIMEOUT_MS = 500;

  /** FD_SOCK2: how often a suspicion is repeated while the suspect is still in the view. */
  static final long SOCKET_SUSPECT_INTERVAL_MS = 1_000;

  /** MERGE3: bounds of the random interval between INFO gossip, and how often splits are sought. */
  static final long MERGE_MIN_INTERVAL_MS = 2_000;

  static final long MERGE_MAX_INTERVAL_MS = 5_000;
  static final long MERGE_CHECK_INTERVAL_MS = 8_000;

  private FailureDetectors() {}

  /** MERGE3 first, then FD_SOCK2 (listening on {@code bind} only), FD_ALL3, VERIFY_SUSPECT2. */
  static List<Protocol> protocols(InetAddress bind) {
    return List.of(
        new MERGE3()
            .setMinInterval(MERGE_MIN_INTERVAL_MS)
            .setMaxInterval(MERGE_MAX_INTERVAL_MS)
            .setCheckInterval(MERGE_CHECK_INTERVAL_MS),
        new FD_SOCK2().setBindAddress(bind).setSuspectMsgInterval(SOCKET_SUSPECT_INTERVAL_MS),
        new FD_ALL3().setInterval(HEARTBEAT_INTERVAL_MS).setTimeout(HEARTBEAT_TIMEOUT_MS),
        new VERIFY_SUSPECT2().setTimeout(VERIFY_TIMEOUT_MS));
  }
}
