package dev.simplex.peer.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writtenDocumentsReadBackToTheSameValues() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", "p1");
    doc.put("count", 42L);
    doc.put("rate", 1.5);
    doc.put("up", true);
    doc.put("none", null);
    doc.put("list", List.of(1L, "two", List.of()));
    doc.put("nested", Map.of("k", "v"));
    assertEquals(doc, Json.parse(Json.write(doc)));
  }

  @Test
  void stringsAreEscapedBothWays() {
    String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 é";
    String json = Json.write(tricky);
    assertTrue(json.contains("\\u0007") && json.contains("\\n"), json);
    assertEquals(tricky, Json.parse(json));
    assertEquals("A/", Json.parse("\"\\u0041\\/\""));
  }

  @Test
  void keyOrderIsKept() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("z", 1L);
    doc.put("a", 2L);
    assertEquals("{\"z\":1,\"a\":2}", Json.write(doc));
  }

  @Test
  void numbersThatJsonCannotHoldAreWrittenAsNull() {
    assertEquals("[null,null]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
  }

  @Test
  void malformedDocumentsAreRejectedWithTheOffset() {
    for (String bad :
        List.of(
            "", "{", "[1,", "{\"a\" 1}", "{a:1}", "\"open", "tru", "1 2", "-", "\"\\x\"", "[1,]")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Json.parse(bad));
      assertTrue(
          e.getMessage().startsWith("malformed JSON at offset "), bad + " -> " + e.getMessage());
    }
  }

  @Test
  void deeplyNestedInputIsRefusedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
  }
}
