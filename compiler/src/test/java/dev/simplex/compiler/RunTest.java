package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Compiles and runs each feature of the language slice, comparing stdout and the exit code. */
class RunTest {
  private static String main(String body) {
    return Programs.stdout("fn main() {\n" + body + "\n}\n");
  }

  @Test
  void recursionWithParametersAndReturnTypes() {
    assertEquals(
        "3628800\n",
        Programs.stdout(
            "fn fact(n: i64) -> i64 { if n <= 1 { 1 } else { n * fact(n - 1) } }\nfn main() { println(fact(10)) }"));
  }

  @Test
  void mutualRecursion() {
    assertEquals(
        "true false\n",
        Programs.stdout(
            """
        fn even(n: i64) -> Bool { if n == 0 { true } else { odd(n - 1) } }
        fn odd(n: i64) -> Bool { if n == 0 { false } else { even(n - 1) } }
        fn main() { println("{even(10)} {odd(10)}") }
        """));
  }

  /**
   * Range bounds dereference a borrow automatically, in a for loop and as a value (found by the
   * compiler fuzz test: {@code for i in &mut 0..3} parses as {@code (&mut 0)..3}, which checked but
   * generated code that did not verify).
   */
  @Test
  void rangeBoundsThroughABorrowAreTheirValues() {
    Programs.Outcome o =
        Programs.run(
            """
            fn main() {
                var n = 3
                var seen = ""
                for i in &mut 0..2 { seen = seen + "{i}" }
                for i in 0..&mut n { seen = seen + "{i}" }
                let r = &mut 1..=&mut n
                for i in r { seen = seen + "{i}" }
                println(seen)
            }
            """);
    assertEquals("01012123\n", o.stdout(), o.stderr());
  }

  /** §10: no Future type; {@code block_on(e)}, {@code await e} and {@code e.await} evaluate e. */
  @Test
  void blockOnAndAwaitSimplyEvaluate() {
    Programs.Outcome o =
        Programs.run(
            """
            async fn twice(x: i64) -> i64 { x * 2 }
            fn main() {
                let a = block_on(twice(4))
                let b = await twice(5)
                let c = twice(6).await
                let s: String = block_on("{a}")
                println("{s} {b} {c} {block_on(block_on(7))}")
            }
            """);
    assertEquals("8 10 12 7\n", o.stdout(), o.stderr());
    Programs.Outcome bad = Programs.run("fn main() {\n    block_on(1, 2)\n}\n");
    assertTrue(
        bad.stderr().contains("error[E0201]: `block_on` takes one expression"), bad.stderr());
  }

  @Test
  void integerArithmeticTruncatesTowardZero() {
    assertEquals("-3 -1 -3 3 1\n", main("println(\"{-7 / 2} {-7 % 2} {7 / -2} {7 / 2} {7 % 3}\")"));
  }

  @Test
  void floatArithmeticAndDisplay() {
    assertEquals(
        "3.5 0.30000000000000004 2500.0 1000000000000000000000.0 -0.5\n",
        main("println(\"{7.0 / 2.0} {0.1 + 0.2} {2.5e3} {1e21} {-0.5}\")"));
  }

  @Test
  void integerOverflowPanicsWithExitCode101() {
    Programs.Outcome o =
        Programs.run("fn main() {\n    let big = 9223372036854775807\n    println(big + 1)\n}\n");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: integer overflow\n  at main (test.sx:3)"), o.stderr());
  }

