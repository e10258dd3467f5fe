package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryKindOfValue() throws Exception {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\n\\u00e9\\\"\"} ");
    Map<?, ?> m = (Map<?, ?>) v;
    List<?> a = (List<?>) m.get("a");
    assertEquals(new BigDecimal("1"), a.get(0));
    assertEquals(-2500.0, ((BigDecimal) a.get(1)).doubleValue());
    assertEquals(List.of(true, false, Json.NULL), a.subList(2, 5));
    assertEquals("x\né\"", m.get("b"));
  }

  @Test
  void rejectsWhatRfc8259Forbids() {
    for (String bad :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "'a'",
            "\"a\tb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "tru",
            "nul",
            "{\"a\" 1}",
            "{a: 1}",
            "[1 2]",
            "{\"a\":1,\"a\":2}",
            "1 2",
            "1e99999999",
            "[".repeat(200) + "]".repeat(200))) {
      assertThrows(Json.Malformed.class, () -> Json.parse(bad), bad);
    }
  }
}
