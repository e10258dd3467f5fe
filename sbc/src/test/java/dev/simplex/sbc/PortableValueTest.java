package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Values.CharValue;
import dev.simplex.sbc.Values.EnumValue;
import dev.simplex.sbc.Values.ListValue;
import dev.simplex.sbc.Values.MapValue;
import dev.simplex.sbc.Values.SetValue;
import dev.simplex.sbc.Values.StructValue;
import dev.simplex.sbc.Values.TupleValue;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortableValueTest {
  private static final TypeDef POINT =
      new TypeDef(
          "Point",
          TypeDef.Kind.STRUCT,
          List.of(new TypeDef.Variant("Point", true, List.of("x", "y"))));
  private static final TypeDef SHAPE =
      new TypeDef(
          "Shape",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Empty", false, List.of()),
              new TypeDef.Variant("Line", false, List.of("", "")),
              new TypeDef.Variant("Dot", true, List.of("at"))));

  private final Vm vm = new Vm(module(), nowhere(), nowhere());

  private static SbcModule module() {
    return new SbcModule(List.of(), List.of(POINT, SHAPE), List.of(), 0, "t.sx");
  }

  private static PrintStream nowhere() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  private static StructValue point(long x, long y) {
    return new StructValue(POINT, new Object[] {x, y});
  }

  private Object roundTrip(Object value) {
    return vm.fromPortable(Vm.toPortable(value));
  }

  @Test
  void everyStorableKindOfValueRoundTripsToAnEqualValue() {
    LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
    map.put("a", new ListValue(new ArrayList<>(List.of(1L, 2L))));
    map.put("b", new ListValue(new ArrayList<>()));
    Object value =
        new TupleValue(
            List.of(
                Values.Unit.INSTANCE,
                true,
                -42L,
                2.5,
                new CharValue(0x1F600),
                "héllo",
                new DurationValue(1_500_000_000L),
                point(3, -4),
                new EnumValue(SHAPE, 1, new Object[] {point(0, 0), point(1, 1)}),
                new EnumValue(SHAPE, 0, new Object[0]),
                Natives.option(7L),
                new MapValue(map),
                new SetValue(new LinkedHashSet<>(List.of("x", "y")))));
    assertEquals(value, roundTrip(value));
  }

  @Test
  void vectorsKeepEveryComponentExactly() {
    Object v = Vm.vector(new double[] {0.1, -0.0, Double.MAX_VALUE});
    PortableValue p = Vm.toPortable(v);
    assertEquals(new PortableValue.Vector(new double[] {0.1, -0.0, Double.MAX_VALUE}), p);
    assertEquals(Display.display(v), Display.display(vm.fromPortable(p)));
  }

  @Test
  void structsCarryTheirFieldNamesInDeclarationOrder() {
    var p = (PortableValue.Struct) Vm.toPortable(point(1, 2));
    assertEquals("Point", p.type());
    assertEquals(
        List.of(
            new PortableValue.Field("x", new PortableValue.Int(1)),
            new PortableValue.Field("y", new PortableValue.Int(2))),
        p.fields());
  }

  @Test
  void actorAddressesPassThroughAsTheSameObject() {
    Object address = new Object();
    var p = Vm.toPortable(new ListValue(new ArrayList<>(List.of(address))));
    var rebuilt = (ListValue) vm.fromPortable(p);
    assertSame(address, rebuilt.view().getFirst());
  }

  @Test
  void aFunctionValueIsRefusedWithWhereItSits() {
    Object closure = new Values.Closure(0, List.of(), false);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Vm.toPortable(new StructValue(POINT, new Object[] {1L, closure})));
    assertEquals("value.y: a function value cannot be stored", e.getMessage());
  }

  @Test
  void anUnknownTypeIsRefusedWithItsName() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> vm.fromPortable(new PortableValue.Struct("Ghost", List.of())));
    assertEquals("value: the program declares no type Ghost", e.getMessage());
  }

  @Test
  void aMissingOrExtraFieldIsRefused() {
    var missing =
        new PortableValue.Struct(
            "Point", List.of(new PortableValue.Field("x", new PortableValue.Int(1))));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> vm.fromPortable(missing))
            .getMessage()
            .contains("lacks field `y`"));
    var extra =
        new PortableValue.Struct(
            "Point",
            List.of(
                new PortableValue.Field("x", new PortableValue.Int(1)),
                new PortableValue.Field("y", new PortableValue.Int(1)),
                new PortableValue.Field("z", new PortableValue.Int(1))));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> vm.fromPortable(extra))
            .getMessage()
            .contains("has no field `z`"));
  }

  @Test
  void aVariantWithTheWrongPayloadOrNameIsRefused() {
    var wrongCount = new PortableValue.Variant("Shape", "Line", List.of(new PortableValue.Int(1)));
    assertEquals(
        "value: Shape::Line carries 2 values, not 1",
        assertThrows(IllegalArgumentException.class, () -> vm.fromPortable(wrongCount))
            .getMessage());
    var unknown = new PortableValue.Variant("Shape", "Circle", List.of());
    assertEquals(
        "value: enum Shape has no variant `Circle`",
        assertThrows(IllegalArgumentException.class, () -> vm.fromPortable(unknown)).getMessage());
    var notAnEnum = new PortableValue.Variant("Point", "Point", List.of());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> vm.fromPortable(notAnEnum))
            .getMessage()
            .contains("Point is not an enum"));
  }

  @Test
  void aSurrogateCharOrNegativeDurationIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> vm.fromPortable(new PortableValue.Char(0xD800)));
    assertThrows(
        IllegalArgumentException.class, () -> vm.fromPortable(new PortableValue.Duration(-1)));
  }

  @Test
  void optionAndResultRebuildWithoutBeingDeclared() {
    Object some =
        vm.fromPortable(
            new PortableValue.Variant("Option", "Some", List.of(new PortableValue.Str("x"))));
    assertInstanceOf(EnumValue.class, some);
    assertEquals(Natives.option("x"), some);
  }
}
