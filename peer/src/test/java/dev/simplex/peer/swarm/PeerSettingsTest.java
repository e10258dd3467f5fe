package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.Discovery;
import dev.simplex.gossip.HostPort;
import dev.simplex.gossip.PeerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSettingsTest {
  @TempDir Path dir;

  @Test
  void noArgumentsMeansTheDefaultSwarmByMulticastWithAdminOnLoopback() {
    PeerSettings s = PeerSettings.defaults();
    assertEquals("simplex", s.swarm());
    assertEquals(new Discovery.Multicast(), s.discovery());
    assertEquals("127.0.0.1", s.adminHost());
    assertEquals(7070, s.adminPort());
    assertEquals(7800, s.port());
    assertEquals(-1, s.gridPort());
    assertTrue(s.peerId().isEmpty());
    assertTrue(s.secret().isEmpty());
    assertTrue(s.rebalance(), "peers rebalance unless told not to");
  }

  @Test
  void checkpointsGoToAnS3BucketOnlyWhenTheStoreSaysS3AndItsKeysAreComplete() throws Exception {
    assertTrue(PeerSettings.defaults().checkpointS3().isEmpty(), "the grid alone by default");
    Path file = dir.resolve("s3.conf");
    Files.writeString(
        file,
        """
        checkpoint-store = s3
        checkpoint.s3.endpoint = http://127.0.0.1:9000
        checkpoint.s3.bucket = swarm-checkpoints
        checkpoint.s3.access-key = id
        checkpoint.s3.secret-key = key
        checkpoint.s3.prefix = swarm-a/
        """);
    var s3 = PeerSettings.resolve(Map.of(), Map.of(), Optional.of(file)).checkpointS3().get();
    assertEquals("swarm-checkpoints", s3.bucket());
    assertFalse(
        PeerSettings.resolve(Map.of(), Map.of(), Optional.of(file)).toString().contains("key"),
        "the secret key is never printed");
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PeerSettings.resolve(Map.of("checkpoint-store", "s3"), Map.of(), Optional.empty()));
    assertTrue(missing.getMessage().contains("checkpoint.s3.endpoint"), missing.getMessage());
    var stray =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PeerSettings.resolve(
                    Map.of("checkpoint.s3.bucket", "b"), Map.of(), Optional.empty()));
    assertEquals(
        "--checkpoint.s3.bucket is set, but checkpoint-store is grid (set it to s3 to use the"
            + " bucket)",
        stray.getMessage());
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PeerSettings.resolve(
                    Map.of("checkpoint-store", "nfs"), Map.of(), Optional.empty()));
    assertEquals("--checkpoint-store 'nfs' is neither grid nor s3", bad.getMessage());
  }

  @Test
  void rebalancingIsTurnedOffByFlagOrFile() throws Exception {
    assertFalse(
        PeerSettings.resolve(Map.of("rebalance", "off"), Map.of(), Optional.empty()).rebalance());
    Path file = write("rebalance = off\n");
    assertFalse(PeerSettings.resolve(Map.of(), Map.of(), Optional.of(file)).rebalance());
    assertTrue(
        PeerSettings.resolve(Map.of("rebalance", "on"), Map.of(), Optional.of(file)).rebalance());
  }

  @Test
  void theConfigFileSetsValuesAndFlagsAndEnvironmentOverrideIt() throws Exception {
    Path file =
        write(
            """
            # lab swarm
            swarm = lab
            port = 7900
            discovery = tcp:10.0.0.5:7800,10.0.0.6:7800

            secret = from-the-file-1234
            admin = 0.0.0.0:7171
            """);
    PeerSettings fileOnly = PeerSettings.resolve(Map.of(), Map.of(), Optional.of(file));
    assertEquals("lab", fileOnly.swarm());
    assertEquals(7900, fileOnly.port());
    assertEquals(
        new Discovery.TcpHosts(
            List.of(new HostPort("10.0.0.5", 7800), new HostPort("10.0.0.6", 7800))),
        fileOnly.discovery());
    assertEquals(Optional.of("from-the-file-1234"), fileOnly.secret());
    assertEquals("0.0.0.0", fileOnly.adminHost());
    assertEquals(7171, fileOnly.adminPort());

    PeerSettings layered =
        PeerSettings.resolve(
            Map.of("port", "7901"),
            Map.of(PeerSettings.SECRET_ENV, "from-the-environment"),
            Optional.of(file));
    assertEquals(7901, layered.port());
    assertEquals("lab", layered.swarm());
    assertEquals(Optional.of("from-the-environment"), layered.secret());

    PeerSettings flagWins =
        PeerSettings.resolve(
            Map.of("secret", "from-the-flag-5678"),
            Map.of(PeerSettings.SECRET_ENV, "from-the-environment"),
            Optional.of(file));
    assertEquals(Optional.of("from-the-flag-5678"), flagWins.secret());
  }

  @Test
  void aBadFlagValueNamesTheFlag() {
    assertMessage("--port 'seven' is not a number", Map.of("port", "seven"), Optional.empty());
    assertMessage("--port 70000 is outside 0..65535", Map.of("port", "70000"), Optional.empty());
    assertMessage(
        "--admin 'localhost' is not ADDR:PORT", Map.of("admin", "localhost"), Optional.empty());
    assertMessage(
        "--discovery 'carrier-pigeon' is not understood",
        Map.of("discovery", "carrier-pigeon"),
        Optional.empty());
    assertMessage("--swarm 'no spaces' is invalid", Map.of("swarm", "no spaces"), Optional.empty());
    assertMessage(
        "--grid-backups 9 is outside 0..6", Map.of("grid-backups", "9"), Optional.empty());
    assertMessage(
        "--rebalance 'sometimes' is neither on nor off",
        Map.of("rebalance", "sometimes"),
        Optional.empty());
    assertMessage(
        "--secret: --secret must be at least", Map.of("secret", "short"), Optional.empty());
    assertMessage(
        "--peer-id: peer id 'a b' is invalid", Map.of("peer-id", "a b"), Optional.empty());
  }

  @Test
  void aBadFileValueNamesTheFileLineAndKey() throws Exception {
    Path file = write("swarm = lab\nport = many\n");
    assertMessage(file + ":2: port 'many' is not a number", Map.of(), Optional.of(file));
    Path discovery = write("discovery = tcp:\n");
    assertMessage(
        discovery + ":1: discovery: --discovery tcp needs at least one HOST:PORT",
        Map.of(),
        Optional.of(discovery));
  }

  @Test
  void aFlagOverridingABadFileValueIsAccepted() throws Exception {
    Path file = write("port = many\n");
    assertEquals(
        7802, PeerSettings.resolve(Map.of("port", "7802"), Map.of(), Optional.of(file)).port());
  }

  @Test
  void unknownRepeatedOrMalformedFileLinesAreErrorsNamingTheLine() throws Exception {
    assertMessage(
        ":1: unknown key 'colour' (known keys: swarm, peer-id",
        Map.of(),
        Optional.of(write("colour = blue\n")));
    assertMessage(
        ":2: key 'swarm' is already set on line 1",
        Map.of(),
        Optional.of(write("swarm = a\nswarm = b\n")));
    assertMessage(
        ":1: expected 'key = value', got 'just words'",
        Map.of(),
        Optional.of(write("just words\n")));
    assertMessage(
        "--config " + dir.resolve("missing.conf") + ": no such file",
        Map.of(),
        Optional.of(dir.resolve("missing.conf")));
  }

  @Test
  void theSecretIsNeverPrinted() {
    PeerSettings s =
        PeerSettings.resolve(Map.of("secret", "do-not-print-me"), Map.of(), Optional.empty());
    assertFalse(s.toString().contains("do-not-print-me"), s.toString());
  }

  @Test
  void aPeerKeepsItsIdInTheDataDirectoryAcrossRestarts() throws Exception {
    PeerId first = PeerIdFile.loadOrCreate(dir.resolve("data"));
    assertEquals(first, PeerIdFile.loadOrCreate(dir.resolve("data")));
    assertEquals(first.value(), Files.readString(dir.resolve("data/peer-id")).strip());
  }

  @Test
  void aCorruptPeerIdFileIsAnErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("peer-id"), "not a valid id!\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PeerIdFile.loadOrCreate(dir));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("peer-id") + " holds no valid peer id"),
        e.getMessage());
  }

  @Test
  void anUnusableDataDirectoryNamesTheDataOption() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    var e =
        assertThrows(
            java.io.UncheckedIOException.class, () -> PeerIdFile.loadOrCreate(file.resolve("sub")));
    assertTrue(
        e.getMessage().startsWith("--data " + file.resolve("sub") + " cannot be used"),
        e.getMessage());
  }

  private void assertMessage(String expected, Map<String, String> flags, Optional<Path> file) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PeerSettings.resolve(flags, Map.of(), file));
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }

  private int files;

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("peer-" + (++files) + ".conf"), text);
  }
}
