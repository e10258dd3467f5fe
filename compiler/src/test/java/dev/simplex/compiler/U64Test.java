package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** u64 covers 0 ..= 2^64 - 1 (language.md §2): unsigned order, division, display and checks. */
class U64Test {
  private static final String HALF = "  let half: u64 = 9223372036854775808\n";
  private static final String BIG = "  let big: u64 = 18446744073709551615\n";

  @Test
  void valuesAbove2To63DisplayUnsigned() {
    assertEquals(
        "18446744073709551615\n18446744073709551615\n[9223372036854775808, 1]\n"
            + "ffffffffffffffff|   9223372036854775808\n",
        Programs.stdout(
            "fn main() {\n"
                + BIG
                + HALF
                + "  println(big)\n"
                + "  println(u64::MAX)\n"
                + "  println([half, 1])\n"
                + "  println(\"{big:x}|{half:>22}\")\n"
                + "}"));
  }

  @Test
  void arithmeticOrderAndShiftsAreUnsigned() {
    assertEquals(
        "9223372036854775809\n6148914691236517205\n5\ntrue\nfalse\n15\n9223372036854775813\n",
        Programs.stdout(
            "fn main() {\n"
                + BIG
                + HALF
                + "  println(half + 1)\n"
                + "  println(big / 3)\n"
                + "  println(big % 10)\n"
                + "  println(half > 5)\n"
                + "  println(big < half)\n"
                + "  println(big >> 60)\n"
                + "  let xs: List<u64> = [half, 5]\n"
                + "  println(xs.sum())\n"
                + "}"));
  }

  @Test
  void overflowPastEitherEndPanics() {
    assertEquals(
        "panic: integer overflow",
        Programs.run("fn main() {\n" + BIG + "  println(big + 1)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: integer overflow",
        Programs.run("fn main() { let one: u64 = 1\n  println(one - 2)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: integer overflow",
        Programs.run("fn main() {\n" + HALF + "  println(half * 2)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: division by zero",
        Programs.run("fn main() {\n" + HALF + "  let z: u64 = 0\n  println(half / z)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
  }

  @Test
  void castsCheckTheFullRange() {
    assertEquals(
        "9223372036854775807\n18446744073709549568\n18446744073709552000.0\n",
        Programs.stdout(
            "fn main() {\n"
                + HALF
                + BIG
                + "  println((half - 1) as i64)\n"
                + "  println(18446744073709549568.0 as u64)\n"
                + "  println(big as f64)\n"
                + "}"));
    assertEquals(
        "panic: cast overflow",
        Programs.run("fn main() {\n" + HALF + "  println(half as i64)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: cast overflow",
        Programs.run("fn main() {\n" + HALF + "  println(half as u32)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: cast overflow",
        Programs.run("fn main() { let n = -1\n  println(n as u64)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
    assertEquals(
        "panic: cast overflow",
        Programs.run("fn main() { let f = 18446744073709551616.0\n  println(f as u64)\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
  }

  @Test
  void powCheckedAndWrappingMethodsUseTheFullRange() {
    assertEquals(
        "9223372036854775808\nNone\nSome(9223372036854775813)\nNone\nSome(0)\n"
            + "Some(4611686018427387904)\n0\n9223372036854775808\n",
        Programs.stdout(
            "fn main() {\n"
                + HALF
                + "  let two: u64 = 2\n"
                + "  println(two.pow(63))\n"
                + "  println(half.checked_add(half))\n"
                + "  println(half.checked_add(5))\n"
                + "  println(half.checked_mul(two))\n"
                + "  println(half.checked_sub(half))\n"
                + "  println(half.checked_div(two))\n"
                + "  println(half.wrapping_add(half))\n"
                + "  println(half.wrapping_mul(3))\n"
                + "}"));
    assertEquals(
        "panic: integer overflow",
        Programs.run("fn main() { let two: u64 = 2\n  println(two.pow(64))\n}")
            .stderr()
            .lines()
            .findFirst()
            .orElse(""));
  }

  @Test
  void aLiteralPast2To64IsE0004() {
    assertEquals(
        "error[E0004]: literal out of range for `u64`",
        Programs.errors("fn main() { let x: u64 = 18446744073709551616 }")
            .lines()
            .findFirst()
            .orElse(""));
  }

  @Test
  void u64KeysAndMaximaCompareUnsigned() {
    assertEquals(
        "Some(9223372036854775808)\n{9223372036854775808: \"h\"}\n",
        Programs.stdout(
            "fn main() {\n"
                + HALF
                + "  let xs: List<u64> = [3, half, 7]\n"
                + "  println(xs.max())\n"
                + "  var m: Map<u64, String> = Map::new()\n"
                + "  m.insert(half, \"h\")\n"
                + "  println(m)\n"
                + "}"));
  }
}
