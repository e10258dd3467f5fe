package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Moves and borrows (language.md §6). */
class OwnershipTest {
  private static final String KEEP = "fn keep(s: String) -> i64 { s.len() }\n";

  private static String first(String source) {
    var lines = Programs.errors(source).lines().toList();
    return lines.get(0) + "\n" + lines.get(1).trim();
  }

  @Test
  void useAfterMoveIntoAFunctionIsE0400WithWhereItMoved() {
    String err =
        Programs.errors(
            KEEP
                + "fn main() {\n    let s = \"hello\"\n    let n = keep(s)\n    println(\"{n} {s}\")\n}\n");
    assertEquals(
        """
        error[E0400]: use of moved value `s`
         --> test.sx:5:19
          |
        5 |     println("{n} {s}")
          |                   ^ value used here after move
          = help: `s` was moved at 4:18; pass `s.clone()` there to keep using it
        """,
        err);
  }

  @Test
  void aMoveOnOneBranchMakesLaterUsesPossiblyMoved() {
    assertEquals(
        "error[E0400]: use of possibly moved value `s`\n--> test.sx:5:13",
        first(
            KEEP + "fn main() {\n    let s = \"x\"\n    if true { keep(s) }\n    println(s)\n}\n"));
  }

  @Test
  void aMoveInsideALoopIsSeenByTheNextIteration() {
    assertEquals(
        "error[E0400]: use of possibly moved value `s`\n--> test.sx:3:39",
        first(KEEP + "fn main() {\n    let s = \"x\"; for i in 0..2 { keep(s) }\n}\n"));
  }

  @Test
  void assigningANewValueToAMovedVarMakesItUsableAgain() {
    assertEquals(
        "5\n",
        Programs.stdout(
            KEEP
                + "fn main() {\n    var s = \"x\"\n    keep(s)\n    s = \"again\"\n    println(s.len())\n}\n"));
  }

  @Test
  void copyTypesAreNeverMoved() {
    assertEquals(
        "3 3\n",
        Programs.stdout(
            "fn id(x: i64) -> i64 { x }\nfn main() { let a = 3; let b = id(a); println(\"{a} {b}\") }"));
  }

  @Test
  void cloningKeepsTheOriginalUsable() {
    assertEquals(
        "2 hi\n",
        Programs.stdout(
            KEEP + "fn main() { let s = \"hi\"; let n = keep(s.clone()); println(\"{n} {s}\") }"));
  }

  @Test
  void borrowingDoesNotMove() {
    assertEquals(
        "2 hi\n",
        Programs.stdout(
            "fn peek(s: &String) -> i64 { s.len() }\nfn main() { let s = \"hi\"; let n = peek(&s); println(\"{n} {s}\") }"));
  }

  @Test
  void movingAFieldOutOfABorrowIsE0403() {
    assertEquals(
        "error[E0403]: cannot move out of `p.name`, which is behind a borrow\n--> test.sx:2:33",
        first(
            "struct P { name: String }\nfn f(p: &P) -> String { let n = p.name; n }\nfn main() {}"));
  }

  @Test
  void movingOutOfACapturedVariableIsE0403() {
    assertEquals(
        "error[E0403]: cannot move out of `s`, which is captured by a closure\n--> test.sx:2:51",
        first(KEEP + "fn main() { let s = \"x\"; let f = (n: i64) => keep(s) + n; f(1) }"));
  }

  @Test
  void aClosureCapturingABorrowIsE0404() {
    assertEquals(
        "error[E0404]: closure captures the borrow `r`\n--> test.sx:1:35",
        first("fn f(r: &String) -> i64 { let g = (n: i64) => r.len() + n; g(1) }\nfn main() {}"));
  }

  @Test
  void mutatingTheListAForLoopWalksIsE0401() {
    assertEquals(
        "error[E0401]: cannot mutate `xs` while a `for` loop borrows it\n--> test.sx:1:44",
        first("fn main() { var xs = [1, 2]; for x in xs { xs.push(x) } }"));
  }

  @Test
  void explicitReceiverInPathCallsIsBorrowed() {
    assertEquals(
        "2 2\n",
        Programs.stdout(
            """
        struct B { v: i64 }
        impl B { fn get(this: B) -> i64 { this.v } }
        fn main() { let b = B { v: 2 }; let x = B::get(b); println("{x} {b.get()}") }
        """));
  }
}
