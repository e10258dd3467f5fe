package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Named functions and payload constructors used as values are closures that CALL_LOCAL runs. */
class FunctionValuesTest {
  @Test
  void aNamedFunctionUsedAsAValueIsCalledWithItsArguments() {
    assertEquals(
        "42\n[2, 3]\n",
        Programs.stdout(
            "fn inc(x: i64) -> i64 { x + 1 }\n"
                + "fn main() { let f = inc; println(f(41)); println([1, 2].map(inc)) }"));
  }

  @Test
  void aConstructorWithAPayloadUsedAsAValueBuildsTheVariant() {
    assertEquals(
        "Some(1)\n[Some(1), Some(2)]\nRect(1.0, 2.0)\n[Circle(1.5)]\n",
        Programs.stdout(
            "enum Shape { Circle(f64), Rect(f64, f64), Empty }\n"
                + "fn main() {\n"
                + "  let f: fn(i64) -> Option<i64> = Some\n"
                + "  println(f(1))\n"
                + "  println([1, 2].map(Some))\n"
                + "  let mk = Shape::Rect\n"
                + "  println(mk(1.0, 2.0))\n"
                + "  println([1.5].map(Shape::Circle))\n"
                + "}"));
  }

  @Test
  void aUnitVariantNamedAsAValueIsTheValueItself() {
    assertEquals(
        "Empty\nNone\n",
        Programs.stdout(
            "enum Shape { Circle(f64), Empty }\n"
                + "fn main() { let e = Shape::Empty; println(e); let n: Option<i64> = None;"
                + " println(n) }"));
  }
}
