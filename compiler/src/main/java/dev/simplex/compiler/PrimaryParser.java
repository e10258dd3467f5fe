package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Primary expressions (language.md §4): literals, names and struct literals, blocks, maps and sets,
 * closures, and the keyword forms (if, match, loops, return, break). Operators are in {@link
 * ExprParser}.
 */
abstract class PrimaryParser extends TokenCursor {
  /** In an if/while/match/for head a `{` after a complete expression opens the body (§4.6). */
  protected boolean noStruct;

  /** In a match guard, `name =>` is the end of the guard, not a closure. */
  protected boolean noLambda;

  PrimaryParser(List<Token> toks) {
    super(toks);
  }

  abstract Block parseBlock();

  abstract Pattern parsePattern();

  abstract TypeExpr parseType();

  abstract List<TypeExpr> parseTypeArgs();

  abstract Stmt parseStmt();

  abstract Expr parseExpr();

  abstract Expr parseHead();

  abstract Expr parseRange();

  /** {@code name<T, …>} directly followed by {@code (} or {@code ::} is a type-argument list. */
  List<TypeExpr> tryTypeArgsBeforeCall() {
    int save = i;
    try {
      List<TypeExpr> args = parseTypeArgs();
      if (at("(") || at("::")) return args;
    } catch (CompileError e) {
      // not a type-argument list: `<` is less-than
    }
    i = save;
    return List.of();
  }

  Expr parsePrimary() {
    Token t = peek();
    switch (t.kind()) {
      case INT -> {
        advance();
        Token.IntValue v = (Token.IntValue) t.value();
        return new IntLit(v.value(), v.suffix(), t.span());
      }
      case FLOAT -> {
        advance();
        Token.FloatValue v = (Token.FloatValue) t.value();
        return new FloatLit(v.value(), v.suffix(), t.span());
      }
      case CHAR -> {
        advance();
        return new CharLit((Integer) t.value(), t.span());
      }
      case STRING -> {
        advance();
        return stringLiteral(t);
      }
      case IDENT -> {
        if (peek(1).is("=>") && !noLambda) return lambdaSingle();
        return nameOrStruct();
      }
      case KEYWORD -> {
        return keywordExpr(t);
      }
      case PUNCT -> {
        return switch (t.text()) {
          case "(" -> paren();
          case "[" -> listLiteral();
          case "{" -> braces();
          case "|", "||" -> pipeLambda();
          default ->
              throw syntax(
                  "expected an expression, found " + describe(t), "expected an expression");
        };
      }
      default ->
          throw syntax("expected an expression, found " + describe(t), "expected an expression");
    }
  }

  private Expr keywordExpr(Token t) {
    switch (t.text()) {
      case "true", "false" -> {
        advance();
        return new BoolLit(t.text().equals("true"), t.span());
      }
      case "self", "this", "Self" -> {
        return nameOrStruct();
      }
      case "if" -> {
        return ifExpr();
      }
      case "while" -> {
        advance();
        if (accept("let")) {
          Pattern p = parsePattern();
          expect("=");
          Expr scrutinee = parseHead();
          skipNl();
          Block body = parseBlock();
          return new WhileLet(p, scrutinee, body, spanFrom(t.span()));
        }
        Expr cond = parseHead();
        skipNl();
        Block body = parseBlock();
        return new While(cond, body, spanFrom(t.span()));
      }
      case "for" -> {
        advance();
        Pattern p = parsePattern();
        expect("in");
        Expr iterable = parseHead();
        skipNl();
        Block body = parseBlock();
        return new For(p, iterable, body, spanFrom(t.span()));
      }
      case "loop" -> {
        advance();
        skipNl();
        Block body = parseBlock();
        return new Loop(body, spanFrom(t.span()));
      }
      case "match" -> {
        return matchExpr();
      }
      case "spawn" -> {
        return spawn();
      }
      case "return" -> {
        advance();
        Expr value = endsValue() ? null : parseRange();
        return new Return(value, value == null ? t.span() : t.span().to(value.span()));
      }
      case "break" -> {
        advance();
        Expr value = endsValue() ? null : parseRange();
        return new Break(value, value == null ? t.span() : t.span().to(value.span()));
      }
      case "continue" -> {
        advance();
        return new Continue(t.span());
      }
      default ->
          throw syntax("expected an expression, found " + describe(t), "expected an expression");
    }
  }

  /** Whether `return`/`break` stands without a value here. */
  private boolean endsValue() {
    Token t = peek();
    return t.kind() == Kind.NL
        || t.kind() == Kind.EOF
        || t.is(";")
        || t.is("}")
        || t.is(")")
        || t.is(",")
        || t.is("]");
  }

