package dev.simplex.gossip;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from the swarm secret: PBKDF2 stretches the secret (salted with the swarm name, so
 * equal secrets in two swarms give different keys), then HKDF-Expand separates an AES key for
 * SYM_ENCRYPT from an HMAC key for join authentication. No keystore file exists to lose or leak.
 */
record SwarmKeys(SecretKey encryptionKey, SecretKey authenticationKey) {

  static final int MIN_SECRET_LENGTH = 8;
  private static final int PBKDF2_ITERATIONS = 200_000;

  static SwarmKeys derive(String secret, String swarmName) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "--secret must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    char[] chars = secret.toCharArray();
    try {
      var spec =
          new PBEKeySpec(
              chars,
              ("simplex-swarm:" + swarmName).getBytes(StandardCharsets.UTF_8),
              PBKDF2_ITERATIONS,
              256);
      byte[] master =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      spec.clearPassword();
      byte[] enc = hkdfExpand(master, "simplex/sym-encrypt/v1", 16);
      byte[] auth = hkdfExpand(master, "simplex/join-auth/v1", 32);
      Arrays.fill(master, (byte) 0);
      return new SwarmKeys(new SecretKeySpec(enc, "AES"), new SecretKeySpec(auth, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** HKDF-Expand (RFC 5869) for output lengths up to one HMAC block. */
  private static byte[] hkdfExpand(byte[] prk, String info, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(info.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), length);
  }
}
