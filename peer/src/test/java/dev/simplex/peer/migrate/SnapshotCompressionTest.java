package dev.simplex.peer.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotCompressionTest {
  @Test
  void snapshotSurvivesTheTripAndRepetitiveStateShrinks() {
    byte[] state = new byte[100_000];
    for (int i = 0; i < state.length; i++) state[i] = (byte) (i % 7);
    byte[] shipped = SnapshotCompression.compress(state);
    assertTrue(shipped.length < state.length / 10, shipped.length + " bytes shipped");
    assertArrayEquals(state, SnapshotCompression.decompress(shipped));
    assertArrayEquals(
        new byte[0], SnapshotCompression.decompress(SnapshotCompression.compress(new byte[0])));
  }

  @Test
  void bytesThatAreNotAZstdFrameAreRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnapshotCompression.decompress("not zstd".getBytes()));
    assertTrue(e.getMessage().startsWith("the snapshot is not a Zstd frame"), e.getMessage());
  }

  @Test
  void truncatedSnapshotIsRefused() {
    byte[] state = new byte[50_000];
    new Random(1).nextBytes(state);
    byte[] shipped = SnapshotCompression.compress(state);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnapshotCompression.decompress(Arrays.copyOf(shipped, shipped.length / 2)));
    assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
  }

  @Test
  void frameClaimingMoreThanTheLimitIsRefusedBeforeAllocating() {
    // A frame header (magic, single-segment with an 8-byte size) that claims 1 GiB, and no data.
    byte[] huge = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, (byte) 0xe0, 0, 0, 0, 0x40, 0, 0, 0, 0};
    var e =
        assertThrows(IllegalArgumentException.class, () -> SnapshotCompression.decompress(huge));
    assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
  }
}
