package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void anEncodedEnvelopeDecodesToTheSameKindVersionAndPayload() {
    byte[] wire = new Envelope(EnvelopeKind.MIGRATION, 7, new byte[] {1, 2, 3}).encode();
    var valid = assertInstanceOf(Envelope.Valid.class, Envelope.decode(wire, 0, wire.length));
    assertEquals(EnvelopeKind.MIGRATION, valid.envelope().kind());
    assertEquals(7, valid.envelope().kindVersion());
    assertArrayEquals(new byte[] {1, 2, 3}, valid.envelope().payload());
  }

  @Test
  void decodingRespectsTheBufferOffset() {
    byte[] wire = new Envelope(EnvelopeKind.ROUTING, 1, new byte[] {42}).encode();
    byte[] padded = new byte[wire.length + 5];
    System.arraycopy(wire, 0, padded, 3, wire.length);
    var valid = assertInstanceOf(Envelope.Valid.class, Envelope.decode(padded, 3, wire.length));
    assertArrayEquals(new byte[] {42}, valid.envelope().payload());
  }

  @Test
  void anEmptyPayloadIsAllowed() {
    byte[] wire = new Envelope(EnvelopeKind.CONTROL, 0, new byte[0]).encode();
    assertEquals(Envelope.HEADER_BYTES, wire.length);
    assertInstanceOf(Envelope.Valid.class, Envelope.decode(wire, 0, wire.length));
  }

  @Test
  void aTruncatedEnvelopeIsMalformed() {
    byte[] wire = new Envelope(EnvelopeKind.ROUTING, 1, new byte[] {1, 2, 3, 4}).encode();
    var m = assertInstanceOf(Envelope.Malformed.class, Envelope.decode(wire, 0, wire.length - 1));
    assertEquals("payload length field says 4 but 3 bytes follow", m.reason());
    assertInstanceOf(Envelope.Malformed.class, Envelope.decode(wire, 0, 3));
    assertInstanceOf(Envelope.Malformed.class, Envelope.decode(null, 0, 0));
  }

  @Test
  void aWrongMagicByteIsMalformed() {
    byte[] wire = new Envelope(EnvelopeKind.ROUTING, 1, new byte[0]).encode();
    wire[0] = 0x00;
    assertInstanceOf(Envelope.Malformed.class, Envelope.decode(wire, 0, wire.length));
  }

  @Test
  void aNewerEnvelopeFormatIsReportedAsUnsupported() {
    byte[] wire = new Envelope(EnvelopeKind.ROUTING, 1, new byte[0]).encode();
    wire[1] = 2;
    var v =
        assertInstanceOf(Envelope.UnsupportedVersion.class, Envelope.decode(wire, 0, wire.length));
    assertEquals(2, v.version());
  }

  @Test
  void anUnknownKindCodeIsReportedWithItsCode() {
    byte[] wire = new Envelope(EnvelopeKind.ROUTING, 1, new byte[0]).encode();
    wire[2] = (byte) 200;
    var k = assertInstanceOf(Envelope.UnknownKind.class, Envelope.decode(wire, 0, wire.length));
    assertEquals(200, k.code());
  }

  @Test
  void kindCodesAreUniqueAndStable() {
    assertEquals(1, EnvelopeKind.ROUTING.code());
    assertEquals(4, EnvelopeKind.INFERENCE.code());
    assertEquals(
        EnvelopeKind.values().length,
        Arrays.stream(EnvelopeKind.values()).mapToInt(EnvelopeKind::code).distinct().count());
  }

  @Test
  void aKindVersionOutsideOneByteIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Envelope(EnvelopeKind.ROUTING, 256, new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> new Envelope(EnvelopeKind.ROUTING, -1, new byte[0]));
  }
}
