package dev.simplex.compiler;

import dev.simplex.compiler.Ast.*;
import dev.simplex.compiler.Type.Prim;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Match exhaustiveness by the usefulness algorithm (Maranget), with the constructors of language.md
 * §5: true/false, enum variants, one constructor for tuples and structs, lists by length; every
 * other type needs a catch-all. Guarded arms do not count. Produces the missing cases as patterns.
 */
final class Exhaustiveness {
  private static final int LIMIT = 8;

  /** A normalised pattern: a constructor with sub-patterns, or a wildcard (ctor == null). */
  private record Pat(Ctor ctor, List<Pat> args) {
    static final Pat WILD = new Pat(null, List.of());
  }

  /**
   * Constructor kinds: enum variant / struct / tuple (id = index), Bool (0/1), list of a length, or
   * an opaque literal.
   */
  private record Ctor(String kind, int id, int arity, boolean orMore) {}

  private final Checker ck;
  private final Inference inf;

  private Exhaustiveness(Checker ck, Inference inf) {
    this.ck = ck;
    this.inf = inf;
  }

  static List<String> missing(Checker ck, Inference inf, List<MatchArm> arms, Type t) {
    Exhaustiveness ex = new Exhaustiveness(ck, inf);
    List<List<Pat>> rows = new ArrayList<>();
    for (MatchArm arm : arms) {
      if (arm.guard() != null) continue;
      for (Pattern alt : expandOr(arm.pattern())) rows.add(List.of(ex.normalise(alt, t)));
    }
    List<List<String>> w = ex.witnesses(rows, List.of(t));
    return w.stream().map(List::getFirst).distinct().toList();
  }

  static boolean irrefutable(Checker ck, Pattern p, Type t, Inference inf) {
    Exhaustiveness ex = new Exhaustiveness(ck, inf);
    List<List<Pat>> rows = new ArrayList<>();
    for (Pattern alt : expandOr(p)) rows.add(List.of(ex.normalise(alt, t)));
    return ex.witnesses(rows, List.of(t)).isEmpty();
  }

  private static List<Pattern> expandOr(Pattern p) {
    if (p instanceof OrPat o) {
      List<Pattern> out = new ArrayList<>();
      for (Pattern a : o.alternatives()) out.addAll(expandOr(a));
      return out;
    }
    if (p instanceof BindPat b && b.sub() != null) return expandOr(b.sub());
    return List.of(p);
  }

  private Type resolved(Type t) {
    return ExprTypes.deref(inf.resolve(t));
  }

  private Pat normalise(Pattern p, Type type) {
    Type t = resolved(type);
    return switch (p) {
      case WildcardPat w -> Pat.WILD;
      case BindPat b -> b.sub() == null ? Pat.WILD : normalise(b.sub(), t);
      case OrPat o ->
          Pat.WILD; // nested or-patterns are approximated as covering everything they could
      case LitPat l ->
          l.literal() instanceof BoolLit bl
              ? new Pat(new Ctor("bool", bl.value() ? 1 : 0, 0, false), List.of())
              : new Pat(new Ctor("lit", System.identityHashCode(l), 0, false), List.of());
      case RangePat r -> new Pat(new Ctor("lit", System.identityHashCode(r), 0, false), List.of());
      case TuplePat tp -> {
        if (!(t instanceof Type.Tuple tu)) yield Pat.WILD;
        List<Pat> args = new ArrayList<>(Collections.nCopies(tu.parts().size(), Pat.WILD));
        for (int k = 0; k < tp.parts().size(); k++) {
          int at =
              tp.restAt() >= 0 && k >= tp.restAt()
                  ? tu.parts().size() - (tp.parts().size() - k)
                  : k;
          if (at < args.size()) args.set(at, normalise(tp.parts().get(k), tu.parts().get(at)));
        }
        yield new Pat(new Ctor("tuple", 0, args.size(), false), args);
      }
      case VariantPat vp -> {
        if (!(ck.typing.resolved.get(vp) instanceof Typing.Variant v) || !(t instanceof Type.Adt a))
          yield Pat.WILD;
        List<Type> fields = fieldTypes(a, v.index());
        List<Pat> args = new ArrayList<>();
        for (int k = 0; k < fields.size(); k++) {
          args.add(
              vp.args() != null && k < vp.args().size()
                  ? normalise(vp.args().get(k), fields.get(k))
                  : Pat.WILD);
        }
        yield new Pat(new Ctor("adt", v.index(), fields.size(), false), args);
      }
      case StructPat sp -> {
        if (!(ck.typing.resolved.get(sp) instanceof Typing.Variant v) || !(t instanceof Type.Adt a))
          yield Pat.WILD;
        List<Type> fields = fieldTypes(a, v.index());
        List<String> names = a.def().variants.get(v.index()).fieldNames();
        List<Pat> args = new ArrayList<>(Collections.nCopies(fields.size(), Pat.WILD));
        for (FieldPat f : sp.fields()) {
          int k = names.indexOf(f.name());
          if (k >= 0) args.set(k, normalise(f.pattern(), fields.get(k)));
        }
        yield new Pat(new Ctor("adt", v.index(), fields.size(), false), args);
      }
      case ListPat lp -> {
        Type elem =
            t instanceof Type.Builtin b && b.name().equals("List")
                ? b.args().getFirst()
                : Type.Error.INSTANCE;
        List<Pat> args = new ArrayList<>();
        for (Pattern item : lp.items()) args.add(normalise(item, elem));
        if (lp.restAt() < 0) yield new Pat(new Ctor("list", args.size(), args.size(), false), args);
        // prefix then suffix, split at the rest position
        List<Pat> marked = new ArrayList<>(args);
        marked.add(lp.restAt(), null);
        yield new Pat(new Ctor("list", args.size(), args.size(), true), marked);
      }
    };
  }

