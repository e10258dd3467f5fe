package dev.simplex.sbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for {@code ai::extract}: objects become {@link
 * LinkedHashMap}s, arrays {@link List}s, numbers {@link BigDecimal}s, {@code null} {@link #NULL}.
 * Duplicate keys, trailing commas, comments, leading zeros and nesting deeper than {@value
 * #MAX_DEPTH} are errors.
 */
final class Json {
  static final int MAX_DEPTH = 128;

  /** JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final String s;
  private int pos;

  private Json(String s, int pos) {
    this.s = s;
    this.pos = pos;
  }

  /**
   * Parses the JSON object that starts at the first {@code {} of {@code text}; text after it is
   * ignored.
   */
  static Map<String, Object> firstObject(String text) throws Malformed {
    int at = text.indexOf('{');
    if (at < 0) throw new Malformed("no JSON object in the reply");
    Json j = new Json(text, at);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) j.value(0);
    return m;
  }

  /** Parses a whole document: one value and nothing but whitespace around it. */
  static Object parse(String text) throws Malformed {
    Json j = new Json(text, 0);
    Object v = j.value(0);
    j.ws();
    if (j.pos != text.length()) throw j.error("unexpected text after the value");
    return v;
  }

  private Malformed error(String what) {
    return new Malformed(what + " at offset " + pos);
  }

  private void ws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private Object value(int depth) throws Malformed {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    ws();
    if (pos >= s.length()) throw error("unexpected end of input");
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield number();
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Object literal(String word, Object v) throws Malformed {
    if (!s.startsWith(word, pos)) throw error("invalid literal");
    pos += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) throws Malformed {
    pos++; // {
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      return m;
    }
    for (; ; ) {
      ws();
      if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a string key");
      String key = string();
      ws();
      if (pos >= s.length() || s.charAt(pos) != ':') throw error("expected ':'");
      pos++;
      Object v = value(depth + 1);
      if (m.put(key, v) != null) throw error("duplicate key \"" + key + "\"");
      ws();
      if (pos >= s.length()) throw error("unterminated object");
      char c = s.charAt(pos++);
      if (c == '}') return m;
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws Malformed {
    pos++; // [
    List<Object> l = new ArrayList<>();
    ws();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      return l;
    }
    for (; ; ) {
      l.add(value(depth + 1));
      ws();
      if (pos >= s.length()) throw error("unterminated array");
      char c = s.charAt(pos++);
      if (c == ']') return l;
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws Malformed {
    pos++; // "
    StringBuilder sb = new StringBuilder();
    for (; ; ) {
      if (pos >= s.length()) throw error("unterminated string");
      char c = s.charAt(pos++);
      if (c == '"') return sb.toString();
      if (c < 0x20) {
        pos--;
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= s.length()) throw error("unterminated escape");
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) throw error("truncated \\u escape");
          int v = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) throw error("invalid \\u escape");
            v = v * 16 + d;
          }
          sb.append((char) v);
        }
        default -> throw error("invalid escape \\" + e);
      }
    }
  }

  private BigDecimal number() throws Malformed {
    int start = pos;
    if (s.charAt(pos) == '-') pos++;
    if (pos >= s.length()) throw error("truncated number");
    if (s.charAt(pos) == '0') {
      pos++;
    } else if (digit()) {
      while (digit()) pos++;
    } else throw error("invalid number");
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (!digit()) throw error("invalid number");
      while (digit()) pos++;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
      if (!digit()) throw error("invalid number");
      while (digit()) pos++;
    }
    if (digit()) throw error("invalid number");
    String lit = s.substring(start, pos);
    BigDecimal d = new BigDecimal(lit);
    if (Math.abs((long) d.scale()) > 10_000) throw error("number exponent out of range");
    return d;
  }

  private boolean digit() {
    return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
  }

  /** A JSON string literal for {@code v}, for prompts. */
  static String quote(String v) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}
