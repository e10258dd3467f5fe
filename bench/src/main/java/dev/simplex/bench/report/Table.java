package dev.simplex.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row; every benchmark family prints one. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(Object... cells) {
    if (cells.length != header.size())
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + header.size() + " columns");
    rows.add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  public String markdown() {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    line(sb, header.stream().map(h -> "---").toList());
    rows.forEach(r -> line(sb, r));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
