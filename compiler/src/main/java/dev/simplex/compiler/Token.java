package dev.simplex.compiler;

import java.util.List;

/**
 * A lexical token. {@code text} is the lexeme for identifiers, keywords and punctuation; literal
 * tokens carry their decoded value.
 */
record Token(Kind kind, String text, Span span, Object value) {
  enum Kind {
    IDENT,
    KEYWORD,
    PUNCT,
    INT,
    FLOAT,
    CHAR,
    STRING,
    /** One or more line breaks where they may end a statement (language.md §1.1). */
    NL,
    EOF
  }

  /** An integer literal: its value (may exceed i64 before range checking) and optional suffix. */
  record IntValue(java.math.BigInteger value, String suffix) {}

  record FloatValue(double value, String suffix) {}

  /** A string literal's pieces: text and interpolations. */
  sealed interface Piece {}

  record Text(String text) implements Piece {}

  /**
   * An interpolation {@code {expr:spec}}.
   *
   * @param open the span of the opening brace (where E0211 is reported)
   */
  record Interp(List<Token> tokens, String spec, Span open) implements Piece {}

  boolean is(String punctOrKeyword) {
    return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(punctOrKeyword);
  }

  boolean isIdent() {
    return kind == Kind.IDENT;
  }
}
