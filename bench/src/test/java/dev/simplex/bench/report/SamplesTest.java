package dev.simplex.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void percentilesUseTheNearestRankOfTheSortedValues() {
    Samples s = Samples.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0));
    assertEquals(1.0, s.min());
    assertEquals(5.0, s.median());
    assertEquals(9.0, s.percentile(90));
    assertEquals(10.0, s.percentile(99));
    assertEquals(10.0, s.max());
  }

  @Test
  void noSamplesAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Samples.of(List.of()));
    assertEquals("no samples", e.getMessage());
  }

  @Test
  void aPercentileOutsideZeroToHundredIsRejected() {
    Samples s = Samples.of(List.of(1.0));
    var e = assertThrows(IllegalArgumentException.class, () -> s.percentile(101));
    assertTrue(e.getMessage().contains("101"), e.getMessage());
  }

  @Test
  void ratesReadWithTheirMagnitude() {
    assertEquals("1.49 M", Samples.human(1_490_000));
    assertEquals("2.5 k", Samples.human(2_500));
    assertEquals("275", Samples.human(275.4));
  }

  @Test
  void aRatioWithAMissingSideIsADash() {
    assertEquals("0.50x", Samples.ratio(1, 2));
    assertEquals("-", Samples.ratio(Double.NaN, 2));
    assertEquals("-", Samples.ratio(1, 0));
  }
}
