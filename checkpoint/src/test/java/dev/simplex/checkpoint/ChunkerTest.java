package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Set<String> hashes(byte[] data) {
    var out = new HashSet<String>();
    for (Chunker.Cut c : Chunker.cuts(data)) {
      out.add(Sha256.hex(Sha256.of(data, c.offset(), c.length())));
    }
    return out;
  }

  @Test
  void chunksCoverTheInputExactlyWithinTheSizeBounds() {
    byte[] data = randomBytes(1_000_000, 1);
    List<Chunker.Cut> cuts = Chunker.cuts(data);
    int at = 0;
    for (int i = 0; i < cuts.size(); i++) {
      Chunker.Cut c = cuts.get(i);
      assertEquals(at, c.offset());
      assertTrue(c.length() <= Chunker.MAX_SIZE);
      assertTrue(c.length() >= Chunker.MIN_SIZE || i == cuts.size() - 1);
      at += c.length();
    }
    assertEquals(data.length, at);
    int average = data.length / cuts.size();
    assertTrue(
        average > Chunker.MIN_SIZE && average < 2 * Chunker.AVERAGE_SIZE, "average " + average);
  }

  @Test
  void insertingBytesNearTheStartLeavesLaterChunksUnchanged() {
    byte[] data = randomBytes(500_000, 2);
    byte[] shifted = new byte[data.length + 13];
    System.arraycopy(data, 0, shifted, 0, 1000);
    System.arraycopy(data, 1000, shifted, 1013, data.length - 1000);
    Set<String> before = hashes(data);
    Set<String> after = hashes(shifted);
    after.removeAll(before);
    assertTrue(after.size() <= 2, "new chunks after a 13-byte insert: " + after.size());
  }

  @Test
  void emptyAndTinyInputsAreOneChunkOrNone() {
    assertEquals(List.of(), Chunker.cuts(new byte[0]));
    assertEquals(List.of(new Chunker.Cut(0, 10)), Chunker.cuts(new byte[10]));
  }

  @Test
  void uniformBytesAreCutAtTheMaximumSize() {
    List<Chunker.Cut> cuts = Chunker.cuts(new byte[200_000]); // all zeros: the gear hash never hits
    assertEquals(Chunker.MAX_SIZE, cuts.get(0).length());
  }
}
