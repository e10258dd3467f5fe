package dev.simplex.compiler;

import java.math.BigInteger;
import java.util.List;

/**
 * The syntax tree: immutable records with exact source spans. Later phases annotate by identity.
 */
final class Ast {
  private Ast() {}

  record FileAst(SourceFile file, List<Item> items) {}

  /** Several {@code use} declarations written as one group. */
  record UseGroup(List<UseDecl> uses, Span span) implements Item {}

  // ---- items

  sealed interface Item {
    Span span();
  }

  record TypeParam(String name, List<TypeExpr> bounds, Span span) {}

  record Param(String name, TypeExpr type, Expr defaultValue, Span span) {}

  /** {@code receiver} is the receiver parameter's kind, or null for a static function. */
  record FnDecl(
      boolean pub,
      String name,
      Span nameSpan,
      List<TypeParam> typeParams,
      Receiver receiver,
      List<Param> params,
      TypeExpr ret,
      Block body,
      Span span)
      implements Item {}

  /** A method receiver: its written name ({@code self} or {@code this}) and how it is taken. */
  record Receiver(String name, boolean ref, boolean mut, Span span) {}

  record Field(String name, TypeExpr type, Span span) {}

  record StructDecl(
      boolean pub,
      String name,
      Span nameSpan,
      List<TypeParam> typeParams,
      List<Field> fields,
      Span span)
      implements Item {}

  /** A variant; {@code named} for {@code V { f: T }}, positional fields have null names. */
  record Variant(String name, Span span, boolean named, List<Field> fields) {}

  record EnumDecl(
      boolean pub,
      String name,
      Span nameSpan,
      List<TypeParam> typeParams,
      List<Variant> variants,
      Span span)
      implements Item {}

  record ImplDecl(
      List<TypeParam> typeParams,
      TypeExpr trait,
      TypeExpr target,
      List<FnDecl> methods,
      List<TypeAlias> assocTypes,
      Span span)
      implements Item {}

  record TraitDecl(
      boolean pub,
      String name,
      Span nameSpan,
      List<String> assocTypes,
      List<FnDecl> methods,
      Span span)
      implements Item {}

  record ConstDecl(boolean pub, String name, Span nameSpan, TypeExpr type, Expr value, Span span)
      implements Item {}

  record TypeAlias(
      boolean pub,
      String name,
      Span nameSpan,
      List<TypeParam> typeParams,
      TypeExpr target,
      Span span)
      implements Item {}

  /** One imported name: {@code path} then an optional alias; {@code glob} for {@code path::*}. */
  record UseDecl(List<String> path, String alias, boolean glob, Span span) implements Item {}

  record ModuleDecl(List<String> path, Span span) implements Item {}

  /** {@code var name: T = e} inside an actor; {@code init} may be null. */
  record ActorField(String name, TypeExpr type, Expr init, Span span) {}

  /**
   * An actor (language.md §8). Handlers, {@code init}, hooks and helpers are methods whose receiver
   * is the actor's state; a handler's name is its message name.
   */
  record ActorDecl(
      boolean pub,
      String name,
      Span nameSpan,
      List<ActorField> fields,
      FnDecl init,
      List<FnDecl> handlers,
      List<FnDecl> hooks,
      List<FnDecl> helpers,
      Span span)
      implements Item {}

  /**
   * A supervisor (language.md §9): restart strategy and intensity, and its children in start order.
   * {@code strategy} is null for the default; {@code maxRestarts} and {@code within} null likewise.
   */
  record SupervisorDecl(
      boolean pub,
      String name,
      Span nameSpan,
      String strategy,
      Span strategySpan,
      Expr maxRestarts,
      Expr within,
      List<ChildDecl> children,
      Span span)
      implements Item {}

  /**
   * {@code child(A(args), restart: R, name: "n")}: {@code start} is how the child is spawned (never
   * evaluated as a spawn: its arguments are evaluated when the supervisor starts); {@code restart}
   * is null for {@code Always}.
   */
  /**
   * One {@code child(…)}; {@code restart} is {@code Always}, {@code Never}, {@code Transient},
   * {@code Custom} (then {@code custom} is its {@code f}) or null for the default.
   */
  record ChildDecl(
      Spawn start, String restart, Span restartSpan, Expr custom, Expr name, Span span) {}

  // ---- types

  sealed interface TypeExpr {
    Span span();
  }

  record NamedType(List<String> path, List<TypeExpr> args, Span span) implements TypeExpr {}

  record TupleType(List<TypeExpr> parts, Span span) implements TypeExpr {}

  record FnType(List<TypeExpr> params, TypeExpr ret, Span span) implements TypeExpr {}

  record RefType(boolean mut, TypeExpr inner, Span span) implements TypeExpr {}

  // ---- statements

  sealed interface Stmt {
    Span span();
  }

  record Let(boolean mutable, Pattern pattern, TypeExpr type, Expr init, Span span)
      implements Stmt {}

  /** An expression statement; {@code semi} when a {@code ;} followed it (language.md §4.3). */
  record ExprStmt(Expr expr, boolean semi, Span span) implements Stmt {}

  record ItemStmt(Item item, Span span) implements Stmt {}

  // ---- expressions

  sealed interface Expr {
    Span span();
  }

  record IntLit(BigInteger value, String suffix, Span span) implements Expr {}

