package dev.simplex.peer.ai;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class InferenceFrameTest {

  @Test
  void aFrameSurvivesTheRoundTrip() {
    var frame = new InferenceFrame(InferenceFrame.Type.REPLY, Long.MAX_VALUE, new byte[] {1, 2, 3});
    var decoded =
        assertInstanceOf(InferenceFrame.Valid.class, InferenceFrame.decode(frame.encode()));
    assertEquals(InferenceFrame.Type.REPLY, decoded.frame().type());
    assertEquals(Long.MAX_VALUE, decoded.frame().callId());
    assertArrayEquals(new byte[] {1, 2, 3}, decoded.frame().body());
  }

  @Test
  void anEmptyBodyIsAValidFrame() {
    var frame = new InferenceFrame(InferenceFrame.Type.REQUEST, 7, new byte[0]);
    var decoded =
        assertInstanceOf(InferenceFrame.Valid.class, InferenceFrame.decode(frame.encode()));
    assertEquals(0, decoded.frame().body().length);
  }

  @Test
  void shortOrUnknownFramesAreMalformedWithAReason() {
    var tooShort =
        assertInstanceOf(InferenceFrame.Malformed.class, InferenceFrame.decode(new byte[8]));
    assertTrue(tooShort.reason().contains("shorter than its 9-byte header"), tooShort.reason());
    assertInstanceOf(InferenceFrame.Malformed.class, InferenceFrame.decode(null));
    var unknown =
        assertInstanceOf(
            InferenceFrame.Malformed.class,
            InferenceFrame.decode(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0}));
    assertTrue(unknown.reason().contains("type 3"), unknown.reason());
  }
}
