package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final String H1 = "11".repeat(32);
  private static final String H2 = "22".repeat(32);

  private static Manifest sample(int total, int... lengths) {
    return new Manifest(
        "actor-1",
        42,
        Instant.ofEpochSecond(1_700_000_000L, 5),
        total,
        "ab".repeat(32),
        List.of(new Manifest.ChunkRef(H1, lengths[0]), new Manifest.ChunkRef(H2, lengths[1])));
  }

  @Test
  void manifestRoundTrips() throws Exception {
    Manifest m = sample(300, 100, 200);
    assertEquals(m, Manifest.decode(m.encode(), "m"));
  }

  @Test
  void everyTruncationFailsTheChecksum() {
    byte[] b = sample(300, 100, 200).encode();
    for (int len = 0; len < b.length; len++) {
      byte[] cut = Arrays.copyOf(b, len);
      assertThrows(CheckpointFormatException.class, () -> Manifest.decode(cut, "m"));
    }
  }

  @Test
  void everySingleBitFlipIsDetected() {
    byte[] b = sample(300, 100, 200).encode();
    for (int bit = 0; bit < b.length * 8; bit++) {
      byte[] bad = b.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      var e =
          assertThrows(
              CheckpointFormatException.class, () -> Manifest.decode(bad, "actors/a/1.manifest"));
      assertTrue(e.getMessage().contains("actors/a/1.manifest"), e.getMessage());
    }
  }

  @Test
  void chunkLengthsThatDoNotAddUpAreRejectedEvenWithAValidChecksum() {
    byte[] b = sample(999, 100, 200).encode();
    var e = assertThrows(CheckpointFormatException.class, () -> Manifest.decode(b, "m"));
    assertTrue(e.getMessage().contains("add up to 300, not the recorded size 999"), e.getMessage());
  }

  @Test
  void oversizedChunkIsRejectedEvenWithAValidChecksum() {
    byte[] b = sample(Chunker.MAX_SIZE + 101, 100, Chunker.MAX_SIZE + 1).encode();
    var e = assertThrows(CheckpointFormatException.class, () -> Manifest.decode(b, "m"));
    assertTrue(e.getMessage().contains("impossible length"), e.getMessage());
  }
}