  private List<Type> fieldTypes(Type.Adt a, int variant) {
    Map<String, Type> inst = ExprTypes.bindParams(a.def().typeParams(), a.args());
    return a.def().variants.get(variant).fieldTypes().stream()
        .map(ft -> Inference.substitute(ft, inst))
        .toList();
  }

  /** The complete constructor set of a type, or null when it is infinite (needs a catch-all). */
  private List<Ctor> signature(Type t, List<List<Pat>> rows) {
    return switch (t) {
      case Prim p when p == Prim.BOOL ->
          List.of(new Ctor("bool", 1, 0, false), new Ctor("bool", 0, 0, false));
      case Prim p when p == Prim.UNIT -> List.of(new Ctor("tuple", 0, 0, false));
      case Type.Tuple tu -> List.of(new Ctor("tuple", 0, tu.parts().size(), false));
      case Type.Adt a -> {
        List<Ctor> out = new ArrayList<>();
        for (int k = 0; k < a.def().variants.size(); k++)
          out.add(new Ctor("adt", k, a.def().variants.get(k).fieldTypes().size(), false));
        yield out;
      }
      case Type.Builtin b when b.name().equals("List") -> {
        int max = 0;
        for (List<Pat> r : rows) {
          Pat h = r.getFirst();
          if (h.ctor() != null && h.ctor().kind().equals("list"))
            max = Math.max(max, h.ctor().id() + (h.ctor().orMore() ? 0 : 1));
        }
        List<Ctor> out = new ArrayList<>();
        for (int n = 0; n < max; n++) out.add(new Ctor("list", n, n, false));
        out.add(new Ctor("list", max, max, true));
        yield out;
      }
      default -> null;
    };
  }

  private List<Type> argTypes(Type t, Ctor c) {
    return switch (t) {
      case Type.Tuple tu -> tu.parts();
      case Type.Adt a -> fieldTypes(a, c.id());
      case Type.Builtin b when b.name().equals("List") ->
          Collections.nCopies(c.arity(), b.args().getFirst());
      default -> List.of();
    };
  }

  /** Does pattern head {@code h} match constructor {@code c}? Returns its sub-patterns, or null. */
  private List<Pat> specialize(Pat h, Ctor c) {
    if (h.ctor() == null) return new ArrayList<>(Collections.nCopies(c.arity(), Pat.WILD));
    Ctor hc = h.ctor();
    if (!hc.kind().equals(c.kind())) return null;
    if (hc.kind().equals("list")) {
      if (!hc.orMore()) return !c.orMore() && hc.id() == c.id() ? h.args() : null;
      if (c.arity() < hc.id()) return null;
      int restAt = h.args().indexOf(null);
      List<Pat> out = new ArrayList<>(h.args().subList(0, restAt));
      out.addAll(Collections.nCopies(c.arity() - hc.id(), Pat.WILD));
      out.addAll(h.args().subList(restAt + 1, h.args().size()));
      return out;
    }
    return hc.id() == c.id() ? h.args() : null;
  }

