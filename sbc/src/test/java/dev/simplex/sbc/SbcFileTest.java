package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SbcFileTest {
  @Test
  void writeReadWriteIsByteIdentical() throws Exception {
    byte[] first = SbcWriter.write(Fixtures.doubler("twice", 2));
    SbcModule read = SbcReader.read(first);
    assertArrayEquals(first, SbcWriter.write(read));
    assertEquals("twice", read.functions().get(0).name());
    assertEquals("doubler.sx", read.sourceFile());
  }

  @Test
  void aReadModuleRunsLikeTheOriginal() throws Exception {
    SbcModule read = SbcReader.read(SbcWriter.write(Fixtures.doubler("twice", 2)));
    Fixtures.Run r = Fixtures.run(read);
    assertEquals("42\n", r.out());
    assertEquals(7, r.exit());
  }

  @Test
  void fileStartsWithMagicVersionAndFlags() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    assertArrayEquals(new byte[] {'S', 'P', 'L', 'X', 0, 3, 0, 0, 0, 1}, Arrays.copyOf(b, 10));
  }

  @Test
  void wrongMagicIsRejectedByName() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    b[0] = 'X';
    SbcFormatException e = assertThrows(SbcFormatException.class, () -> SbcReader.read(b));
    assertTrue(e.getMessage().contains("SPLX"), e.getMessage());
  }

  @Test
  void unsupportedVersionIsRejected() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    b[5] = 9;
    SbcFormatException e = assertThrows(SbcFormatException.class, () -> SbcReader.read(b));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
  }

  @Test
  void everyTruncationIsRejectedWithAFormatError() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    for (int len = 0; len < b.length; len++) {
      byte[] cut = Arrays.copyOf(b, len);
      SbcFormatException e =
          assertThrows(SbcFormatException.class, () -> SbcReader.read(cut), "length " + len);
      assertTrue(
          e.getMessage().contains("truncated") || e.getMessage().contains("hash"), e.getMessage());
    }
  }

  @Test
  void everySingleBitFlipIsRejectedWithAFormatError() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    for (int i = 0; i < b.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = b.clone();
        flipped[i] ^= (byte) (1 << bit);
        try {
          SbcReader.read(flipped);
          fail("flipping bit " + bit + " of byte " + i + " was accepted");
        } catch (SbcFormatException expected) {
          // the content hash or a structural check caught it
        }
      }
    }
  }

  @Test
  void corruptionBehindAValidContentHashIsStillCaught() throws Exception {
    // Rewrite the content hash after corrupting a function body: the per-function hash catches it.
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    SbcModule m = SbcReader.read(b);
    byte[] code = m.functions().get(0).code();
    int at = indexOf(b, code);
    b[at + 1] ^= 1; // the LOAD_LOCAL operand
    byte[] digest =
        ContentHasher.sha256().digest(Arrays.copyOfRange(b, SbcFormat.BODY_START, b.length));
    System.arraycopy(digest, 0, b, SbcFormat.HEADER_SIZE, 32);
    SbcFormatException e = assertThrows(SbcFormatException.class, () -> SbcReader.read(b));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] b = SbcWriter.write(Fixtures.doubler("twice", 2));
    byte[] longer = Arrays.copyOf(b, b.length + 3);
    assertThrows(SbcFormatException.class, () -> SbcReader.read(longer));
  }

  @Test
  void writingIsDeterministic() {
    assertArrayEquals(
        SbcWriter.write(Fixtures.doubler("twice", 2)),
        SbcWriter.write(Fixtures.doubler("twice", 2)));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
