package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.simplex.compiler.Token.Kind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
  private static List<Token> lex(String s) {
    return Lexer.lex(new SourceFile("t.sx", s));
  }

  private static String kinds(String s) {
    StringBuilder sb = new StringBuilder();
    for (Token t : lex(s)) {
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(t.kind() == Kind.NL ? "NL" : t.kind() == Kind.EOF ? "EOF" : t.text());
    }
    return sb.toString();
  }

  private static Diagnostic error(String s) {
    return assertThrows(CompileError.class, () -> lex(s)).diagnostic;
  }

  @Test
  void lineBreaksInsideParenthesesAndBracketsAreWhitespace() {
    assertEquals("f ( a , b ) NL [ 1 , 2 ] EOF", kinds("f(a,\n b)\n[1,\n2]"));
  }

  @Test
  void lineBreaksInsideBracesAreKept() {
    assertEquals("{ NL a NL } EOF", kinds("{\na\n}"));
  }

  @Test
  void runsOfBlankAndCommentLinesBecomeOneLineBreak() {
    assertEquals("a NL b EOF", kinds("a\n\n// comment\n\n  b"));
  }

  @Test
  void blockCommentsNestAndCountAsOneLineBreakWhenSpanningLines() {
    assertEquals("a NL b EOF", kinds("a /* one /* two */\n still */ b"));
    assertEquals("a b EOF", kinds("a /* x */ b"));
  }

  @Test
  void numbersWithPrefixesUnderscoresAndSuffixes() {
    List<Token> t = lex("0x7F 0b1010 1_000 200u8 2.5e3 1e21 7f64");
    assertEquals(BigInteger.valueOf(127), ((Token.IntValue) t.get(0).value()).value());
    assertEquals(BigInteger.TEN, ((Token.IntValue) t.get(1).value()).value());
    assertEquals(BigInteger.valueOf(1000), ((Token.IntValue) t.get(2).value()).value());
    assertEquals("u8", ((Token.IntValue) t.get(3).value()).suffix());
    assertEquals(2500.0, ((Token.FloatValue) t.get(4).value()).value());
    assertEquals(Kind.FLOAT, t.get(5).kind());
    assertEquals(Kind.FLOAT, t.get(6).kind());
  }

  @Test
  void digitsAfterADotAreTupleFieldsNotFloats() {
    assertEquals("t . 0 . 1 EOF", kinds("t.0.1"));
    assertEquals("2.0 . sqrt ( ) EOF", kinds("2.0.sqrt()"));
  }

  @Test
  void stringsSplitIntoTextAndInterpolations() {
    Token t = lex("\"a {x + 1} {{b}} {y:>5}\"").getFirst();
    @SuppressWarnings("unchecked")
    List<Token.Piece> pieces = (List<Token.Piece>) t.value();
    assertEquals(new Token.Text("a "), pieces.get(0));
    assertEquals(4, ((Token.Interp) pieces.get(1)).tokens().size()); // x + 1 EOF
    assertEquals(new Token.Text(" {b} "), pieces.get(2));
    assertEquals(">5", ((Token.Interp) pieces.get(3)).spec());
  }

  @Test
  void unterminatedBlockCommentIsE0001AtItsStart() {
    Diagnostic d = error("a\n  /* never closed");
    assertEquals("E0001", d.code());
    assertEquals(2, d.line());
    assertEquals(3, d.column());
  }

  @Test
  void unterminatedStringIsE0001() {
    assertEquals("E0001", error("\"abc\nx").code());
  }

  @Test
  void loneClosingBraceInAStringIsE0001() {
    assertEquals("E0001", error("\"a } b\"").code());
  }

  @Test
  void badEscapeIsE0001() {
    Diagnostic d = error("\"a\\q\"");
    assertEquals("E0001", d.code());
    assertEquals(3, d.column());
  }

  @Test
  void reservedWordIsE0002() {
    assertEquals("E0002", error("let yield = 1").code());
  }

  @Test
  void unexpectedCharacterIsE0001() {
    assertEquals("unexpected character `$`", error("a $ b").message());
  }
}
