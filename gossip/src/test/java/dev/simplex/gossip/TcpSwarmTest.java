package dev.simplex.gossip;

import static dev.simplex.gossip.LoopbackSwarm.LOOPBACK;
import static dev.simplex.gossip.LoopbackSwarm.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jgroups.BytesMessage;
import org.jgroups.ObjectMessage;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpSwarmTest {

  private final LoopbackSwarm swarm = new LoopbackSwarm();

  @AfterEach
  void closeNodes() throws Exception {
    swarm.close();
  }

  private List<SwarmNode> startTcp(int n) {
    String name = LoopbackSwarm.uniqueName("tcp");
    List<Integer> ports = LoopbackSwarm.freePorts(n);
    var hosts = ports.stream().map(p -> new HostPort(LOOPBACK, p)).toList();
    List<SwarmNode> nodes =
        ports.stream()
            .map(
                port ->
                    swarm.join(
                        SwarmConfig.forSwarm(name)
                            .withPeerId(new PeerId("tcp-" + port))
                            .withBind(LOOPBACK, port)
                            .withDiscovery(new Discovery.TcpHosts(hosts))
                            .withAdvertised(LOOPBACK, port + 1, port + 2)
                            .withAttribute("gpu", "none")))
            .toList();
    Set<PeerId> everyone = nodes.stream().map(SwarmNode::id).collect(Collectors.toSet());
    for (SwarmNode node : nodes) {
      eventually().until(() -> Set.copyOf(node.view().ids()).equals(everyone));
    }
    return nodes;
  }

  @Test
  void threeNodesWithTcpPingFormOneView() {
    List<SwarmNode> nodes = startTcp(3);
    long viewId = nodes.get(0).view().id();
    eventually().until(() -> nodes.stream().allMatch(n -> n.view().id() == viewId));
    assertEquals(nodes.get(0).view().ids(), nodes.get(1).view().ids());
    assertEquals(nodes.get(0).view().ids(), nodes.get(2).view().ids());
    SwarmNode first = nodes.get(0);
    assertEquals(
        new HostPort(LOOPBACK, Integer.parseInt(first.id().value().substring(4))),
        first.localAddress());
  }

  @Test
  void everyPeerSeesWhatTheOthersAdvertiseForHazelcast() {
    List<SwarmNode> nodes = startTcp(2);
    SwarmNode a = nodes.get(0);
    SwarmNode b = nodes.get(1);
    PeerInfo bSeenByA = a.view().member(b.id()).orElseThrow();
    int bPort = b.localAddress().port();
    assertEquals(LOOPBACK, bSeenByA.host());
    assertEquals(bPort + 1, bSeenByA.hazelcastPort());
    assertEquals(bPort + 2, bSeenByA.adminPort());
    assertEquals(Map.of("gpu", "none"), bSeenByA.attributes());
    assertEquals(LOOPBACK + ":" + (bPort + 1), bSeenByA.hazelcastMember());
    assertEquals(b.self(), bSeenByA);
  }

  @Test
  void envelopesReachOnePeerAndBroadcastsReachAllOthers() {
    List<SwarmNode> nodes = startTcp(3);
    SwarmNode sender = nodes.get(0);
    List<List<Delivery>> inboxes =
        List.of(
            new CopyOnWriteArrayList<>(),
            new CopyOnWriteArrayList<>(),
            new CopyOnWriteArrayList<>());
    for (int i = 0; i < 3; i++) {
      nodes.get(i).onEnvelope(EnvelopeKind.ROUTING, inboxes.get(i)::add);
      nodes.get(i).onEnvelope(EnvelopeKind.PLACEMENT, inboxes.get(i)::add);
    }
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    assertTrue(sender.send(nodes.get(1).id(), EnvelopeKind.ROUTING, 3, hello));
    sender.broadcast(EnvelopeKind.PLACEMENT, 1, "moved".getBytes(StandardCharsets.UTF_8));

    eventually().until(() -> inboxes.get(1).size() == 2 && inboxes.get(2).size() == 1);
    Delivery direct =
        inboxes.get(1).stream()
            .filter(d -> d.kind() == EnvelopeKind.ROUTING)
            .findFirst()
            .orElseThrow();
    assertEquals(sender.id(), direct.from());
    assertEquals(3, direct.kindVersion());
    assertArrayEquals(hello, direct.payload());
    assertEquals(EnvelopeKind.PLACEMENT, inboxes.get(2).get(0).kind());
    assertTrue(inboxes.get(0).isEmpty(), "a broadcast is not delivered to its sender");
    assertEquals(2, sender.metrics().sent());
  }

  @Test
  void messagesFromOneSenderArriveInOrder() {
    List<SwarmNode> nodes = startTcp(2);
    List<Integer> received = new CopyOnWriteArrayList<>();
    nodes.get(1).onEnvelope(EnvelopeKind.MIGRATION, d -> received.add((int) d.payload()[0]));
    for (int i = 0; i < 100; i++) {
      nodes.get(0).send(nodes.get(1).id(), EnvelopeKind.MIGRATION, 1, new byte[] {(byte) i});
    }
    eventually().until(() -> received.size() == 100);
    for (int i = 0; i < 100; i++) {
      assertEquals(i, received.get(i));
    }
  }

  @Test
  void sendingToAPeerOutsideTheViewIsRefusedAndCounted() {
    SwarmNode node = startTcp(1).get(0);
    assertFalse(node.send(new PeerId("nobody"), EnvelopeKind.ROUTING, 1, new byte[0]));
    assertEquals(1, node.metrics().unroutable());
  }

  @Test
  void badEnvelopeBytesAreCountedAndDropped() throws Exception {
    List<SwarmNode> nodes = startTcp(2);
    SwarmNode receiver = nodes.get(1);
    List<Delivery> good = new CopyOnWriteArrayList<>();
    receiver.onEnvelope(EnvelopeKind.ROUTING, good::add);
    var target = receiver.channel().getAddress();
    var wire = nodes.get(0).channel();
    wire.send(new BytesMessage(target, new byte[] {1, 2, 3})); // shorter than a header
    wire.send(new BytesMessage(target, new byte[] {0x5C, 9, 1, 0, 0, 0, 0, 0})); // format 9
    wire.send(new BytesMessage(target, new byte[] {0x5C, 1, 99, 0, 0, 0, 0, 0})); // kind 99
    wire.send(new BytesMessage(target, new byte[] {0x5C, 1, 1, 0, 0, 0, 0, 7})); // truncated
    wire.send(new ObjectMessage(target, "not an envelope"));
    nodes.get(0).send(receiver.id(), EnvelopeKind.INFERENCE, 1, new byte[0]); // no handler
    nodes.get(0).send(receiver.id(), EnvelopeKind.ROUTING, 1, new byte[] {42});

    eventually().until(() -> good.size() == 1);
    TransportMetrics m = receiver.metrics();
    assertEquals(3, m.droppedMalformed());
    assertEquals(1, m.droppedUnsupportedVersion());
    assertEquals(1, m.droppedUnknownKind());
    assertEquals(1, m.droppedNoHandler());
    assertEquals(1, m.delivered());
    assertTrue(receiver.isOpen());
  }

  @Test
  void aFailingHandlerIsCountedAndTheNextMessageStillArrives() {
    List<SwarmNode> nodes = startTcp(2);
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    nodes
        .get(1)
        .onEnvelope(
            EnvelopeKind.CONTROL,
            d -> {
              seen.add(d);
              if (d.payload()[0] == 0) {
                throw new IllegalStateException("handler bug");
              }
            });
    nodes.get(0).send(nodes.get(1).id(), EnvelopeKind.CONTROL, 1, new byte[] {0});
    nodes.get(0).send(nodes.get(1).id(), EnvelopeKind.CONTROL, 1, new byte[] {1});
    eventually().until(() -> seen.size() == 2);
    assertEquals(1, nodes.get(1).metrics().handlerFailures());
    assertEquals(1, nodes.get(1).metrics().delivered());
  }

  @Test
  void aClosedNodeLeavesTheViewAndOthersHearThatItLeft() {
    List<SwarmNode> nodes = startTcp(3);
    List<MembershipEvent> events = new CopyOnWriteArrayList<>();
    nodes.get(0).addListener(events::add);
    SwarmNode leaver = nodes.get(2);
    PeerId gone = leaver.id();
    leaver.close();

    eventually().until(() -> nodes.get(0).view().size() == 2 && nodes.get(1).view().size() == 2);
    assertFalse(nodes.get(0).view().contains(gone));
    assertTrue(
        events.stream()
            .anyMatch(e -> e instanceof MembershipEvent.Left l && l.peer().id().equals(gone)));
    assertTrue(events.getLast() instanceof MembershipEvent.ViewInstalled);
    assertThrows(
        IllegalStateException.class, () -> leaver.broadcast(EnvelopeKind.CONTROL, 1, new byte[0]));
  }

  @Test
  void aCrashedNodeIsSuspectedAndExcluded() throws Exception {
    List<SwarmNode> nodes = startTcp(3);
    List<MembershipEvent> events = new CopyOnWriteArrayList<>();
    nodes.get(0).addListener(events::add);
    SwarmNode victim = nodes.get(1);
    PeerId gone = victim.id();
    Util.shutdown(victim.channel()); // no leave message: only failure detection can notice

    eventually()
        .until(() -> !nodes.get(0).view().contains(gone) && !nodes.get(2).view().contains(gone));
    assertTrue(
        events.stream()
            .anyMatch(e -> e instanceof MembershipEvent.Suspected s && s.peer().id().equals(gone)));
    assertTrue(
        events.stream()
            .anyMatch(e -> e instanceof MembershipEvent.Left l && l.peer().id().equals(gone)));
  }

  @Test
  void aSecondNodeOnATakenPortFailsWithAClearMessage() {
    SwarmNode first = startTcp(1).get(0);
    int port = first.localAddress().port();
    var clash =
        SwarmConfig.forSwarm(first.swarmName())
            .withBind(LOOPBACK, port)
            .withDiscovery(new Discovery.TcpHosts(List.of(new HostPort(LOOPBACK, port))));
    SwarmException e = assertThrows(SwarmException.class, () -> swarm.join(clash));
    assertTrue(e.getMessage().contains("cannot bind 127.0.0.1:" + port), e.getMessage());
  }
}
