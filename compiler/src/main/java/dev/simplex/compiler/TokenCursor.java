package dev.simplex.compiler;

import dev.simplex.compiler.Token.Kind;
import java.util.List;
import java.util.Set;

/**
 * Token navigation shared by the parser classes, including the newline rules of language.md §1.1.
 */
abstract class TokenCursor {
  /** Tokens that continue the previous line when they start the next one (rule 2). */
  static final Set<String> CONTINUATION =
      Set.of(
          ".", "?", "+", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "|", "^", "<<",
          ">>", "=", "=>", "->", "as", "else", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
          "<<=", ">>=");

  protected final List<Token> toks;
  protected int i;

  TokenCursor(List<Token> toks) {
    this.toks = toks;
  }

  Token peek() {
    return toks.get(i);
  }

  Token peek(int ahead) {
    return toks.get(Math.min(i + ahead, toks.size() - 1));
  }

  Token advance() {
    Token t = toks.get(i);
    if (t.kind() != Kind.EOF) i++;
    return t;
  }

  boolean at(String text) {
    return peek().is(text);
  }

  boolean atNl() {
    return peek().kind() == Kind.NL;
  }

  void skipNl() {
    while (atNl()) i++;
  }

  /** If the next line starts with a continuation token, the line break is not a terminator. */
  void skipNlBeforeContinuation() {
    if (atNl()) {
      Token next = peek(1);
      if ((next.kind() == Kind.PUNCT || next.kind() == Kind.KEYWORD)
          && CONTINUATION.contains(next.text())) i++;
    }
  }

  boolean accept(String text) {
    if (at(text)) {
      advance();
      return true;
    }
    return false;
  }

  Token expect(String text) {
    if (!at(text))
      throw syntax("expected `" + text + "`, found " + describe(peek()), "expected `" + text + "`");
    return advance();
  }

  Token expectIdent(String what) {
    if (peek().kind() != Kind.IDENT)
      throw syntax("expected " + what + ", found " + describe(peek()), "expected " + what);
    return advance();
  }

  static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "end of file";
      case NL -> "a line break";
      case IDENT -> "identifier `" + t.text() + "`";
      case KEYWORD -> "keyword `" + t.text() + "`";
      case STRING -> "a string";
      case INT, FLOAT, CHAR -> "literal `" + t.text() + "`";
      case PUNCT -> "`" + t.text() + "`";
    };
  }

  CompileError syntax(String message, String label) {
    return syntaxAt(peek(), message, label);
  }

  CompileError syntaxAt(Token t, String message, String label) {
    Span s = t.span();
    if (t.kind() == Kind.NL || t.kind() == Kind.EOF)
      s = new Span(s.file(), s.start(), s.start() + 1);
    return new CompileError(Diagnostic.error("E0002", message, s, label, help(message)));
  }

  private static String help(String message) {
    if (message.contains("line break"))
      return "end the statement with a line break or `;` before this";
    return "check the syntax near here (language.md)";
  }

  Span spanFrom(Span start) {
    Token prev = toks.get(Math.max(0, i - 1));
    return new Span(start.file(), start.start(), Math.max(start.end(), prev.span().end()));
  }
}
