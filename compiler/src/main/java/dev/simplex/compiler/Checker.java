package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import dev.simplex.compiler.Typing.FnSig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Name resolution and type checking for a module: collects items and signatures, checks each body
 * ({@link BodyChecker}), and checks {@code main} (language.md §13). Reports every error it finds,
 * in source order.
 */
final class Checker {
  final List<Diagnostic> diagnostics = new ArrayList<>();
  final Typing typing = new Typing();
  final Map<String, FnSig> functions = new LinkedHashMap<>();
  final Map<String, AdtDef> adts = new HashMap<>();
  final Map<String, TypeAlias> aliases = new HashMap<>();
  final Map<String, ConstDecl> consts = new HashMap<>();

  /** Methods per type key (a struct or enum name, or a built-in type's display name). */
  private final Map<String, Map<String, FnSig>> methods = new HashMap<>();

  final SourceFile file;
  private final Builtins builtins;

  Checker(SourceFile file) {
    this.file = file;
    this.builtins = new Builtins(this);
  }

  Builtins builtins() {
    return builtins;
  }

  /** One source file of the program: its module path ({@code geo::shapes}) and tree. */
  record Unit(String module, FileAst ast) {}

  /** What a module can name: its own items, explicit imports, glob imports and module aliases. */
  private static final class Scope {
    final Map<String, String> imports = new HashMap<>();
    final Map<String, Span> importSpans = new HashMap<>();
    final List<String> globs = new ArrayList<>();
    final Map<String, String> aliases = new HashMap<>();
  }

  private final Map<String, Scope> scopes = new HashMap<>();
  private String currentModule = "";

  Typing check(FileAst ast) {
    return check(List.of(new Unit("", ast)));
  }

