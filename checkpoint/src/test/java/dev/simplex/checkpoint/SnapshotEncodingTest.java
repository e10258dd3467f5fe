package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.SnapshotValue.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotEncodingTest {

  private static byte[] encode(SnapshotValue v) {
    return new SnapshotWriter().write(v).toByteArray();
  }

  private static SnapshotValue decode(byte[] bytes) throws CheckpointFormatException {
    var r = new SnapshotReader(bytes);
    SnapshotValue v = r.readValue();
    assertFalse(r.hasRemaining(), "trailing bytes after the value");
    return v;
  }

  @Test
  void everyKindOfValueRoundTrips() throws Exception {
    SnapshotValue v = SnapshotValues.everyKind();
    assertEquals(v, decode(encode(v)));
  }

  @Test
  void streamingWritesProduceTheSameBytesAsTheTree() {
    byte[] streamed =
        new SnapshotWriter()
            .beginStruct("Point", 2)
            .field("x")
            .writeI64(3)
            .field("tags")
            .beginList(2)
            .writeString("a")
            .beginVariant("Option", "None")
            .writeUnit()
            .toByteArray();
    var tree =
        new SnapshotValue.Struct(
            "Point",
            List.of(
                new SnapshotValue.Field("x", SnapshotValue.of(3)),
                new SnapshotValue.Field(
                    "tags",
                    new SnapshotValue.ListOf(
                        List.of(
                            SnapshotValue.of("a"),
                            new SnapshotValue.Variant("Option", "None", SnapshotValue.unit()))))));
    assertArrayEquals(encode(tree), streamed);
  }

  @Test
  void streamingReaderWalksTokensInOrder() throws Exception {
    byte[] bytes =
        new SnapshotWriter()
            .beginMap(1)
            .writeString("k")
            .writeF64(2.5)
            .writeActorRef("a1")
            .toByteArray();
    var r = new SnapshotReader(bytes);
    assertEquals(Kind.MAP, r.peek());
    assertEquals(1, r.readMapHeader());
    assertEquals("k", r.readString());
    assertEquals(2.5, r.readF64());
    assertEquals("a1", r.readActorRef());
    assertFalse(r.hasRemaining());
  }

  @Test
  void skippingAValueLandsOnTheNextOne() throws Exception {
    byte[] bytes =
        new SnapshotWriter().write(SnapshotValues.everyKind()).writeString("after").toByteArray();
    var r = new SnapshotReader(bytes);
    r.skipValue();
    assertEquals("after", r.readString());
    assertFalse(r.hasRemaining());
  }

  @Test
  void smallIntegersTakeTwoBytes() {
    assertEquals(2, encode(SnapshotValue.of(-5)).length);
    assertEquals(11, encode(SnapshotValue.of(Long.MIN_VALUE)).length);
  }

  @Test
  void writerRefusesMoreItemsThanDeclared() {
    var w = new SnapshotWriter().beginTuple(1).writeI64(1);
    // the tuple closed itself; a second value starts a new top-level value, which is allowed
    assertTrue(w.isComplete());
    var list = new SnapshotWriter().beginStruct("P", 1).field("x").writeI64(1);
    assertTrue(list.isComplete());
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> new SnapshotWriter().beginStruct("P", 1).field("x").field("y"));
    assertTrue(e.getMessage().contains("struct P"), e.getMessage());
  }

  @Test
  void writerRefusesStructValueWithoutFieldName() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> new SnapshotWriter().beginStruct("P", 1).writeI64(1));
    assertTrue(e.getMessage().contains("without field(name)"), e.getMessage());
  }

  @Test
  void unfinishedContainerIsReportedWithWhatItStillExpects() {
    var w = new SnapshotWriter().beginList(3).writeI64(1);
    var e = assertThrows(IllegalStateException.class, w::toByteArray);
    assertTrue(e.getMessage().contains("list of 3 still expects 2"), e.getMessage());
  }

  @Test
  void surrogateCharIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SnapshotWriter().writeChar(0xD800));
    assertThrows(IllegalArgumentException.class, () -> new SnapshotValue.Char(-1));
  }

  @Test
  void hostileListLengthIsAFormatErrorNotAnAllocation() {
    // LIST tag, then a varint of 2^62 items, then nothing
    byte[] bytes = {
      0x08,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      (byte) 0x80,
      0x40
    };
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("list size declares"), e.getMessage());
  }

  @Test
  void hostileStringLengthIsAFormatError() {
    byte[] bytes = {0x06, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'a'};
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("at byte 1"), e.getMessage());
  }

  @Test
  void overlongVarintIsAFormatError() {
    byte[] bytes = new byte[12];
    bytes[0] = 0x03;
    Arrays.fill(bytes, 1, 12, (byte) 0xFF);
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("varint"), e.getMessage());
  }

  @Test
  void unknownTagIsNamedInTheError() {
    var e = assertThrows(CheckpointFormatException.class, () -> decode(new byte[] {0x7F}));
    assertEquals("malformed snapshot at byte 0: unknown value tag 0x7f", e.getMessage());
  }

  @Test
  void invalidUtf8IsAFormatError() {
    byte[] bytes = {0x06, 0x02, (byte) 0xC3, 0x28};
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void repeatedStructFieldIsAFormatError() {
    byte[] bytes = {0x0B, 0x01, 'P', 0x02, 0x01, 'x', 0x00, 0x01, 'x', 0x00};
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("repeats field x"), e.getMessage());
  }

  @Test
  void readingTheWrongKindSaysWhatWasExpected() {
    var r = new SnapshotReader(encode(SnapshotValue.of("s")));
    var e = assertThrows(CheckpointFormatException.class, r::readI64);
    assertTrue(e.getMessage().contains("expected I64 but found STRING"), e.getMessage());
  }

  @Test
  void nestingBeyondTheLimitIsRefusedOnRead() {
    byte[] bytes = new byte[SnapshotReader.DEFAULT_MAX_DEPTH * 2 + 2];
    for (int i = 0; i < bytes.length - 1; i += 2) {
      bytes[i] = 0x08; // a list of one item, nested
      bytes[i + 1] = 0x01;
    }
    var e = assertThrows(CheckpointFormatException.class, () -> decode(bytes));
    assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
  }

  @Test
  void truncatedEncodingIsAlwaysAFormatError() {
    byte[] full = encode(SnapshotValues.everyKind());
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThrows(CheckpointFormatException.class, () -> decode(cut), "cut at " + len);
    }
  }

  @Test
  void randomlyCorruptedEncodingsNeverEscapeAsOtherExceptions() {
    byte[] full = encode(SnapshotValues.everyKind());
    Random r = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] bad = full.clone();
      int flips = 1 + r.nextInt(4);
      for (int f = 0; f < flips; f++) {
        bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
      }
      try {
        var reader = new SnapshotReader(bad);
        while (reader.hasRemaining()) {
          reader.readValue();
        }
      } catch (CheckpointFormatException expected) {
        // the only acceptable failure
      }
    }
  }
}
