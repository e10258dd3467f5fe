package dev.simplex.peer.swarm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.testing.LoopbackSwarm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A peer restarted before the swarm noticed its previous incarnation's death waits for that
 * incarnation to leave the view before it joins the grid (SwarmPeer.awaitPreviousIncarnation).
 */
class PreviousIncarnationTest {
  @Test
  void aRestartedPeerWaitsUntilItsPreviousIncarnationLeftTheView() throws Exception {
    String swarm = "incarnation-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    List<Integer> ports = LoopbackSwarm.freePorts(4);
    List<Integer> transports = List.of(ports.get(0), ports.get(1));
    SwarmNode old = LoopbackSwarm.join(swarm, "p1", ports.get(0), ports.get(2), transports);
    SwarmNode fresh = LoopbackSwarm.join(swarm, "p1", ports.get(1), ports.get(3), transports);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> fresh.view().size() == 2);
      // both claim p1: the new incarnation waits
      var waiting =
          CompletableFuture.runAsync(
              () -> SwarmPeer.awaitPreviousIncarnation(fresh, Duration.ofSeconds(60)));
      Thread.sleep(500);
      assertTrue(!waiting.isDone(), "it waits while the view lists the previous incarnation");
      old.close();
      waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(1, fresh.view().size());
    } finally {
      fresh.close();
      old.close();
    }
  }

  @Test
  void twoLiveProcessesWithOneIdGoOnAfterTheLimit() throws Exception {
    String swarm = "twins-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    List<Integer> ports = LoopbackSwarm.freePorts(4);
    List<Integer> transports = List.of(ports.get(0), ports.get(1));
    SwarmNode a = LoopbackSwarm.join(swarm, "p2", ports.get(0), ports.get(2), transports);
    SwarmNode b = LoopbackSwarm.join(swarm, "p2", ports.get(1), ports.get(3), transports);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> b.view().size() == 2);
      CompletableFuture.runAsync(
              () -> SwarmPeer.awaitPreviousIncarnation(b, Duration.ofMillis(300)))
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(2, b.view().size(), "a misconfiguration, reported, not a hang");
    } finally {
      a.close();
      b.close();
    }
  }
}
