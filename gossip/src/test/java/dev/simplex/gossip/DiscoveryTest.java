package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

  @Test
  void multicastIsParsedInAnyCase() {
    assertEquals(new Discovery.Multicast(), Discovery.parse("multicast"));
    assertEquals(new Discovery.Multicast(), Discovery.parse(" MULTICAST "));
  }

  @Test
  void tcpListsEveryHostInOrder() {
    var d = Discovery.parse("tcp:10.0.0.5:7800,node-b:7801,[::1]:7802");
    assertEquals(
        new Discovery.TcpHosts(
            List.of(
                new HostPort("10.0.0.5", 7800),
                new HostPort("node-b", 7801),
                new HostPort("::1", 7802))),
        d);
    assertEquals("tcp:10.0.0.5:7800,node-b:7801,[::1]:7802", d.toString());
  }

  @Test
  void gossipNamesItsRouters() {
    assertEquals(
        new Discovery.GossipRouters(List.of(new HostPort("router", 12001))),
        Discovery.parse("gossip:router:12001"));
  }

  @Test
  void theStringFormRoundTrips() {
    for (String s : List.of("multicast", "tcp:a:1,b:2", "gossip:r1:12001,r2:12002")) {
      assertEquals(s, Discovery.parse(s).toString());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|--discovery is empty",
        "carrier-pigeon|is not understood",
        "multicast:239.1.1.1|takes no arguments",
        "tcp|needs at least one HOST:PORT",
        "tcp:|needs at least one HOST:PORT",
        "tcp:hostonly|expected HOST:PORT",
        "tcp:host:|expected HOST:PORT",
        "tcp:host:seven|is not a number",
        "tcp:host:0|outside 1..65535",
        "tcp:host:70000|outside 1..65535",
        "tcp:a:1,,b:2|empty entry",
        "tcp:::1:7800|brackets",
        "gossip:|needs at least one HOST:PORT",
      })
  void badDiscoveryStringsAreRejectedWithAClearReason(String input, String reason) {
    var e = assertThrows(IllegalArgumentException.class, () -> Discovery.parse(input));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void aNullDiscoveryStringIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Discovery.parse(null));
  }
}
