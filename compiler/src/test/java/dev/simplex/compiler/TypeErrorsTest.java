package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each check reports its code at the construct language.md §14 names. */
class TypeErrorsTest {
  /** The first line and the location line of the first diagnostic. */
  private static String first(String source) {
    var lines = Programs.errors(source).lines().toList();
    return lines.get(0) + "\n" + lines.get(1).trim();
  }

  @Test
  void integerLiteralNeverBecomesAFloat() {
    assertEquals(
        "error[E0200]: mismatched types: expected `f64`, found `i64`\n--> test.sx:1:26",
        first("fn main() { let x: f64 = 1 }"));
  }

  @Test
  void literalOutOfRangeForItsTypeIsE0004() {
    assertEquals(
        "error[E0004]: literal out of range for `u8`\n--> test.sx:1:25",
        first("fn main() { let x: u8 = 256 }"));
  }

  @Test
  void mixedNumericOperandsAreE0205AtTheOperator() {
    assertEquals(
        "error[E0205]: cannot apply `+` to `i64` and `f64`\n--> test.sx:1:47",
        first("fn main() { let a = 1; let b = 2.0; let c = a + b }"));
  }

  @Test
  void assigningThroughTheDerefOfAPlainIntegerIsE0205() {
    assertEquals(
        "error[E0205]: cannot dereference a value of type `i64`\n--> test.sx:1:24",
        first("fn main() { var i = 0; *i += 1 }"));
  }

  @Test
  void assigningThroughTheDerefOfAMutableBorrowRuns() {
    assertEquals(
        "1\n",
        Programs.stdout(
            "fn bump(c: &mut i64) { *c += 1 }\nfn main() { var i = 0; bump(&mut i); println(i) }"));
  }

  @Test
  void aLetOfAMutableBorrowOfATemporaryPrimitiveBindsTheValue() {
    assertEquals(
        "8 2\n",
        Programs.stdout(
            "fn main() { var xs = [5, 3, 8]\nlet removed = &mut xs.remove(2)\n"
                + "println(\"{removed} {xs.len()}\") }"));
  }

  @Test
  void aFloatLiteralWithAnIntegerSuffixIsRejected() {
    assertEquals(
        "error[E0001]: a float literal cannot have the integer suffix `i64`\n--> test.sx:1:25",
        first("fn main() { println(-3.9i64) }"));
  }

  @Test
  void aFloatLiteralWithAFloatSuffixRuns() {
    assertEquals("-3.9\n", Programs.stdout("fn main() { println(-3.9f64) }"));
  }

  @Test
  void assignmentToALetIsE0402AtTheTarget() {
    assertEquals(
        "error[E0402]: cannot assign twice to immutable variable `n`\n--> test.sx:1:24",
        first("fn main() { let n = 1; n = 2 }"));
  }

  @Test
  void compoundAssignmentToALetIsE0402() {
    assertEquals(
        "error[E0402]: cannot assign twice to immutable variable `n`\n--> test.sx:1:24",
        first("fn main() { let n = 1; n += 2 }"));
  }

  @Test
  void missingReturnValueIsE0208AtTheFunctionName() {
    assertEquals(
        "error[E0208]: function `f` must return a value of type `i64`\n--> test.sx:1:4",
        first("fn f() -> i64 { let x = 1; }\nfn main() {}"));
  }

  @Test
  void wrongArgumentCountIsE0201AtTheCallee() {
    assertEquals(
        "error[E0201]: `f` takes 1 argument but 2 were given\n--> test.sx:2:13",
        first("fn f(a: i64) -> i64 { a }\nfn main() { f(1, 2) }"));
  }

  @Test
  void missingRequiredArgumentIsE0202() {
    assertEquals(
        "error[E0202]: missing argument for parameter `b` of `f`\n--> test.sx:2:13",
        first("fn f(a: i64, b: i64) -> i64 { a }\nfn main() { f(1) }"));
  }

  @Test
  void missingMainIsE0600At1x1() {
    assertEquals(
        "error[E0600]: `main` function not found\n--> test.sx:1:1", first("fn helper() {}"));
  }

  @Test
  void mainWithParametersIsE0600() {
    assertEquals(
        "error[E0600]: `main` must take no parameters and return `()`, `i64` or `Result<(), E>`\n--> test.sx:1:4",
        first("fn main(x: i64) {}"));
  }

  @Test
  void breakOutsideALoopIsE0213() {
    assertEquals(
        "error[E0213]: `break` outside of a loop\n--> test.sx:1:13", first("fn main() { break }"));
  }

  @Test
  void conditionMustBeBool() {
    assertEquals(
        "error[E0200]: mismatched types: expected `Bool`, found `i64`\n--> test.sx:1:16",
        first("fn main() { if 1 { } }"));
  }

