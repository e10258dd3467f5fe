package dev.simplex.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sample values for tests: one of every kind, and large realistic actor states. */
final class SnapshotValues {
  private SnapshotValues() {}

  static CodeHash hash(int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    return new CodeHash(b);
  }

  static SnapshotValue everyKind() {
    return new SnapshotValue.Struct(
        "Everything",
        List.of(
            new SnapshotValue.Field("unit", SnapshotValue.unit()),
            new SnapshotValue.Field("yes", SnapshotValue.of(true)),
            new SnapshotValue.Field("no", SnapshotValue.of(false)),
            new SnapshotValue.Field("small", SnapshotValue.of(-3)),
            new SnapshotValue.Field("big", SnapshotValue.of(Long.MIN_VALUE)),
            new SnapshotValue.Field("max", SnapshotValue.of(Long.MAX_VALUE)),
            new SnapshotValue.Field("pi", SnapshotValue.of(Math.PI)),
            new SnapshotValue.Field("nan", SnapshotValue.of(Double.NaN)),
            new SnapshotValue.Field("negZero", SnapshotValue.of(-0.0)),
            new SnapshotValue.Field("char", new SnapshotValue.Char(0x1F600)),
            new SnapshotValue.Field("text", SnapshotValue.of("héllo, wörld ✓")),
            new SnapshotValue.Field("bytes", new SnapshotValue.Bytes(new byte[] {0, -1, 7})),
            new SnapshotValue.Field(
                "list",
                new SnapshotValue.ListOf(List.of(SnapshotValue.of(1), SnapshotValue.of(2)))),
            new SnapshotValue.Field(
                "map",
                new SnapshotValue.MapOf(
                    List.of(
                        new SnapshotValue.Entry(SnapshotValue.of("a"), SnapshotValue.of(1)),
                        new SnapshotValue.Entry(SnapshotValue.of("b"), SnapshotValue.unit())))),
            new SnapshotValue.Field(
                "set", new SnapshotValue.SetOf(List.of(SnapshotValue.of(9), SnapshotValue.of(8)))),
            new SnapshotValue.Field(
                "tuple",
                new SnapshotValue.Tuple(List.of(SnapshotValue.of(1), SnapshotValue.of("x")))),
            new SnapshotValue.Field(
                "some", new SnapshotValue.Variant("Option", "Some", SnapshotValue.of(42))),
            new SnapshotValue.Field(
                "none", new SnapshotValue.Variant("Option", "None", SnapshotValue.unit())),
            new SnapshotValue.Field("peer", new SnapshotValue.ActorRef("actor-17@counter")),
            new SnapshotValue.Field("fn", new SnapshotValue.CodeRef(hash(5))),
            new SnapshotValue.Field("emptyList", new SnapshotValue.ListOf(List.of())),
            new SnapshotValue.Field("emptyStruct", new SnapshotValue.Struct("Empty", List.of()))));
  }

  /**
   * An actor state of about {@code entries * 100} encoded bytes: accounts with names and numbers.
   */
  static SnapshotValue accounts(int entries, long seed) {
    Random r = new Random(seed);
    var list = new ArrayList<SnapshotValue>(entries);
    for (int i = 0; i < entries; i++) {
      list.add(account(i, r.nextLong(), randomWord(r), r.nextInt(1_000_000)));
    }
    return new SnapshotValue.Struct(
        "Bank",
        List.of(
            new SnapshotValue.Field("name", SnapshotValue.of("main street branch")),
            new SnapshotValue.Field("accounts", new SnapshotValue.ListOf(list))));
  }

  static SnapshotValue account(int id, long number, String owner, long balance) {
    return new SnapshotValue.Struct(
        "Account",
        List.of(
            new SnapshotValue.Field("id", SnapshotValue.of(id)),
            new SnapshotValue.Field("number", SnapshotValue.of(number)),
            new SnapshotValue.Field("owner", SnapshotValue.of(owner)),
            new SnapshotValue.Field("balance", SnapshotValue.of(balance)),
            new SnapshotValue.Field(
                "status", new SnapshotValue.Variant("Status", "Open", SnapshotValue.unit()))));
  }

  /** The same bank with one account's balance changed. */
  static SnapshotValue withBalance(SnapshotValue bank, int index, long balance) {
    var s = (SnapshotValue.Struct) bank;
    var accounts = new ArrayList<>(((SnapshotValue.ListOf) s.field("accounts")).items());
    var a = (SnapshotValue.Struct) accounts.get(index);
    accounts.set(
        index,
        account(
            (int) ((SnapshotValue.I64) a.field("id")).value(),
            ((SnapshotValue.I64) a.field("number")).value(),
            ((SnapshotValue.Str) a.field("owner")).value(),
            balance));
    return new SnapshotValue.Struct(
        "Bank",
        List.of(
            s.fields().get(0),
            new SnapshotValue.Field("accounts", new SnapshotValue.ListOf(accounts))));
  }

  private static String randomWord(Random r) {
    var sb = new StringBuilder();
    int n = 6 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
