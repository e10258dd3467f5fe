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

  // ---- §6 rule 5: borrow conflicts, each beside the nearest accepted program

  @Test
  void usingAVariableWhileALocalMutBorrowOfItLivesIsE0401() {
    assertEquals(
        """
        error[E0401]: cannot use `xs` while it is mutably borrowed
         --> test.sx:4:13
          |
        4 |     println(xs.len())
          |             ^^ conflicting use
          = help: the `&mut` borrow at 3:13 lives until the last use of `r`; end it first or use the value through the borrow
        """,
        Programs.errors(
            "fn main() {\n    var xs = [1, 2]\n    let r = &mut xs\n    println(xs.len())\n    r.push(3)\n}\n"));
  }

  @Test
  void aMutBorrowEndsAtItsLastUseSoTheVariableIsUsableAfterIt() {
    assertEquals(
        "[1, 2, 3]\n",
        Programs.stdout(
            "fn main() {\n    var xs = [1, 2]\n    let r = &mut xs\n    r.push(3)\n    println(xs)\n}\n"));
  }

  @Test
  void mutatingAVariableWhileASharedBorrowLivesIsE0401() {
    assertEquals(
        "error[E0401]: cannot mutate `xs` while it is borrowed\n--> test.sx:1:40",
        first("fn main() { var xs = [1]; let r = &xs; xs.push(2); println(r.len()) }"));
    assertEquals(
        "error[E0401]: cannot mutate `xs` while it is borrowed\n--> test.sx:1:40",
        first("fn main() { var xs = [1]; let r = &xs; xs = [2]; println(r.len()) }"));
  }

  @Test
  void readingAndSharingWhileASharedBorrowLivesIsAccepted() {
    assertEquals(
        "1 1 1\n",
        Programs.stdout(
            "fn main() { var xs = [1]; let r = &xs; let q = &xs; println(\"{xs.len()} {r.len()} {q.len()}\"); xs.push(2) }"));
  }

  @Test
  void aSharedBorrowUsedInALoopLivesUntilTheLoopEnds() {
    assertEquals(
        "error[E0401]: cannot mutate `xs` while it is borrowed\n--> test.sx:1:73",
        first(
            "fn main() { var xs = [1]; let r = &xs; var i = 0; while i < 2 { i += 1; xs.push(i); println(r.len()) } }"));
  }

  @Test
  void movingAVariableWhileItIsBorrowedIsE0401() {
    assertEquals(
        "error[E0401]: cannot move `s` while it is borrowed\n--> test.sx:1:46",
        first("fn main() { let s = \"a\"; let r = &s; let t = s; println(r.len()) }"));
  }

  @Test
  void aMutAndASharedBorrowInOneCallAreE0401() {
    String both = "fn both(a: &mut List<i64>, b: &List<i64>) -> i64 { a.len() + b.len() }\n";
    assertEquals(
        "error[E0401]: cannot use `ys` while it is mutably borrowed\n--> test.sx:2:50",
        first(both + "fn main() { var ys = [1]; let n = both(&mut ys, &ys) }"));
    assertEquals(
        "2\n",
        Programs.stdout(
            both + "fn main() { var ys = [1]; let zs = [2]; println(both(&mut ys, &zs)) }"));
  }

  @Test
  void twoMutBorrowsOfOneVariableInOneCallAreE0401() {
    String two = "fn two(a: &mut List<i64>, b: &mut List<i64>) { a.push(1); b.push(2) }\n";
    assertEquals(
        "error[E0401]: cannot use `ys` while it is mutably borrowed\n--> test.sx:2:45",
        first(two + "fn main() { var ys = [1]; two(&mut ys, &mut ys) }"));
    assertEquals(
        "[0, 1] [0, 2]\n",
        Programs.stdout(
            two
                + "fn main() { var a = [0]; var b = [0]; two(&mut a, &mut b); println(\"{a} {b}\") }"));
  }

  @Test
  void aReceiverBorrowBeginsAfterTheArgumentsSoPushOfLenIsAccepted() {
    assertEquals(
        "[1, 1]\n", Programs.stdout("fn main() { var xs = [1]; xs.push(xs.len()); println(xs) }"));
  }

  // ---- §6 rule 4: mutation needs a mutable place

  @Test
  void mutationThroughASharedBorrowIsE0402() {
    assertEquals(
        """
        error[E0402]: cannot mutate through the shared borrow `r`
         --> test.sx:1:23
          |
        1 | fn f(r: &List<i64>) { r.push(1) }
          |                       ^ behind a `&` borrow
          = help: declare it `&mut` (a `&mut T` parameter or `&mut self`) and pass a `&mut` borrow
        """,
        Programs.errors("fn f(r: &List<i64>) { r.push(1) }\nfn main() {}\n"));
    assertEquals(
        "[1, 1]\n",
        Programs.stdout(
            "fn f(r: &mut List<i64>) { r.push(1) }\nfn main() { var xs = [1]; f(&mut xs); println(xs) }"));
  }

  @Test
  void assignmentToAnImmutableBindingIsE0402BesideTheVarThatIsAccepted() {
    assertEquals(
        "error[E0402]: cannot assign twice to immutable variable `n`\n--> test.sx:1:24",
        first("fn main() { let n = 1; n = 2 }"));
    assertEquals("2\n", Programs.stdout("fn main() { var n = 1; n = 2; println(n) }"));
  }

  @Test
  void mutatingAFieldThroughASharedSelfIsE0402() {
    String c = "struct C { n: i64 }\n";
    assertEquals(
        "error[E0402]: cannot mutate through the shared borrow `self`\n--> test.sx:2:27",
        first(c + "impl C { fn bump(&self) { self.n = self.n + 1 } }\nfn main() {}"));
    assertEquals(
        "2\n",
        Programs.stdout(
            c
                + "impl C { fn bump(&mut self) { self.n = self.n + 1 } }\nfn main() { var c = C { n: 1 }; c.bump(); println(c.n) }"));
  }

  // ---- §6 rule 6: borrows escaping

  @Test
  void returningABorrowIsE0404AtTheAmpersand() {
    assertEquals(
        """
        error[E0404]: a borrow cannot be a return type
         --> test.sx:1:21
          |
        1 | fn f(r: &String) -> &String { r }
          |                     ^^^^^^^ borrow escapes
          = help: borrows may only be parameter and local `let` types; use an owned `String`
        """,
        Programs.errors("fn f(r: &String) -> &String { r }\nfn main() {}\n"));
    assertEquals(
        "hi\n",
        Programs.stdout(
            "fn f(r: &String) -> String { r.clone() }\nfn main() { println(f(&\"hi\")) }"));
  }

  @Test
  void aBorrowInAStructFieldOrTypeArgumentIsE0404() {
    assertEquals(
        "error[E0404]: a borrow cannot be a struct field\n--> test.sx:1:15",
        first("struct S { r: &String }\nfn main() {}"));
    assertEquals(
        "error[E0404]: a borrow cannot be a type argument\n--> test.sx:1:15",
        first("fn f(xs: List<&String>) {}\nfn main() {}"));
  }

  @Test
  void aBorrowInAMessageOrActorFieldIsE0404() {
    assertEquals(
        "error[E0404]: a borrow cannot be a message parameter\n--> test.sx:1:26",
        first("actor A { receive Put(s: &String) {} }\nfn main() {}"));
    assertEquals(
        "error[E0404]: a borrow cannot be an actor field\n--> test.sx:1:18",
        first("actor A { var s: &String }\nfn main() {}"));
  }

  @Test
  void aLocalMayBeABorrowButNotHoldOne() {
    assertEquals(
        "error[E0404]: a borrow cannot be a type argument\n--> test.sx:1:40",
        first("fn main() { let s = \"a\"; let o: Option<&String> = Some(&s) }"));
    assertEquals(
        "6\n", Programs.stdout("fn main() { let x = 5; let p: &i64 = &x; println(*p + 1) }"));
  }
}
