package dev.simplex.peer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogTailTest {

  @Test
  void keepsOnlyTheNewestLinesUpToItsCapacity() {
    LogTail tail = new LogTail(3);
    for (int i = 1; i <= 5; i++) tail.append("line " + i);
    assertEquals(List.of("line 3", "line 4", "line 5"), tail.recent(10));
    assertEquals(List.of("line 5"), tail.recent(1));
  }

  @Test
  void followersReceiveOnlyLinesAppendedAfterTheyStarted() throws Exception {
    LogTail tail = new LogTail(10);
    tail.append("before");
    try (LogTail.Follower follower = tail.follow()) {
      tail.append("after");
      assertEquals("after", follower.next(1, TimeUnit.SECONDS));
      assertNull(follower.next(10, TimeUnit.MILLISECONDS));
    }
    assertEquals(0, tail.followerCount());
  }

  @Test
  void aSlowFollowerLosesLinesInsteadOfBlockingTheLogger() {
    LogTail tail = new LogTail(10);
    try (LogTail.Follower follower = tail.follow()) {
      for (int i = 0; i < LogTail.FOLLOWER_BACKLOG * 3; i++) tail.append("x" + i);
      assertEquals(List.of("x" + (LogTail.FOLLOWER_BACKLOG * 3 - 1)), tail.recent(1));
    }
  }

  @Test
  void standardErrorLinesAreCapturedOnceForTheWholeJvm() {
    LogTail tail = LogTail.captureStandardError();
    assertSame(tail, LogTail.captureStandardError());
    System.err.println("captured by the log tail test");
    assertTrue(
        tail.recent(50).contains("captured by the log tail test"), tail.recent(50).toString());
  }

  @Test
  void aTailMustHoldAtLeastOneLine() {
    assertThrows(IllegalArgumentException.class, () -> new LogTail(0));
  }
}
