package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 mutations of valid .sbc files (fixed seed): bit flips, byte replacements, truncations and
 * insertions of the raw file, of the body with the file hash recomputed, and of function code with
 * every hash recomputed (so they reach the verifier and the interpreter). Each is rejected with an
 * {@link SbcFormatException} or runs under a step budget to an exit code; no JVM exception escapes,
 * no run ends in the executor's "internal error" and no Java class name reaches the output.
 */
class MutationFuzzTest {
  private static final int MUTATIONS = 100_000;

  private static List<SbcModule> seeds() {
    return List.of(
        Fixtures.doubler("twice", 3), Fixtures.recursion(5), ExecutionContextTest.loop(0));
  }

  private static byte[] mutate(byte[] b, int from, Random rnd) {
    int span = b.length - from;
    if (span <= 0) return b;
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int e = 1 + rnd.nextInt(3); e > 0; e--) {
          int at = from + rnd.nextInt(span);
          b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        for (int e = 1 + rnd.nextInt(3); e > 0; e--)
          b[from + rnd.nextInt(span)] = (byte) rnd.nextInt(256);
        return b;
      }
      case 2 -> {
        return Arrays.copyOf(b, from + rnd.nextInt(span));
      }
      default -> {
        int at = from + rnd.nextInt(span + 1);
        int n = 1 + rnd.nextInt(4);
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, at);
        for (int k = 0; k < n; k++) out[at + k] = (byte) rnd.nextInt(256);
        System.arraycopy(b, at, out, at + n, b.length - at);
        return out;
      }
    }
  }

  private static byte[] rehash(byte[] b) {
    if (b.length < SbcFormat.BODY_START) return b;
    byte[] digest =
        ContentHasher.sha256().digest(Arrays.copyOfRange(b, SbcFormat.BODY_START, b.length));
    System.arraycopy(digest, 0, b, SbcFormat.HEADER_SIZE, 32);
    return b;
  }

  /** A module whose function {@code f} has mutated code, every hash recomputed by the writer. */
  private static byte[] mutateCode(SbcModule m, Random rnd) {
    List<SbcFunction> fns = new ArrayList<>(m.functions());
    int i = rnd.nextInt(fns.size());
    SbcFunction f = fns.get(i);
    byte[] code = mutate(f.code(), 0, rnd);
    int maxStack = rnd.nextInt(8) == 0 ? rnd.nextInt(16) : f.maxStack();
    fns.set(
        i,
        new SbcFunction(
            f.name(),
            f.paramCount(),
            f.localKinds(),
            f.returnsRef(),
            maxStack,
            code,
            List.of(),
            f.localNames()));
    return SbcWriter.write(new SbcModule(m.constants(), m.types(), fns, m.entry(), "fuzz.sx"));
  }

  @Test
  void mutatedFilesAreRejectedOrRunWithoutAJvmException() {
    List<SbcModule> seeds = seeds();
    List<byte[]> files = seeds.stream().map(SbcWriter::write).toList();
    Random rnd = new Random(20261124);
    int rejected = 0;
    int ran = 0;
    int untyped = 0;
    List<String> internal = new ArrayList<>();
    for (int round = 0; round < MUTATIONS; round++) {
      int s = rnd.nextInt(seeds.size());
      byte[] candidate =
          switch (round % 3) {
            case 0 -> mutate(files.get(s).clone(), 0, rnd);
            case 1 -> rehash(mutate(files.get(s).clone(), SbcFormat.BODY_START, rnd));
            default -> mutateCode(seeds.get(s), rnd);
          };
      SbcModule m;
      try {
        m = SbcReader.read(candidate);
      } catch (SbcFormatException e) {
        rejected++;
        if (e.getMessage().startsWith("malformed .sbc file: java"))
          internal.add("reader: " + e.getMessage());
        continue;
      } catch (Throwable t) {
        fail("round " + round + ": the reader threw " + t);
        return;
      }
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        Vm vm = new Vm(m, o, e, new FakePort());
        vm.stepBudget = 2_000;
        vm.runMain(List.of());
        ran++;
      } catch (Throwable t) {
        fail("round " + round + ": running threw " + t);
      }
      String text = err.toString(StandardCharsets.UTF_8);
      if (text.contains("internal error") || text.contains("java."))
        internal.add("round " + round + ": " + text.lines().findFirst().orElse(""));
      if (text.startsWith("panic: invalid bytecode:")) untyped++;
    }
    System.out.println(
        "mutation fuzz: "
            + rejected
            + " rejected, "
            + ran
            + " ran, of which "
            + untyped
            + " stopped by the executor's invalid-bytecode panic");
    assertEquals(MUTATIONS, rejected + ran);
    assertTrue(rejected > 0 && ran > 0, "rejected " + rejected + ", ran " + ran);
    assertEquals(
        List.of(),
        internal.subList(0, Math.min(20, internal.size())),
        internal.size() + " internal errors");
  }

  @Test
  void aFieldIndexBeyondTheValuesFieldsIsAPanicNamingTheInstruction() {
    ModuleBuilder mb = new ModuleBuilder();
    int t =
        mb.type(
            new TypeDef(
                "One",
                TypeDef.Kind.STRUCT,
                List.of(new TypeDef.Variant("One", true, List.of("a")))));
    int main = mb.declareFunction("main", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.line(4);
    c.pushConst(new Constant.I64(1));
    c.emit(Op.BOX_I64);
    c.emit(Op.ALLOC, t, 1);
    c.emit(Op.LOAD_FIELD, 7);
    c.emit(Op.POP);
    c.pushConst(new Constant.I64(0));
    c.emit(Op.RETURN);
    c.finish(main, List.of(), false, List.of());
    Fixtures.Run r = Fixtures.run(mb.build(main, "bad.sx"));
    assertEquals(Vm.EXIT_PANIC, r.exit());
    assertEquals(
        "panic: invalid bytecode: LOAD_FIELD at offset 13 of `main` met a value it cannot use\n"
            + "  at main (bad.sx:4)\n",
        r.err());
  }
}
