package dev.simplex.bench.compile;

/**
 * A large program of ordinary code (functions with loops, branches, locals, string interpolation,
 * calls), written twice from one generator: once in Simplex, once in Java, so both compilers get
 * the same work.
 */
final class GeneratedProgram {
  private GeneratedProgram() {}

  /** Simplex source of about {@code lines} lines. */
  static String simplex(int lines) {
    int functions = functionsFor(lines);
    StringBuilder sb = new StringBuilder();
    sb.append("struct Acc { total: i64, label: String }\n\n");
    for (int f = 0; f < functions; f++) {
      sb.append("fn step").append(f).append("(a: i64, b: i64) -> i64 {\n");
      sb.append("    var acc = a\n");
      sb.append("    for i in 0..b {\n");
      sb.append("        if i % 3 == 0 { acc += i * 2 } else { acc -= 1 }\n");
      sb.append("    }\n");
      sb.append("    let s = Acc { total: acc, label: \"f").append(f).append(" {acc}\" }\n");
      sb.append("    let bonus = if s.label.len() > 5 { ")
          .append(f == 0 ? "1" : "step" + (f - 1) + "(a, 0)");
      sb.append(" } else { 0 }\n");
      sb.append("    s.total + bonus\n");
      sb.append("}\n\n");
    }
    sb.append("fn main() {\n    println(step").append(functions - 1).append("(1, 10))\n}\n");
    return sb.toString();
  }

  /** The same program in Java. */
  static String java(int lines) {
    int functions = functionsFor(lines);
    StringBuilder sb = new StringBuilder();
    sb.append("public class Generated {\n");
    sb.append("  record Acc(long total, String label) {}\n\n");
    for (int f = 0; f < functions; f++) {
      sb.append("  static long step").append(f).append("(long a, long b) {\n");
      sb.append("    long acc = a;\n");
      sb.append("    for (long i = 0; i < b; i++) {\n");
      sb.append("      if (i % 3 == 0) { acc = Math.addExact(acc, i * 2); } else { acc -= 1; }\n");
      sb.append("    }\n");
      sb.append("    Acc s = new Acc(acc, \"f").append(f).append(" \" + acc);\n");
      sb.append("    long bonus = s.label().length() > 5 ? ")
          .append(f == 0 ? "1" : "step" + (f - 1) + "(a, 0)");
      sb.append(" : 0;\n");
      sb.append("    return s.total() + bonus;\n");
      sb.append("  }\n\n");
    }
    sb.append("  public static void main(String[] args) {\n    System.out.println(step")
        .append(functions - 1)
        .append("(1, 10));\n  }\n}\n");
    return sb.toString();
  }

  private static int functionsFor(int lines) {
    return Math.max(1, lines / 10);
  }
}