  @Test
  void ifBranchesMustAgree() {
    assertEquals(
        "error[E0200]: mismatched types: expected `i64`, found `String`\n--> test.sx:1:42",
        first("fn main() { let x = if true { 1 } else { \"no\" } }"));
  }

  @Test
  void invalidCastIsE0206AtAs() {
    assertEquals(
        "error[E0206]: cannot cast `String` as `i64`\n--> test.sx:1:17",
        first("fn main() { \"a\" as i64 }"));
  }

  @Test
  void nonExhaustiveMatchListsTheMissingVariants() {
    assertEquals(
        "error[E0300]: non-exhaustive match: missing Dir::East, Dir::West\n--> test.sx:3:5",
        first(
            "enum Dir { North, East, South, West }\nfn f(d: Dir) -> i64 {\n    match d { Dir::North => 0, Dir::South => 1 }\n}\nfn main() {}"));
  }

  @Test
  void nonExhaustiveMatchOnOptionAndListsAndIntegers() {
    assertEquals(
        "error[E0300]: non-exhaustive match: missing None\n--> test.sx:1:31",
        first("fn f(o: Option<i64>) -> i64 { match o { Some(x) => x } }\nfn main() {}"));
    assertEquals(
        "error[E0300]: non-exhaustive match: missing [_, ..]\n--> test.sx:1:30",
        first("fn f(xs: List<i64>) -> i64 { match xs { [] => 0 } }\nfn main() {}"));
    assertEquals(
        "error[E0300]: non-exhaustive match: missing _\n--> test.sx:1:23",
        first("fn f(n: i64) -> i64 { match n { 0 => 1 } }\nfn main() {}"));
  }

  @Test
  void unknownFieldIsE0102() {
    assertEquals(
        "error[E0102]: no field `z` on type `P`\n--> test.sx:2:35",
        first("struct P { x: i64 }\nfn main() { let p = P { x: 1 }; p.z }"));
  }

  @Test
  void missingStructFieldIsE0203() {
    assertEquals(
        "error[E0203]: missing field `y` in `P`\n--> test.sx:2:21",
        first("struct P { x: i64, y: i64 }\nfn main() { let p = P { x: 1 } }"));
  }

  @Test
  void unknownMethodIsE0103() {
    assertEquals(
        "error[E0103]: no method `shout` on type `String`\n--> test.sx:1:17",
        first("fn main() { \"a\".shout() }"));
  }

  @Test
  void closureParameterWithoutAKnownTypeIsE0204() {
    assertEquals(
        "error[E0204]: type annotation needed for closure parameter `x`\n--> test.sx:1:21",
        first("fn main() { let f = x => x + 1 }"));
  }

  @Test
  void questionMarkInMainIsE0207() {
    assertEquals(
        "error[E0207]: the `?` operator cannot be applied here\n--> test.sx:1:31",
        first("fn main() { let o = Some(1); o? }"));
  }

  @Test
  void chainedComparisonIsE0003AtTheSecondOperator() {
    assertEquals(
        "error[E0003]: chained `<` is not allowed\n--> test.sx:1:19",
        first("fn main() { 1 < 2 < 3 }"));
  }

  @Test
  void defaultArgumentOfTheWrongTypeIsE0200AtTheDefault() {
    assertEquals(
        "error[E0200]: mismatched types: expected `i64`, found `String`\n--> test.sx:1:15",
        first("fn f(a: i64 = \"x\") -> i64 { a }\nfn main() {}"));
  }

  @Test
  void defaultArgumentCannotNameAnotherParameter() {
    assertEquals(
        "error[E0100]: cannot find value `a` in this scope\n--> test.sx:1:23",
        first("fn f(a: i64, b: i64 = a) -> i64 { b }\nfn main() {}"));
  }

  @Test
  void omittedParametersTakeTheirDefaults() {
    assertEquals(
        "0 4\n",
        Programs.stdout(
            "fn clamp(v: i64, lo: i64 = 0) -> i64 { if v < lo { lo } else { v } }\n"
                + "fn main() {\n    println(\"{clamp(-5)} {clamp(3, lo: 4)}\")\n}\n"));
  }

  // ---- E0502: non-sendable types cross actor boundaries (§6 Actors, §8)

  @Test
  void aFunctionActorFieldIsE0502() {
    assertEquals(
        "error[E0502]: `fn(i64) -> i64` cannot be an actor field: it is not sendable\n--> test.sx:1:18",
        first("actor A { var f: fn(i64) -> i64 = (x: i64) => x }\nfn main() {}"));
  }