  /** Value vectors (as pattern text) that no row matches; empty when the rows are exhaustive. */
  private List<List<String>> witnesses(List<List<Pat>> rows, List<Type> types) {
    if (types.isEmpty()) return rows.isEmpty() ? List.of(List.of()) : List.of();
    Type t = resolved(types.getFirst());
    List<Type> rest = types.subList(1, types.size());
    List<Ctor> sig = signature(t, rows);
    List<List<String>> out = new ArrayList<>();
    boolean complete =
        sig != null
            && sig.stream()
                .allMatch(
                    c ->
                        rows.stream()
                            .anyMatch(
                                r ->
                                    r.getFirst().ctor() != null && covers(r.getFirst().ctor(), c)));
    if (complete) {
      for (Ctor c : sig) {
        List<List<Pat>> sub = new ArrayList<>();
        for (List<Pat> r : rows) {
          List<Pat> args = specialize(r.getFirst(), c);
          if (args == null) continue;
          List<Pat> row = new ArrayList<>(args);
          row.addAll(r.subList(1, r.size()));
          sub.add(row);
        }
        List<Type> subTypes = new ArrayList<>(argTypes(t, c));
        subTypes.addAll(rest);
        for (List<String> w : witnesses(sub, subTypes)) {
          List<String> v = new ArrayList<>();
          v.add(render(t, c, w.subList(0, c.arity())));
          v.addAll(w.subList(c.arity(), w.size()));
          out.add(v);
          if (out.size() >= LIMIT) return out;
        }
      }
      return out;
    }
    List<List<Pat>> defaults = new ArrayList<>();
    for (List<Pat> r : rows) if (r.getFirst().ctor() == null) defaults.add(r.subList(1, r.size()));
    List<List<String>> w = witnesses(defaults, rest);
    if (w.isEmpty()) return out;
    List<String> heads = new ArrayList<>();
    if (sig == null || rows.stream().noneMatch(r -> r.getFirst().ctor() != null)) {
      heads.add("_");
    } else {
      for (Ctor c : sig) {
        boolean used =
            rows.stream()
                .anyMatch(r -> r.getFirst().ctor() != null && covers(r.getFirst().ctor(), c));
        if (!used) heads.add(render(t, c, Collections.nCopies(c.arity(), "_")));
      }
    }
    for (String h : heads) {
      for (List<String> tail : w) {
        List<String> v = new ArrayList<>();
        v.add(h);
        v.addAll(tail);
        out.add(v);
        if (out.size() >= LIMIT) return out;
      }
    }
    return out;
  }

  private static boolean covers(Ctor pattern, Ctor c) {
    if (!pattern.kind().equals(c.kind())) return false;
    if (pattern.kind().equals("list"))
      return pattern.orMore() ? c.arity() >= pattern.id() : !c.orMore() && pattern.id() == c.id();
    return pattern.id() == c.id();
  }

  private static String render(Type t, Ctor c, List<String> args) {
    return switch (c.kind()) {
      case "bool" -> c.id() == 1 ? "true" : "false";
      case "tuple" ->
          args.isEmpty() ? "()" : "(" + String.join(", ", args) + (args.size() == 1 ? ",)" : ")");
      case "list" ->
          c.orMore()
              ? (args.isEmpty() ? "[..]" : "[" + String.join(", ", args) + ", ..]")
              : "[" + String.join(", ", args) + "]";
      case "adt" -> {
        Type.Adt a = (Type.Adt) t;
        AdtDef.VariantDef v = a.def().variants.get(c.id());
        boolean builtin = a.def().name().equals("Option") || a.def().name().equals("Result");
        String name =
            a.def().kind() == AdtDef.Kind.STRUCT
                ? a.def().name()
                : builtin ? v.name() : a.def().name() + "::" + v.name();
        if (a.def().kind() == AdtDef.Kind.STRUCT || v.named()) yield name + " { .. }";
        yield args.isEmpty() ? name : name + "(" + String.join(", ", args) + ")";
      }
      default -> "_";
    };
  }

  /** The names a pattern binds, sorted, for the E0301 check. */
  static List<String> bindings(Pattern p) {
    return bindPats(p).stream().map(BindPat::name).sorted().toList();
  }

  static List<BindPat> bindPats(Pattern p) {
    List<BindPat> out = new ArrayList<>();
    collect(p, out);
    return out;
  }

  private static void collect(Pattern p, List<BindPat> out) {
    switch (p) {
      case BindPat b -> {
        out.add(b);
        if (b.sub() != null) collect(b.sub(), out);
      }
      case TuplePat t -> t.parts().forEach(x -> collect(x, out));
      case ListPat l -> l.items().forEach(x -> collect(x, out));
      case OrPat o -> collect(o.alternatives().getFirst(), out);
      case VariantPat v -> {
        if (v.args() != null) v.args().forEach(x -> collect(x, out));
      }
      case StructPat s -> s.fields().forEach(f -> collect(f.pattern(), out));
      default -> {}
    }
  }
}
