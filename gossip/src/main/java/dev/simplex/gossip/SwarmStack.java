package dev.simplex.gossip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * Assembles the whole JGroups stack in code, bottom to top, so there is no XML file to lose:
 * transport and discovery, encryption, failure detection, reliable delivery, authentication,
 * membership, flow control and fragmentation.
 */
final class SwarmStack {

  /** GMS: how long a joiner waits for the coordinator's answer before retrying. */
  static final long JOIN_TIMEOUT_MS = 1_500;

  /** GMS: join attempts before a node founds its own swarm (MERGE3 heals it later if wrong). */
  static final int MAX_JOIN_ATTEMPTS = 3;

  /** GMS: how long a leaving member waits for its leave to be acknowledged. */
  static final long LEAVE_TIMEOUT_MS = 1_000;

  /** NAKACK2 and UNICAST3: retransmission period for lost messages. */
  static final long RETRANSMIT_INTERVAL_MS = 500;

  /** STABLE: how often members agree on what all have received, so buffers can be purged. */
  static final long STABLE_GOSSIP_MS = 5_000;

  /** FRAG4: largest fragment; stays under a 64 KiB UDP datagram with headers. */
  static final int FRAGMENT_BYTES = 60_000;

  private SwarmStack() {}

  static List<Protocol> build(
      SwarmConfig config, InetAddress bind, Optional<SwarmKeys> keys, SuspicionTap tap) {
    List<Protocol> stack = new ArrayList<>();
    stack.addAll(Transports.bottom(config.discovery(), config.swarmName(), bind, config.port()));
    // directly above discovery: everything from failure detection up travels encrypted
    keys.ifPresent(
        k ->
            stack.add(
                new SYM_ENCRYPT()
                    .setSecretKey(k.encryptionKey())
                    .symAlgorithm("AES/CBC/PKCS5Padding")
                    .symIvLength(16)));
    stack.addAll(FailureDetectors.protocols(bind));
    stack.add(tap);
    stack.add(new NAKACK2().setXmitInterval(RETRANSMIT_INTERVAL_MS));
    stack.add(new UNICAST3().setXmitInterval(RETRANSMIT_INTERVAL_MS));
    stack.add(new STABLE().setDesiredAverageGossip(STABLE_GOSSIP_MS));
    keys.ifPresent(
        k -> {
          var token = new SwarmAuthToken(k.authenticationKey());
          AUTH auth = new AUTH().setAuthToken(token);
          token.setAuth(auth); // the token signs with the local address; JGroups skips this
          stack.add(auth);
        });
    stack.add(
        new GMS()
            .setJoinTimeout(JOIN_TIMEOUT_MS)
            .setMaxJoinAttempts(MAX_JOIN_ATTEMPTS)
            .setLeaveTimeout(LEAVE_TIMEOUT_MS)
            .printLocalAddress(false));
    stack.add(new UFC());
    stack.add(new MFC());
    stack.add(new FRAG4().setFragSize(FRAGMENT_BYTES));
    return stack;
  }
}
