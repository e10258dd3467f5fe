package dev.simplex.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * One source file: its display name (the path as given, or relative to the root) and text with
 * {@code \r\n} normalised to {@code \n}. Converts offsets to 1-based lines and code-point columns.
 */
final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  SourceFile(String name, String text) {
    this.name = name;
    this.text = text.replace("\r\n", "\n");
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < this.text.length(); i++) {
      if (this.text.charAt(i) == '\n') starts.add(i + 1);
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  String name() {
    return name;
  }

  String text() {
    return text;
  }

  int line(int offset) {
    int lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  int column(int offset) {
    int start = lineStarts[line(offset) - 1];
    return text.codePointCount(start, Math.min(offset, text.length())) + 1;
  }

  /** The text of 1-based line {@code line}, without its line break. */
  String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    return text.substring(start, Math.max(start, end));
  }
}
