package dev.simplex.compiler;

/**
 * A compile-time error or warning with its location, in the layout of language.md §14.
 *
 * @param code e.g. {@code E0200} or {@code W0001}
 * @param file the file as the user named it
 * @param line 1-based line
 * @param column 1-based column in code points
 * @param width number of carets (at least 1)
 * @param sourceLine the text of the line (tabs shown as one space)
 */
public record Diagnostic(
    Severity severity,
    String code,
    String message,
    String file,
    int line,
    int column,
    int width,
    String sourceLine,
    String label,
    String help) {

  public enum Severity {
    ERROR,
    WARNING
  }

  static Diagnostic error(String code, String message, Span at, String label, String help) {
    return of(Severity.ERROR, code, message, at, label, help);
  }

  static Diagnostic of(
      Severity severity, String code, String message, Span at, String label, String help) {
    int line = at.line();
    int column = at.column();
    String text = at.file().lineText(line).replace('\t', ' ');
    int lineLength = text.codePointCount(0, text.length());
    int endLine = at.file().line(Math.max(at.start(), at.end() - 1));
    int width = endLine == line ? at.file().column(at.end()) - column : lineLength - column + 1;
    width = Math.max(1, Math.min(width, lineLength - column + 1));
    return new Diagnostic(
        severity, code, message, at.file().name(), line, column, width, text, label, help);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The rustc-style text, ending with a newline. */
  public String render() {
    String w = Integer.toString(line);
    String pad = " ".repeat(w.length());
    StringBuilder sb = new StringBuilder();
    sb.append(severity == Severity.ERROR ? "error[" : "warning[")
        .append(code)
        .append("]: ")
        .append(message)
        .append('\n');
    sb.append(pad)
        .append("--> ")
        .append(file)
        .append(':')
        .append(line)
        .append(':')
        .append(column)
        .append('\n');
    sb.append(pad).append(" |\n");
    sb.append(w).append(" | ").append(sourceLine).append('\n');
    sb.append(pad).append(" | ").append(" ".repeat(column - 1)).append("^".repeat(width));
    if (label != null && !label.isEmpty()) sb.append(' ').append(label);
    sb.append('\n');
    sb.append(pad).append(" = help: ").append(help).append('\n');
    return sb.toString();
  }
}