  private Expr ifExpr() {
    Token t = advance();
    if (accept("let")) {
      Pattern p = parsePattern();
      expect("=");
      Expr scrutinee = parseHead();
      skipNl();
      Block then = parseBlock();
      Expr otherwise = elseBranch();
      return new IfLet(p, scrutinee, then, otherwise, spanFrom(t.span()));
    }
    Expr cond = parseHead();
    skipNl();
    Block then = parseBlock();
    Expr otherwise = elseBranch();
    return new If(cond, then, otherwise, spanFrom(t.span()));
  }

  private Expr elseBranch() {
    skipNlBeforeContinuation();
    if (!accept("else")) return null;
    skipNl();
    if (at("if")) return ifExpr();
    return parseBlock();
  }

  private Expr matchExpr() {
    Token kw = advance();
    Expr scrutinee = parseHead();
    skipNl();
    expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<MatchArm> arms = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Pattern p = parsePattern();
      Expr guard = null;
      if (accept("if")) {
        noLambda = true;
        try {
          guard = parseExpr();
        } finally {
          noLambda = false;
        }
      }
      skipNl();
      expect("=>");
      skipNl();
      Expr body = parseExpr();
      arms.add(new MatchArm(p, guard, body, p.span().to(body.span())));
      if (accept(",")) {
        skipNl();
      } else if (atNl()) {
        skipNl();
      } else if (!at("}")) {
        throw syntax(
            "expected `,`, a line break or `}` after a match arm, found " + describe(peek()),
            "expected `,`");
      }
    }
    expect("}");
    noStruct = saved;
    return new Match(scrutinee, arms, kw.span(), spanFrom(kw.span()));
  }

  private Expr nameOrStruct() {
    Token first = advance();
    List<String> path = new ArrayList<>(List.of(first.text()));
    List<TypeExpr> typeArgs = List.of();
    while (true) {
      if (at("::") && peek(1).is("<")) {
        advance();
        typeArgs = parseTypeArgs();
      } else if (at("::") && (peek(1).kind() == Kind.IDENT || peek(1).kind() == Kind.KEYWORD)) {
        advance();
        path.add(advance().text());
      } else if (at("<") && typeArgs.isEmpty()) {
        List<TypeExpr> ta = tryTypeArgsBeforeCall();
        if (ta.isEmpty()) break;
        typeArgs = ta;
      } else {
        break;
      }
    }
    Name name = new Name(List.copyOf(path), typeArgs, spanFrom(first.span()));
    String last = path.getLast();
    if (at("{") && !noStruct && Character.isUpperCase(last.charAt(0))) return structLiteral(name);
    return name;
  }

  private Expr structLiteral(Name name) {
    expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<FieldInit> fields = new ArrayList<>();
    Expr base = null;
    skipNl();
    while (!at("}")) {
      if (accept("..")) {
        base = parseExpr();
        skipNl();
        break;
      }
      Token f = expectIdent("a field name");
      Expr value;
      if (accept(":")) {
        skipNl();
        value = parseExpr();
      } else {
        value = new Name(List.of(f.text()), List.of(), f.span());
      }
      fields.add(new FieldInit(f.text(), value, f.span()));
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    skipNl();
    expect("}");
    noStruct = saved;
    return new StructLit(name, fields, base, spanFrom(name.span()));
  }

  private Expr paren() {
    Token open = peek();
    if (lambdaParamsAhead()) return parenLambda();
    advance();
    boolean saved = noStruct;
    noStruct = false;
    try {
      if (accept(")")) return new UnitLit(spanFrom(open.span()));
      Expr first = parseExpr();
      if (accept(")")) return first;
      List<Expr> parts = new ArrayList<>(List.of(first));
      while (accept(",")) {
        if (at(")")) break;
        parts.add(parseExpr());
      }
      expect(")");
      return new TupleLit(parts, spanFrom(open.span()));
    } finally {
      noStruct = saved;
    }
  }

  /** A `(…)` is a parameter list when `=>` or `->` follows the matching `)`. */
  private boolean lambdaParamsAhead() {
    int depth = 0;
    for (int k = i; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.is("(")) depth++;
      else if (t.is(")") && --depth == 0) {
        Token after = toks.get(Math.min(k + 1, toks.size() - 1));
        return after.is("=>") || after.is("->");
      } else if (t.kind() == Kind.EOF) return false;
    }
    return false;
  }

  private Expr parenLambda() {
    Token open = expect("(");
    List<Param> params = new ArrayList<>();
    while (!at(")")) {
      params.add(lambdaParam());
      if (!accept(",")) break;
    }
    expect(")");
    TypeExpr ret = null;
    if (accept("->")) ret = parseType();
    expect("=>");
    skipNl();
    Expr body = parseExpr();
    return new Lambda(params, ret, body, open.span().to(body.span()));
  }

  private Param lambdaParam() {
    Token n = peek();
    String name;
    if (accept("_")) name = "_";
    else name = expectIdent("a parameter name").text();
    TypeExpr type = null;
    if (accept(":")) type = parseType();
    return new Param(name, type, null, spanFrom(n.span()));
  }

  private Expr lambdaSingle() {
    Token n = advance();
    expect("=>");
    skipNl();
    Expr body = parseExpr();
    return new Lambda(
        List.of(new Param(n.text(), null, null, n.span())), null, body, n.span().to(body.span()));
  }

  private Expr pipeLambda() {
    Token open = advance();
    List<Param> params = new ArrayList<>();
    if (open.is("|")) {
      while (!at("|")) {
        params.add(lambdaParam());
        if (!accept(",")) break;
      }
      expect("|");
    }
    TypeExpr ret = null;
    if (accept("->")) ret = parseType();
    Expr body = parseExpr();
    return new Lambda(params, ret, body, open.span().to(body.span()));
  }

  private Expr listLiteral() {
    Token open = advance();
    boolean saved = noStruct;
    noStruct = false;
    List<Expr> items = new ArrayList<>();
    while (!at("]")) {
      items.add(parseExpr());
      if (!accept(",")) break;
    }
    expect("]");
    noStruct = saved;
    return new ListLit(items, spanFrom(open.span()));
  }

  private static final Set<String> STATEMENT_KEYWORDS =
      Set.of(
          "let",
          "var",
          "const",
          "if",
          "while",
          "for",
          "loop",
          "match",
          "return",
          "break",
          "continue",
          "fn");

  /** `{` at an operand: empty braces, a map, a set or a block, by language.md §4.6. */
  private Expr braces() {
    Token open = peek();
    int save = i;
    advance();
    skipNl();
    if (at("}")) {
      advance();
      return new EmptyBraces(spanFrom(open.span()));
    }
    if (peek().kind() == Kind.KEYWORD && STATEMENT_KEYWORDS.contains(peek().text())) {
      i = save;
      return parseBlock();
    }
    boolean saved = noStruct;
    noStruct = false;
    String decided;
    try {
      parseExpr();
      decided = at(":") ? "map" : at(",") ? "set" : "block";
      if (decided.equals("block") && atNl()) {
        skipNl();
        if (at(",")) decided = "set";
      }
    } catch (CompileError e) {
      decided = "block";
    }
    i = save;
    noStruct = saved;
    return switch (decided) {
      case "map" -> mapLiteral();
      case "set" -> setLiteral();
      default -> parseBlock();
    };
  }

  private Expr mapLiteral() {
    Token open = expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      keys.add(parseExpr());
      expect(":");
      skipNl();
      values.add(parseExpr());
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    skipNl();
    expect("}");
    noStruct = saved;
    return new MapLit(keys, values, spanFrom(open.span()));
  }

  private Expr setLiteral() {
    Token open = expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<Expr> items = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      items.add(parseExpr());
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    skipNl();
    expect("}");
    noStruct = saved;
    return new SetLit(items, spanFrom(open.span()));
  }

  private Expr stringLiteral(Token t) {
    @SuppressWarnings("unchecked")
    List<Token.Piece> pieces = (List<Token.Piece>) t.value();
    List<StrPart> parts = new ArrayList<>();
    for (Token.Piece p : pieces) {
      switch (p) {
        case Token.Text tx -> parts.add(new StrText(tx.text()));
        case Token.Interp in -> {
          Parser sub = new Parser(in.tokens());
          Expr e = sub.parseExpr();
          if (sub.peek().kind() != Kind.EOF) {
            throw sub.syntax(
                "unexpected " + describe(sub.peek()) + " in interpolation", "unexpected token");
          }
          parts.add(new StrInterp(e, in.spec(), in.open()));
        }
      }
    }
    return new StrLit(parts, t.span());
  }

  /** {@code spawn A [(args) | { field: e, … }] [with { option: e, … }]} (language.md §8). */
  private Expr spawn() {
    Token kw = advance();
    Token name = expectIdent("an actor name");
    Name actor = new Name(List.of(name.text()), List.of(), name.span());
    List<Arg> args = List.of();
    List<FieldInit> overrides = List.of();
    if (at("(")) args = parseArgs();
    else if (at("{") && !noStruct) overrides = fieldInits();
    List<FieldInit> options = List.of();
    if (at("with")) {
      advance();
      options = fieldInits();
    }
    return new Spawn(actor, args, overrides, options, spanFrom(kw.span()));
  }

  private List<FieldInit> fieldInits() {
    expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<FieldInit> out = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Token f = expectIdent("a name");
      expect(":");
      skipNl();
      out.add(new FieldInit(f.text(), parseExpr(), f.span()));
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    expect("}");
    noStruct = saved;
    return out;
  }

  abstract List<Arg> parseArgs();
}
