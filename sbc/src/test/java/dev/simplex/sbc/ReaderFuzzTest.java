package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupted files whose content hash is recomputed, so the reader's structural checks and the
 * verifier (not just the hash) must catch them: every outcome is a module or a specific {@link
 * SbcFormatException}, never a JVM exception or the reader's last-resort message.
 */
class ReaderFuzzTest {
  private static byte[] rehash(byte[] b) {
    byte[] digest =
        ContentHasher.sha256().digest(Arrays.copyOfRange(b, SbcFormat.BODY_START, b.length));
    System.arraycopy(digest, 0, b, SbcFormat.HEADER_SIZE, 32);
    return b;
  }

  @Test
  void corruptedBodiesWithValidContentHashesAreRejectedPrecisely() {
    byte[] original = SbcWriter.write(Fixtures.recursion(3));
    Random rnd = new Random(7);
    int rejected = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] b = original.clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = SbcFormat.BODY_START + rnd.nextInt(b.length - SbcFormat.BODY_START);
        b[at] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(10) == 0)
        b = Arrays.copyOf(b, SbcFormat.BODY_START + rnd.nextInt(b.length - SbcFormat.BODY_START));
      byte[] candidate = rehash(b);
      try {
        SbcReader.read(candidate);
      } catch (SbcFormatException ex) {
        rejected++;
        assertFalse(ex.getMessage().startsWith("malformed .sbc file: java"), ex.getMessage());
      } catch (RuntimeException ex) {
        fail("reader threw " + ex);
      }
    }
    assertFalse(rejected == 0, "no corruption was detected");
  }
}
