package dev.simplex.peer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAreAlignedTextLeftNumbersRight() {
    String table =
        new Table("PEER", "ACTORS", "HEALTH")
            .numeric(1)
            .row("a", 5, "up")
            .row("longer-id", 1200, "stale")
            .render();
    assertEquals(
        """
        PEER       ACTORS  HEALTH
        a               5  up
        longer-id    1200  stale
        """,
        table);
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
  }
}
