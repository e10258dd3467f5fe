package dev.simplex.peer.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.peer.swarm.PeerLoad;
import dev.simplex.peer.testing.LoopbackSwarm;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcWriter;
import dev.simplex.sbc.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code replicas:} across three peers on loopback whose grid keeps no backups: a checkpointing
 * Simplex counter with three replicas lives on a peer that also owns its grid partition, so killing
 * that peer loses its placement and its grid checkpoint. Its best-ranked standby restores it from
 * its warm copy and it ends with exactly the messages sent to it; a counter with one replica in the
 * same place is lost, as without replicas.
 */
class ReplicaFailoverTest {
  static final List<SwarmProgramTest.Peer> peers = new ArrayList<>();
  static final List<Boolean> dead = new ArrayList<>();

  static final String COUNTER =
      """
      actor Counter {
          var seen: List<i64> = []
          receive Add(k: i64) {
              seen.push(k)
              checkpoint()
          }
          receive Seen -> List<i64> { seen }
      }
      fn main() {}
      """;

  @BeforeAll
  static void startPeers() {
    peers.addAll(startPeers("replica", "r", 0, Duration.ofSeconds(8)));
    peers.forEach(p -> dead.add(false));
  }

  /**
   * Three compiled-actor peers on loopback ({@code idPrefix} 1-3) whose grid keeps {@code backups}
   * copies, each publishing an idle load, once all three see each other in the view and the grid,
   * and the grid's partitions have settled (a partition that migrates after a test chose an actor
   * by its partition's owner would break the test's premise).
   */
  static List<SwarmProgramTest.Peer> startPeers(
      String swarmPrefix, String idPrefix, int backups, Duration orphanTimeout) {
    String swarm =
        swarmPrefix
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + ThreadLocalRandom.current().nextInt(1 << 20);
    List<Integer> ports = LoopbackSwarm.freePorts(6);
    List<Integer> transports = ports.subList(0, 3);
    var options =
        new SwarmActors.Options(Duration.ofSeconds(10), orphanTimeout, Duration.ofSeconds(5));
    List<SwarmProgramTest.Peer> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SwarmNode node =
          LoopbackSwarm.join(swarm, idPrefix + (i + 1), ports.get(i), ports.get(3 + i), transports);
      Grid grid = LoopbackSwarm.grid(swarm, ports.get(3 + i), node, backups);
      ActorSystem system = new ActorSystem(ActorSystem.Options.defaults().withParallelism(2));
      VmSwarm vm = new VmSwarm(grid, system);
      SwarmActors actors =
          SwarmActors.start(node, grid, system, vm.registry(), vm.codec(), options);
      vm.attach(actors);
      grid.<PeerLoad>load()
          .put(
              node.id().value(),
              new PeerLoad(node.id().value(), "127.0.0.1", 1, 0, 0, 0, 0, 0, 1 << 30));
      started.add(new SwarmProgramTest.Peer(node, grid, system, vm, actors));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                started.stream()
                    .allMatch(
                        p ->
                            p.node().view().size() == 3
                                && p.grid().memberCount() == 3
                                && p.grid().isSafe()));
    return started;
  }

  @AfterAll
  static void stopPeers() {
    for (int i = 0; i < peers.size(); i++) if (!dead.get(i)) peers.get(i).close();
  }

  /** A crash: the grid member stops without handing anything over, then the rest goes. */
  static void kill(int i) {
    kill(peers, dead, i);
  }

  static void kill(List<SwarmProgramTest.Peer> peers, List<Boolean> dead, int i) {
    SwarmProgramTest.Peer p = peers.get(i);
    dead.set(i, true);
    p.grid().terminate();
    p.node().close();
    p.actors().close();
    p.vm().close();
    p.system().shutdown();
  }

  static SwarmRef spawnCounter(
      SwarmProgramTest.Peer from, String hash, SbcModule module, SpawnOptions options) {
    var args =
        new VmValue.SpawnArgs("replica-run-" + System.nanoTime(), from.id(), List.of(), Map.of());
    return from.actors().spawn(hash + ":Counter", new VmValue(hash, args), options);
  }

  static int host(SwarmRef ref) {
    return host(peers, dead, ref);
  }

  /** The index of the live peer hosting {@code ref}, or -1. */
  static int host(List<SwarmProgramTest.Peer> peers, List<Boolean> dead, SwarmRef ref) {
    for (int i = 0; i < peers.size(); i++)
      if (!dead.get(i) && peers.get(i).actors().local(ref).isPresent()) return i;
    return -1;
  }

  static boolean ownsPartition(int i, SwarmRef ref) {
    return ownsPartition(peers, i, ref);
  }

  /** Whether peer {@code i} owns the grid partition of the actor (its placement and checkpoint). */
  static boolean ownsPartition(List<SwarmProgramTest.Peer> peers, int i, SwarmRef ref) {
    var owner = peers.get(0).grid().partitionOwner(ref.id().value());
    return peers.get(i).grid().address().equals(owner);
  }

  static List<Long> numbers(Object reply) {
    List<Long> out = new ArrayList<>();
    var list = (PortableValue.ListOf) Vm.toPortable(((VmValue) reply).value());
    for (var x : list.items()) out.add(((PortableValue.Int) x).value());
    return out;
  }

  @Test
  void aReplicatedCounterSurvivesItsPeerAndItsGridPartitionWithExactState() {
    SwarmProgramTest.Peer sender = peers.get(0);
    SbcModule module = Programs.compile(COUNTER);
    String hash = sender.vm().publish(SbcWriter.write(module));
    SpawnOptions three = SpawnOptions.DEFAULT.withReplicas(3).withPlacement(PlacementHint.SPREAD);

    // a replicated counter on peer 2 or 3 that also owns its grid partition
    SwarmRef replicated = null;
    int victim = -1;
    for (int attempt = 0; attempt < 60 && replicated == null; attempt++) {
      SwarmRef r = spawnCounter(sender, hash, module, three);
      int h = host(r);
      if (h > 0 && ownsPartition(h, r)) {
        replicated = r;
        victim = h;
      } else {
        sender.actors().stop(r);
      }
    }
    assertTrue(replicated != null, "no counter landed on a peer owning its partition");
    // beside it, a counter with one replica whose partition the victim owns too
    SwarmRef single = null;
    for (int attempt = 0; attempt < 60 && single == null; attempt++) {
      SwarmRef r =
          spawnCounter(
              sender,
              hash,
              module,
              SpawnOptions.DEFAULT.withPlacement(new PlacementHint.Locality(replicated)));
      assertEquals(victim, host(r), "Locality places it beside the replicated counter");
      if (ownsPartition(victim, r)) single = r;
      else sender.actors().stop(r);
    }
    assertTrue(single != null, "no single counter's partition is on the victim");

    int n = 400;
    for (long k = 1; k <= n; k++) {
      if (k == n / 2) {
        // every message so far is in a checkpoint the standbys hold
        assertEquals(k - 1, numbers(sender.actors().ask(replicated, seen(hash))).size());
        assertEquals(
            2,
            peers.get(victim).actors().standbys().get(replicated.id().value()).size(),
            "two standbys hold its copy");
        assertTrue(
            ownsPartition(victim, single), "the single counter's partition is still the victim's");
        kill(victim);
      }
      sender.actors().send(replicated, add(hash, k));
      sender.actors().send(single, add(hash, k));
    }

    List<Long> expected = LongStream.rangeClosed(1, n).boxed().toList();
    AskResult after = sender.actors().ask(replicated, seen(hash), Duration.ofSeconds(60));
    assertInstanceOf(AskResult.Reply.class, after, "the replicated counter answers after the kill");
    assertEquals(expected, numbers(((AskResult.Reply) after).value()));
    int newHost = host(replicated);
    assertTrue(newHost >= 0 && newHost != victim, "restored on a survivor, not on " + newHost);
    assertFalse(dead.get(newHost));

    AskResult lost = sender.actors().ask(single, seen(hash), Duration.ofSeconds(30));
    assertInstanceOf(
        AskResult.ActorDied.class, lost, "one replica, no grid copy: the counter is lost");
  }

  static VmValue add(String hash, long k) {
    return new VmValue(hash, new Message("Add", List.of(k)));
  }

  static VmValue seen(String hash) {
    return new VmValue(hash, new Message("Seen", List.of()));
  }
}
