package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code s.split(sep)}: every piece between separators, empty ones included. */
class StrSplitTest {
  private static List<Object> split(String text, String sep) {
    Object result =
        Natives.get(Natives.indexOf("str_split")).impl().apply(new Object[] {text, sep}, List::of);
    return ((Values.ListValue) result).view();
  }

  @Test
  void splitKeepsEmptyPiecesAtTheStartBetweenAndAtTheEnd() {
    assertEquals(List.of("", "a", "", "b", ""), split(",a,,b,", ","));
    assertEquals(List.of(""), split("", ","));
    assertEquals(List.of("abc"), split("abc", "::"));
    assertEquals(List.of("a", "b.c"), split("a::b.c", "::"));
    assertEquals(List.of("a", "c"), split("a.*c", ".*"));
  }

  @Test
  void splitAgreesWithALiteralPatternSplitOnRandomText() {
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int i = 0; i < len; i++) sb.append("ab.,".charAt(random.nextInt(4)));
      String sep = random.nextBoolean() ? "," : random.nextBoolean() ? "a." : "..";
      String text = sb.toString();
      List<Object> expected = Arrays.asList((Object[]) text.split(Pattern.quote(sep), -1));
      assertEquals(expected, split(text, sep), text + " / " + sep);
    }
  }

  @Test
  void repeatedShortPiecesShareOneStringAndKeepTheirValues() {
    String longWord = "x".repeat(30);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 1000; i++)
      sb.append(i % 3 == 0 ? "alpha" : i % 3 == 1 ? "beta" : longWord).append(' ');
    List<Object> parts = split(sb.toString(), " ");
    assertEquals(1001, parts.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(i % 3 == 0 ? "alpha" : i % 3 == 1 ? "beta" : longWord, parts.get(i));
    }
    assertEquals("", parts.get(1000));
    assertSame(parts.get(0), parts.get(3), "a repeated word is one String");
    assertEquals(
        List.of("ab", "ba", "ab", "abc", "ab"), split("ab ba ab abc ab", " "), "same hash slot");
  }

  @Test
  void joinOfStringsAndOtherValuesDisplaysEach() {
    Object joined =
        Natives.get(Natives.indexOf("list_join"))
            .impl()
            .apply(
                new Object[] {
                  new Values.ListValue(
                      new java.util.ArrayList<>(List.of("a", 2L, new Values.CharValue('c'), "é"))),
                  ", "
                },
                List::of);
    assertEquals("a, 2, c, é", joined);
  }

  @Test
  void anEmptySeparatorPanics() {
    SimplexPanic p = assertThrows(SimplexPanic.class, () -> split("abc", ""));
    assertEquals("split separator must not be empty", p.getMessage());
  }
}
