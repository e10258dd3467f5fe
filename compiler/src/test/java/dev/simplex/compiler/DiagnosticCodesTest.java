package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every diagnostic code of language.md §14 that the compiler emits, each with a program that
 * triggers it and the exact rendering: message, location, source line, caret, label and help. E0106
 * needs a second file and has its own test below.
 */
class DiagnosticCodesTest {
  private record Row(String code, String source, String expected) {}

  private static Row row(String code, String source, String expected) {
    return new Row(code, source, expected);
  }

  private static final List<Row> TABLE =
      List.of(
          row(
              "E0001",
              """
            fn main() {
                let x = 1 $ 2
            }
            """,
              """
            error[E0001]: unexpected character `$`
             --> test.sx:2:15
              |
            2 |     let x = 1 $ 2
              |               ^ not valid here
              = help: remove this character
            """),
          row(
              "E0002",
              """
            fn main() {
                let = 5
            }
            """,
              """
            error[E0002]: expected a pattern, found `=`
             --> test.sx:2:9
              |
            2 |     let = 5
              |         ^ expected a pattern
              = help: check the syntax near here (language.md)
            """),
          row(
              "E0003",
              """
            fn main() {
                let b = 1 < 2 < 3
            }
            """,
              """
            error[E0003]: chained `<` is not allowed
             --> test.sx:2:19
              |
            2 |     let b = 1 < 2 < 3
              |                   ^ second operator
              = help: add parentheses to say which comes first
            """),
          row(
              "E0004",
              """
            fn main() {
                let x: i8 = 300
            }
            """,
              """
            error[E0004]: literal out of range for `i8`
             --> test.sx:2:17
              |
            2 |     let x: i8 = 300
              |                 ^^^ does not fit in `i8`
              = help: use a wider type or a smaller value
            """),
          row(
              "E0100",
              """
            fn main() {
                println(total)
            }
            """,
              """
            error[E0100]: cannot find value `total` in this scope
             --> test.sx:2:13
              |
            2 |     println(total)
              |             ^^^^^ not found in this scope
              = help: check the spelling, or declare it with `let` before this use
            """),
          row(
              "E0101",
              """
            fn main() {
                let x: Foo = 1
            }
            """,
              """
            error[E0101]: cannot find type `Foo` in this scope
             --> test.sx:2:12
              |
            2 |     let x: Foo = 1
              |            ^^^ not found
              = help: check the spelling or declare the type
            """),
          row(
              "E0102",
              """
            struct P {
                x: i64,
            }
            fn main() {
                let p = P { x: 1 }
                println("{p.y}")
            }
            """,
              """
            error[E0102]: no field `y` on type `P`
             --> test.sx:6:17
              |
            6 |     println("{p.y}")
              |                 ^ unknown field
              = help: check the field names of `P`
            """),
          row(
              "E0103",
              """
            fn main() {
                let x = 5
                x.frobnicate()
            }
            """,
              """
            error[E0103]: no method `frobnicate` on type `i64`
             --> test.sx:3:7
              |
            3 |     x.frobnicate()
              |       ^^^^^^^^^^ method not found
              = help: check the method name; see language.md §12.3 for built-in methods
            """),
          row(
              "E0104",
              """
            use nowhere::thing
            fn main() {}
            """,
              """
            error[E0104]: unresolved module `nowhere::thing`
             --> test.sx:1:5
              |
            1 | use nowhere::thing
              |     ^^^^^^^^^^^^^^ unresolved
              = help: no file nowhere/thing.sx under %ROOT%
            """),
          row(
              "E0105",
              """
            fn f() {}
            fn f() {}
            fn main() {}
            """,
              """
            error[E0105]: the function `f` is defined more than once
             --> test.sx:2:4
              |
            2 | fn f() {}
              |    ^ redefined here
              = help: rename one of the functions
            """),
          row(
              "E0107",
              """
            enum A {
                Red,
            }
            enum B {
                Red,
            }
            fn main() {
                let c = Red
            }
            """,
              """
            error[E0107]: `Red` is ambiguous: a variant of both `A` and `B`
             --> test.sx:8:13
              |
            8 |     let c = Red
              |             ^^^ ambiguous name
              = help: write `A::Red` or `B::Red`
            """),
          row(
              "E0108",
              """
            enum D {
                A,
                B,
            }
            fn main() {
                match D::A {
                    D::C => println("c"),
                    _ => println("other"),
                }
            }
            """,
              """
            error[E0108]: no variant `D::C` in type `D`
             --> test.sx:7:9
              |
            7 |         D::C => println("c"),
              |         ^^^^ unknown variant
              = help: use a variant of `D`
            """),
          row(
              "E0200",
              """
            fn main() {
                let x: i64 = "hi"
            }
            """,
              """
            error[E0200]: mismatched types: expected `i64`, found `String`
             --> test.sx:2:18
              |
            2 |     let x: i64 = "hi"
              |                  ^^^^ expected `i64`
              = help: convert the value or change the declared type
            """),
          row(
              "E0201",
              """
            fn f(a: i64) -> i64 { a }
            fn main() {
                f(1, 2)
            }
            """,
              """
            error[E0201]: `f` takes 1 argument but 2 were given
             --> test.sx:3:5
              |
            3 |     f(1, 2)
              |     ^ too many arguments
              = help: remove the extra arguments
            """),
          row(
              "E0202",
              """
            fn f(a: i64) -> i64 { a }
            fn main() {
                f(b: 1)
            }
            """,
              """
            error[E0202]: `f` has no parameter named `b`
             --> test.sx:3:7
              |
            3 |     f(b: 1)
              |       ^^^^ unknown parameter
              = help: check the parameter names
            """),
          row(
              "E0203",
              """
            struct P {
                x: i64,
                y: i64,
            }
            fn main() {
                let p = P { x: 1 }
            }
            """,
              """
            error[E0203]: missing field `y` in `P`
             --> test.sx:6:13
              |
            6 |     let p = P { x: 1 }
              |             ^ missing fields
              = help: give every field a value, or use `..base`
            """),
          row(
              "E0204",
              """
            fn main() {
                let xs = []
            }
            """,
              """
            error[E0204]: type annotation needed: cannot infer the type of `[]`
             --> test.sx:2:14
              |
            2 |     let xs = []
              |              ^^ type unknown
              = help: annotate the binding, e.g. `let xs: List<i64> = []`
            """),
          row(
              "E0205",
              """
            fn main() {
                let x = "a" - 1
            }
            """,
              """
            error[E0205]: cannot apply `-` to `String` and `i64`
             --> test.sx:2:17
              |
            2 |     let x = "a" - 1
              |                 ^ operator not defined for these types
              = help: both operands must have the same type; convert one with `as`
            """),
          row(
              "E0206",
              """
            fn main() {
                let x = "a" as i64
            }
            """,
              """
            error[E0206]: cannot cast `String` as `i64`
             --> test.sx:2:17
              |
            2 |     let x = "a" as i64
              |                 ^^ invalid cast
              = help: casts convert between numbers, Bool/Char to integers, and integers to Char
            """),
          row(
              "E0207",
              """
            fn main() {
                let x = 5?
            }
            """,
              """
            error[E0207]: the `?` operator cannot be applied here
             --> test.sx:2:14
              |
            2 |     let x = 5?
              |              ^ invalid `?`
              = help: `?` needs an Option or Result in a function returning the same kind (with the same error type)
            """),
          row(
              "E0208",
              """
            fn f() -> i64 {
                let x = 1;
            }
            fn main() {}
            """,
              """
            error[E0208]: function `f` must return a value of type `i64`
             --> test.sx:1:4
              |
            1 | fn f() -> i64 {
              |    ^ missing return value
              = help: end the body with an expression of type `i64` or add `return`
            """),
          row(
              "E0209",
              """
            fn main() {
                let xs = ["a", "b"]
                println("{xs.sum()}")
            }
            """,
              """
            error[E0209]: `sum` needs numbers, found `String`
             --> test.sx:3:18
              |
            3 |     println("{xs.sum()}")
              |                  ^^^ not Numeric
              = help: sum a list of numbers
            """),
          row(
              "E0210",
              """
            trait T {
                fn m(self) -> i64
            }
            struct P {
                x: i64,
            }
            impl T for P {
                fn other(self) -> i64 { 1 }
            }
            fn main() {}
            """,
              """
            error[E0210]: missing method `m` in impl of `T` for `P`
             --> test.sx:7:12
              |
            7 | impl T for P {
              |            ^ missing `m`
              = help: implement every trait method without a default body

            error[E0210]: method `other` is not a member of trait `T`
             --> test.sx:8:8
              |
            8 |     fn other(self) -> i64 { 1 }
              |        ^^^^^ not in the trait
              = help: move it to an inherent `impl P` block
            """),
          row(
              "E0211",
              """
            fn main() {
                let s = "a"
                println("{s:.2}")
            }
            """,
              """
            error[E0211]: invalid format spec: precision `.N` needs a float, found `String`
             --> test.sx:3:14
              |
            3 |     println("{s:.2}")
              |              ^ in this interpolation
              = help: remove the precision
            """),
          row(
              "E0212",
              """
            fn main() {
                let o = Some(1)
                let Some(v) = o
            }
            """,
              """
            error[E0212]: refutable pattern in a binding
             --> test.sx:3:9
              |
            3 |     let Some(v) = o
              |         ^^^^^^^ this pattern may not match
              = help: use `match` or `if let` instead
            """),
          row(
              "E0213",
              """
            fn main() {
                break
            }
            """,
              """
            error[E0213]: `break` outside of a loop
             --> test.sx:2:5
              |
            2 |     break
              |     ^^^^^ cannot break here
              = help: use it inside `loop`, `while` or `for`
            """),
          row(
              "E0300",
              """
            enum D {
                A,
                B,
            }
            fn main() {
                match D::A {
                    D::A => println("a"),
                }
            }
            """,
              """
            error[E0300]: non-exhaustive match: missing D::B
             --> test.sx:6:5
              |
            6 |     match D::A {
              |     ^^^^^ not all cases are covered
              = help: add arms for the missing cases, or a `_ =>` arm
            """),
          row(
              "E0301",
              """
            enum D {
                A(i64),
                B(i64),
            }
            fn main() {
                match D::A(1) {
                    D::A(x) | D::B(y) => println("{x}"),
                }
            }
            """,
              """
            error[E0301]: alternatives bind different names
             --> test.sx:7:19
              |
            7 |         D::A(x) | D::B(y) => println("{x}"),
              |                   ^^^^^^^ binds [y]
              = help: make every alternative bind [x]
            """),
          row(
              "E0400",
              """
            fn take(s: String) {}
            fn main() {
                let s = "a" + "b"
                take(s)
                println(s)
            }
            """,
              """
            error[E0400]: use of moved value `s`
             --> test.sx:5:13
              |
            5 |     println(s)
              |             ^ value used here after move
              = help: `s` was moved at 4:10; pass `s.clone()` there to keep using it
            """),
          row(
              "E0401",
              """
            fn main() {
                var xs = [1, 2]
                for x in xs {
                    xs.push(x)
                }
            }
            """,
              """
            error[E0401]: cannot mutate `xs` while a `for` loop borrows it
             --> test.sx:4:9
              |
            4 |         xs.push(x)
              |         ^^ mutation during iteration
              = help: the loop at 3:14 borrows `xs`; collect the changes and apply them after the loop
            """),
          row(
              "E0402",
              """
            fn main() {
                let n = 1
                n = 2
            }
            """,
              """
            error[E0402]: cannot assign twice to immutable variable `n`
             --> test.sx:3:5
              |
            3 |     n = 2
              |     ^ cannot assign
              = help: declare it with `var n` to make it mutable
            """),
          row(
              "E0403",
              """
            struct P {
                name: String,
            }
            fn f(p: &P) -> String { p.name }
            fn main() {}
            """,
              """
            error[E0403]: cannot move out of `p.name`, which is behind a borrow
             --> test.sx:4:25
              |
            4 | fn f(p: &P) -> String { p.name }
              |                         ^^^^^^ move out of a borrow
              = help: call `.clone()` to copy the value
            """),
          row(
              "E0404",
              """
            fn f(r: &String) -> i64 {
                let g = (n: i64) => r.len() + n
                g(1)
            }
            fn main() {}
            """,
              """
            error[E0404]: closure captures the borrow `r`
             --> test.sx:2:13
              |
            2 |     let g = (n: i64) => r.len() + n
              |             ^^^^^^^^^^^^^^^^^^^^^^^ borrow captured here
              = help: clone the borrowed value into a local before the closure
            """),
          row(
              "E0405",
              """
            actor A {
                var n: i64
                receive Ping {}
            }
            fn main() {
                let a = spawn A
            }
            """,
              """
            error[E0405]: actor field `n` is never initialised
             --> test.sx:6:13
              |
            6 |     let a = spawn A
              |             ^^^^^^^ `n` has no value
              = help: give the field an initialiser, set it in `spawn`, or add an `init`
            """),
          row(
              "E0500",
              """
            actor Fan {
                receive Spin {}
            }
            fn main() {
                let f = spawn Fan
                send(f, Toggle)
            }
            """,
              """
            error[E0500]: actor `Fan` has no handler for message `Toggle`
             --> test.sx:6:13
              |
            6 |     send(f, Toggle)
              |             ^^^^^^ unknown message
              = help: `Fan` handles Spin
            """),
          row(
              "E0501",
              """
            fn main() {
                checkpoint()
            }
            """,
              """
            error[E0501]: `checkpoint()` outside an actor
             --> test.sx:2:5
              |
            2 |     checkpoint()
              |     ^^^^^^^^^^ not in an actor
              = help: call it inside an actor's handler
            """),
          row(
              "E0502",
              """
            actor Runner {
                var jobs: i64 = 0
                receive Run(f: fn(i64) -> i64) -> i64 { f(1) }
            }
            fn main() {}
            """,
              """
            error[E0502]: `fn(i64) -> i64` cannot be a message parameter: it is not sendable
             --> test.sx:3:20
              |
            3 |     receive Run(f: fn(i64) -> i64) -> i64 { f(1) }
              |                    ^^^^^^^^^^^^^^ not sendable
              = help: messages, replies, actor fields and spawn arguments hold data only; functions, borrows and streams stay inside one actor
            """),
          row(
              "E0503",
              """
            actor A {
                var n: i64 = 0
            }
            fn main() {
                let a = spawn A(1)
            }
            """,
              """
            error[E0503]: invalid spawn: `A` has no `init` but `spawn` passes arguments
             --> test.sx:5:13
              |
            5 |     let a = spawn A(1)
              |             ^^^^^^^^^^ invalid spawn
              = help: remove the arguments or add an `init`
            """),
          row(
              "E0504",
              """
            supervisor Empty { strategy: OneForAll }
            fn main() {}
            """,
              """
            error[E0504]: supervisor `Empty` has no `children`
             --> test.sx:1:12
              |
            1 | supervisor Empty { strategy: OneForAll }
              |            ^^^^^ no children
              = help: add `children: [child(Worker)]`
            """),
          row(
              "E0505",
              """
            actor A {
                receive Get -> i64 { 1 }
                receive Loop -> i64 { ask(self, Get) }
            }
            fn main() {}
            """,
              """
            error[E0505]: an actor cannot `ask` itself
             --> test.sx:3:31
              |
            3 |     receive Loop -> i64 { ask(self, Get) }
              |                               ^^^^ `ask` to `self`
              = help: call a helper function, or `send` to self
            """),
          row(
              "E0600",
              """
            fn helper() {}
            """,
              """
            error[E0600]: `main` function not found
             --> test.sx:1:1
              |
            1 | fn helper() {}
              | ^ the entry file has no `main`
              = help: add `fn main() { ... }` to the entry file
            """),
          row(
              "E0601",
              """
            struct Duration { secs: i64 }
            fn main() {}
            """,
              """
            error[E0601]: `Duration` is a prelude name and cannot be redeclared
             --> test.sx:1:8
              |
            1 | struct Duration { secs: i64 }
              |        ^^^^^^^^ redeclared here
              = help: choose another name for this item
            """));

