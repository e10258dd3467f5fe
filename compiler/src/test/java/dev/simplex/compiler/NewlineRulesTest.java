package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The five statement-termination rules of language.md §1.1, observed through running programs. */
class NewlineRulesTest {
  private static String run(String body) {
    return Programs.stdout("fn main() {\n" + body + "\n}\n");
  }

  @Test
  void aLineStartingWithAContinuationTokenContinuesTheStatement() {
    assertEquals("7\n", run("let x = 6\n    + 2\n    / 2\nprintln(x)"));
  }

  @Test
  void aLineStartingWithStarBeginsANewStatement() {
    // rule 4: `*` at the start of a line is a dereference, so this is two statements
    String err = Programs.errors("fn main() {\n    let x = 1\n    * 3\n}\n");
    assertEquals(
        "error[E0205]: cannot dereference a value of type `i64`",
        err.lines().findFirst().orElseThrow());
  }

  @Test
  void aLineStartingWithMinusBeginsANewStatement() {
    // rule 4: `a` NL `-b` is two statements; the first value is discarded
    assertEquals("-2\n", run("let b = 2\nlet a = {\n    1\n    -b\n}\nprintln(a)"));
  }

  @Test
  void methodChainsContinueOnLinesStartingWithADot() {
    assertEquals("true\n", run("let s = \"abc\"\n    .contains(\"b\")\nprintln(s)"));
  }

  @Test
  void elseOnTheNextLineContinuesTheIf() {
    assertEquals("small\n", run("if 1 > 2 { println(\"big\") }\nelse { println(\"small\") }"));
  }

  @Test
  void lineBreaksAfterAnOperatorAreSkipped() {
    assertEquals("3\n", run("let x = 1 +\n    2\nprintln(x)"));
  }

  @Test
  void lineBreaksInsideArgumentListsAreWhitespace() {
    assertEquals("6\n", run("println(\n    1 + 2\n    + 3\n)"));
  }

  @Test
  void semicolonsEndStatementsAndExtraOnesAreEmptyStatements() {
    assertEquals("1\n2\n", run("println(1);; println(2);"));
  }

  @Test
  void aHeadMayBreakBeforeItsBlock() {
    assertEquals("yes\n", run("if true\n{\n    println(\"yes\")\n}"));
  }

  @Test
  void twoExpressionsOnOneLineAreASyntaxError() {
    String err = Programs.errors("fn main() {\n    let a = 1 let b = 2\n}\n");
    assertEquals(
        "error[E0002]: expected a line break or `;` after the statement, found keyword `let`",
        err.lines().findFirst().orElseThrow());
  }
}
