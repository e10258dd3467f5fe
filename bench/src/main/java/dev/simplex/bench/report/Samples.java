package dev.simplex.bench.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Measured values of one quantity, summarised by order statistics (no mean: noise is skewed). */
public record Samples(double[] sorted) {
  public Samples {
    if (sorted.length == 0) throw new IllegalArgumentException("no samples");
    sorted = sorted.clone();
    Arrays.sort(sorted);
  }

  public static Samples of(List<Double> values) {
    return new Samples(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static Samples ofNanos(long[] nanos) {
    return new Samples(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
  }

  /** The nearest-rank percentile, {@code p} in [0, 100]. */
  public double percentile(double p) {
    if (p < 0 || p > 100) throw new IllegalArgumentException("percentile out of range: " + p);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  public double median() {
    return percentile(50);
  }

  public double min() {
    return sorted[0];
  }

  public double max() {
    return sorted[sorted.length - 1];
  }

  public int count() {
    return sorted.length;
  }

  /** A rate such as {@code 1.23 M/s}, or a plain number with three significant figures. */
  public static String human(double v) {
    double a = Math.abs(v);
    if (a >= 1e9) return String.format(Locale.ROOT, "%.2f G", v / 1e9);
    if (a >= 1e6) return String.format(Locale.ROOT, "%.2f M", v / 1e6);
    if (a >= 1e3) return String.format(Locale.ROOT, "%.1f k", v / 1e3);
    return String.format(Locale.ROOT, "%.3g", v);
  }

  public static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) return "-";
    return String.format(Locale.ROOT, "%.2fx", a / b);
  }
}
