package dev.simplex.compiler;

import dev.simplex.compiler.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Handwritten lexer (language.md §1). Produces {@code NL} tokens for line breaks except inside
 * {@code (} / {@code [} and interpolations (rule 1 of §1.1); the parser decides what an NL means.
 * Stops at the first error with E0001 (or E0002 for a reserved word).
 */
final class Lexer {
  static final Set<String> KEYWORDS =
      Set.of(
          "actor",
          "as",
          "async",
          "await",
          "break",
          "const",
          "continue",
          "else",
          "enum",
          "false",
          "fn",
          "for",
          "if",
          "impl",
          "in",
          "init",
          "let",
          "loop",
          "match",
          "module",
          "mut",
          "pub",
          "receive",
          "return",
          "self",
          "Self",
          "spawn",
          "struct",
          "supervisor",
          "this",
          "trait",
          "true",
          "type",
          "use",
          "var",
          "where",
          "while",
          "with");
  static final Set<String> RESERVED = Set.of("dyn", "mod", "move", "ref", "static", "yield");

  private static final String[] PUNCTS = {
    "<<=", ">>=", "..=", "...", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=",
    "&=", "|=", "^=", "<<", ">>", "..", "::", "=>", "->", "+", "-", "*", "/", "%", "&", "|", "^",
    "!", "<", ">", "=", ".", ";", ",", "?", "@", ":", "(", ")", "[", "]", "{", "}", "_"
  };

  private final SourceFile file;
  private final String src;
  private int pos;
  private final List<Token> tokens = new ArrayList<>();
  private final Deque<Character> brackets = new ArrayDeque<>();

  private Lexer(SourceFile file) {
    this.file = file;
    this.src = file.text();
  }

  static List<Token> lex(SourceFile file) {
    Lexer lx = new Lexer(file);
    lx.run();
    return lx.tokens;
  }

  private void run() {
    while (true) {
      boolean newline = skipTrivia(!brackets.isEmpty() && brackets.peek() != '{');
      if (newline && !tokens.isEmpty() && tokens.getLast().kind() != Kind.NL) {
        tokens.add(new Token(Kind.NL, "\n", span(pos, pos), null));
      }
      if (pos >= src.length()) break;
      Token t = next();
      track(t);
      tokens.add(t);
    }
    tokens.add(new Token(Kind.EOF, "", span(src.length(), src.length()), null));
  }

  private void track(Token t) {
    if (t.kind() != Kind.PUNCT) return;
    switch (t.text()) {
      case "(", "[", "{" -> brackets.push(t.text().charAt(0));
      case ")", "]", "}" -> {
        if (!brackets.isEmpty()) brackets.pop();
      }
      default -> {}
    }
  }

  /** Skips spaces and comments; returns whether a line break was crossed (and not ignored). */
  private boolean skipTrivia(boolean ignoreNewlines) {
    boolean newline = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\n') {
        newline = true;
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') pos++;
      } else if (src.startsWith("/*", pos)) {
        int start = pos;
        int depth = 0;
        do {
          if (src.startsWith("/*", pos)) {
            depth++;
            pos += 2;
          } else if (src.startsWith("*/", pos)) {
            depth--;
            pos += 2;
          } else {
            if (src.charAt(pos) == '\n') newline = true;
            pos++;
          }
          if (pos >= src.length() && depth > 0) {
            throw error(
                start,
                start + 2,
                "unterminated block comment",
                "comment starts here",
                "close it with `*/`");
          }
        } while (depth > 0);
      } else {
        break;
      }
    }
    return newline && !ignoreNewlines;
  }

  private Token next() {
    int start = pos;
    char c = src.charAt(pos);
    if (Character.isLetter(c) && c < 128 || c == '_') {
      while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
      String word = src.substring(start, pos);
      if (word.equals("_")) return new Token(Kind.PUNCT, "_", span(start, pos), null);
      if (RESERVED.contains(word)) {
        throw new CompileError(
            Diagnostic.error(
                "E0002",
                "`" + word + "` is a reserved word",
                span(start, pos),
                "reserved",
                "choose another name"));
      }
      return new Token(
          KEYWORDS.contains(word) ? Kind.KEYWORD : Kind.IDENT, word, span(start, pos), null);
    }
    if (c >= '0' && c <= '9') return number(start);
    if (c == '"') return src.startsWith("\"\"\"", pos) ? tripleString(start) : string(start);
    if (c == '\'') return charLiteral(start);
    for (String p : PUNCTS) {
      if (src.startsWith(p, pos)) {
        pos += p.length();
        return new Token(Kind.PUNCT, p, span(start, pos), null);
      }
    }
    int cp = src.codePointAt(pos);
    throw error(
        start,
        start + Character.charCount(cp),
        "unexpected character `" + Character.toString(cp) + "`",
        "not valid here",
        "remove this character");
  }

  private static boolean isIdentPart(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private Token number(int start) {
    int radix = 10;
    if (src.startsWith("0x", pos) || src.startsWith("0o", pos) || src.startsWith("0b", pos)) {
      radix =
          switch (src.charAt(pos + 1)) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
      pos += 2;
    }
    StringBuilder digits = new StringBuilder();
    boolean isFloat = false;
    digitsInto(digits, radix);
    if (radix == 10) {
      // A `.` followed by a digit continues a float, unless the previous token was `.` (tuple
      // fields).
      boolean afterDot = !tokens.isEmpty() && tokens.getLast().is(".");
      if (!afterDot
          && pos + 1 < src.length()
          && src.charAt(pos) == '.'
          && Character.isDigit(src.charAt(pos + 1))) {
        isFloat = true;
        digits.append('.');
        pos++;
        digitsInto(digits, 10);
      }
      if (!afterDot && pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        StringBuilder exp = new StringBuilder("e");
        if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-'))
          exp.append(src.charAt(pos++));
        if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          digitsInto(exp, 10);
          digits.append(exp);
          isFloat = true;
        } else {
          pos = save;
        }
      }
    }
    if (digits.isEmpty())
      throw error(start, pos, "number has no digits", "here", "write digits after the prefix");
    int suffixStart = pos;
    while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
    String suffix = src.substring(suffixStart, pos);
    if (!suffix.isEmpty()
        && !Set.of("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64")
            .contains(suffix)) {
      throw error(
          suffixStart,
          pos,
          "invalid number suffix `" + suffix + "`",
          "unknown suffix",
          "use a suffix such as i64, u8 or f64");
    }
    if (isFloat && !suffix.isEmpty() && !suffix.startsWith("f")) {
      throw error(
          suffixStart,
          pos,
          "a float literal cannot have the integer suffix `" + suffix + "`",
          "integer suffix",
          "use `as " + suffix + "` to convert, or a float suffix such as f64");
    }
    if (isFloat || suffix.startsWith("f")) {
      if (radix != 10)
        throw error(
            start, pos, "a float cannot have a radix prefix", "here", "write the float in decimal");
      double d = Double.parseDouble(digits.toString());
      return new Token(
          Kind.FLOAT, src.substring(start, pos), span(start, pos), new Token.FloatValue(d, suffix));
    }
    return new Token(
        Kind.INT,
        src.substring(start, pos),
        span(start, pos),
        new Token.IntValue(new BigInteger(digits.toString(), radix), suffix));
  }

  private void digitsInto(StringBuilder sb, int radix) {
    boolean any = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '_' && any) {
        pos++;
      } else if (Character.digit(c, radix) >= 0 && c < 128) {
        sb.append(c);
        any = true;
        pos++;
      } else {
        break;
      }
    }
  }

  private Token charLiteral(int start) {
    pos++;
    if (pos >= src.length() || src.charAt(pos) == '\n')
      throw error(start, pos, "unterminated char literal", "starts here", "close it with `'`");
    int cp;
    if (src.charAt(pos) == '\\') {
      cp = escape(false);
    } else {
      cp = src.codePointAt(pos);
      pos += Character.charCount(cp);
    }
    if (pos >= src.length() || src.charAt(pos) != '\'') {
      throw error(
          start,
          Math.min(pos, src.length()),
          "unterminated char literal",
          "expected `'`",
          "a char literal holds exactly one character");
    }
    pos++;
    return new Token(Kind.CHAR, src.substring(start, pos), span(start, pos), cp);
  }

  private int escape(boolean inInterpolation) {
    int start = pos;
    pos++;
    if (pos >= src.length())
      throw error(start, pos, "unterminated escape", "here", "complete the escape");
    char e = src.charAt(pos++);
    return switch (e) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case '0' -> 0;
      case '\\' -> '\\';
      case '\'' -> '\'';
      case '"' -> '"';
      case 'u' -> {
        if (pos >= src.length() || src.charAt(pos) != '{') throw badEscape(start);
        int close = src.indexOf('}', pos);
        if (close < 0 || close - pos - 1 < 1 || close - pos - 1 > 6) throw badEscape(start);
        String hex = src.substring(pos + 1, close);
        int cp;
        try {
          cp = Integer.parseInt(hex, 16);
        } catch (NumberFormatException ex) {
          throw badEscape(start);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw badEscape(start);
        pos = close + 1;
        yield cp;
      }
      default -> throw badEscape(start);
    };
  }

  private CompileError badEscape(int start) {
    return error(
        start,
        Math.min(pos, src.length()),
        "invalid escape sequence",
        "unknown escape",
        "valid escapes are \\n \\r \\t \\0 \\\\ \\' \\\" and \\u{HEX}");
  }

  private Token string(int start) {
    pos++;
    List<Token.Piece> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(
            start,
            start + 1,
            "unterminated string literal",
            "string starts here",
            "close it with `\"` on the same line");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      pieceChar(c, text, pieces);
    }
    if (!text.isEmpty() || pieces.isEmpty()) pieces.add(new Token.Text(text.toString()));
    return new Token(Kind.STRING, src.substring(start, pos), span(start, pos), List.copyOf(pieces));
  }

  /**
   * Consumes one unit of string content: a character, an escape, a brace pair or an interpolation.
   */
  private void pieceChar(char c, StringBuilder text, List<Token.Piece> pieces) {
    if (c == '\\') {
      text.appendCodePoint(escape(false));
    } else if (c == '{' && src.startsWith("{{", pos)) {
      text.append('{');
      pos += 2;
    } else if (c == '}' && src.startsWith("}}", pos)) {
      text.append('}');
      pos += 2;
    } else if (c == '}') {
      throw error(
          pos, pos + 1, "unmatched `}` in string", "lone brace", "write `}}` for a literal brace");
    } else if (c == '{') {
      if (!text.isEmpty()) pieces.add(new Token.Text(text.toString()));
      text.setLength(0);
      pieces.add(interpolation());
    } else {
      text.append(c);
      pos++;
    }
  }

  private Token.Interp interpolation() {
    int open = pos;
    pos++;
    List<Token> inner = new ArrayList<>();
    Deque<Character> depth = new ArrayDeque<>();
    String spec = "";
    while (true) {
      skipSpacesOnLine(open);
      if (pos >= src.length())
        throw error(
            open, open + 1, "unterminated interpolation", "opened here", "close it with `}`");
      char c = src.charAt(pos);
      if (depth.isEmpty() && c == '}') {
        pos++;
        break;
      }
      if (depth.isEmpty() && c == ':' && !src.startsWith("::", pos)) {
        int close = src.indexOf('}', pos);
        int nl = src.indexOf('\n', pos);
        if (close < 0 || (nl >= 0 && nl < close))
          throw error(
              open, open + 1, "unterminated interpolation", "opened here", "close it with `}`");
        spec = src.substring(pos + 1, close);
        pos = close + 1;
        break;
      }
      if (c == '"' && src.startsWith("\"\"\"", pos)) {
        throw error(
            pos,
            pos + 3,
            "triple-quoted string inside an interpolation",
            "here",
            "bind it to a variable first");
      }
      Token t = next();
      if (t.kind() == Kind.PUNCT) {
        switch (t.text()) {
          case "(", "[", "{" -> depth.push(t.text().charAt(0));
          case ")", "]", "}" -> {
            if (depth.isEmpty())
              throw error(
                  t.span().start(),
                  t.span().end(),
                  "unbalanced `" + t.text() + "` in interpolation",
                  "here",
                  "balance the brackets");
            depth.pop();
          }
          default -> {}
        }
      }
      inner.add(t);
    }
    if (inner.isEmpty())
      throw error(
          open,
          pos,
          "empty interpolation",
          "nothing to interpolate",
          "write an expression inside `{}`, or `{{` for a brace");
    inner.add(new Token(Kind.EOF, "", span(pos - 1, pos - 1), null));
    return new Token.Interp(List.copyOf(inner), spec, span(open, open + 1));
  }

  private void skipSpacesOnLine(int open) {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') pos++;
      else if (c == '\n' || c == '\r')
        throw error(
            open,
            open + 1,
            "line break inside an interpolation",
            "opened here",
            "keep the interpolation on one line");
      else break;
    }
  }

  /** {@code """...""": strips the common indentation (language.md §1, triple-quoted strings). */
  private Token tripleString(int start) {
    pos += 3;
    while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) pos++;
    if (pos >= src.length() || src.charAt(pos) != '\n') {
      throw error(
          start,
          start + 3,
          "text after an opening `\"\"\"`",
          "content must start on the next line",
          "move the text to the next line");
    }
    pos++;
    int close = src.indexOf("\"\"\"", pos);
    if (close < 0)
      throw error(
          start,
          start + 3,
          "unterminated string literal",
          "string starts here",
          "close it with `\"\"\"`");
    String body = src.substring(pos, close);
    int bodyStart = pos;
    String[] lines = body.split("\n", -1);
    String last = lines[lines.length - 1];
    boolean closingAlone = last.isBlank();
    int k = Integer.MAX_VALUE;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      boolean isClosing = i == lines.length - 1;
      if (!isClosing && l.isBlank()) continue;
      if (isClosing && !closingAlone) {
        k = Math.min(k, indent(l));
        continue;
      }
      k = Math.min(k, indent(l));
    }
    if (k == Integer.MAX_VALUE) k = 0;
    // Re-lex the content line by line so escapes and interpolations keep real positions.
    List<Token.Piece> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int lineStart = bodyStart;
    int contentLines = closingAlone ? lines.length - 1 : lines.length;
    for (int i = 0; i < contentLines; i++) {
      String l = lines[i];
      if (i > 0) text.append('\n');
      int from = lineStart + (l.isBlank() ? l.length() : Math.min(k, l.length()));
      int to = lineStart + l.length();
      pos = from;
      while (pos < to) pieceChar(src.charAt(pos), text, pieces);
      lineStart += l.length() + 1;
    }
    pos = close + 3;
    if (!text.isEmpty() || pieces.isEmpty()) pieces.add(new Token.Text(text.toString()));
    return new Token(Kind.STRING, src.substring(start, pos), span(start, pos), List.copyOf(pieces));
  }

  private static int indent(String l) {
    int n = 0;
    while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) n++;
    return n;
  }

  private Span span(int start, int end) {
    return new Span(file, start, end);
  }

  private CompileError error(int start, int end, String message, String label, String help) {
    return new CompileError(Diagnostic.error("E0001", message, span(start, end), label, help));
  }
}
