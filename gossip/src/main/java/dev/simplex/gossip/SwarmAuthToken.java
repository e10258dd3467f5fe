package dev.simplex.gossip;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.jgroups.util.UUID;

/**
 * JGroups AUTH token proving knowledge of the swarm secret without sending it: each join or merge
 * request carries a fresh nonce, a timestamp and HMAC(key, sender address, nonce, timestamp). The
 * coordinator recomputes the HMAC for the request's actual sender, rejects stale timestamps and
 * nonces it has already seen, so a captured token cannot be replayed or reused by another node.
 *
 * <p>Public only because JGroups instantiates received tokens by class name.
 */
public final class SwarmAuthToken extends AuthToken {

  static final long MAX_CLOCK_SKEW_MS = 120_000;
  private static final int NONCE_BYTES = 16;
  private static final int MAC_BYTES = 32;
  private static final int REMEMBERED_NONCES = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key; // null on tokens read from the wire
  private final Map<String, Boolean> seenNonces =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_NONCES;
        }
      };
  private long timestamp;
  private byte[] nonce = new byte[NONCE_BYTES];
  private byte[] mac = new byte[MAC_BYTES];

  /** For JGroups, which reads a received token into a fresh instance. */
  public SwarmAuthToken() {
    this.key = null;
  }

  SwarmAuthToken(SecretKey key) {
    this.key = key;
  }

  @Override
  public String getName() {
    return "simplex-hmac";
  }

  @Override
  public int size() {
    return Long.BYTES + NONCE_BYTES + MAC_BYTES;
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    long now = System.currentTimeMillis();
    byte[] freshNonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(freshNonce);
    Address self = localAddress();
    byte[] proof = key == null ? new byte[MAC_BYTES] : proof(key, self, freshNonce, now);
    out.writeLong(now);
    out.write(freshNonce);
    out.write(proof);
  }

  /** JGroups 5.5 does not give AUTH (or its token) the local address; the channel has it. */
  private Address localAddress() {
    if (auth == null) {
      return null;
    }
    return auth.getProtocolStack().getChannel().getAddress();
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    timestamp = in.readLong();
    in.readFully(nonce);
    in.readFully(mac);
  }

  @Override
  public boolean authenticate(AuthToken received, Message msg) {
    if (key == null || !(received instanceof SwarmAuthToken other)) {
      return false;
    }
    return verify(
        other.timestamp, other.nonce, other.mac, msg.getSrc(), System.currentTimeMillis());
  }

  /** Checks a proof made by {@code sender}; package-private so tests can probe each rule. */
  synchronized boolean verify(long sentAt, byte[] nonce, byte[] mac, Address sender, long now) {
    if (sender == null || Math.abs(now - sentAt) > MAX_CLOCK_SKEW_MS) {
      return false;
    }
    if (!MessageDigest.isEqual(proof(key, sender, nonce, sentAt), mac)) {
      return false;
    }
    return seenNonces.putIfAbsent(HexFormat.of().formatHex(nonce), Boolean.TRUE) == null;
  }

  static byte[] proof(SecretKey key, Address sender, byte[] nonce, long timestamp) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(addressBytes(sender));
      hmac.update(nonce);
      hmac.update(ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
      return hmac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** The 128 UUID bits: the same on every node, unlike toString(), which prints logical names. */
  private static byte[] addressBytes(Address address) {
    if (address instanceof UUID uuid) {
      return ByteBuffer.allocate(16)
          .putLong(uuid.getMostSignificantBits())
          .putLong(uuid.getLeastSignificantBits())
          .array();
    }
    return new byte[0];
  }
}
