package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exact rendered layout of language.md §14. */
class DiagnosticsTest {
  @Test
  void parseErrorIsRenderedExactly() {
    String err = Programs.errors("fn main() {\n    let z = (1 +\n}\n");
    assertEquals(
        """
        error[E0002]: expected an expression, found `}`
         --> test.sx:3:1
          |
        3 | }
          | ^ expected an expression
          = help: check the syntax near here (language.md)
        """,
        err);
  }

  @Test
  void unknownNameIsRenderedExactly() {
    String err = Programs.errors("fn main() {\n    println(total)\n}\n");
    assertEquals(
        """
        error[E0100]: cannot find value `total` in this scope
         --> test.sx:2:13
          |
        2 |     println(total)
          |             ^^^^^ not found in this scope
          = help: check the spelling, or declare it with `let` before this use
        """,
        err);
  }

  @Test
  void typeMismatchIsRenderedExactly() {
    String err = Programs.errors("fn main() {\n    let x: i64 = \"hi\"\n}\n");
    assertEquals(
        """
        error[E0200]: mismatched types: expected `i64`, found `String`
         --> test.sx:2:18
          |
        2 |     let x: i64 = "hi"
          |                  ^^^^ expected `i64`
          = help: convert the value or change the declared type
        """,
        err);
  }

  @Test
  void lineNumbersWiderThanOneDigitWidenTheGutter() {
    String err = Programs.errors("\n".repeat(11) + "fn main() { nope }\n");
    assertTrue(
        err.contains(
            "\n  --> test.sx:12:13\n   |\n12 | fn main() { nope }\n   |             ^^^^ "),
        err);
  }

  @Test
  void laterPhasesReportSeveralErrorsInSourceOrder() {
    String err =
        Programs.errors(
            "fn main() {\n    let a: Bool = 1\n    println(b)\n    let c: String = true\n}\n");
    var codes =
        err.lines().filter(l -> l.startsWith("error[")).map(l -> l.substring(6, 11)).toList();
    assertEquals(java.util.List.of("E0200", "E0100", "E0200"), codes);
  }

  @Test
  void caretsNeverRunPastTheEndOfTheLine() {
    String err = Programs.errors("fn main() {\n    let s: i64 = {\n        \"x\"\n    }\n}\n");
    assertTrue(err.contains("^"), err);
    for (String line : err.lines().toList()) assertTrue(line.length() < 80, line);
  }

  @Test
  void tabsInTheSourceLineAreShownAsOneSpace() {
    String err = Programs.errors("fn main() {\n\tprintln(nope)\n}\n");
    assertTrue(err.contains("2 |  println(nope)\n  |          ^^^^"), err);
  }
}
