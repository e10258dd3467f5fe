package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Built-in methods, display and debug forms, and format specs (language.md §12). */
class BuiltinsTest {
  private static String show(String expr) {
    return Programs.stdout("fn main() { println(" + expr + ") }").stripTrailing();
  }

  @Test
  void stringMethodsCountCodePoints() {
    assertEquals(
        "Some(2) None bc ababab 5",
        show(
            "\"{\"héllo\".find(\"l\")} {\"abc\".find(\"z\")} {\"abc\".substring(1, 3)} {\"ab\".repeat(3)} {\"héllo\".len()}\""));
  }

  @Test
  void splitKeepsEmptyPiecesAndLinesDropsOneTrailingEmptyLine() {
    assertEquals(
        "[\"a\", \"b\", \"\"] [\"l1\", \"l2\"] [\"x\", \"y\", \"z\"]",
        show(
            "\"{\"a,b,\".split(\",\")} {\"l1\\nl2\\r\\n\".lines()} {\"x y  z\".split_whitespace()}\""));
  }

  @Test
  void parsingNumbers() {
    assertEquals(
        "Some(42) Some(-7) None Some(2.5) None",
        show(
            "\"{\"42\".parse_int()} {\"-7\".parse_int()} {\"4x\".parse_int()} {\"2.5\".parse_float()} {\"99999999999999999999\".parse_int()}\""));
  }

  @Test
  void charMethods() {
    assertEquals(
        "true Some(7) Q 90 b",
        show(
            "\"{'a'.is_alphabetic()} {'7'.to_digit(10)} {'q'.to_uppercase()} {'Z' as i64} {98 as Char}\""));
  }

  @Test
  void listMethods() {
    assertEquals(
        "[3, 1] [1, 2] [2, 1, 3] [3, 1, 2, 9] [3, 2, 1] Some(2) [30, 20] Some(1) Some(3)",
        show(
            "\"{[3, 1, 2].take(2)} {[3, 1, 2].skip(1)} {[3, 1, 2].rev()} {[3, 1, 2].concat([9])} {[3, 1, 2].sorted_by_key(x => 0 - x)} "
                + "{[3, 1, 2].position(x => x == 2)} {[3, 1, 2].filter_map(x => if x > 1 { Some(x * 10) } else { None })} {[3, 1, 2].min()} {[3, 1, 2].max()}\""));
  }

  @Test
  void numericMethodsAndCheckedArithmetic() {
    assertEquals(
        "1024 5 3 2.0 3.0 -3.0 None None Some(7)",
        show(
            "\"{2.pow(10)} {(-5).abs()} {7.min(3)} {2.5.floor()} {2.5.round()} {(-2.5).round()} {10.checked_div(0)} {i64::MAX.checked_add(1)} {3.checked_add(4)}\""));
  }

  @Test
  void wrappingArithmeticWrapsAtTheTypeWidth() {
    assertEquals(
        "4", Programs.stdout("fn main() { let m: u8 = 250; println(m.wrapping_add(10)) }").strip());
  }

  @Test
  void debugFormsQuoteStringsAndChars() {
    assertEquals(
        "(1, \"two\", 3.0) {\"a\": 1} \"q\\\"uote\" '\\n' [Some(\"x\"), None]\n",
        Programs.stdout(
            """
            fn main() {
                let m = {"a": 1}
                let q = "q\\"uote"
                let nl = '\\n'
                println("{(1, "two", 3.0)} {m:?} {q:?} {nl:?} {[Some("x"), None]}")
            }
            """));
  }

  @Test
  void formatSpecsAlignPadAndChangeRadix() {
    assertEquals(
        "[3.142] [  -5] [7  ] [-00042] [377] [ffffffffffffffff] [ ab  ] [1010]",
        show(
            "\"[{3.14159:.3}] [{-5:>4}] [{7:<3}] [{-42:06}] [{255:o}] [{-1:x}] [{\"ab\":^5}] [{10:b}]\""));
  }

  @Test
  void precisionRoundsTheExactBinaryValueHalfToEven() {
    assertEquals("0.1 2.67 1.00", show("\"{0.125:.1} {2.675:.2} {0.999:.2}\""));
  }

  @Test
  void invalidFormatSpecIsE0211AtTheOpeningBrace() {
    String err = Programs.errors("fn main() { let s = \"a\"; println(\"x {s:.2}\") }");
    assertTrue(
        err.startsWith(
            "error[E0211]: invalid format spec: precision `.N` needs a float, found `String`\n --> test.sx:1:37"),
        err);
  }

  @Test
  void outOfBoundsIndexPanicsWithIndexAndLength() {
    Programs.Outcome o = Programs.run("fn main() { let xs = [1, 2]; println(xs[5]) }");
    assertEquals(101, o.exit());
    assertTrue(o.stderr().startsWith("panic: index out of bounds: index 5, length 2"), o.stderr());
  }

