package dev.simplex.compiler;

import dev.simplex.compiler.Typing.FnSig;
import dev.simplex.sbc.ActorDef;
import dev.simplex.sbc.ModuleBuilder;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a {@link SbcModule} from a checked tree: declares every function (user functions,
 * methods and lambdas) so calls can refer to any of them, registers type definitions, then emits
 * each body with {@link FnGen}. Output order follows declaration order, so builds are
 * deterministic.
 */
final class CodeGen {
  final Typing typing;
  final ModuleBuilder module = new ModuleBuilder();
  private final Map<FnSig, Integer> adapters = new HashMap<>();
  private final Map<String, Integer> dispatchers = new HashMap<>();
  private final List<Runnable> pending = new ArrayList<>();

  /**
   * Whether to optimise ({@code -O0} turns it off): constant folding ({@link ConstantFolder}), dead
   * branches and unreachable statements left out ({@link FnGen}), small calls inlined ({@link
   * Inliner}) and a peephole for discarded units.
   */
  final boolean optimize;

  final ConstantFolder folder;
  final Inliner inliner;

  CodeGen(Typing typing, boolean optimize) {
    this.typing = typing;
    this.optimize = optimize;
    this.folder = new ConstantFolder(typing);
    this.inliner = new Inliner(typing);
  }

  SbcModule generate(String sourceFile) {
    for (AdtDef def : typing.adts) def.typeIndex = module.type(typeDef(def));
    List<FnSig> bodies = new ArrayList<>();
    for (FnSig sig : typing.functions) {
      if (sig.lambda == null && (sig.decl == null || sig.decl.body() == null)) continue;
      sig.index = module.declareFunction(sig.name, sig.params.size());
      bodies.add(sig);
    }
    List<Runnable> fieldFunctions = new ArrayList<>();
    for (Typing.ActorInfo actor : typing.actors.values()) {
      List<ActorDef.Member> members = new ArrayList<>();
      if (actor.supervisor != null) {
        int plan = module.declareFunction(actor.name + "::$supervisor", 0);
        fieldFunctions.add(() -> ActorGen.supervisor(this, actor, plan));
        members.add(member("$supervisor", ActorDef.MemberKind.SUPERVISOR_PLAN, plan, null));
      } else {
        int index = module.declareFunction(actor.name + "::$fields", 0);
        fieldFunctions.add(() -> ActorGen.fields(this, actor, index));
        members.add(member("$fields", ActorDef.MemberKind.FIELDS, index, null));
        if (actor.init != null && actor.init.index >= 0)
          members.add(member("init", ActorDef.MemberKind.INIT, actor.init.index, actor.init));
        actor.hooks.forEach(
            (name, sig) -> {
              if (sig != null && sig.index >= 0)
                members.add(member(name, ActorDef.MemberKind.HOOK, sig.index, sig));
            });
        actor.handlers.forEach(
            (name, sig) -> {
              if (sig != null && sig.index >= 0)
                members.add(member(name, ActorDef.MemberKind.MESSAGE, sig.index, sig));
            });
      }
      module.actor(new ActorDef(actor.state.typeIndex, actor.supervisor != null, members));
    }
    for (FnSig sig : bodies) new FnGen(this, sig).generate();
    fieldFunctions.forEach(Runnable::run);
    while (!pending.isEmpty()) pending.removeFirst().run();
    int main = -1;
    for (FnSig sig : bodies) if (sig.name.equals("main") && sig.lambda == null) main = sig.index;
    return module.build(main, sourceFile);
  }

  /** A member's schema: its parameters after {@code self}, written as in source, and reply. */
  private static ActorDef.Member member(
      String name, ActorDef.MemberKind kind, int function, FnSig sig) {
    if (sig == null) return new ActorDef.Member(name, kind, function, List.of(), List.of(), "");
    List<String> names = sig.paramNames.subList(1, sig.paramNames.size());
    List<String> types =
        sig.params.subList(1, sig.params.size()).stream().map(CodeGen::schemaType).toList();
    String reply = kind == ActorDef.MemberKind.MESSAGE ? schemaType(sig.ret) : "";
    return new ActorDef.Member(name, kind, function, names, types, reply);
  }

  /** As {@link #sourceType}, also spelling ActorRef, tuples and Set (message schemas). */
  private static String schemaType(Type t) {
    String s = sourceType(t);
    if (!s.isEmpty()) return s;
    return switch (t) {
      case Type.Prim p when p == Type.Prim.UNIT || p == Type.Prim.NEVER -> "";
      default -> t.toString();
    };
  }