  record FloatLit(double value, String suffix, Span span) implements Expr {}

  record BoolLit(boolean value, Span span) implements Expr {}

  record CharLit(int codePoint, Span span) implements Expr {}

  record StrLit(List<StrPart> parts, Span span) implements Expr {}

  sealed interface StrPart {}

  record StrText(String text) implements StrPart {}

  record StrInterp(Expr expr, String spec, Span open) implements StrPart {}

  record UnitLit(Span span) implements Expr {}

  /** A possibly qualified name: {@code x}, {@code Dir::North}, {@code geo::area}. */
  record Name(List<String> path, List<TypeExpr> typeArgs, Span span) implements Expr {
    String last() {
      return path.getLast();
    }
  }

  record Unary(String op, Expr operand, Span span) implements Expr {}

  record Binary(String op, Expr left, Expr right, Span opSpan, Span span) implements Expr {}

  /** {@code target op= value}; {@code op} is {@code =} or a compound operator like {@code +=}. */
  record Assign(String op, Expr target, Expr value, Span opSpan, Span span) implements Expr {}

  record Arg(String name, Expr value, Span span) {}

  record Call(Expr callee, List<Arg> args, Span span) implements Expr {}

  record MethodCall(
      Expr receiver,
      String method,
      Span methodSpan,
      List<TypeExpr> typeArgs,
      List<Arg> args,
      Span span)
      implements Expr {}

  record FieldAccess(Expr target, String field, Span fieldSpan, Span span) implements Expr {}

  record Index(Expr target, Expr index, Span span) implements Expr {}

  /** {@code xs[a..b]} and friends: either bound may be null. */
  record Slice(Expr target, Expr from, Expr to, boolean inclusive, Span span) implements Expr {}

  record Cast(Expr expr, TypeExpr type, Span asSpan, Span span) implements Expr {}

  record Try(Expr expr, Span span) implements Expr {}

  record If(Expr cond, Block then, Expr otherwise, Span span) implements Expr {}

  record IfLet(Pattern pattern, Expr scrutinee, Block then, Expr otherwise, Span span)
      implements Expr {}

  record While(Expr cond, Block body, Span span) implements Expr {}

  record WhileLet(Pattern pattern, Expr scrutinee, Block body, Span span) implements Expr {}

  record For(Pattern pattern, Expr iterable, Block body, Span span) implements Expr {}

  record Loop(Block body, Span span) implements Expr {}

  record Break(Expr value, Span span) implements Expr {}

  record Continue(Span span) implements Expr {}

  record Return(Expr value, Span span) implements Expr {}

  record Block(List<Stmt> stmts, Span span) implements Expr {}

  record Range(Expr from, Expr to, boolean inclusive, Span span) implements Expr {}

  record TupleLit(List<Expr> parts, Span span) implements Expr {}

  record ListLit(List<Expr> items, Span span) implements Expr {}

  record MapLit(List<Expr> keys, List<Expr> values, Span span) implements Expr {}

  record SetLit(List<Expr> items, Span span) implements Expr {}

  /**
   * {@code {}}: an empty map or set when one is expected, else an empty block (language.md §4.6).
   */
  record EmptyBraces(Span span) implements Expr {}

  record FieldInit(String name, Expr value, Span span) {}

  record StructLit(Name type, List<FieldInit> fields, Expr base, Span span) implements Expr {}

  record Lambda(List<Param> params, TypeExpr ret, Expr body, Span span) implements Expr {}

  record MatchArm(Pattern pattern, Expr guard, Expr body, Span span) {}

  record Match(Expr scrutinee, List<MatchArm> arms, Span keyword, Span span) implements Expr {}

  /** {@code &e} / {@code &mut e}. */
  record Borrow(boolean mut, Expr expr, Span span) implements Expr {}

  record Deref(Expr expr, Span span) implements Expr {}

  /**
   * {@code spawn A}, {@code spawn A(args)}, {@code spawn A { field: e }}, then optional {@code with
   * { … }}.
   */
  record Spawn(
      Name actor, List<Arg> args, List<FieldInit> overrides, List<FieldInit> options, Span span)
      implements Expr {}

  // ---- patterns

  sealed interface Pattern {
    Span span();
  }

  record WildcardPat(Span span) implements Pattern {}

  record BindPat(String name, Pattern sub, Span span) implements Pattern {}

  record LitPat(Expr literal, Span span) implements Pattern {}

  record RangePat(Expr from, Expr to, boolean inclusive, Span span) implements Pattern {}

  record TuplePat(List<Pattern> parts, int restAt, Span span) implements Pattern {}

  record FieldPat(String name, Pattern pattern, Span span) {}

  /** {@code S { f: p, g, .. }} or a struct-like variant. */
  record StructPat(List<String> path, List<FieldPat> fields, boolean rest, Span span)
      implements Pattern {}

  /** {@code V}, {@code E::V}, {@code V(p, q)}; {@code args} is null for the bare form. */
  record VariantPat(List<String> path, List<Pattern> args, Span span) implements Pattern {}

  /** {@code [a, b]}, {@code [h, ..t]}: {@code restAt} is the index of {@code ..} or -1. */
  record ListPat(List<Pattern> items, int restAt, String restName, Span span) implements Pattern {}

  record OrPat(List<Pattern> alternatives, Span span) implements Pattern {}
}
