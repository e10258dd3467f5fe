package dev.simplex.peer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.peer.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;

  record Outcome(int exit, String out, String err) {}

  static Outcome simplex(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.execute(args, o, e);
    }
    return new Outcome(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path source(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void helpListsEverySubcommand() {
    Outcome o = simplex("--help");
    assertEquals(0, o.exit());
    for (String sub :
        new String[] {
          "run", "build", "check", "disasm", "checkpoint", "peer", "swarm", "gossip-router"
        }) {
      assertTrue(o.out().contains(sub), "help mentions " + sub + ":\n" + o.out());
    }
  }

  @Test
  void everySubcommandHasHelpAndVersion() {
    for (String sub :
        new String[] {
          "run", "build", "check", "disasm", "checkpoint", "peer", "swarm", "gossip-router"
        }) {
      Outcome help = simplex(sub, "--help");
      assertEquals(0, help.exit(), sub);
      assertTrue(help.out().contains("Usage: simplex " + sub), help.out());
      Outcome version = simplex(sub, "--version");
      assertEquals(0, version.exit(), sub);
      assertTrue(version.out().startsWith("simplex "), version.out());
    }
  }

  @Test
  void disasmShowsCheckpointPointsAndTheSourceBesideTheInstructions() throws IOException {
    Path src =
        Files.writeString(
            dir.resolve("steps.sx"),
            """
            fn twice(n: i64) -> i64 { n * 2 }
            actor Stepper {
                var done: i64 = 0
                receive Step(n: i64) {
                    done += twice(n)
                    self.save()
                }
                fn save() { checkpoint() }
            }
            fn main() { let s = spawn Stepper; send(s, Step(1)) }
            """);
    Path sbc = dir.resolve("steps.sbc");
    assertEquals(0, simplex("build", src.toString(), "-o", sbc.toString()).exit());
    String text = simplex("disasm", sbc.toString()).out();
    String twice = section(text, "fn twice ");
    assertTrue(twice.contains("checkpoint points: none"), twice);
    assertTrue(twice.contains("; fn twice(n: i64) -> i64 { n * 2 }"), twice);
    String save = section(text, "fn Stepper::save ");
    assertTrue(
        save.lines().anyMatch(l -> l.contains("CHECKPOINT") && l.contains("<- checkpoint point")),
        save);
    String step = section(text, "fn Stepper::Step ");
    // the call into save is where the handler's own frame is captured
    assertTrue(
        step.lines()
            .anyMatch(l -> l.contains("CALL") && l.contains("Stepper::save") && l.contains("<-")),
        step);
    assertTrue(step.contains("; self.save()"), step);
    // without the source beside it, the listing still works, with line numbers only
    Files.delete(src);
    Outcome bare = simplex("disasm", sbc.toString());
    assertEquals(0, bare.exit(), bare.err());
    assertTrue(!bare.out().contains("; self.save()"), bare.out());
  }

  private static String section(String listing, String header) {
    int at = listing.indexOf(header);
    assertTrue(at >= 0, header + " in\n" + listing);
    int end = listing.indexOf("\nfn ", at + 1);
    return end < 0 ? listing.substring(at) : listing.substring(at, end);
  }

  @Test
  void anUnknownJitModeIsAUsageErrorNamingTheModes() {
    Outcome o = simplex("run", "--jit=sometimes", "../examples/hello.sx");
    assertEquals(2, o.exit());
    assertEquals("error: --jit must be off, auto or always, not 'sometimes'\n", o.err());
    assertEquals("", o.out());
  }

  @Test
  void versionNamesTheProjectVersion() {
    Outcome o = simplex("--version");
    assertEquals(0, o.exit());
    assertTrue(o.out().matches("(?s)simplex \\d+\\.\\d+\\.\\d+.*"), o.out());
  }

  @Test
  void withoutACommandTheArgumentsAreThePeersOptions() {
    assertArrayEquals(new String[] {"peer"}, SimplexCommand.peerByDefault(new String[0]));
    assertArrayEquals(
        new String[] {"peer", "--swarm", "lab"},
        SimplexCommand.peerByDefault(new String[] {"--swarm", "lab"}));
    assertArrayEquals(
        new String[] {"--help"}, SimplexCommand.peerByDefault(new String[] {"--help"}));
    assertArrayEquals(
        new String[] {"run", "x.sx"}, SimplexCommand.peerByDefault(new String[] {"run", "x.sx"}));
  }

  @Test
  void aBadPeerOptionWithoutACommandIsReportedByThePeer() {
    Outcome o = simplex("--port", "not-a-number");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--port"), o.err());
  }

  @Test
  void swarmMigrateIsACommandOfSwarm() {
    Outcome o = simplex("swarm", "migrate", "--help");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("Usage: simplex swarm migrate"), o.out());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Outcome o = simplex("frobnicate");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("frobnicate"), o.err());
  }

  @Test
  void buildWritesBinaryBytecodeStartingWithTheMagic() throws IOException {
    Path src = source("hi.sx", "fn main() { println(\"hi\") }\n");
    Path sbc = dir.resolve("hi.sbc");
    Outcome o = simplex("build", src.toString(), "-o", sbc.toString());
    assertEquals(0, o.exit(), o.err());
    byte[] bytes = Files.readAllBytes(sbc);
    assertArrayEquals("SPLX".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 4));
  }

  @Test
  void buildWithoutOutputWritesBesideTheSource() throws IOException {
    Path src = source("beside.sx", "fn main() {}\n");
    assertEquals(0, simplex("build", src.toString()).exit());
    assertTrue(Files.exists(dir.resolve("beside.sbc")));
  }

  @Test
  void builtBytecodeRunsLikeTheSourceWithArgumentsPassedThrough() throws IOException {
    Path src = source("exit.sx", "fn main() -> i64 {\n    println(\"from bytecode\")\n    7\n}\n");
    Path sbc = dir.resolve("exit.sbc");
    assertEquals(0, simplex("build", src.toString(), "-o", sbc.toString()).exit());
    Outcome fromSource = simplex("run", src.toString(), "--not-an-option", "x");
    Outcome fromBytecode = simplex("run", sbc.toString());
    assertEquals(7, fromSource.exit(), fromSource.err());
    assertEquals(7, fromBytecode.exit(), fromBytecode.err());
    assertEquals("from bytecode\n", fromBytecode.out());
  }

  @Test
  void sameSourceBuildsByteIdenticalBytecode() throws IOException {
    Path src = source("det.sx", "fn sq(x: i64) -> i64 { x * x }\nfn main() { println(sq(4)) }\n");
    Path a = dir.resolve("a.sbc");
    Path b = dir.resolve("b.sbc");
    simplex("build", src.toString(), "-o", a.toString());
    simplex("build", src.toString(), "-o", b.toString());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void disasmPrintsFunctionsWithHashes() throws IOException {
    Path src =
        source("d.sx", "fn twice(x: i64) -> i64 { x + x }\nfn main() { println(twice(21)) }\n");
    Path sbc = dir.resolve("d.sbc");
    simplex("build", src.toString(), "-o", sbc.toString());
    Outcome o = simplex("disasm", sbc.toString());
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("twice"), o.out());
    assertTrue(o.out().contains("main"), o.out());
    assertTrue(o.out().matches("(?s).*[0-9a-f]{16}.*"), "shows hashes:\n" + o.out());
  }

  @Test
  void checkReportsDiagnosticsAndProducesNothing() throws IOException {
    Path src = source("bad.sx", "fn main() {\n    println(nope)\n}\n");
    Outcome o = simplex("check", src.toString());
    assertEquals(2, o.exit());
    assertEquals("", o.out());
    assertTrue(o.err().startsWith("error[E0100]"), o.err());
    assertTrue(o.err().contains(" --> " + src + ":2:13"), o.err());
    assertTrue(Files.notExists(dir.resolve("bad.sbc")));
  }

  @Test
  void checkOfACorrectProgramIsSilent() throws IOException {
    Path src = source("good.sx", "fn main() { println(1) }\n");
    Outcome o = simplex("check", src.toString());
    assertEquals(0, o.exit(), o.err());
    assertEquals("", o.out());
  }

  @Test
  void runningGarbageBytecodeIsRejectedWithAMessage() throws IOException {
    Path sbc = dir.resolve("junk.sbc");
    Files.write(sbc, "SPLX this is not bytecode".getBytes(StandardCharsets.US_ASCII));
    Outcome o = simplex("run", sbc.toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().startsWith("error: " + sbc + " is not valid Simplex bytecode: "), o.err());
  }

  @Test
  void runningAMissingFileSaysSo() {
    Outcome o = simplex("run", dir.resolve("absent.sx").toString());
    assertEquals(1, o.exit());
    assertTrue(o.err().contains("no such file"), o.err());
  }
}