  @TestFactory
  Stream<DynamicTest> everyEmittedCodeIsRenderedExactly() {
    String root = Path.of("").toAbsolutePath().toString();
    return TABLE.stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.code(),
                    () ->
                        assertEquals(
                            r.expected().replace("%ROOT%", root), Programs.errors(r.source()))));
  }

  @Test
  void theTableCoversTheSectionFourteenCodes() {
    List<String> covered = TABLE.stream().map(Row::code).toList();
    List<String> documented =
        Stream.of(
                "E0001 E0002 E0003 E0004 E0100 E0101 E0102 E0103 E0104 E0105 E0107 E0108",
                "E0200 E0201 E0202 E0203 E0204 E0205 E0206 E0207 E0208 E0209 E0210 E0211",
                "E0212 E0213 E0300 E0301 E0400 E0401 E0402 E0403 E0404 E0405",
                "E0500 E0501 E0502 E0503 E0504 E0505 E0600 E0601")
            .flatMap(s -> Stream.of(s.split(" ")))
            .toList();
    assertEquals(documented, covered);
  }

  @Test
  void privateImportIsE0106AtThePath(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("geo"));
    Files.writeString(dir.resolve("geo/shapes.sx"), "fn secret() -> i64 { 1 }\n");
    Files.writeString(dir.resolve("main.sx"), "use geo::shapes::secret\nfn main() {}\n");
    CompileResult r = Compiler.compile(dir.resolve("main.sx"), CompileOptions.defaults());
    assertEquals(
        """
        error[E0106]: function `secret` is private to module `geo::shapes`
         --> %MAIN%:1:5
          |
        1 | use geo::shapes::secret
          |     ^^^^^^^^^^^^^^^^^^^ private item
          = help: mark it `pub` in geo/shapes.sx
        """
            .replace("%MAIN%", dir.resolve("main.sx").toString()),
        r.renderDiagnostics());
  }

  @Test
  void aFileWithSeveralIndependentErrorsReportsEachInSourceOrder() {
    assertEquals(
        """
        error[E0100]: cannot find value `missing` in this scope
         --> test.sx:2:13
          |
        2 |     println(missing)
          |             ^^^^^^^ not found in this scope
          = help: check the spelling, or declare it with `let` before this use

        error[E0200]: mismatched types: expected `i64`, found `String`
         --> test.sx:5:18
          |
        5 |     let x: i64 = "text"
          |                  ^^^^^^ expected `i64`
          = help: convert the value or change the declared type

        error[E0402]: cannot assign twice to immutable variable `n`
         --> test.sx:9:5
          |
        9 |     n = 2
          |     ^ cannot assign
          = help: declare it with `var n` to make it mutable

        error[E0205]: cannot apply `+` to `i64` and `Bool`
          --> test.sx:12:15
           |
        12 |     let v = 1 + true
           |               ^ operator not defined for these types
           = help: both operands must have the same type; convert one with `as`
        """,
        Programs.errors(
            """
            fn a() {
                println(missing)
            }
            fn b() {
                let x: i64 = "text"
            }
            fn c() {
                let n = 1
                n = 2
            }
            fn main() {
                let v = 1 + true
            }
            """));
  }
}
