package dev.simplex.bench.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host process's command line: parsed strictly, each mistake named. */
class HostMainTest {
  private static String error(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> HostMain.Args.parse(args))
        .getMessage();
  }

  @Test
  void aWellFormedCommandLineIsParsed() {
    var a = HostMain.Args.parse(new String[] {"s", "host", "7001", "7001, 7002", "/tmp/d"});
    assertEquals(new HostMain.Args("s", "host", 7001, List.of(7001, 7002), Path.of("/tmp/d")), a);
  }

  @Test
  void theWrongNumberOfArgumentsPrintsTheUsage() {
    assertEquals(HostMain.USAGE + " (got 2 arguments)", error("s", "host"));
  }

  @Test
  void aPortThatIsNotANumberIsNamed() {
    assertEquals("PORT 'x' is not a port number", error("s", "h", "x", "1", "/d"));
    assertEquals("PEER_PORTS '' is not a port number", error("s", "h", "1", "1,", "/d"));
  }

  @Test
  void aPortOutsideTheRangeIsNamed() {
    assertEquals("PORT 70000 is outside 1..65535", error("s", "h", "70000", "70000", "/d"));
  }

  @Test
  void thePeerListMustContainTheHostsOwnPort() {
    String e = error("s", "h", "7001", "7002", "/d");
    assertTrue(e.contains("must list PORT 7001"), e);
  }
}
