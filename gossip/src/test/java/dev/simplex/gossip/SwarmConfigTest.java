package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmConfigTest {

  private final SwarmConfig base = SwarmConfig.forSwarm("lab");

  @Test
  void defaultsAreMulticastOnASiteLocalAddressAtPort7800WithoutSecret() {
    assertEquals(new Discovery.Multicast(), base.discovery());
    assertEquals("SITE_LOCAL", base.bindAddress());
    assertEquals(7800, base.port());
    assertTrue(base.secret().isEmpty());
  }

  @Test
  void theSecretNeverAppearsInToString() {
    String text = base.withSecret("hunter2-hunter2").toString();
    assertFalse(text.contains("hunter2"), text);
    assertTrue(text.contains("secret=set"), text);
  }

  @Test
  void badSwarmNamesAreRejected() {
    for (String bad : new String[] {"", " ", "has space", "-leading", "x".repeat(65), null}) {
      var e = assertThrows(IllegalArgumentException.class, () -> SwarmConfig.forSwarm(bad));
      assertTrue(e.getMessage().startsWith("--swarm"), e.getMessage());
    }
  }

  @Test
  void aShortSecretIsRejectedWithTheMinimumLength() {
    var e = assertThrows(IllegalArgumentException.class, () -> base.withSecret("short"));
    assertEquals("--secret must be at least 8 characters long", e.getMessage());
  }

  @Test
  void portsOutsideTheirRangeAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> base.withBind("127.0.0.1", 65536));
    assertThrows(IllegalArgumentException.class, () -> base.withBind("127.0.0.1", -1));
    assertThrows(IllegalArgumentException.class, () -> base.withAdvertised("h", 70000, 0));
    assertThrows(IllegalArgumentException.class, () -> base.withBind(" ", 7800));
  }

  @Test
  void attributeNamesAndSizesAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> base.withAttribute("bad key", "v"));
    assertThrows(IllegalArgumentException.class, () -> base.withAttribute("k", "x".repeat(1025)));
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= SwarmConfig.MAX_ATTRIBUTES; i++) {
      many.put("k" + i, "v");
    }
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SwarmConfig(
                    "lab",
                    PeerId.random(),
                    "127.0.0.1",
                    0,
                    new Discovery.Multicast(),
                    null,
                    "",
                    0,
                    0,
                    many));
    assertTrue(e.getMessage().contains("at most 32"), e.getMessage());
  }

  @Test
  void peerIdsMustBeSimpleNames() {
    assertThrows(IllegalArgumentException.class, () -> new PeerId("a b"));
    assertThrows(IllegalArgumentException.class, () -> new PeerId(""));
    assertEquals("node-1", new PeerId("node-1").value());
    assertTrue(PeerId.random().value().startsWith("peer-"));
  }

  @Test
  void anUnknownBindAddressFailsBeforeAnythingStarts() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SwarmNode.join(base.withBind("no-such-host.invalid", 0)));
    assertTrue(e.getMessage().contains("--bind 'no-such-host.invalid'"), e.getMessage());
  }
}
