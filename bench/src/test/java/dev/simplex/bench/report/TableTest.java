package dev.simplex.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void rendersAHeaderASeparatorAndOneLinePerRow() {
    String md = new Table("a", "b").row("1", 2).row("x", 3.5).markdown();
    assertEquals("| a | b |\n| --- | --- |\n| 1 | 2 |\n| x | 3.5 |\n", md);
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsRejectedNamingBothCounts() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("1"));
    assertEquals("row has 1 cells, the table 2 columns", e.getMessage());
  }
}
