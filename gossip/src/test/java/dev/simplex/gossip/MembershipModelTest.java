package dev.simplex.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** View diffs, the advertisement carried in addresses, and the derived multicast group. */
class MembershipModelTest {

  private static PeerInfo peer(String id, String incarnation) {
    return new PeerInfo(new PeerId(id), incarnation, "10.0.0.1", 5701, 8080, Map.of());
  }

  @Test
  void aViewChangeReportsLeftThenJoinedThenTheView() {
    var before = new SwarmView(1, List.of(peer("a", "1"), peer("b", "2")));
    var after = new SwarmView(2, List.of(peer("a", "1"), peer("c", "3")));
    List<MembershipEvent> events = ViewDiff.between(before, after, false);
    assertEquals(3, events.size());
    assertEquals(
        "b", assertInstanceOf(MembershipEvent.Left.class, events.get(0)).peer().id().value());
    assertEquals(
        "c", assertInstanceOf(MembershipEvent.Joined.class, events.get(1)).peer().id().value());
    assertEquals(
        after, assertInstanceOf(MembershipEvent.ViewInstalled.class, events.get(2)).view());
  }

  @Test
  void aRestartedPeerWithTheSameIdLeavesAndJoinsAgain() {
    var before = new SwarmView(1, List.of(peer("a", "old")));
    var after = new SwarmView(2, List.of(peer("a", "new")));
    List<MembershipEvent> events = ViewDiff.between(before, after, true);
    assertInstanceOf(MembershipEvent.Left.class, events.get(0));
    assertInstanceOf(MembershipEvent.Joined.class, events.get(1));
    assertTrue(assertInstanceOf(MembershipEvent.ViewInstalled.class, events.get(2)).merged());
  }

  @Test
  void anAdvertisementSurvivesTheAddressItIsCarriedIn() throws Exception {
    var self =
        new PeerInfo(new PeerId("gpu-box"), "", "10.1.2.3", 5701, 9090, Map.of("gpu", "a100"));
    ExtendedUUID address = PeerAdvertisement.address(self);
    // what another member reads after the address crossed the wire in a view
    var copy = new ExtendedUUID();
    var bytes = new java.io.ByteArrayOutputStream();
    address.writeTo(new java.io.DataOutputStream(bytes));
    copy.readFrom(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));

    PeerInfo read = PeerAdvertisement.read(copy);
    assertEquals(self.id(), read.id());
    assertEquals("10.1.2.3:5701", read.hazelcastMember());
    assertEquals(9090, read.adminPort());
    assertEquals(Map.of("gpu", "a100"), read.attributes());
    assertEquals(address.toStringLong(), read.jgroupsAddress());
  }

  @Test
  void aMemberWithoutAnAdvertisementIsListedWithoutPorts() {
    PeerInfo read = PeerAdvertisement.read(UUID.randomUUID());
    assertEquals(0, read.hazelcastPort());
    assertEquals("", read.host());
  }

  @Test
  void aGarbledAdvertisementFallsBackInsteadOfThrowing() {
    ExtendedUUID address = ExtendedUUID.randomUUID("odd");
    address.put(PeerAdvertisement.KEY, new byte[] {1, 0, 99});
    PeerInfo read = PeerAdvertisement.read(address);
    assertEquals(0, read.hazelcastPort());
    assertTrue(PeerAdvertisement.decode(new byte[] {7}, "x").isEmpty(), "unknown format");
  }

  @Test
  void theMulticastGroupIsDerivedFromTheSwarmName() {
    MulticastGroup lab = MulticastGroup.forSwarm("lab");
    assertEquals(lab, MulticastGroup.forSwarm("lab"));
    assertNotEquals(lab, MulticastGroup.forSwarm("prod"));
    assertEquals(239, lab.address().getAddress()[0] & 0xff);
    assertTrue(lab.address().isMulticastAddress());
    assertTrue(
        lab.port() >= MulticastGroup.FIRST_PORT
            && lab.port() < MulticastGroup.FIRST_PORT + MulticastGroup.PORT_SPAN);
  }
}
