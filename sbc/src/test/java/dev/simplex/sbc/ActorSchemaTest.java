package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.ActorDef.Member;
import dev.simplex.sbc.ActorDef.MemberKind;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Actor message schemas: in the file, read back, checked, and refused when they do not fit. */
class ActorSchemaTest {
  /** {@code actor Counter { var n: i64; receive Add(k: i64) ; receive Get -> i64 }}, by hand. */
  private static SbcModule counter(Function<int[], List<ActorDef>> schemas) {
    ModuleBuilder mb = new ModuleBuilder();
    int state =
        mb.type(
            new TypeDef(
                "Counter",
                TypeDef.Kind.STRUCT,
                List.of(new TypeDef.Variant("Counter", true, List.of("n"), List.of("i64")))));
    int fields = mb.declareFunction("Counter::$fields", 0);
    int add = mb.declareFunction("Counter::Add", 2);
    int get = mb.declareFunction("Counter::Get", 1);
    int main = mb.declareFunction("main", 0);
    CodeBuilder f = new CodeBuilder(mb);
    f.pushConst(new Constant.I64(0));
    f.emit(Op.BOX_I64);
    f.emit(Op.ALLOC, state, 1);
    f.emit(Op.RETURN);
    f.finish(fields, List.of(), true, List.of());
    CodeBuilder a = new CodeBuilder(mb);
    a.emit(Op.PUSH_UNIT);
    a.emit(Op.BOX_UNIT);
    a.emit(Op.RETURN);
    a.finish(add, List.of(SbcFunction.SlotKind.REF, SbcFunction.SlotKind.REF), true, List.of());
    CodeBuilder g = new CodeBuilder(mb);
    g.pushConst(new Constant.I64(7));
    g.emit(Op.BOX_I64);
    g.emit(Op.RETURN);
    g.finish(get, List.of(SbcFunction.SlotKind.REF), true, List.of());
    CodeBuilder m = new CodeBuilder(mb);
    m.pushConst(new Constant.I64(0));
    m.emit(Op.RETURN);
    m.finish(main, List.of(), false, List.of());
    for (ActorDef d : schemas.apply(new int[] {state, fields, add, get})) mb.actor(d);
    return mb.build(main, "counter.sx");
  }

  private static List<ActorDef> valid(int[] i) {
    return List.of(
        new ActorDef(
            i[0],
            false,
            List.of(
                new Member("$fields", MemberKind.FIELDS, i[1], List.of(), List.of(), ""),
                new Member("Add", MemberKind.MESSAGE, i[2], List.of("k"), List.of("i64"), ""),
                new Member("Get", MemberKind.MESSAGE, i[3], List.of(), List.of(), "i64"))));
  }

  @Test
  void schemasSurviveTheFileRoundTripAndNameEachMembersFunction() throws Exception {
    SbcModule m = counter(ActorSchemaTest::valid);
    byte[] bytes = SbcWriter.write(m);
    SbcModule back = SbcReader.read(bytes);
    assertEquals(m.actors(), back.actors());
    ActorDef c = back.actor("Counter").orElseThrow();
    Member add = c.member("Add").orElseThrow();
    assertEquals(List.of("k"), add.paramNames());
    assertEquals(List.of("i64"), add.paramTypes());
    assertEquals("Counter::Add", back.functions().get(add.function()).name());
    assertEquals("i64", c.member("Get").orElseThrow().replyType());
    assertTrue(back.actor("Nobody").isEmpty());
    assertArrayEquals(bytes, SbcWriter.write(back), "writing what was read gives the same bytes");
    String text = Disassembler.disassemble(back);
    assertTrue(
        text.startsWith(
            "actor Counter\n"
                + "  fields $fields  => Counter::$fields\n"
                + "  message Add(k: i64)  => Counter::Add\n"
                + "  message Get -> i64  => Counter::Get\n\n"),
        text);
  }

  /** One actor's schema, as the only schema of the module. */
  private static List<ActorDef> actor(int state, Member... members) {
    return List.of(new ActorDef(state, false, List.of(members)));
  }

  /** A member without parameters or reply. */
  private static Member bare(String name, MemberKind kind, int function) {
    return new Member(name, kind, function, List.of(), List.of(), "");
  }

  private static Member fields(int function) {
    return bare("$fields", MemberKind.FIELDS, function);
  }

  @Test
  void schemasThatDoNotFitTheModuleAreRefusedWithTheActorNamed() {
    record Case(String expected, Function<int[], List<ActorDef>> schemas) {}
    List<Case> cases =
        List.of(
            new Case(
                "actor `Counter`: member `Add` takes 3 parameters but its function `Counter::Add`"
                    + " takes 2",
                i ->
                    actor(
                        i[0],
                        fields(i[1]),
                        new Member(
                            "Add",
                            MemberKind.MESSAGE,
                            i[2],
                            List.of("k", "j"),
                            List.of("i64", "i64"),
                            ""))),
            new Case(
                "actor `Counter`: member `Get` names function 99, out of range",
                i -> actor(i[0], fields(i[1]), bare("Get", MemberKind.MESSAGE, 99))),
            new Case(
                "actor `Counter`: an actor has exactly one `$fields` member and no `$supervisor`",
                i -> actor(i[0], bare("Get", MemberKind.MESSAGE, i[3]))),
            new Case(
                "actor `Counter`: a member of kind HOOK cannot be named `Get`",
                i -> actor(i[0], fields(i[1]), bare("Get", MemberKind.HOOK, i[3]))),
            new Case(
                "actor `Counter`: member `Get` appears twice",
                i ->
                    actor(
                        i[0],
                        fields(i[1]),
                        bare("Get", MemberKind.MESSAGE, i[3]),
                        bare("Get", MemberKind.MESSAGE, i[3]))),
            new Case("actor #0: state type 5 is out of range", i -> actor(5)));
    for (Case c : cases) {
      var e = assertThrows(IllegalStateException.class, () -> counter(c.schemas()));
      assertEquals(c.expected(), e.getMessage());
    }
  }

  @Test
  void aFileWhoseSchemaNamesAMissingFunctionIsRefusedByTheReader() throws Exception {
    SbcModule good = counter(ActorSchemaTest::valid);
    // the constructor does not check; the writer writes what it is given; the reader refuses it
    SbcModule bad =
        new SbcModule(
            good.constants(),
            good.types(),
            List.of(
                new ActorDef(
                    0,
                    false,
                    List.of(
                        new Member("$fields", MemberKind.FIELDS, 0, List.of(), List.of(), ""),
                        new Member("Get", MemberKind.MESSAGE, 9, List.of(), List.of(), "i64")))),
            good.functions(),
            good.entry(),
            good.sourceFile());
    byte[] bytes = SbcWriter.write(bad);
    var e = assertThrows(SbcFormatException.class, () -> SbcReader.read(bytes));
    assertEquals("actor `Counter`: member `Get` names function 9, out of range", e.getMessage());
  }
}