  @Test
  void missingMapKeyPanicsWithTheKeyInDebugForm() {
    Programs.Outcome o = Programs.run("fn main() { let m = {\"a\": 1}; println(m[\"b\"]) }");
    assertTrue(o.stderr().startsWith("panic: key not found: \"b\""), o.stderr());
  }

  @Test
  void unwrapOnNonePanics() {
    Programs.Outcome o =
        Programs.run("fn main() { let xs: List<i64> = []; println(xs.first().unwrap()) }");
    assertTrue(o.stderr().startsWith("panic: called unwrap on None"), o.stderr());
  }

  @Test
  void assertEqReportsBothSides() {
    Programs.Outcome o = Programs.run("fn main() { assert_eq(\"a\", \"b\") }");
    assertTrue(
        o.stderr().startsWith("panic: assertion failed: left = \"a\", right = \"b\""), o.stderr());
  }

  // ---- Dynamic (§2, §12.3)

  @Test
  void dynamicBoxesImplicitlyDisplaysItsValueAndDowncastsByType() {
    assertEquals(
        """
        5 hi P { x: 1 }
        Some(5) None Some("hi")
        f64=2.5 List<i64>=[1, 2]
        2 6
        """,
        Programs.stdout(
            """
            struct P { x: i64 }
            fn show(d: Dynamic) -> String { "{d.type_name()}={d}" }
            fn main() {
                let a = Dynamic::from(5)
                let b: Dynamic = "hi"
                let c: Dynamic = P { x: 1 }
                println("{a} {b} {c}")
                let s: Option<String> = b.downcast()
                println("{a.downcast<i64>()} {a.downcast<String>()} {s}")
                println("{show(2.5)} {show([1, 2])}")
                let px = match c.downcast<P>() { Some(p) => p.x + 1, None => 0 }
                println("{px} {a.downcast<i64>().unwrap() + 1}")
            }
            """));
  }

  @Test
  void aFunctionCannotBeBoxedIntoADynamic() {
    assertEquals(
        """
        error[E0502]: `fn(i64) -> i64` cannot be boxed into a `Dynamic`: it is not sendable
         --> test.sx:1:35
          |
        1 | fn main() { let f = Dynamic::from((x: i64) => x) }
          |                                   ^^^^^^^^^^^^^ not sendable
          = help: a Dynamic holds data of a known type; functions, borrows and streams cannot be boxed
        """,
        Programs.errors("fn main() { let f = Dynamic::from((x: i64) => x) }\n"));
  }

  @Test
  void downcastNeedsItsTargetType() {
    assertTrue(
        Programs.errors("fn main() { let d = Dynamic::from(1); let x = d.downcast() }\n")
            .startsWith(
                "error[E0204]: type annotation needed: `downcast` needs the type to look for"));
  }

  // ---- Instant and now() (§2, §12.2, §12.3)

  private static final String CLOCK_PROGRAM =
      """
      fn main() {
          let t: Instant = now()
          sleep(Duration::milliseconds(20))
          let u = Instant::now()
          let d: Duration = t.elapsed()
          let copy = t
          println("{d >= Duration::milliseconds(20)} {t.duration_since(u)} {u.duration_since(t) >= Duration::milliseconds(20)} {t < u} {copy == t}")
      }
      """;

  @Test
  void instantsMeasureElapsedTime() {
    assertEquals("true 0s true true true\n", Programs.stdout(CLOCK_PROGRAM));
  }

  @Test
  void anInstantIsNotAnInteger() {
    assertTrue(
        Programs.errors("fn main() { let t: Instant = now(); let d: i64 = t.elapsed() }")
            .contains("error[E0200]: mismatched types: expected `i64`, found `Duration`"));
  }

  // ---- Bytes (§2, §12.3)

  @Test
  void bytesAreAnImmutableCopyOfTheirList() {
    assertEquals(
        "2 104 [104, 105] true 105\n",
        Programs.stdout(
            """
            fn main() {
                var l: List<u8> = [104, 105]
                let b = Bytes::from(l)
                l.push(33)
                let x: u8 = b[1]
                println("{b.len()} {b[0]} {b.to_list()} {b == Bytes::from([104, 105])} {x}")
            }
            """));
  }

  @Test
  void assigningIntoBytesIsE0402() {
    assertTrue(
        Programs.errors("fn main() { var b = Bytes::from([1]); b[0] = 2 }\n")
            .startsWith(
                "error[E0402]: cannot assign into `Bytes`, which are immutable\n --> test.sx:1:39"));
  }

  @Test
  void utf8ConversionsRoundTripAndRejectInvalidBytes() {
    String program =
        "fn main() { let b = \"hé\".to_bytes(); println(\"{b.len()} {b.to_string_utf8()} {Bytes::from([255]).to_string_utf8()}\") }";
    assertEquals("3 Some(\"hé\") None\n", Programs.stdout(program));
  }
}
