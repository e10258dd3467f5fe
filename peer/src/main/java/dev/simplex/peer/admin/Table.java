package dev.simplex.peer.admin;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: text to the left, numbers to the right. */
final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] numeric;

  Table(String... headers) {
    this.headers = List.of(headers);
    this.numeric = new boolean[headers.length];
  }

  /** Marks columns whose cells are right-aligned. */
  Table numeric(int... columns) {
    for (int c : columns) numeric[c] = true;
    return this;
  }

  Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) row.add(String.valueOf(c));
    rows.add(row);
    return this;
  }

  String render() {
    int[] width = new int[headers.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = headers.get(c).length();
      for (List<String> row : rows) width[c] = Math.max(width[c], row.get(c).length());
    }
    StringBuilder out = new StringBuilder();
    line(headers, width, out);
    for (List<String> row : rows) line(row, width, out);
    return out.toString();
  }

  private void line(List<String> cells, int[] width, StringBuilder out) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      if (c > 0) line.append("  ");
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      line.append(numeric[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