  private static TypeDef typeDef(AdtDef def) {
    List<TypeDef.Variant> variants = new ArrayList<>();
    for (AdtDef.VariantDef v : def.variants)
      variants.add(
          new TypeDef.Variant(
              v.name(),
              v.named(),
              v.fieldNames(),
              v.fieldTypes().stream().map(CodeGen::sourceType).toList()));
    return new TypeDef(
        def.name(),
        def.kind() == AdtDef.Kind.STRUCT ? TypeDef.Kind.STRUCT : TypeDef.Kind.ENUM,
        variants);
  }

  /**
   * A field's type written as in source for the type table (AI_CONTRACT.md): primitives, {@code
   * List<T>}, {@code Option<T>}, {@code Map<K, V>}, struct and enum names; "" where a type has no
   * such spelling (generic parameters, functions, vectors ...).
   */
  static String sourceType(Type t) {
    return switch (t) {
      case Type.Prim p when p == Type.Prim.BOOL -> "bool";
      case Type.Prim p when p == Type.Prim.CHAR -> "char";
      case Type.Prim p when p == Type.Prim.UNIT || p == Type.Prim.NEVER -> "";
      case Type.Prim p -> p.toString();
      case Type.Builtin b when b.name().equals("List") && b.args().size() == 1 ->
          wrap("List", b.args());
      case Type.Builtin b when b.name().equals("Map") && b.args().size() == 2 ->
          wrap("Map", b.args());
      case Type.Adt a when a.def().name().equals("Option") -> wrap("Option", a.args());
      case Type.Adt a when a.args().isEmpty() -> a.def().name();
      default -> "";
    };
  }

  private static String wrap(String name, List<Type> args) {
    List<String> parts = args.stream().map(CodeGen::sourceType).toList();
    if (parts.contains("")) return "";
    return name + "<" + String.join(", ", parts) + ">";
  }

  /**
   * A function used as a value is called like a closure: boxed arguments after the closure itself,
   * boxed result. The adapter converts to the function's own convention.
   */
  /**
   * Generic code is erased, so a trait method called on a type parameter is dispatched at run time:
   * the dispatcher compares the receiver's type key with each impl and calls the matching method.
   */
  int dispatcherFor(Typing.TraitCall call) {
    String key = call.trait() + "::" + call.method();
    Integer existing = dispatchers.get(key);
    if (existing != null) return existing;
    int index = module.declareFunction(key + "$dispatch", call.traitSig().params.size());
    dispatchers.put(key, index);
    pending.add(() -> Dispatcher.generate(this, call, index));
    return index;
  }

  private final Map<List<Integer>, Integer> variantAdapters = new HashMap<>();

  /**
   * A function building variant {@code variant} of {@code adt} from its {@code arity} boxed payload
   * values: a constructor used as a function value ({@code [1, 2].map(Some)}).
   */
  int variantAdapterFor(AdtDef adt, int variant, int arity) {
    List<Integer> key = List.of(adt.typeIndex, variant);
    Integer existing = variantAdapters.get(key);
    if (existing != null) return existing;
    int index = module.declareFunction(adt.name() + "::" + variant + "$ref", arity);
    variantAdapters.put(key, index);
    pending.add(
        () -> {
          dev.simplex.sbc.CodeBuilder code = new dev.simplex.sbc.CodeBuilder(module);
          List<dev.simplex.sbc.SbcFunction.SlotKind> kinds = new ArrayList<>();
          List<String> names = new ArrayList<>();
          for (int k = 0; k < arity; k++) {
            code.emit(dev.simplex.sbc.Op.LOAD_LOCAL, k);
            kinds.add(dev.simplex.sbc.SbcFunction.SlotKind.REF);
            names.add("$" + k);
          }
          code.emit(dev.simplex.sbc.Op.MAKE_VARIANT, adt.typeIndex, variant, arity);
          code.emit(dev.simplex.sbc.Op.RETURN);
          code.finish(index, kinds, true, names);
        });
    return index;
  }

  int adapterFor(FnSig sig) {
    Integer existing = adapters.get(sig);
    if (existing != null) return existing;
    // FUNC_REF makes a closure without environment: CALL_LOCAL passes it only the arguments
    int index = module.declareFunction(sig.name + "$ref", sig.params.size());
    adapters.put(sig, index);
    pending.add(() -> FnGen.adapter(this, sig, index));
    return index;
  }
}
