package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for items, statements, types and patterns (expressions are in {@link
 * ExprParser}). Statement termination follows language.md §1.1: a statement ends at {@code NL},
 * {@code ;} or before {@code }}. Stops at the first error (E0002).
 */
final class Parser extends ExprParser {
  Parser(List<Token> toks) {
    super(toks);
  }

  static FileAst parse(SourceFile file) {
    Parser p = new Parser(Lexer.lex(file));
    return new FileAst(file, p.items());
  }

  private List<Item> items() {
    List<Item> items = new ArrayList<>();
    while (true) {
      skipNl();
      while (accept(";")) skipNl();
      if (peek().kind() == Kind.EOF) return items;
      items.add(item());
      endOfItem();
    }
  }

  private void endOfItem() {
    if (accept(";") || atNl() || peek().kind() == Kind.EOF || at("}")) return;
    throw syntax(
        "expected a line break or `;` after the item, found " + describe(peek()),
        "expected a line break");
  }

  private Item item() {
    Token start = peek();
    boolean pub = false;
    if (accept("pub")) {
      pub = true;
      if (at("(")) {
        advance();
        expectIdent("`modulus`");
        expect(")");
      }
    }
    Token t = peek();
    if (t.is("fn") || t.is("async")) return fn(pub, start);
    if (t.is("struct")) return struct(pub, start);
    if (t.is("enum")) return enumDecl(pub, start);
    if (t.is("type")) return typeItem(pub, start);
    if (t.is("impl")) return impl(start);
    if (t.is("trait")) return trait(pub, start);
    if (t.is("const")) return constDecl(pub, start);
    if (t.is("use")) return use(start);
    if (t.is("actor")) return actor(pub, start);
    if (t.is("supervisor")) return supervisor(pub, start);
    if (t.is("module")) {
      advance();
      Token first = peek();
      List<String> path = new ArrayList<>(List.of(expectIdent("a module name").text()));
      while (accept("::")) path.add(expectIdent("a module name").text());
      return new ModuleDecl(path, spanFrom(first.span()));
    }
    throw syntax(
        "expected an item (fn, struct, enum, type, impl, trait, const, use), found " + describe(t),
        "statements are not allowed at top level");
  }

  FnDecl fn(boolean pub, Token start) {
    accept("async");
    expect("fn");
    Token name = expectIdent("a function name");
    List<TypeParam> tps = typeParams();
    expect("(");
    Receiver receiver = null;
    List<Param> params = new ArrayList<>();
    if (at("&") || at("self") || at("this")) receiver = receiver();
    if (receiver != null && !accept(",")) {
      if (!at(")")) throw syntax("expected `,` or `)`", "expected `,`");
    }
    while (!at(")")) {
      Token pn = peek();
      String pname = accept("_") ? "_" : expectIdent("a parameter name").text();
      expect(":");
      TypeExpr type = parseType();
      Expr def = null;
      if (accept("=")) def = parseExpr();
      params.add(new Param(pname, type, def, spanFrom(pn.span())));
      if (!accept(",")) break;
    }
    expect(")");
    TypeExpr ret = null;
    if (accept("->")) ret = parseType();
    if (at("where")) whereClause(tps);
    int save = i;
    skipNl();
    Block body = null;
    if (at("{")) body = parseBlock();
    else i = save; // a signature without a body (trait member) ends at the line break
    return new FnDecl(
        pub, name.text(), name.span(), tps, receiver, params, ret, body, spanFrom(start.span()));
  }

  private Receiver receiver() {
    Token start = peek();
    boolean ref = accept("&");
    boolean mut = ref && accept("mut");
    Token name = advance();
    if (!name.is("self") && !name.is("this"))
      throw syntaxAt(name, "expected `self` or `this`", "expected a receiver");
    if (accept(":")) {
      TypeExpr t = parseType();
      if (t instanceof RefType r) {
        ref = true;
        mut = r.mut();
      }
    }
    return new Receiver(name.text(), ref, mut, spanFrom(start.span()));
  }