  /** Checks a program of several modules; the first unit is the entry module (named ""). */
  Typing check(List<Unit> units) {
    for (Unit u : units) {
      currentModule = u.module();
      scopes.put(u.module(), new Scope());
      collectTypes(u.ast());
    }
    for (Unit u : units) {
      currentModule = u.module();
      collect(u.ast());
    }
    for (Unit u : units) {
      currentModule = u.module();
      imports(u.ast(), units.stream().map(Unit::module).toList());
    }
    currentModule = "";
    for (ConstDecl c : consts.values()) {
      // constants are checked like a tiny body of their own, against their declared type
      Type t = constType(c);
      FnSig holder =
          new FnSig(c.name(), List.of(), new ArrayList<>(), List.of(), t, null, null, List.of());
      BodyChecker body = new BodyChecker(this, holder);
      body.expectType(c.value(), body.check(c.value(), t), t);
      body.finish();
    }
    for (Typing.ActorInfo actor : typing.actors.values()) {
      AdtDef.VariantDef layout = actor.state.variants.getFirst();
      for (int k = 0; k < actor.fieldInits.size(); k++) {
        Expr init = actor.fieldInits.get(k);
        if (init == null) continue;
        Type t = layout.fieldTypes().get(k);
        FnSig holder =
            new FnSig(
                actor.name + "::" + layout.fieldNames().get(k),
                List.of(),
                new ArrayList<>(),
                List.of(),
                t,
                null,
                null,
                List.of());
        BodyChecker body = new BodyChecker(this, holder);
        body.expectType(init, body.check(init, t), t);
        body.finish();
      }
    }
    for (Typing.ActorInfo actor : typing.actors.values())
      if (actor.supervisor != null) checkSupervisor(actor.supervisor);
    for (FnSig sig : List.copyOf(functions.values())) {
      if (sig.decl != null && sig.decl.body() != null) new BodyChecker(this, sig).checkFunction();
    }
    checkMain();
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) Ownership.check(this);
    diagnostics.sort(
        Comparator.comparing((Diagnostic d) -> !d.file().equals(file.name()))
            .thenComparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column));
    return typing;
  }

  private void collectTypes(FileAst ast) {
    for (Item item : ast.items()) {
      switch (item) {
        case StructDecl s -> {
          if (!redeclaresPrelude(s.name(), s.nameSpan()))
            declareAdt(s.name(), s.nameSpan(), AdtDef.Kind.STRUCT, s.typeParams());
        }
        case EnumDecl e -> {
          if (Builtins.isBuiltinRedeclaration(e)) continue; // §2: means the built-in type
          if (!redeclaresPrelude(e.name(), e.nameSpan()))
            declareAdt(e.name(), e.nameSpan(), AdtDef.Kind.ENUM, e.typeParams());
        }
        case TypeAlias a -> {
          if (!redeclaresPrelude(a.name(), a.nameSpan())) aliases.put(a.name(), a);
        }
        case TraitDecl t -> {
          if (!redeclaresPrelude(t.name(), t.nameSpan())) traits.put(t.name(), t);
        }
        case ActorDecl a -> {
          if (!redeclaresPrelude(a.name(), a.nameSpan()))
            declareAdt(a.name(), a.nameSpan(), AdtDef.Kind.STRUCT, List.of());
        }
        case SupervisorDecl s -> {
          if (!redeclaresPrelude(s.name(), s.nameSpan()))
            declareAdt(s.name(), s.nameSpan(), AdtDef.Kind.STRUCT, List.of());
        }
        default -> {}
      }
    }
  }

  /** Items may not redeclare prelude names (language.md §2, E0601); locals may shadow them. */
  private boolean redeclaresPrelude(String name, Span at) {
    if (!Builtins.PRELUDE_NAMES.contains(name)) return false;
    error(
        "E0601",
        "`" + name + "` is a prelude name and cannot be redeclared",
        new Span(at.file(), at.start(), at.start() + name.length()),
        "redeclared here",
        "choose another name for this item");
    return true;
  }

  static String qualify(String module, String name) {
    return module.isEmpty() ? name : module + "::" + name;
  }

  /** Records a module's `use` declarations; paths name modules by their files (language.md §3). */
  private void imports(FileAst ast, List<String> modules) {
    Scope scope = scopes.get(currentModule);
    List<UseDecl> uses = new ArrayList<>();
    for (Item item : ast.items()) {
      if (item instanceof UseDecl u) uses.add(u);
      if (item instanceof UseGroup g) uses.addAll(g.uses());
    }
    for (UseDecl u : uses) {
      String first = u.path().getFirst();
      if (Set.of("std", "ai", "log").contains(first)) continue;
      String full = String.join("::", u.path());
      if (u.glob()) {
        if (modules.contains(full)) scope.globs.add(full);
        continue;
      }
      if (modules.contains(full)) {
        scope.aliases.put(u.alias() != null ? u.alias() : u.path().getLast(), full);
        continue;
      }
      String module = String.join("::", u.path().subList(0, u.path().size() - 1));
      String item = u.path().getLast();
      if (!modules.contains(module)) continue; // reported by the loader
      String local = u.alias() != null ? u.alias() : item;
      scope.imports.put(local, qualify(module, item));
      scope.importSpans.put(local, u.span());
      FnSig f = functions.get(qualify(module, item));
      if (f != null && !f.pub) {
        error(
            "E0106",
            "function `" + item + "` is private to module `" + module + "`",
            u.span(),
            "private item",
            "mark it `pub` in " + module.replace("::", "/") + ".sx");
      } else if (f == null && !adts.containsKey(item) && !consts.containsKey(item)) {
        error(
            "E0104",
            "unresolved import `" + full + "`",
            u.span(),
            "no such item",
            "check the item names of module `" + module + "`");
      }
    }
  }

  /** The function a path names from {@code module}: own items, imports, globs, module aliases. */
  FnSig resolveFunction(String module, List<String> path) {
    Scope scope = scopes.getOrDefault(module, new Scope());
    if (path.size() == 1) {
      String name = path.getFirst();
      FnSig own = functions.get(qualify(module, name));
      if (own != null) return own;
      String imported = scope.imports.get(name);
      if (imported != null && functions.get(imported) instanceof FnSig f) return f;
      for (String glob : scope.globs) {
        FnSig f = functions.get(qualify(glob, name));
        if (f != null && f.pub) return f;
      }
      return null;
    }
    String prefix = String.join("::", path.subList(0, path.size() - 1));
    String target = scope.aliases.getOrDefault(prefix, prefix);
    FnSig f = functions.get(qualify(target, path.getLast()));
    return f != null && (f.pub || target.equals(module)) ? f : null;
  }

  private void collect(FileAst ast) {
    for (Item item : ast.items()) {
      switch (item) {
        case StructDecl s -> {
          AdtDef def = adts.get(s.name());
          if (def == null || !def.variants.isEmpty()) continue;
          s.fields().forEach(f -> noBorrow(f.type(), "a struct field"));
          List<String> names = s.fields().stream().map(Field::name).toList();
          List<Type> types =
              s.fields().stream().map(f -> resolveType(f.type(), def.typeParams())).toList();
          def.variants.add(new AdtDef.VariantDef(s.name(), true, names, types));
        }
        case EnumDecl e -> {
          AdtDef def = adts.get(e.name());
          if (def == null || !def.variants.isEmpty() || Builtins.isBuiltinRedeclaration(e))
            continue;
          for (Variant v : e.variants()) {
            v.fields().forEach(f -> noBorrow(f.type(), "an enum variant"));
            List<String> names =
                v.fields().stream().map(f -> f.name() == null ? "" : f.name()).toList();
            List<Type> types =
                v.fields().stream().map(f -> resolveType(f.type(), def.typeParams())).toList();
            def.variants.add(new AdtDef.VariantDef(v.name(), v.named(), names, types));
          }
        }
        case FnDecl f -> {
          if (!redeclaresPrelude(f.name(), f.nameSpan()))
            declareFunction(f, qualify(currentModule, f.name()), null, List.of());
        }
        case ImplDecl impl -> declareImpl(impl);
        case ActorDecl a -> declareActor(a);
        case SupervisorDecl sup -> declareSupervisor(sup);
        case ConstDecl c -> {
          if (!redeclaresPrelude(c.name(), c.nameSpan())) consts.put(c.name(), c);
        }
        default -> {}
      }
    }
  }

  private void declareAdt(String name, Span at, AdtDef.Kind kind, List<TypeParam> tps) {
    if (adts.containsKey(name)) {
      error(
          "E0105",
          "the type `" + name + "` is defined more than once",
          at,
          "redefined here",
          "rename one of the definitions");
      return;
    }
    AdtDef def = new AdtDef(name, kind, tps.stream().map(TypeParam::name).toList());
    adts.put(name, def);
    typing.adts.add(def);
  }

  Map<String, FnSig> methods(String typeKey) {
    return methods.getOrDefault(typeKey, Map.of());
  }

  /** The user method {@code name} on values of type {@code t}, or null. */
  FnSig methodFor(Type t, String name) {
    String key = typeKey(t);
    return key == null ? null : methods(key).get(name);
  }

  static String typeKey(Type t) {
    return switch (t) {
      case Type.Adt a -> a.def().name();
      case Type.Prim p -> p.toString();
      case Type.Builtin b -> b.name();
      default -> null;
    };
  }

  private void declareImpl(ImplDecl impl) {
    List<String> tps = impl.typeParams().stream().map(TypeParam::name).toList();
    Type self = resolveType(impl.target(), tps);
    String key = typeKey(self);
    if (key == null) {
      error(
          "E0210",
          "cannot implement methods for `" + self + "`",
          impl.target().span(),
          "invalid impl target",
          "implement methods for a struct, enum or built-in type");
      return;
    }
    Map<String, FnSig> table = methods.computeIfAbsent(key, k -> new LinkedHashMap<>());
    implTypeParams = impl.typeParams();
    assocTypes.clear();
    for (TypeAlias a : impl.assocTypes()) assocTypes.put(a.name(), resolveType(a.target(), tps));
    TraitDecl trait = null;
    if (impl.trait() instanceof NamedType tn) {
      trait = traits.get(tn.path().getLast());
      if (trait == null) {
        error(
            "E0101",
            "cannot find trait `" + tn.path().getLast() + "`",
            tn.span(),
            "not found",
            "declare the trait first");
      }
    }
    for (FnDecl m : impl.methods()) {
      if (table.containsKey(m.name())) {
        error(
            "E0105",
            "method `" + m.name() + "` is defined more than once for `" + key + "`",
            m.nameSpan(),
            "redefined here",
            "rename one of them");
        continue;
      }
      FnSig sig = declareFunction(m, key + "::" + m.name(), self, tps);
      if (sig != null) table.put(m.name(), sig);
    }
    if (trait != null) implementTrait(impl, trait, self, key, table, tps);
    implTypeParams = List.of();
    assocTypes.clear();
  }

  /**
   * A supervisor is an actor type without fields or handlers, so {@code spawn S} gives an {@code
   * ActorRef<S>} that accepts no messages (E0500); its plan is checked by {@link #checkSupervisor}.
   */
  private void declareSupervisor(SupervisorDecl s) {
    AdtDef state = adts.get(s.name());
    if (state == null || !state.variants.isEmpty()) return;
    state.variants.add(new AdtDef.VariantDef(s.name(), true, List.of(), List.of()));
    Typing.ActorInfo info = new Typing.ActorInfo(s.name(), state);
    info.supervisor = s;
    typing.actors.put(s.name(), info);
  }

  /**
   * The supervisor's entries are checked like a tiny body: each child like a {@code spawn} of it
   * (init arguments bound like a call), intensity as {@code i64} and {@code Duration}.
   */
  private void checkSupervisor(SupervisorDecl s) {
    FnSig holder =
        new FnSig(
            s.name() + "::$supervisor",
            List.of(),
            new ArrayList<>(),
            List.of(),
            Type.Prim.UNIT,
            null,
            null,
            List.of());
    BodyChecker body = new BodyChecker(this, holder);
    if (s.maxRestarts() != null)
      body.expectType(s.maxRestarts(), body.check(s.maxRestarts(), Type.Prim.I64), Type.Prim.I64);
    if (s.within() != null)
      body.expectType(s.within(), body.check(s.within(), Durations.DURATION), Durations.DURATION);
    java.util.Set<String> names = new java.util.HashSet<>();
    Type exitReason = new Type.Adt(builtins().exitReason, List.of());
    Type decide = new Type.Fn(List.of(exitReason), Type.Prim.BOOL);
    for (ChildDecl c : s.children()) {
      body.check(c.start(), null);
      if (c.custom() != null) // §9: Custom(f) with f: fn(ExitReason) -> Bool
      body.expectType(c.custom(), body.check(c.custom(), decide), decide);
      if (c.name() != null) {
        body.expectType(c.name(), body.check(c.name(), Type.Prim.STRING), Type.Prim.STRING);
        if (c.name() instanceof StrLit lit
            && lit.parts().size() == 1
            && lit.parts().getFirst() instanceof StrText text
            && !names.add(text.text()))
          error(
              "E0504",
              "supervisor `" + s.name() + "` has two children named \"" + text.text() + "\"",
              c.name().span(),
              "second child with this name",
              "child names are local to the supervisor and must differ");
      }
    }
    body.finish();
  }

  /**
   * An actor's state is a struct; its init, handlers, hooks and helpers are methods on that state.
   */
  private void declareActor(ActorDecl a) {
    AdtDef state = adts.get(a.name());
    if (state == null || !state.variants.isEmpty()) return;
    state.variants.add(
        new AdtDef.VariantDef(
            a.name(),
            true,
            a.fields().stream().map(ActorField::name).toList(),
            a.fields().stream().map(f -> resolveType(f.type(), List.of())).toList()));
    Typing.ActorInfo info = new Typing.ActorInfo(a.name(), state);
    typing.actors.put(a.name(), info);
    for (int k = 0; k < a.fields().size(); k++) {
      ActorField f = a.fields().get(k);
      if (noBorrow(f.type(), "an actor field"))
        sendable(f.type(), state.variants.getFirst().fieldTypes().get(k), "an actor field");
    }
    Type self = new Type.Adt(state, List.of());
    a.fields().forEach(f -> info.fieldInits.add(f.init()));
    if (a.init() != null) {
      info.init = actorMember(info, a.init(), "init", self);
      sendableSignature(a.init(), info.init, "a `spawn` argument", null);
    }
    for (FnDecl h : a.handlers()) {
      if (info.handlers.containsKey(h.name())) {
        error(
            "E0105",
            "actor `" + a.name() + "` handles `" + h.name() + "` twice",
            h.nameSpan(),
            "second handler",
            "keep one handler per message");
        continue;
      }
      FnSig handler = actorMember(info, h, h.name(), self);
      info.handlers.put(h.name(), handler);
      sendableSignature(h, handler, "a message parameter", "a reply");
    }
    for (FnDecl h : a.hooks()) info.hooks.put(h.name(), actorMember(info, h, h.name(), self));
    for (FnDecl f : a.helpers()) {
      FnDecl withState =
          new FnDecl(
              f.pub(),
              f.name(),
              f.nameSpan(),
              f.typeParams(),
              new Receiver("self", true, true, f.nameSpan()),
              f.params(),
              f.ret(),
              f.body(),
              f.span());
      FnSig sig = actorMember(info, withState, f.name(), self);
      if (sig != null)
        methods.computeIfAbsent(a.name(), k -> new LinkedHashMap<>()).put(f.name(), sig);
    }
  }

  private FnSig actorMember(Typing.ActorInfo info, FnDecl decl, String member, Type self) {
    FnSig sig = declareFunction(decl, info.name + "::" + member, self, List.of());
    if (sig != null) sig.actor = info;
    return sig;
  }

  /** Fills in a trait's default methods for {@code self} and records the impl for dispatch. */
  private void implementTrait(
      ImplDecl impl,
      TraitDecl trait,
      Type self,
      String key,
      Map<String, FnSig> table,
      List<String> tps) {
    for (FnDecl m : trait.methods()) {
      if (table.containsKey(m.name())) continue;
      if (m.body() == null) {
        error(
            "E0210",
            "missing method `"
                + m.name()
                + "` in impl of `"
                + trait.name()
                + "` for `"
                + self
                + "`",
            impl.target().span(),
            "missing `" + m.name() + "`",
            "implement every trait method without a default body");
        continue;
      }
      FnSig sig = declareFunction(AstCopier.copy(m), key + "::" + m.name(), self, tps);
      if (sig != null) table.put(m.name(), sig);
    }
    for (FnDecl m : impl.methods()) {
      if (trait.methods().stream().noneMatch(tm -> tm.name().equals(m.name()))) {
        error(
            "E0210",
            "method `" + m.name() + "` is not a member of trait `" + trait.name() + "`",
            m.nameSpan(),
            "not in the trait",
            "move it to an inherent `impl " + key + "` block");
      }
    }
    typing
        .traitImpls
        .computeIfAbsent(trait.name(), k -> new ArrayList<>())
        .add(new Typing.TraitImpl(key, self, table));
  }

  /** The signature of a trait method as seen from generic code: {@code Self} is a parameter. */
  FnSig traitMethod(String traitName, String method) {
    TraitDecl trait = traits.get(traitName);
    if (trait == null) return null;
    String key = traitName + "::" + method;
    FnSig cached = traitSigs.get(key);
    if (cached != null) return cached;
    for (FnDecl m : trait.methods()) {
      if (!m.name().equals(method)) continue;
      Type self = new Type.Param("Self", List.of(traitName));
      List<String> names = new ArrayList<>();
      List<Type> params = new ArrayList<>();
      List<Expr> defaults = new ArrayList<>();
      if (m.receiver() != null) {
        names.add(m.receiver().name());
        params.add(m.receiver().ref() ? new Type.Ref(m.receiver().mut(), self) : self);
        defaults.add(null);
      }
      selfType = self;
      inTraitSignature = true;
      for (Param p : m.params()) {
        names.add(p.name());
        params.add(resolveType(p.type(), List.of()));
        defaults.add(p.defaultValue());
      }
      Type ret = m.ret() == null ? Prim.UNIT : resolveType(m.ret(), List.of());
      selfType = null;
      inTraitSignature = false;
      FnSig sig = new FnSig(key, names, params, defaults, ret, m, null, List.of());
      traitSigs.put(key, sig);
      return sig;
    }
    return null;
  }

  /** Traits (among {@code bounds}) that declare {@code method}. */
  List<String> traitsWithMethod(List<String> bounds, String method) {
    return bounds.stream()
        .filter(
            b ->
                traits.containsKey(b)
                    && traits.get(b).methods().stream().anyMatch(m -> m.name().equals(method)))
        .toList();
  }

  private final Map<String, TraitDecl> traits = new HashMap<>();

  boolean knowsTrait(String name) {
    return traits.containsKey(name);
  }

  private final Map<String, FnSig> traitSigs = new HashMap<>();

  /** Associated types of the impl being declared ({@code Self::Item}). */
  private final Map<String, Type> assocTypes = new HashMap<>();

  /** In a trait's own signatures, associated types are unknown until an impl fixes them. */
  private boolean inTraitSignature;

  private FnSig declareFunction(FnDecl f, String key, Type self, List<String> outerParams) {
    if (functions.containsKey(key)) {
      error(
          "E0105",
          "the function `" + f.name() + "` is defined more than once",
          f.nameSpan(),
          "redefined here",
          "rename one of the functions");
      return null;
    }
    List<String> tps = new ArrayList<>(outerParams);
    f.typeParams().forEach(tp -> tps.add(tp.name()));
    bounds.clear();
    recordBounds(implTypeParams);
    recordBounds(f.typeParams());
    selfType = self;
    List<String> names = new ArrayList<>();
    List<Type> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    if (f.receiver() != null) {
      names.add(f.receiver().name());
      params.add(f.receiver().ref() ? new Type.Ref(f.receiver().mut(), self) : self);
      defaults.add(null);
    }
    for (Param p : f.params()) {
      names.add(p.name());
      params.add(resolveType(p.type(), tps));
      defaults.add(p.defaultValue());
      if (p.type() instanceof RefType r) noBorrow(r.inner(), "a type argument");
      else noBorrow(p.type(), "a type argument");
    }
    Type ret = f.ret() == null ? Prim.UNIT : resolveType(f.ret(), tps);
    if (f.ret() != null) noBorrow(f.ret(), "a return type");
    selfType = null;
    String display = self == null ? f.name() : key;
    FnSig sig = new FnSig(display, names, params, defaults, ret, f, null, tps);
    sig.module = currentModule;
    sig.pub = self != null || f.pub() || currentModule.isEmpty();
    functions.put(key, sig);
    typing.functions.add(sig);
    return sig;
  }

  /**
   * Reports E0404 at each borrow type inside {@code t}: borrows may only be parameter and local
   * types (language.md §6 rule 6). Returns whether there was none.
   */
  boolean noBorrow(TypeExpr t, String where) {
    switch (t) {
      case null -> {
        return true;
      }
      case RefType r -> {
        error(
            "E0404",
            "a borrow cannot be " + where,
            r.span(),
            "borrow escapes",
            "borrows may only be parameter and local `let` types; use an owned `"
                + r.inner()
                    .span()
                    .file()
                    .text()
                    .substring(r.inner().span().start(), r.inner().span().end())
                + "`");
        return false;
      }
      case NamedType n -> {
        boolean ok = true;
        for (TypeExpr a : n.args()) ok &= noBorrow(a, "a type argument");
        return ok;
      }
      case TupleType tt -> {
        boolean ok = true;
        for (TypeExpr a : tt.parts()) ok &= noBorrow(a, "a tuple element");
        return ok;
      }
      case FnType f -> {
        return true; // a function type's own parameters may be borrows
      }
    }
  }

  /** E0502 when a message, reply, actor field or spawn argument has a non-sendable type. */
  private void sendable(TypeExpr written, Type t, String what) {
    if (Traits.isSendable(t)) return;
    error(
        "E0502",
        "`" + t + "` cannot be " + what + ": it is not sendable",
        written.span(),
        "not sendable",
        "messages, replies, actor fields and spawn arguments hold data only; functions, borrows"
            + " and streams stay inside one actor");
  }

  private void sendableSignature(FnDecl h, FnSig sig, String param, String reply) {
    if (sig == null) return;
    int offset = sig.params.size() - h.params().size();
    for (int k = 0; k < h.params().size(); k++) {
      TypeExpr written = h.params().get(k).type();
      if (written instanceof RefType r) noBorrow(r, param);
      else sendable(written, sig.params.get(k + offset), param);
    }
    if (reply != null && h.ret() != null && !(h.ret() instanceof RefType))
      sendable(h.ret(), sig.ret, reply);
  }

  /** Bounds of the generic parameters of the declaration being resolved. */
  private final Map<String, List<String>> bounds = new HashMap<>();

  private List<TypeParam> implTypeParams = List.of();

  private void recordBounds(List<TypeParam> tps) {
    for (TypeParam tp : tps) {
      List<String> names = new ArrayList<>(bounds.getOrDefault(tp.name(), List.of()));
      for (TypeExpr b : tp.bounds()) if (b instanceof NamedType n) names.add(n.path().getLast());
      bounds.put(tp.name(), names);
    }
  }

  /** The type `Self` stands for while resolving an impl member's signature. */
  private Type selfType;

  private void checkMain() {
    FnSig main = functions.get("main");
    if (main == null) {
      Span at = new Span(file, 0, Math.min(1, file.text().length()));
      error(
          "E0600",
          "`main` function not found",
          at,
          "the entry file has no `main`",
          "add `fn main() { ... }` to the entry file");
      return;
    }
    boolean okRet =
        main.ret == Prim.UNIT
            || main.ret == Prim.I64
            || (main.ret instanceof Type.Adt a
                && a.def() == builtins.result
                && a.args().getFirst() == Prim.UNIT);
    if (!main.params.isEmpty() || !okRet || !main.typeParams.isEmpty()) {
      error(
          "E0600",
          "`main` must take no parameters and return `()`, `i64` or `Result<(), E>`",
          main.decl.nameSpan(),
          "invalid `main`",
          "declare it as `fn main()` or `fn main() -> i64`");
    }
  }

  private final Map<ConstDecl, Type> constTypes = new HashMap<>();

  /** A module constant's declared type, resolved (and any error in it reported) once. */
  Type constType(ConstDecl c) {
    Type t = constTypes.get(c);
    if (t == null) {
      t = resolveType(c.type(), List.of());
      constTypes.put(c, t);
    }
    return t;
  }

  /** Resolves a written type; {@code typeParams} are the generic parameters in scope. */
  Type resolveType(TypeExpr t, List<String> typeParams) {
    if (t == null) return Type.Error.INSTANCE;
    return switch (t) {
      case RefType r -> new Type.Ref(r.mut(), resolveType(r.inner(), typeParams));
      case TupleType tt ->
          tt.parts().isEmpty()
              ? Prim.UNIT
              : new Type.Tuple(tt.parts().stream().map(p -> resolveType(p, typeParams)).toList());
      case FnType f ->
          new Type.Fn(
              f.params().stream().map(p -> resolveType(p, typeParams)).toList(),
              f.ret() == null ? Prim.UNIT : resolveType(f.ret(), typeParams));
      case NamedType n -> resolveNamed(n, typeParams);
    };
  }

  private Type resolveNamed(NamedType n, List<String> typeParams) {
    String name = n.path().getLast();
    List<Type> args = n.args().stream().map(a -> resolveType(a, typeParams)).toList();
    if (n.path().size() == 1 && typeParams.contains(name))
      return new Type.Param(name, bounds.getOrDefault(name, List.of()));
    if (name.equals("Self") && selfType != null) return selfType;
    if (n.path().size() == 2
        && (n.path().get(0).equals("Self") || typeParams.contains(n.path().get(0)))) {
      Type assoc = assocTypes.get(name);
      if (assoc != null) return assoc;
      if (inTraitSignature || typeParams.contains(n.path().get(0))) return Type.Error.INSTANCE;
    }
    Type prim = primitive(name);
    if (prim != null) return prim;
    switch (name) {
      case "Duration" -> {
        return Durations.DURATION;
      }
      case "Dynamic" -> {
        return Durations.DYNAMIC;
      }
      case "Instant" -> {
        return Durations.INSTANT;
      }
      case "Bytes" -> {
        return Durations.BYTES;
      }
      case "ActorRef" -> {
        if (args.size() != 1) return arity(n, 1);
        return new Type.Builtin("ActorRef", args);
      }
      case "Vector" -> {
        // `Vector<f64, N>`: the length is checked at run time; only f64 vectors exist (§2)
        if (!args.isEmpty() && args.getFirst() != Prim.F64) {
          error(
              "E0101",
              "only f64 vectors exist",
              n.span(),
              "unsupported element type",
              "write `Vector` or `Vector<f64, N>`");
        }
        return new Type.Builtin("Vector", List.of());
      }
      case "List", "Vec", "Set", "Range", "Stream" -> {
        if (args.size() != 1) return arity(n, 1);
        return new Type.Builtin(name.equals("Vec") ? "List" : name, args);
      }
      case "Map" -> {
        if (args.size() != 2) return arity(n, 2);
        return new Type.Builtin("Map", args);
      }
      case "Option" -> {
        if (args.size() != 1) return arity(n, 1);
        return builtins.option(args.getFirst());
      }
      case "Result" -> {
        if (args.size() != 2) return arity(n, 2);
        return builtins.result(args.get(0), args.get(1));
      }
      case "Box" -> {
        if (args.size() != 1) return arity(n, 1);
        return args.getFirst();
      }
      default -> {}
    }
    AdtDef def = adts.get(name);
    if (def != null) {
      if (args.size() != def.typeParams().size()) return arity(n, def.typeParams().size());
      return new Type.Adt(def, args);
    }
    TypeAlias alias = aliases.get(name);
    if (alias != null) {
      // `type Pair<T> = (T, T)`: the alias's parameters stand for the written arguments
      List<String> own = alias.typeParams().stream().map(TypeParam::name).toList();
      if (args.size() != own.size()) return arity(n, own.size());
      List<String> scope = new ArrayList<>(typeParams);
      scope.addAll(own);
      return Inference.substitute(
          resolveType(alias.target(), scope), ExprTypes.bindParams(own, args));
    }
    error(
        "E0101",
        "cannot find type `" + name + "` in this scope",
        n.span(),
        "not found",
        "check the spelling or declare the type");
    return Type.Error.INSTANCE;
  }

  private Type arity(NamedType n, int expected) {
    error(
        "E0201",
        "`"
            + n.path().getLast()
            + "` takes "
            + expected
            + " type argument"
            + (expected == 1 ? "" : "s"),
        n.span(),
        "wrong number of type arguments",
        "write exactly " + expected);
    return Type.Error.INSTANCE;
  }

  static Prim primitive(String name) {
    return switch (name) {
      case "i8" -> Prim.I8;
      case "i16" -> Prim.I16;
      case "i32" -> Prim.I32;
      case "i64" -> Prim.I64;
      case "u8" -> Prim.U8;
      case "u16" -> Prim.U16;
      case "u32" -> Prim.U32;
      case "u64" -> Prim.U64;
      case "f32" -> Prim.F32;
      case "f64" -> Prim.F64;
      case "Bool" -> Prim.BOOL;
      case "Char" -> Prim.CHAR;
      case "String" -> Prim.STRING;
      default -> null;
    };
  }

  void error(String code, String message, Span at, String label, String help) {
    diagnostics.add(Diagnostic.error(code, message, at, label, help));
  }
}
