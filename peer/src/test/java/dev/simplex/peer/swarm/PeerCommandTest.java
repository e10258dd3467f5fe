package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's and the router's command lines, up to the point where they would run for good. */
class PeerCommandTest {

  @Test
  void badSettingsStopThePeerBeforeItJoinsWithExitCodeTwo() {
    Run run = run(new PeerCommand(), "--port", "not-a-port");
    assertEquals(PeerCommand.BAD_SETTINGS, run.code);
    assertEquals("simplex peer: --port 'not-a-port' is not a number\n", run.err);
  }

  @Test
  void aTakenAdminAddressIsAOneLineErrorNamingTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run run =
          run(
              new PeerCommand(),
              "--admin",
              "127.0.0.1:" + taken.getLocalPort(),
              "--peer-id",
              "cmd-test",
              "--data",
              System.getProperty("java.io.tmpdir"));
      assertEquals(PeerCommand.CANNOT_START, run.code);
      assertTrue(
          run.err.startsWith(
              "simplex peer: --admin 127.0.0.1:" + taken.getLocalPort() + " cannot be bound"),
          run.err);
    }
  }

  @Test
  void aTakenGridPortIsAOneLineErrorNamingTheOptionAndThePeerLeavesAgain() throws Exception {
    int port = LoopbackPeers.freePorts(1).get(0);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run run =
          run(
              new PeerCommand(),
              "--swarm",
              LoopbackPeers.uniqueSwarm("grid-port"),
              "--bind",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--discovery",
              "tcp:127.0.0.1:" + port,
              "--admin",
              "127.0.0.1:0",
              "--grid-port",
              Integer.toString(taken.getLocalPort()),
              "--peer-id",
              "grid-port-test",
              "--data",
              System.getProperty("java.io.tmpdir"));
      assertEquals(PeerCommand.CANNOT_START, run.code);
      assertEquals(1, run.err.lines().count(), run.err);
      assertTrue(
          run.err.startsWith(
              "simplex peer: the data grid cannot start on 127.0.0.1:" + taken.getLocalPort()),
          run.err);
      assertTrue(run.err.strip().endsWith("pick another --grid-port"), run.err);
    }
    // the swarm transport port was released: a new peer can bind it
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertEquals(port, again.getLocalPort());
    }
  }

  @Test
  void helpListsEveryConfigKeyAsAFlag() {
    Run run = run(new PeerCommand(), "--help");
    assertEquals(0, run.code);
    for (SettingKey key : SettingKey.values()) {
      assertTrue(run.out.contains(key.flag()), key.flag() + " missing from:\n" + run.out);
    }
    assertTrue(run.out.contains("--config"), run.out);
  }

  @Test
  void aGossipRouterOnATakenPortIsAOneLineError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run run =
          run(
              new GossipRouterCommand(),
              "--bind",
              "127.0.0.1",
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertEquals(1, run.code);
      assertTrue(
          run.err.startsWith("simplex gossip-router: gossip router cannot listen on 127.0.0.1:"),
          run.err);
      assertEquals(1, run.err.lines().count(), run.err);
    }
  }

  @Test
  void aGossipRouterPortOutOfRangeIsRefused() {
    Run run = run(new GossipRouterCommand(), "--port", "0");
    assertEquals(1, run.code);
    assertTrue(run.err.contains("port 0 is outside 1..65535"), run.err);
  }

  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