  private void whereClause(List<TypeParam> tps) {
    expect("where");
    do {
      skipNl();
      Token n = expectIdent("a type parameter");
      expect(":");
      List<TypeExpr> bounds = bounds();
      for (int k = 0; k < tps.size(); k++) {
        TypeParam tp = tps.get(k);
        if (tp.name().equals(n.text())) {
          List<TypeExpr> all = new ArrayList<>(tp.bounds());
          all.addAll(bounds);
          tps.set(k, new TypeParam(tp.name(), all, tp.span()));
        }
      }
    } while (accept(","));
  }

  private List<TypeParam> typeParams() {
    List<TypeParam> out = new ArrayList<>();
    if (!accept("<")) return out;
    while (!at(">")) {
      Token n = expectIdent("a type parameter");
      List<TypeExpr> bounds = List.of();
      if (accept(":")) bounds = bounds();
      out.add(new TypeParam(n.text(), bounds, n.span()));
      if (!accept(",")) break;
    }
    expect(">");
    return out;
  }

  private List<TypeExpr> bounds() {
    List<TypeExpr> b = new ArrayList<>(List.of(parseType()));
    while (accept("+")) b.add(parseType());
    return b;
  }

  private static final java.util.Set<String> HOOKS =
      java.util.Set.of(
          "on_start", "on_stop", "on_checkpoint", "on_resume", "on_termination_warning");

