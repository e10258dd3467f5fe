package dev.simplex.gossip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The IPv4 multicast group and port a swarm uses, derived from its name so two swarms on one LAN
 * pick different groups without configuration. The group is in 239.0.0.0/8 (organisation-local
 * scope, never routed to the internet). Should two names collide anyway, JGroups still discards
 * messages whose cluster name is not ours.
 */
record MulticastGroup(InetAddress address, int port) {

  static final int FIRST_PORT = 45700;
  static final int PORT_SPAN = 1000;

  static MulticastGroup forSwarm(String swarmName) {
    byte[] h = sha256(swarmName);
    byte[] group = {(byte) 239, h[0], h[1], h[2]};
    // 239.x.y.0 and .255 are avoided: some switches treat them specially
    if (group[3] == 0 || group[3] == (byte) 255) {
      group[3] = 1;
    }
    int port = FIRST_PORT + (((h[3] & 0xff) << 8 | (h[4] & 0xff)) % PORT_SPAN);
    try {
      return new MulticastGroup(InetAddress.getByAddress(group), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
