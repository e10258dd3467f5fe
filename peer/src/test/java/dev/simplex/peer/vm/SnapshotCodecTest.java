package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.CheckpointFormatException;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.sbc.PortableValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
  private final Object alice = new Object();
  private final SnapshotCodec codec =
      new SnapshotCodec(
          a -> {
            if (a == alice) return "name/alice";
            throw new IllegalArgumentException("actor " + a + " has no stable id to store");
          },
          id -> {
            if (id.equals("name/alice")) return alice;
            throw new IllegalArgumentException("no actor `" + id + "`");
          });

  private static PortableValue.Int i(long v) {
    return new PortableValue.Int(v);
  }

  /** Through the checkpoint's bytes, as a later run reads it. */
  private PortableValue throughBytes(PortableValue value) throws CheckpointFormatException {
    SnapshotValue encoded = codec.encode(value);
    Checkpoint c =
        Checkpoint.ofFields("name/alice", new CodeHash(new byte[32]), 1, Instant.EPOCH, encoded);
    return codec.decode(c.encode().decode().fields());
  }

  @Test
  void everyKindOfValueSurvivesTheCheckpointBytes() throws CheckpointFormatException {
    PortableValue value =
        new PortableValue.Struct(
            "Account",
            List.of(
                new PortableValue.Field("unit", PortableValue.UnitValue.INSTANCE),
                new PortableValue.Field("open", new PortableValue.Bool(true)),
                new PortableValue.Field("balance", i(-12)),
                new PortableValue.Field("rate", new PortableValue.Float(0.25)),
                new PortableValue.Field("grade", new PortableValue.Char('é')),
                new PortableValue.Field("owner", new PortableValue.Str("Zoë")),
                new PortableValue.Field("timeout", new PortableValue.Duration(5_000_000)),
                new PortableValue.Field(
                    "embedding", new PortableValue.Vector(new double[] {0.5, -1.0})),
                new PortableValue.Field("history", new PortableValue.ListOf(List.of(i(1), i(2)))),
                new PortableValue.Field(
                    "tags", new PortableValue.SetOf(List.of(new PortableValue.Str("a")))),
                new PortableValue.Field(
                    "limits",
                    new PortableValue.MapOf(
                        List.of(new PortableValue.Entry(new PortableValue.Str("day"), i(100))))),
                new PortableValue.Field(
                    "pair", new PortableValue.Tuple(List.of(i(1), new PortableValue.Str("x")))),
                new PortableValue.Field(
                    "last", new PortableValue.Variant("Option", "Some", List.of(i(3)))),
                new PortableValue.Field(
                    "none", new PortableValue.Variant("Option", "None", List.of())),
                new PortableValue.Field("peer", new PortableValue.Actor(alice))));
    assertEquals(value, throughBytes(value));
  }

  @Test
  void aVariantCarryingUnitOrATupleStaysDistinctFromOneWithSeveralValues()
      throws CheckpointFormatException {
    var someUnit =
        new PortableValue.Variant("Option", "Some", List.of(PortableValue.UnitValue.INSTANCE));
    var someTuple =
        new PortableValue.Variant(
            "Option", "Some", List.of(new PortableValue.Tuple(List.of(i(1), i(2)))));
    var line = new PortableValue.Variant("Shape", "Line", List.of(i(1), i(2)));
    assertEquals(someUnit, throughBytes(someUnit));
    assertEquals(someTuple, throughBytes(someTuple));
    assertEquals(line, throughBytes(line));
  }

  @Test
  void actorsAreStoredByTheirStableId() {
    assertEquals(
        new SnapshotValue.ActorRef("name/alice"), codec.encode(new PortableValue.Actor(alice)));
  }

  @Test
  void anActorWithoutAStableIdIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> codec.encode(new PortableValue.Actor("stranger")));
    assertEquals("actor stranger has no stable id to store", e.getMessage());
  }

  @Test
  void storedValuesNoProgramWritesAreRefusedWithWhatTheyAre() {
    assertEquals(
        "bytes are not a Simplex value",
        assertThrows(
                IllegalArgumentException.class,
                () -> codec.decode(new SnapshotValue.Bytes(new byte[] {1})))
            .getMessage());
    assertEquals(
        "a code reference is not a storable Simplex value",
        assertThrows(
                IllegalArgumentException.class,
                () -> codec.decode(new SnapshotValue.CodeRef(new CodeHash(new byte[32]))))
            .getMessage());
    assertEquals(
        "Option::Some: payload is a I64, not a tuple",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    codec.decode(
                        new SnapshotValue.Variant("Option", "Some", new SnapshotValue.I64(1))))
            .getMessage());
    var badVector =
        new SnapshotValue.Struct(
            SnapshotCodec.VECTOR,
            List.of(
                new SnapshotValue.Field(
                    "values", new SnapshotValue.ListOf(List.of(new SnapshotValue.Str("x"))))));
    assertEquals(
        "$Vector component 0 is not an f64",
        assertThrows(IllegalArgumentException.class, () -> codec.decode(badVector)).getMessage());
    var badDuration = new SnapshotValue.Struct(SnapshotCodec.DURATION, List.of());
    assertEquals(
        "$Duration needs exactly one i64 field `nanos`",
        assertThrows(IllegalArgumentException.class, () -> codec.decode(badDuration)).getMessage());
    assertEquals(
        "no actor `name/bob`",
        assertThrows(
                IllegalArgumentException.class,
                () -> codec.decode(new SnapshotValue.ActorRef("name/bob")))
            .getMessage());
  }
}