  @Test
  void narrowIntegersOverflowAtTheirOwnWidth() {
    Programs.Outcome o = Programs.run("fn main() { let a: i32 = 3000000; println(a * 1000) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: integer overflow"), o.stderr());
  }

  @Test
  void divisionByZeroPanics() {
    Programs.Outcome o =
        Programs.run("fn div(a: i64, b: i64) -> i64 { a / b }\nfn main() { println(div(1, 0)) }");
    assertEquals(101, o.exit());
    assertTrue(
        o.stderr()
            .startsWith("panic: division by zero\n  at div (test.sx:1)\n  at main (test.sx:2)"),
        o.stderr());
  }

  @Test
  void deepRecursionPanicsWithStackOverflowNotAJavaError() {
    Programs.Outcome o =
        Programs.run("fn down(n: i64) -> i64 { down(n + 1) + 1 }\nfn main() { println(down(0)) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: stack overflow\n  at down (test.sx:1)"), o.stderr());
  }

  @Test
  void letVarAssignmentAndCompoundAssignment() {
    assertEquals("17\n", main("var x = 2\nx += 3\nx *= 4\nx -= 3\nlet y = x\nprintln(y)"));
  }

  @Test
  void logicalOperatorsShortCircuit() {
    assertEquals(
        "false true true\n",
        main("let a = false && 1 / 0 == 0\nlet b = true || 1 / 0 == 0\nprintln(\"{a} {b} {!a}\")"));
  }

  @Test
  void ifElseIsAnExpressionWithElseIfChains() {
    assertEquals(
        "medium\n",
        main(
            "let n = 50\nlet s = if n < 10 { \"small\" } else if n < 100 { \"medium\" } else { \"large\" }\nprintln(s)"));
  }

  @Test
  void whileLoopWithBreakAndContinue() {
    assertEquals(
        "1\n3\n",
        main(
            "var i = 0\nwhile true {\n    i += 1\n    if i == 2 { continue }\n    if i > 3 { break }\n    println(i)\n}"));
  }

  @Test
  void forOverExclusiveAndInclusiveRanges() {
    assertEquals(
        "0 1 2 | 1 2 3\n",
        main(
            "var s = \"\"\nfor i in 0..3 { s = s + \"{i} \" }\ns = s + \"|\"\nfor i in 1..=3 { s = s + \" {i}\" }\nprintln(s)"));
  }

  @Test
  void loopBreaksWithAValue() {
    assertEquals(
        "81\n",
        main(
            "var k = 1\nlet found = loop {\n    k *= 3\n    if k > 50 { break k }\n}\nprintln(found)"));
  }

  @Test
  void breakInsideAnExpressionLeavesTheStackBalanced() {
    assertEquals(
        "3\n",
        main(
            "var n = 0\nwhile true {\n    n += 1\n    let x = 1 + if n == 3 { break } else { n }\n}\nprintln(n)"));
  }

  @Test
  void blocksHaveTheValueOfTheirLastExpression() {
    assertEquals(
        "16 ()\n", main("let a = { let t = 4; t * t }\nlet b = { a; }\nprintln(\"{a} {b}\")"));
  }

  @Test
  void earlyReturn() {
    assertEquals(
        "neg\n",
        Programs.stdout(
            "fn sign(n: i64) -> String {\n    if n < 0 { return \"neg\" }\n    \"pos\"\n}\nfn main() { println(sign(-5)) }"));
  }

  @Test
  void interpolationWithEscapedBraces() {
    assertEquals("{x} = 42!\n", main("let x = 42\nprintln(\"{{x}} = {x}!\")"));
  }

  @Test
  void printAlsoEndsTheLine() {
    assertEquals("a\nb\n", main("print(\"a\")\nprint(\"b\")"));
  }

  @Test
  void castsBetweenIntegersAndFloats() {
    assertEquals(
        "3 -3 2.0 1\n", main("println(\"{3.99 as i64} {-3.99 as i64} {2 as f64} {true as i64}\")"));
  }

  @Test
  void castOutOfRangePanics() {
    Programs.Outcome o = Programs.run("fn main() { let x = 300; println(x as u8) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: cast overflow"), o.stderr());
  }

  @Test
  void stringConcatenationAndLengthInCodePoints() {
    assertEquals(
        "héllo wörld 11\n",
        main("let s = \"héllo\" + \" \" + \"wörld\"\nprintln(\"{s} {s.len()}\")"));
  }

  @Test
  void mainReturningI64SetsTheExitCode() {
    Programs.Outcome o = Programs.run("fn main() -> i64 { 300 }");
    assertEquals(300 & 0xFF, o.exit());
    assertEquals(255, Programs.run("fn main() -> i64 { -1 }").exit());
  }

  @Test
  void exitInOneBranchOrAsAFunctionsWholeBodyDivergesLikePanic() {
    // `exit` has type `!`: a branch ending in it joins a unit branch, and it can stand for an i64
    Programs.Outcome o =
        Programs.run(
            """
            fn check(n: i64) {
                if n > 2 {
                    println("limit {n}")
                    exit(7)
                }
            }
            fn never() -> i64 { exit(9) }
            fn main() {
                check(1)
                println("ok")
                if false { println(never()) }
                check(3)
                println("not reached")
            }
            """);
    assertEquals("ok\nlimit 3\n", o.stdout(), o.stderr());
    assertEquals(7, o.exit());
    assertEquals(
        9, Programs.run("fn never() -> i64 { exit(9) }\nfn main() { println(never()) }").exit());
  }

  @Test
  void assigningToACapturedVariableInsideAClosureIsE0402() {
    String err =
        Programs.errors(
            "fn main() {\n    var count = 0\n    for i in 1..=3 {\n        let f = || count += i\n    }\n}\n");
    assertTrue(
        err.startsWith(
            "error[E0402]: cannot assign to `count`, a variable captured by a closure\n"
                + " --> test.sx:4:20"),
        err);
  }

  @Test
  void panicWithAMessage() {
    Programs.Outcome o =
        Programs.run("fn main() {\n    println(\"before\")\n    panic(\"boom {1 + 1}\")\n}");
    assertEquals("before\n", o.stdout());
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: boom 2\n"), o.stderr());
  }

  @Test
  void unaryMinusOnVariablesAndFloats() {
    assertEquals("-5 -2.5\n", main("let a = 5\nlet b = 2.5\nprintln(\"{-a} {-b}\")"));
  }

  @Test
  void commentsAreIgnored() {
    assertEquals("1\n", main("// line\n/* block /* nested */ */ println(1)"));
  }

  @Test
  void structsEnumsAndMatch() {
    assertEquals(
        "Circle(2.0) 12.0\nRect { w: 2.0, h: 5.0 } 10.0\n",
        Programs.stdout(
            """
        enum Shape { Circle(f64), Rect { w: f64, h: f64 } }
        fn area(s: Shape) -> f64 {
            match s {
                Shape::Circle(r) => 3.0 * r * r,
                Rect { w, h } => w * h,
            }
        }
        fn main() {
            for s in [Shape::Circle(2.0), Shape::Rect { w: 2.0, h: 5.0 }] { println("{s} {area(s)}") }
        }
        """));
  }

  @Test
  void closuresCaptureByValueWhenCreated() {
    assertEquals(
        "15 7\n",
        Programs.stdout(
            """
        fn twice(g: fn(i64) -> i64, v: i64) -> i64 { g(g(v)) }
        fn main() {
            var factor = 3
            let scale = (x: i64) => x * factor
            factor = 100
            println("{scale(5)} {twice(x => x + 1, 5)}")
        }
        """));
  }

  @Test
  void traitMethodsDispatchOnTheRuntimeTypeInGenericCode() {
    assertEquals(
        "circle 3\nsquare 4\n",
        Programs.stdout(
            """
        trait Named {
            fn name(&self) -> String
            fn label(&self) -> String { "{self.name()} {self.size()}" }
            fn size(&self) -> i64
        }
        struct Circle { r: i64 }
        impl Named for Circle {
            fn name(&self) -> String { "circle" }
            fn size(&self) -> i64 { self.r }
        }
        impl Named for i64 {
            fn name(&self) -> String { "square" }
            fn size(&self) -> i64 { *self }
        }
        fn show<T: Named>(x: T) { println(x.label()) }
        fn main() {
            show(Circle { r: 3 })
            show(4)
        }
        """));
  }

  @Test
  void implMissingARequiredTraitMethodIsE0210() {
    String err =
        Programs.errors(
            "trait T { fn f(&self) -> i64 }\nstruct S {}\nimpl T for S {}\nfn main() {}");
    assertEquals(
        "error[E0210]: missing method `f` in impl of `T` for `S`",
        err.lines().findFirst().orElseThrow());
  }

  @Test
  void vectorsDotNormalizeAndNearestNeighbours() {
    assertEquals(
        "11.0 2 Vector[0.6, 0.8] [(1, 1.0), (0, 0.96)]\n",
        Programs.stdout(
            """
        fn main() {
            let a = Vector::from([1.0, 2.0])
            let b = Vector::from([3.0, 4.0])
            let hits = ai::nearest(Vector::from([3.0, 4.0]), [Vector::from([4.0, 3.0]), b.clone()], k: 5)
            println("{dot(a, b)} {a.len()} {normalize(b)} {hits}")
        }
        """));
  }

  @Test
  void vectorsOfDifferentLengthsPanic() {
    Programs.Outcome o =
        Programs.run("fn main() { println(dot(Vector::from([1.0]), Vector::zeros(2))) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: vector length mismatch"), o.stderr());
  }

  @Test
  void durationsAddCompareAndDisplayInTheirLargestWholeUnit() {
    assertEquals(
        "2500ms 2500 60s 0s true 1500us\n",
        Programs.stdout(
            """
        fn main() {
            let d = Duration::seconds(2) + Duration::milliseconds(500)
            let z = Duration::seconds(1) - Duration::seconds(1)
            println("{d} {d.as_millis()} {Duration::minutes(1)} {z} {Duration::milliseconds(1500) < d} {Duration::microseconds(1500)}")
        }
        """));
  }

  @Test
  void negativeDurationPanics() {
    Programs.Outcome o =
        Programs.run("fn main() { println(Duration::seconds(1) - Duration::seconds(2)) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: negative duration"), o.stderr());
  }

  @Test
  void asyncCallsAwaitAndParallelResults() {
    assertEquals(
        "6\n(20, 0)\n[2, 4]\n",
        Programs.stdout(
            """
        async fn twice(x: i64) -> i64 { sleep(Duration::milliseconds(1)); x * 2 }
        fn main() {
            println(await twice(3))
            println(await parallel(twice(10), twice(0)))
            println(parallel([1, 2].map(n => () => twice(n))))
        }
        """));
  }

  @Test
  void mainReturningResultExitsWith1AndPrintsTheError() {
    Programs.Outcome err =
        Programs.run(
            "fn check(n: i64) -> Result<i64, String> { if n > 0 { Ok(n) } else { Err(\"not positive\") } }\n"
                + "fn main() -> Result<(), String> {\n    println(check(2)?)\n    check(-1)?\n    Ok(())\n}\n");
    assertEquals("2\n", err.stdout());
    assertEquals(1, err.exit());
    assertEquals("error: not positive\n", err.stderr());
    assertEquals(0, Programs.run("fn main() -> Result<(), String> { Ok(()) }").exit());
  }

  @Test
  void genericTypeAliasesSubstituteTheirParameters() {
    assertEquals(
        "(1, 2) 3\n",
        Programs.stdout(
            "type Pair<T> = (T, T)\nfn sum(p: Pair<i64>) -> i64 { p.0 + p.1 }\nfn main() { let p: Pair<i64> = (1, 2); println(\"{p} {sum(p)}\") }"));
  }
}
