package dev.simplex.sbc;

import java.util.List;
import java.util.Optional;

/**
 * An actor (or supervisor) type's schema in the module (docs/sbc-format.md, "actors"): its state
 * struct and every member the runtime calls, each by function index, with the message schemas
 * (parameter names and types, reply type). The runtime finds handlers here, not by function name,
 * and checks a message from the network against its schema before it runs anything.
 *
 * @param stateType index in the type table of the actor's state struct (its name is the actor's)
 * @param supervisor whether this is a {@code supervisor} declaration (members: its plan only)
 */
public record ActorDef(int stateType, boolean supervisor, List<Member> members) {
  public ActorDef {
    members = List.copyOf(members);
  }

  /** What a member is to the runtime. */
  public enum MemberKind {
    /** A {@code receive} handler: {@code self} then the message's parameters. */
    MESSAGE,
    /** {@code init}: {@code self} then its parameters. */
    INIT,
    /** A lifecycle hook ({@code on_start}, {@code on_stop}, ...): {@code self} only. */
    HOOK,
    /** {@code $fields}: no parameters, returns a fresh state with the field initialisers. */
    FIELDS,
    /** {@code $supervisor}: no parameters, returns the supervisor's plan. */
    SUPERVISOR_PLAN
  }

  /**
   * @param paramTypes one Simplex type per parameter written as in source (as in {@link
   *     TypeDef.Variant#fieldTypes()}); "" where it has no such spelling
   * @param replyType the reply's type as in source, "" for none ({@code ()})
   */
  public record Member(
      String name,
      MemberKind kind,
      int function,
      List<String> paramNames,
      List<String> paramTypes,
      String replyType) {
    public Member {
      paramNames = List.copyOf(paramNames);
      paramTypes = List.copyOf(paramTypes);
      if (paramNames.size() != paramTypes.size())
        throw new IllegalArgumentException(
            "member " + name + ": " + paramNames.size() + " names but " + paramTypes.size());
    }

    /** The parameters the function takes: {@code self} first for every kind but the two below. */
    public int functionParams() {
      return kind == MemberKind.FIELDS || kind == MemberKind.SUPERVISOR_PLAN
          ? 0
          : 1 + paramNames.size();
    }
  }

  /** The member named {@code name} (a message, {@code init}, a hook, {@code $fields}...). */
  public Optional<Member> member(String name) {
    for (Member m : members) if (m.name().equals(name)) return Optional.of(m);
    return Optional.empty();
  }

  private static final java.util.Set<String> HOOKS =
      java.util.Set.of(
          "on_start", "on_stop", "on_checkpoint", "on_resume", "on_termination_warning");

  /**
   * Checks every schema of {@code m}: the state type is a struct named once, member names are
   * unique and fit their kind, functions are in range and take the parameters their kind implies,
   * an actor has one {@code $fields}, a supervisor one {@code $supervisor} and nothing else.
   */
  static void verify(SbcModule m) throws SbcFormatException {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int a = 0; a < m.actors().size(); a++) {
      ActorDef def = m.actors().get(a);
      int t = def.stateType();
      if (t < 0 || t >= m.types().size())
        throw new SbcFormatException("actor #" + a + ": state type " + t + " is out of range");
      TypeDef state = m.types().get(t);
      String who = "actor `" + state.name() + "`";
      if (state.kind() != TypeDef.Kind.STRUCT)
        throw new SbcFormatException(who + ": its state type is not a struct");
      if (!seen.add(t)) throw new SbcFormatException(who + " has two schemas");
      java.util.Set<String> names = new java.util.HashSet<>();
      int fields = 0;
      int plans = 0;
      for (Member mb : def.members()) {
        if (!names.add(mb.name()))
          throw new SbcFormatException(who + ": member `" + mb.name() + "` appears twice");
        boolean nameFits =
            switch (mb.kind()) {
              case MESSAGE -> !mb.name().isEmpty() && !mb.name().startsWith("$");
              case INIT -> mb.name().equals("init");
              case HOOK -> HOOKS.contains(mb.name());
              case FIELDS -> mb.name().equals("$fields");
              case SUPERVISOR_PLAN -> mb.name().equals("$supervisor");
            };
        if (!nameFits)
          throw new SbcFormatException(
              who + ": a member of kind " + mb.kind() + " cannot be named `" + mb.name() + "`");
        if (mb.kind() == MemberKind.FIELDS) fields++;
        if (mb.kind() == MemberKind.SUPERVISOR_PLAN) plans++;
        if (mb.function() < 0 || mb.function() >= m.functions().size())
          throw new SbcFormatException(
              who
                  + ": member `"
                  + mb.name()
                  + "` names function "
                  + mb.function()
                  + ", out of range");
        SbcFunction f = m.functions().get(mb.function());
        if (f.paramCount() != mb.functionParams())
          throw new SbcFormatException(
              who
                  + ": member `"
                  + mb.name()
                  + "` takes "
                  + mb.functionParams()
                  + " parameters but its function `"
                  + f.name()
                  + "` takes "
                  + f.paramCount());
      }
      if (def.supervisor() ? plans != 1 || def.members().size() != 1 : fields != 1 || plans != 0)
        throw new SbcFormatException(
            who
                + (def.supervisor()
                    ? ": a supervisor has exactly one member, `$supervisor`"
                    : ": an actor has exactly one `$fields` member and no `$supervisor`"));
    }
  }
}