  /**
   * An actor declaration: fields, {@code init}, {@code receive} handlers, hooks and helpers (§8).
   */
  private ActorDecl actor(boolean pub, Token start) {
    expect("actor");
    Token name = expectIdent("an actor name");
    skipNl();
    expect("{");
    List<ActorField> fields = new ArrayList<>();
    FnDecl init = null;
    List<FnDecl> handlers = new ArrayList<>();
    List<FnDecl> hooks = new ArrayList<>();
    List<FnDecl> helpers = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Token m = peek();
      if (at("var") || at("let")) {
        advance();
        Token f = expectIdent("a field name");
        expect(":");
        TypeExpr type = parseType();
        Expr value = null;
        if (accept("=")) {
          skipNl();
          value = parseExpr();
        }
        fields.add(new ActorField(f.text(), type, value, spanFrom(f.span())));
      } else if (at("init")) {
        advance();
        init = member("init", m, name.text());
      } else if (at("receive")) {
        advance();
        Token msg = expectIdent("a message name");
        handlers.add(member(msg.text(), msg, name.text()));
      } else if (m.isIdent() && HOOKS.contains(m.text())) {
        advance();
        hooks.add(member(m.text(), m, name.text()));
      } else if (at("fn") || at("pub") || at("async")) {
        accept("pub");
        FnDecl f = fn(false, m);
        helpers.add(f);
      } else {
        throw syntax(
            "expected an actor member (var, init, receive, a hook or fn), found " + describe(m),
            "expected a member");
      }
      if (!accept(";") && !atNl() && !at("}"))
        throw syntax("expected a line break after the member", "expected a line break");
      skipNl();
    }
    expect("}");
    return new ActorDecl(
        pub,
        name.text(),
        name.span(),
        fields,
        init,
        handlers,
        hooks,
        helpers,
        spanFrom(start.span()));
  }

  private static final Set<String> STRATEGIES = Set.of("OneForOne", "OneForAll", "RestForOne");
  private static final Set<String> RESTARTS = Set.of("Always", "Never", "Transient");

  /**
   * {@code supervisor Name { strategy: S, max_restarts: e, within: e, children: [child(…), …] }}:
   * entries separated by {@code ,} or line breaks, each at most once (language.md §9).
   */
  private SupervisorDecl supervisor(boolean pub, Token start) {
    expect("supervisor");
    Token name = expectIdent("a supervisor name");
    skipNl();
    expect("{");
    skipNl();
    String strategy = null;
    Span strategySpan = null;
    Expr maxRestarts = null;
    Expr within = null;
    List<ChildDecl> children = null;
    Set<String> seen = new java.util.HashSet<>();
    while (!at("}")) {
      Token key = expectIdent("a supervisor entry (strategy, max_restarts, within, children)");
      if (!seen.add(key.text()))
        throw syntax("`" + key.text() + "` is given twice", "repeated entry");
      expect(":");
      skipNl();
      switch (key.text()) {
        case "strategy" -> {
          Token s = expectIdent("a strategy (OneForOne, OneForAll, RestForOne)");
          if (!STRATEGIES.contains(s.text()))
            throw syntaxAt(
                s, "unknown strategy `" + s.text() + "`", "use OneForOne, OneForAll or RestForOne");
          strategy = s.text();
          strategySpan = s.span();
        }
        case "max_restarts" -> maxRestarts = parseExpr();
        case "within" -> within = parseExpr();
        case "children" -> children = children();
        default ->
            throw syntaxAt(
                key,
                "unknown supervisor entry `" + key.text() + "`",
                "the entries are strategy, max_restarts, within and children");
      }
      if (!accept(",") && !atNl() && !at("}"))
        throw syntax("expected `,` or a line break after the entry", "expected a separator");
      skipNl();
    }
    expect("}");
    if (children == null)
      throw new CompileError(
          Diagnostic.error(
              "E0504",
              "supervisor `" + name.text() + "` has no `children`",
              name.span(),
              "no children",
              "add `children: [child(Worker)]`"));
    return new SupervisorDecl(
        pub,
        name.text(),
        name.span(),
        strategy,
        strategySpan,
        maxRestarts,
        within,
        children,
        spanFrom(start.span()));
  }

  private List<ChildDecl> children() {
    expect("[");
    skipNl();
    List<ChildDecl> out = new ArrayList<>();
    while (!at("]")) {
      Token kw = expectIdent("`child(…)`");
      if (!kw.text().equals("child"))
        throw syntaxAt(kw, "expected `child(…)`, found `" + kw.text() + "`", "expected a child");
      expect("(");
      skipNl();
      Token actor = expectIdent("an actor name");
      List<Arg> args = new ArrayList<>(at("(") ? parseArgs() : List.of());
      String restart = null;
      Span restartSpan = null;
      Expr custom = null;
      Expr childName = null;
      while (accept(",")) {
        skipNl();
        if (at(")")) break;
        Token opt = expectIdent("a child option (restart, name, or an init argument)");
        expect(":");
        switch (opt.text()) {
          case "restart" -> {
            Token r = expectIdent("a restart policy (Always, Never, Transient, Custom(f))");
            if (r.text().equals("Custom")) {
              expect("(");
              skipNl();
              custom = parseExpr();
              skipNl();
              expect(")");
            } else if (!RESTARTS.contains(r.text()))
              throw syntaxAt(
                  r,
                  "unsupported restart policy `" + r.text() + "`",
                  "use Always, Never, Transient or Custom(f)");
            restart = r.text();
            restartSpan = spanFrom(r.span());
          }
          case "name" -> childName = parseExpr();
          default -> {
            Expr value = parseExpr();
            args.add(new Arg(opt.text(), value, opt.span().to(value.span())));
          }
        }
      }
      skipNl();
      expect(")");
      Spawn spawn =
          new Spawn(
              new Name(List.of(actor.text()), List.of(), actor.span()),
              args,
              List.of(),
              List.of(),
              spanFrom(actor.span()));
      out.add(new ChildDecl(spawn, restart, restartSpan, custom, childName, spanFrom(kw.span())));
      skipNl();
      if (!accept(",")) break;
      skipNl();
    }
    skipNl();
    expect("]");
    return out;
  }

  /**
   * {@code [(params)] [-> R] block} of an init, handler or hook; its receiver is the actor state.
   */
  private FnDecl member(String name, Token at, String actor) {
    List<Param> params = new ArrayList<>();
    if (accept("(")) {
      while (!at(")")) {
        Token pn = peek();
        String pname = accept("_") ? "_" : expectIdent("a parameter name").text();
        expect(":");
        TypeExpr type = parseType();
        Expr def = null;
        if (accept("=")) def = parseExpr();
        params.add(new Param(pname, type, def, spanFrom(pn.span())));
        if (!accept(",")) break;
      }
      expect(")");
    }
    TypeExpr ret = null;
    if (accept("->")) ret = parseType();
    skipNl();
    Block body = parseBlock();
    Receiver self = new Receiver("self", true, true, at.span());
    return new FnDecl(
        false, name, at.span(), List.of(), self, params, ret, body, spanFrom(at.span()));
  }

  private StructDecl struct(boolean pub, Token start) {
    expect("struct");
    Token name = expectIdent("a struct name");
    List<TypeParam> tps = typeParams();
    skipNl();
    List<Field> fields = fieldList();
    return new StructDecl(pub, name.text(), name.span(), tps, fields, spanFrom(start.span()));
  }

  private List<Field> fieldList() {
    expect("{");
    List<Field> fields = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      accept("pub");
      Token f = expectIdent("a field name");
      expect(":");
      TypeExpr t = parseType();
      fields.add(new Field(f.text(), t, spanFrom(f.span())));
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    expect("}");
    return fields;
  }

  private Item typeItem(boolean pub, Token start) {
    expect("type");
    Token name = expectIdent("a type name");
    List<TypeParam> tps = typeParams();
    if (accept("=")) {
      TypeExpr target = parseType();
      return new TypeAlias(pub, name.text(), name.span(), tps, target, spanFrom(start.span()));
    }
    skipNl();
    // `type Name { f: T }` is a struct, `type Name { A, B }` an enum (language.md §3).
    int save = i;
    expect("{");
    skipNl();
    boolean isStruct = at("}") || (peek().kind() == Kind.IDENT && peek(1).is(":")) || at("pub");
    i = save;
    if (isStruct)
      return new StructDecl(
          pub, name.text(), name.span(), tps, fieldList(), spanFrom(start.span()));
    return new EnumDecl(pub, name.text(), name.span(), tps, variants(), spanFrom(start.span()));
  }

  private EnumDecl enumDecl(boolean pub, Token start) {
    expect("enum");
    Token name = expectIdent("an enum name");
    List<TypeParam> tps = typeParams();
    skipNl();
    return new EnumDecl(pub, name.text(), name.span(), tps, variants(), spanFrom(start.span()));
  }

  private List<Variant> variants() {
    expect("{");
    List<Variant> out = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Token v = expectIdent("a variant name");
      if (at("(")) {
        advance();
        List<Field> fields = new ArrayList<>();
        while (!at(")")) {
          Token s = peek();
          if (s.kind() == Kind.IDENT && peek(1).is(":")) {
            advance();
            advance();
          }
          TypeExpr t = parseType();
          fields.add(new Field(null, t, spanFrom(s.span())));
          if (!accept(",")) break;
        }
        expect(")");
        out.add(new Variant(v.text(), spanFrom(v.span()), false, fields));
      } else if (at("{")) {
        out.add(new Variant(v.text(), v.span(), true, fieldList()));
      } else {
        out.add(new Variant(v.text(), v.span(), false, List.of()));
      }
      if (!accept(",") && !atNl()) break;
      skipNl();
    }
    expect("}");
    return out;
  }

  private ImplDecl impl(Token start) {
    expect("impl");
    List<TypeParam> tps = typeParams();
    TypeExpr first = parseType();
    TypeExpr trait = null;
    TypeExpr target = first;
    if (accept("for")) {
      trait = first;
      target = parseType();
    }
    if (at("where")) whereClause(tps);
    skipNl();
    expect("{");
    List<FnDecl> methods = new ArrayList<>();
    List<TypeAlias> assoc = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Token s = peek();
      if (at("type")) {
        advance();
        Token n = expectIdent("an associated type name");
        expect("=");
        TypeExpr t = parseType();
        assoc.add(new TypeAlias(false, n.text(), n.span(), List.of(), t, spanFrom(s.span())));
      } else {
        boolean pub = accept("pub");
        methods.add(fn(pub, s));
      }
      if (!accept(";") && !atNl() && !at("}"))
        throw syntax("expected a line break after the member", "expected a line break");
      skipNl();
    }
    expect("}");
    return new ImplDecl(tps, trait, target, methods, assoc, spanFrom(start.span()));
  }

  private TraitDecl trait(boolean pub, Token start) {
    expect("trait");
    Token name = expectIdent("a trait name");
    skipNl();
    expect("{");
    List<String> assoc = new ArrayList<>();
    List<FnDecl> methods = new ArrayList<>();
    skipNl();
    while (!at("}")) {
      Token s = peek();
      if (accept("type")) {
        assoc.add(expectIdent("an associated type name").text());
      } else {
        methods.add(fn(false, s));
      }
      if (!accept(";") && !atNl() && !at("}"))
        throw syntax("expected a line break after the member", "expected a line break");
      skipNl();
    }
    expect("}");
    return new TraitDecl(pub, name.text(), name.span(), assoc, methods, spanFrom(start.span()));
  }

  private ConstDecl constDecl(boolean pub, Token start) {
    expect("const");
    Token name = expectIdent("a constant name");
    expect(":");
    TypeExpr t = parseType();
    expect("=");
    skipNl();
    Expr value = parseExpr();
    return new ConstDecl(pub, name.text(), name.span(), t, value, spanFrom(start.span()));
  }

  private Item use(Token start) {
    expect("use");
    List<UseDecl> out = new ArrayList<>();
    useTree(new ArrayList<>(), out, start);
    // a grouped `use` becomes several declarations; return the first and queue the rest
    if (out.size() == 1) return out.getFirst();
    return new UseGroup(out, spanFrom(start.span()));
  }

  private void useTree(List<String> prefix, List<UseDecl> out, Token start) {
    List<String> path = new ArrayList<>(prefix);
    Token first = start.is("use") ? peek() : start; // diagnostics point at the path (§14)
    while (true) {
      if (accept("*")) {
        out.add(new UseDecl(path, null, true, spanFrom(first.span())));
        return;
      }
      if (at("{")) {
        advance();
        skipNl();
        while (!at("}")) {
          useTree(path, out, peek());
          if (!accept(",")) break;
          skipNl();
        }
        skipNl();
        expect("}");
        return;
      }
      Token seg = advance();
      if (seg.kind() != Kind.IDENT && !seg.is("self"))
        throw syntaxAt(seg, "expected a path segment", "expected a name");
      path.add(seg.text());
      if (!accept("::")) break;
    }
    Span pathSpan = spanFrom(first.span());
    String alias = null;
    if (accept("as")) alias = expectIdent("an alias").text();
    out.add(new UseDecl(path, alias, false, pathSpan));
  }

  // ---- blocks and statements

  @Override
  Block parseBlock() {
    Token open = expect("{");
    boolean saved = noStruct;
    noStruct = false;
    List<Stmt> stmts = new ArrayList<>();
    while (true) {
      skipNl();
      if (at("}")) break;
      if (at(";")) {
        advance();
        continue;
      }
      Stmt s = parseStmt();
      if (at(";")) {
        advance();
        if (s instanceof ExprStmt es) s = new ExprStmt(es.expr(), true, es.span());
      } else if (!atNl() && !at("}")) {
        throw syntax(
            "expected a line break or `;` after the statement, found " + describe(peek()),
            "expected a line break or `;`");
      }
      stmts.add(s);
    }
    expect("}");
    noStruct = saved;
    return new Block(stmts, spanFrom(open.span()));
  }

  @Override
  Stmt parseStmt() {
    Token t = peek();
    if (t.is("let") || t.is("var")) {
      advance();
      Pattern p = parsePattern();
      TypeExpr type = null;
      if (accept(":")) type = parseType();
      expect("=");
      skipNl();
      Expr init = parseExpr();
      return new Let(t.is("var"), p, type, init, spanFrom(t.span()));
    }
    if (t.is("const")) {
      Item c = constDecl(false, t);
      return new ItemStmt(c, c.span());
    }
    if (t.is("fn") || t.is("struct") || t.is("enum") || t.is("impl") || t.is("trait")) {
      throw syntax("items cannot be declared inside a body", "move this item to the top level");
    }
    Expr e = parseExpr();
    return new ExprStmt(e, false, e.span());
  }

  // ---- types

  @Override
  TypeExpr parseType() {
    Token t = peek();
    if (accept("&")) {
      boolean mut = accept("mut");
      TypeExpr inner = parseType();
      return new RefType(mut, inner, spanFrom(t.span()));
    }
    if (at("(")) {
      advance();
      List<TypeExpr> parts = new ArrayList<>();
      boolean trailingComma = false;
      while (!at(")")) {
        parts.add(parseType());
        trailingComma = false;
        if (!accept(",")) break;
        trailingComma = true;
      }
      expect(")");
      if (parts.size() == 1 && !trailingComma) return parts.getFirst();
      return new TupleType(parts, spanFrom(t.span()));
    }
    if (at("fn")) {
      advance();
      expect("(");
      List<TypeExpr> params = new ArrayList<>();
      while (!at(")")) {
        params.add(parseType());
        if (!accept(",")) break;
      }
      expect(")");
      TypeExpr ret = null;
      if (accept("->")) ret = parseType();
      return new FnType(params, ret, spanFrom(t.span()));
    }
    if (t.kind() != Kind.IDENT && !t.is("Self"))
      throw syntax("expected a type, found " + describe(t), "expected a type");
    List<String> path = new ArrayList<>(List.of(advance().text()));
    while (at("::") && peek(1).kind() == Kind.IDENT) {
      advance();
      path.add(advance().text());
    }
    List<TypeExpr> args = at("<") ? parseTypeArgs() : List.of();
    return new NamedType(path, args, spanFrom(t.span()));
  }

  /** {@code <T, U>}; splits {@code >>} and {@code >=} tokens so nested generics close. */
  @Override
  List<TypeExpr> parseTypeArgs() {
    expect("<");
    List<TypeExpr> args = new ArrayList<>();
    while (!closeAngle()) {
      args.add(parseType());
      if (!accept(",")) {
        if (!closeAngle()) throw syntax("expected `,` or `>` in type arguments", "expected `>`");
        break;
      }
    }
    takeCloseAngle();
    return args;
  }

  private boolean closeAngle() {
    return at(">") || at(">>") || at(">=") || at(">>=");
  }

  private void takeCloseAngle() {
    Token t = peek();
    if (t.is(">")) {
      advance();
      return;
    }
    if (!closeAngle()) throw syntax("expected `>`", "expected `>`");
    String rest = t.text().substring(1);
    Span s = t.span();
    toks.set(i, new Token(Kind.PUNCT, rest, new Span(s.file(), s.start() + 1, s.end()), null));
  }

  // ---- patterns

  @Override
  Pattern parsePattern() {
    Pattern first = singlePattern();
    if (!at("|")) return first;
    List<Pattern> alts = new ArrayList<>(List.of(first));
    while (accept("|")) alts.add(singlePattern());
    return new OrPat(alts, first.span().to(alts.getLast().span()));
  }

  private Pattern singlePattern() {
    Token t = peek();
    if (accept("_")) return new WildcardPat(t.span());
    if (t.kind() == Kind.FLOAT || (t.is("-") && peek(1).kind() == Kind.FLOAT)) {
      throw syntax("float literals are not allowed in patterns", "float pattern");
    }
    if (t.kind() == Kind.INT
        || t.kind() == Kind.CHAR
        || t.kind() == Kind.STRING
        || t.is("-")
        || t.is("true")
        || t.is("false")) {
      Expr lit = literalPattern();
      if (at("..=") || at("..")) {
        boolean inclusive = advance().text().equals("..=");
        Expr hi = literalPattern();
        return new RangePat(lit, hi, inclusive, lit.span().to(hi.span()));
      }
      return new LitPat(lit, lit.span());
    }
    if (at("(")) {
      advance();
      List<Pattern> parts = new ArrayList<>();
      int rest = -1;
      while (!at(")")) {
        if (accept("..")) rest = parts.size();
        else parts.add(parsePattern());
        if (!accept(",")) break;
      }
      expect(")");
      if (parts.size() == 1 && rest < 0 && !toks.get(i - 2).is(",")) return parts.getFirst();
      return new TuplePat(parts, rest, spanFrom(t.span()));
    }
    if (at("[")) {
      advance();
      List<Pattern> items = new ArrayList<>();
      int rest = -1;
      String restName = null;
      while (!at("]")) {
        if (accept("..")) {
          rest = items.size();
          if (peek().kind() == Kind.IDENT) restName = advance().text();
        } else {
          items.add(parsePattern());
        }
        if (!accept(",")) break;
      }
      expect("]");
      return new ListPat(items, rest, restName, spanFrom(t.span()));
    }
    if (t.kind() == Kind.IDENT || t.is("Self")) {
      advance();
      List<String> path = new ArrayList<>(List.of(t.text()));
      while (accept("::")) path.add(expectIdent("a name").text());
      boolean upper = Character.isUpperCase(path.getLast().charAt(0)) || path.size() > 1;
      if (!upper) {
        if (accept("@")) {
          Pattern sub = singlePattern();
          return new BindPat(t.text(), sub, t.span().to(sub.span()));
        }
        return new BindPat(t.text(), null, t.span());
      }
      if (at("(")) {
        advance();
        List<Pattern> args = new ArrayList<>();
        while (!at(")")) {
          args.add(parsePattern());
          if (!accept(",")) break;
        }
        expect(")");
        return new VariantPat(path, args, spanFrom(t.span()));
      }
      if (at("{")) {
        advance();
        List<FieldPat> fields = new ArrayList<>();
        boolean rest = false;
        skipNl();
        while (!at("}")) {
          if (accept("..")) {
            rest = true;
            skipNl();
            break;
          }
          Token f = expectIdent("a field name");
          Pattern p = accept(":") ? parsePattern() : new BindPat(f.text(), null, f.span());
          fields.add(new FieldPat(f.text(), p, f.span()));
          if (!accept(",") && !atNl()) break;
          skipNl();
        }
        expect("}");
        return new StructPat(path, fields, rest, spanFrom(t.span()));
      }
      return new VariantPat(path, null, spanFrom(t.span()));
    }
    throw syntax("expected a pattern, found " + describe(t), "expected a pattern");
  }

  private Expr literalPattern() {
    Token t = peek();
    if (t.is("-")) {
      advance();
      Token n = advance();
      if (!(n.value() instanceof Token.IntValue iv))
        throw syntaxAt(n, "expected a number after `-`", "expected a number");
      return new IntLit(iv.value().negate(), iv.suffix(), t.span().to(n.span()));
    }
    advance();
    return switch (t.kind()) {
      case INT ->
          new IntLit(
              ((Token.IntValue) t.value()).value(),
              ((Token.IntValue) t.value()).suffix(),
              t.span());
      case CHAR -> new CharLit((Integer) t.value(), t.span());
      case STRING -> {
        @SuppressWarnings("unchecked")
        List<Token.Piece> pieces = (List<Token.Piece>) t.value();
        StringBuilder sb = new StringBuilder();
        for (Token.Piece p : pieces) {
          if (p instanceof Token.Text tx) sb.append(tx.text());
          else throw syntaxAt(t, "interpolation is not allowed in a pattern", "here");
        }
        yield new StrLit(List.of(new StrText(sb.toString())), t.span());
      }
      default -> new BoolLit(t.is("true"), t.span());
    };
  }
}