  @Test
  void aReplyOrSpawnArgumentHoldingAFunctionIsE0502() {
    assertEquals(
        "error[E0502]: `Job` cannot be a reply: it is not sendable\n--> test.sx:2:28",
        first(
            "struct Job { run: fn() -> i64 }\nactor A { receive Get() -> Job { Job { run: () => 1 } } }\nfn main() {}"));
    assertEquals(
        "error[E0502]: `List<fn() -> i64>` cannot be a `spawn` argument: it is not sendable\n--> test.sx:1:20",
        first("actor A { init(fs: List<fn() -> i64>) {} }\nfn main() {}"));
  }

  @Test
  void sendableMessagesRepliesAndFieldsAreAccepted() {
    Programs.Outcome o =
        Programs.run(
            "struct Job { id: i64, tags: List<String> }\nactor A {\n    var seen: Map<String, Job> = {}\n    receive Put(j: Job) -> Option<Job> { seen.insert(\"x\", j) }\n}\nfn main() {}");
    assertEquals(0, o.exit(), o.stderr());
  }

  // ---- E0601: prelude names (§2)

  @Test
  void aFunctionNamedLikeAPreludeFunctionIsE0601() {
    assertEquals(
        "error[E0601]: `println` is a prelude name and cannot be redeclared\n--> test.sx:1:4",
        first("fn println(x: i64) {}\nfn main() {}"));
    assertEquals(
        "error[E0601]: `AIError` is a prelude name and cannot be redeclared\n--> test.sx:1:6",
        first("enum AIError { Oops }\nfn main() {}"));
  }

  @Test
  void localsMayShadowPreludeNamesAndOptionMayBeRedeclaredAsTheBuiltin() {
    assertEquals(
        "3 Some(1)\n",
        Programs.stdout(
            "enum Option<T> { None, Some(T) }\nfn main() { let println = 3; let x: Option<i64> = Some(1); print(\"{println} {x}\") }"));
  }

  @Test
  void redeclaringOptionWithOtherVariantsIsE0601() {
    assertEquals(
        "error[E0601]: `Option` is a prelude name and cannot be redeclared\n--> test.sx:1:6",
        first("enum Option<T> { Yes(T), No }\nfn main() {}"));
  }

  // ---- E0209 at call sites of user generic functions

  private static final String SHAPES =
      "trait Shape { fn area(self) -> f64 }\nstruct Sq { s: f64 }\nimpl Shape for Sq { fn area(self) -> f64 { self.s * self.s } }\nstruct Circle { r: f64 }\nfn describe<T: Shape>(s: T) -> f64 { s.area() }\n";

  @Test
  void aUserTraitBoundNotSatisfiedIsE0209AtTheArgument() {
    assertEquals(
        """
        error[E0209]: the trait bound `Circle: Shape` is not satisfied
         --> test.sx:6:30
          |
        6 | fn main() { println(describe(Circle { r: 1.0 })) }
          |                              ^^^^^^^^^^^^^^^^^ `Circle` is not Shape
          = help: `describe` needs `T: Shape`; pass a value whose type satisfies it or add `impl Shape for Circle`
        """,
        Programs.errors(SHAPES + "fn main() { println(describe(Circle { r: 1.0 })) }\n"));
    assertEquals(
        "4.0\n", Programs.stdout(SHAPES + "fn main() { println(describe(Sq { s: 2.0 })) }\n"));
  }

  @Test
  void aBuiltinBoundOfAUserGenericIsCheckedThroughListArguments() {
    String total =
        "fn total<T: Numeric>(xs: List<T>) -> T { var acc = T::zero(); for x in xs { acc = acc + x }; acc }\n";
    assertEquals(
        "error[E0209]: the trait bound `String: Numeric` is not satisfied\n--> test.sx:2:27",
        first(total + "fn main() { println(total([\"a\"])) }"));
    assertEquals("6\n", Programs.stdout(total + "fn main() { println(total([1, 2, 3])) }"));
  }

  @Test
  void aGenericCallerPassesItsOwnBoundedParameterOn() {
    assertEquals(
        "9\n",
        Programs.stdout(
            "fn big<T: Ord>(a: T, b: T) -> T { if a > b { a } else { b } }\nfn outer<U: Ord>(a: U, b: U) -> U { big(a, b) }\nfn main() { println(outer(3, 9)) }"));
    assertEquals(
        "error[E0209]: the trait bound `U: Ord` is not satisfied\n--> test.sx:2:36",
        first(
            "fn big<T: Ord>(a: T, b: T) -> T { if a > b { a } else { b } }\nfn outer<U>(a: U, b: U) -> U { big(a, b) }\nfn main() {}"));
  }
}
