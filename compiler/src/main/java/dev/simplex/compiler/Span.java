package dev.simplex.compiler;

/** A range of source text, {@code [start, end)} as char offsets into {@code file}. */
record Span(SourceFile file, int start, int end) {
  Span to(Span other) {
    return new Span(file, start, Math.max(end, other.end));
  }

  int line() {
    return file.line(start);
  }

  int column() {
    return file.column(start);
  }
}
