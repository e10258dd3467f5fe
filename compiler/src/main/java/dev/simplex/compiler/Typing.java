package dev.simplex.compiler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What the checker learned, keyed by tree node identity: each expression's type, what each name
 * refers to, the slot of each binding, and each function's locals. The code generator reads only
 * this and the tree.
 */
final class Typing {
  final IdentityHashMap<Ast.Expr, Type> types = new IdentityHashMap<>();
  final IdentityHashMap<Object, Resolved> resolved = new IdentityHashMap<>();
  final IdentityHashMap<Object, Integer> slots = new IdentityHashMap<>();

  /**
   * For calls: the argument expression bound to each parameter, in parameter order (null =
   * default).
   */
  final IdentityHashMap<Object, List<Ast.Expr>> argOrder = new IdentityHashMap<>();

  /** For generic calls and methods: the instantiated type of each type parameter. */
  final IdentityHashMap<Object, Type> instantiated = new IdentityHashMap<>();

  final List<FnSig> functions = new ArrayList<>();
  final List<AdtDef> adts = new ArrayList<>();
  final java.util.Map<String, List<TraitImpl>> traitImpls = new java.util.LinkedHashMap<>();

  /** What a name, call or method refers to. */
  sealed interface Resolved {}

  record Local(int slot, Type type) implements Resolved {}

  record Function(FnSig sig) implements Resolved {}

  /** A global built-in such as {@code println} or a built-in method such as {@code String.len}. */
  record Builtin(String name) implements Resolved {}

  record Variant(AdtDef adt, int index) implements Resolved {}

  record Const(Ast.Expr value, Type type) implements Resolved {}

  record Capture(int index, Type type) implements Resolved {}

  /** A bare actor field inside an actor member: field {@code index} of the state in local 0. */
  record ActorField(int index, Type type) implements Resolved {}

  /** A message sent or asked: the target actor's handler for it. */
  record Message(ActorInfo actor, String name, FnSig handler) implements Resolved {}

  /** {@code sup.child<A>(i | name)}: the child of a supervisor ref, typed as {@code A}. */
  record SupervisorChild(ActorInfo child) implements Resolved {}

  /** {@code self} used as a value inside an actor: the actor's own address. */
  record SelfRef(ActorInfo actor) implements Resolved {}

  /**
   * An actor type: its state layout (a struct) and its members, compiled as methods on the state.
   */
  static final class ActorInfo {
    final String name;
    final AdtDef state;
    final java.util.Map<String, FnSig> handlers = new java.util.LinkedHashMap<>();
    final java.util.Map<String, FnSig> hooks = new java.util.LinkedHashMap<>();
    FnSig init;

    /** For a supervisor: its declaration (it has no fields or handlers); null for an actor. */
    Ast.SupervisorDecl supervisor;

    /**
     * Field initialisers by field index (null where a field has none), checked in the actor's
     * scope.
     */
    final List<Ast.Expr> fieldInits = new ArrayList<>();

    ActorInfo(String name, AdtDef state) {
      this.name = name;
      this.state = state;
    }
  }

  final java.util.Map<String, ActorInfo> actors = new java.util.LinkedHashMap<>();

  /** A trait method called on a generic receiver: dispatched on the value's run-time type. */
  record TraitCall(String trait, String method, FnSig traitSig) implements Resolved {}

  /** An {@code impl Trait for Type}: the type's key and its method table. */
  record TraitImpl(String typeKey, Type self, java.util.Map<String, FnSig> methods) {}

  /** A function signature and, once checked, its locals. Lambdas get one too. */
  static final class FnSig {
    final String name;
    final List<String> paramNames;
    final List<Type> params;
    final List<Ast.Expr> defaults;
    Type ret;
    final Ast.FnDecl decl;
    final Ast.Lambda lambda;
    final List<String> typeParams;
    int index = -1;

    /** The actor whose member this is, or null. */
    ActorInfo actor;

    /** The module declaring it (empty for the entry module) and whether it is `pub`. */
    String module = "";

    boolean pub = true;
    final List<Type> localTypes = new ArrayList<>();
    final List<String> localNames = new ArrayList<>();

    /** For lambdas: where each captured outer variable comes from in the enclosing body. */
    final List<Resolved> captures = new ArrayList<>();

    final List<String> captureNames = new ArrayList<>();

    /** Lambdas created inside this body, whose locals are resolved with it. */
    final List<FnSig> children = new ArrayList<>();

    FnSig(
        String name,
        List<String> paramNames,
        List<Type> params,
        List<Ast.Expr> defaults,
        Type ret,
        Ast.FnDecl decl,
        Ast.Lambda lambda,
        List<String> typeParams) {
      this.name = name;
      this.paramNames = paramNames;
      this.params = params;
      this.defaults = defaults;
      this.ret = ret;
      this.decl = decl;
      this.lambda = lambda;
      this.typeParams = typeParams;
    }

    int addLocal(String name, Type type) {
      localNames.add(name);
      localTypes.add(type);
      return localTypes.size() - 1;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
