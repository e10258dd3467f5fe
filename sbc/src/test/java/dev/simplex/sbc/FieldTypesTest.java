package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field types of struct and enum variants: stored in the type table and covered by hashes. */
class FieldTypesTest {
  private static SbcModule module(String ageType) {
    TypeDef person =
        new TypeDef(
            "Person",
            TypeDef.Kind.STRUCT,
            List.of(
                new TypeDef.Variant(
                    "Person", true, List.of("name", "age"), List.of("String", ageType))));
    ModuleBuilder mb = new ModuleBuilder();
    int t = mb.type(person);
    int make = mb.declareFunction("make", 0);
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.pushConst(new Constant.Str("Ada"));
    c.pushConst(new Constant.I64(36));
    c.emit(Op.BOX_I64);
    c.emit(Op.ALLOC, t, 2);
    c.emit(Op.RETURN);
    c.finish(make, List.of(), true, List.of());
    CodeBuilder m = new CodeBuilder(mb);
    m.pushConst(new Constant.I64(0));
    m.emit(Op.RETURN);
    m.finish(main, List.of(), false, List.of());
    return mb.build(main, "types.sx");
  }

  @Test
  void fieldTypesSurviveTheFileRoundTrip() throws Exception {
    SbcModule m = module("Option<List<i64>>");
    SbcModule back = SbcReader.read(SbcWriter.write(m));
    assertEquals(m.types(), back.types());
    assertEquals(
        List.of("String", "Option<List<i64>>"),
        back.types().getFirst().variants().getFirst().fieldTypes());
  }

  @Test
  void changingAFieldTypeChangesTheHashOfCodeUsingTheTypeOnly() {
    SbcModule a = module("i64");
    SbcModule b = module("u8");
    assertFalse(Arrays.equals(a.hash(0), b.hash(0)));
    assertEquals(a.hashHex(1), b.hashHex(1));
  }

  @Test
  void aVariantWithoutTypesHasEmptyOnesAndMismatchedCountsAreRefused() {
    assertEquals(List.of("", ""), new TypeDef.Variant("V", false, List.of("", "")).fieldTypes());
    assertThrows(
        IllegalArgumentException.class,
        () -> new TypeDef.Variant("V", true, List.of("a"), List.of()));
  }

  @Test
  void filesOfTheOldVersionAreRefusedWithTheVersionNamed() {
    byte[] b = SbcWriter.write(module("i64"));
    b[5] = 1;
    var e = assertThrows(SbcFormatException.class, () -> SbcReader.read(b));
    assertEquals("unsupported .sbc version 1 (this runtime reads version 3)", e.getMessage());
  }
}
