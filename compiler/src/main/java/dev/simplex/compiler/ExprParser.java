package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Expressions: precedence climbing over the table of language.md §4.1, prefix and postfix forms.
 */
abstract class ExprParser extends PrimaryParser {
  static final Set<String> ASSIGN_OPS =
      Set.of("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=");
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

  ExprParser(List<Token> toks) {
    super(toks);
  }

  Expr parseExpr() {
    Expr left = parseRange();
    skipNlBeforeContinuation();
    if (peek().kind() == Kind.PUNCT && ASSIGN_OPS.contains(peek().text())) {
      Token op = advance();
      skipNl();
      Expr value = parseRange();
      skipNlBeforeContinuation();
      if (peek().kind() == Kind.PUNCT && ASSIGN_OPS.contains(peek().text())) throw chained();
      return new Assign(op.text(), left, value, op.span(), left.span().to(value.span()));
    }
    return left;
  }

  /** Head expressions of if/while/match/for: no struct literals at depth 0. */
  Expr parseHead() {
    boolean saved = noStruct;
    noStruct = true;
    try {
      return parseExpr();
    } finally {
      noStruct = saved;
    }
  }

  private CompileError chained() {
    Token t = peek();
    return new CompileError(
        Diagnostic.error(
            "E0003",
            "chained `" + t.text() + "` is not allowed",
            t.span(),
            "second operator",
            "add parentheses to say which comes first"));
  }

  Expr parseRange() {
    Expr left = parseBinary(1);
    if (at("..") || at("..=")) {
      boolean inclusive = advance().text().equals("..=");
      Expr right = parseBinary(1);
      if (at("..") || at("..=")) throw chained();
      return new Range(left, right, inclusive, left.span().to(right.span()));
    }
    return left;
  }

  private static int precedence(Token t) {
    if (t.kind() != Kind.PUNCT) return -1;
    return switch (t.text()) {
      case "||" -> 1;
      case "&&" -> 2;
      case "==", "!=", "<", "<=", ">", ">=" -> 3;
      case "|" -> 4;
      case "^" -> 5;
      case "&" -> 6;
      case "<<", ">>" -> 7;
      case "+", "-" -> 8;
      case "*", "/", "%" -> 9;
      default -> -1;
    };
  }

  private Expr parseBinary(int minPrec) {
    Expr left = parseCast();
    while (true) {
      skipNlBeforeContinuation();
      Token op = peek();
      int prec = precedence(op);
      if (prec < minPrec) return left;
      advance();
      skipNl();
      Expr right = parseBinary(prec + 1);
      if (prec == 3) {
        skipNlBeforeContinuation();
        if (COMPARISONS.contains(peek().text()) && peek().kind() == Kind.PUNCT) throw chained();
      }
      left = new Binary(op.text(), left, right, op.span(), left.span().to(right.span()));
    }
  }

  private Expr parseCast() {
    Expr e = parseUnary();
    while (true) {
      skipNlBeforeContinuation();
      if (!at("as")) return e;
      Token as = advance();
      TypeExpr t = parseType();
      e = new Cast(e, t, as.span(), e.span().to(t.span()));
    }
  }

  private Expr parseUnary() {
    Token t = peek();
    if (t.is("-")) {
      advance();
      Token lit = peek();
      if ((lit.kind() == Kind.INT || lit.kind() == Kind.FLOAT) && !postfixFollows(1)) {
        advance();
        Span s = t.span().to(lit.span());
        if (lit.value() instanceof Token.IntValue iv)
          return new IntLit(iv.value().negate(), iv.suffix(), s);
        Token.FloatValue fv = (Token.FloatValue) lit.value();
        return new FloatLit(-fv.value(), fv.suffix(), s);
      }
      Expr operand = parseUnary();
      return new Unary("-", operand, t.span().to(operand.span()));
    }
    if (t.is("!")) {
      advance();
      Expr operand = parseUnary();
      return new Unary("!", operand, t.span().to(operand.span()));
    }
    if (t.is("&") || t.is("&&")) {
      advance();
      boolean mut = accept("mut");
      Expr operand = parseUnary();
      Expr b = new Borrow(mut, operand, t.span().to(operand.span()));
      return t.is("&&") ? new Borrow(false, b, b.span()) : b;
    }
    if (t.is("*")) {
      advance();
      Expr operand = parseUnary();
      return new Deref(operand, t.span().to(operand.span()));
    }
    if (t.is("await")) {
      advance();
      return parseUnary();
    }
    return parsePostfix(parsePrimary());
  }

  private boolean postfixFollows(int ahead) {
    Token n = peek(ahead);
    return n.is(".") || n.is("?") || n.is("(") || n.is("[");
  }

  private Expr parsePostfix(Expr e) {
    while (true) {
      skipNlBeforeContinuation();
      Token t = peek();
      if (t.is(".")) {
        advance();
        Token name = advance();
        if (name.kind() == Kind.INT) {
          e = new FieldAccess(e, name.text(), name.span(), e.span().to(name.span()));
        } else if (name.is("await")) {
          // `e.await` is `e`
        } else if (name.kind() == Kind.IDENT) {
          List<TypeExpr> typeArgs = List.of();
          if (at("::")) {
            advance();
            typeArgs = parseTypeArgs();
          } else if (at("<")) {
            typeArgs = tryTypeArgsBeforeCall();
          }
          if (at("(")) {
            List<Arg> args = parseArgs();
            e = new MethodCall(e, name.text(), name.span(), typeArgs, args, spanFrom(e.span()));
          } else {
            e = new FieldAccess(e, name.text(), name.span(), e.span().to(name.span()));
          }
        } else {
          throw syntaxAt(
              name,
              "expected a field or method name after `.`, found " + describe(name),
              "expected a name");
        }
      } else if (t.is("?")) {
        advance();
        e = new Try(e, t.span());
      } else if (t.is("(")) {
        List<Arg> args = parseArgs();
        e = new Call(e, args, spanFrom(e.span()));
      } else if (t.is("[")) {
        e = parseIndex(e);
      } else {
        return e;
      }
    }
  }

  private Expr parseIndex(Expr target) {
    advance();
    boolean saved = noStruct;
    noStruct = false;
    try {
      Expr from = null;
      if (!at("..") && !at("..=")) from = parseBinary(1);
      if (at("..") || at("..=")) {
        boolean inclusive = advance().text().equals("..=");
        Expr to = at("]") ? null : parseBinary(1);
        expect("]");
        return new Slice(target, from, to, inclusive, spanFrom(target.span()));
      }
      expect("]");
      return new Index(target, from, spanFrom(target.span()));
    } finally {
      noStruct = saved;
    }
  }

  List<Arg> parseArgs() {
    expect("(");
    boolean saved = noStruct;
    noStruct = false;
    List<Arg> args = new ArrayList<>();
    while (!at(")")) {
      Token start = peek();
      String name = null;
      if (start.kind() == Kind.IDENT && peek(1).is(":")) {
        name = start.text();
        advance();
        advance();
      }
      Expr value = parseExpr();
      args.add(new Arg(name, value, start.span().to(value.span())));
      if (!accept(",")) break;
    }
    expect(")");
    noStruct = saved;
    return args;
  }
}
