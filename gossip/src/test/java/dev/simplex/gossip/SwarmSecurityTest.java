package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** Key derivation and the HMAC join proof, rule by rule. */
class SwarmSecurityTest {

  private static final SwarmKeys KEYS = SwarmKeys.derive("correct horse battery", "lab");

  @Test
  void keysAreDeterministicPerSecretAndSwarm() {
    SwarmKeys again = SwarmKeys.derive("correct horse battery", "lab");
    assertArrayEquals(KEYS.encryptionKey().getEncoded(), again.encryptionKey().getEncoded());
    assertArrayEquals(
        KEYS.authenticationKey().getEncoded(), again.authenticationKey().getEncoded());
  }

  @Test
  void theSameSecretInAnotherSwarmGivesOtherKeys() {
    SwarmKeys other = SwarmKeys.derive("correct horse battery", "prod");
    assertFalse(
        Arrays.equals(KEYS.encryptionKey().getEncoded(), other.encryptionKey().getEncoded()));
  }

  @Test
  void encryptionAndAuthenticationKeysAreIndependent() {
    assertEquals(16, KEYS.encryptionKey().getEncoded().length);
    assertEquals(32, KEYS.authenticationKey().getEncoded().length);
    assertFalse(
        Arrays.equals(
            KEYS.encryptionKey().getEncoded(),
            Arrays.copyOf(KEYS.authenticationKey().getEncoded(), 16)));
  }

  @Test
  void aShortSecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SwarmKeys.derive("1234567", "lab"));
  }

  private final UUID joiner = UUID.randomUUID();
  private final byte[] nonce = "0123456789abcdef".getBytes();
  private final long now = 1_700_000_000_000L;

  private byte[] proofBy(SwarmKeys keys, UUID sender) {
    return SwarmAuthToken.proof(keys.authenticationKey(), sender, nonce, now);
  }

  @Test
  void aProofFromTheSecretHolderIsAccepted() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    assertTrue(coordinator.verify(now, nonce, proofBy(KEYS, joiner), joiner, now + 50));
  }

  @Test
  void aProofMadeWithAnotherSecretIsRejected() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    SwarmKeys wrong = SwarmKeys.derive("not the secret", "lab");
    assertFalse(coordinator.verify(now, nonce, proofBy(wrong, joiner), joiner, now));
  }

  @Test
  void aProofCannotBeReusedByAnotherSender() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    assertFalse(coordinator.verify(now, nonce, proofBy(KEYS, joiner), UUID.randomUUID(), now));
  }

  @Test
  void aReplayedProofIsRejectedTheSecondTime() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    byte[] mac = proofBy(KEYS, joiner);
    assertTrue(coordinator.verify(now, nonce, mac, joiner, now));
    assertFalse(coordinator.verify(now, nonce, mac, joiner, now));
  }

  @Test
  void aStaleProofIsRejected() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    long late = now + SwarmAuthToken.MAX_CLOCK_SKEW_MS + 1;
    assertFalse(coordinator.verify(now, nonce, proofBy(KEYS, joiner), joiner, late));
  }

  @Test
  void aTamperedProofIsRejected() {
    var coordinator = new SwarmAuthToken(KEYS.authenticationKey());
    byte[] mac = proofBy(KEYS, joiner);
    mac[5] ^= 1;
    assertFalse(coordinator.verify(now, nonce, mac, joiner, now));
  }

  @Test
  void aTokenReadFromTheWireHoldsNoKeyAndAcceptsNothing() {
    var received = new SwarmAuthToken();
    assertFalse(received.authenticate(received, null));
  }
}
