package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 item 5, a partition: three peer processes in network namespaces with split-brain
 * protection ({@code --grid-min-members 2}); a submitted program on peer 1 keeps sending to twelve
 * checkpointing counters spread over the peers. The cable of the peer (2 or 3) hosting more of them
 * is pulled out of the switch while messages flow, then plugged back in. During the split the
 * majority restores that peer's counters and serves them; the minority takes ownership of nothing
 * (it restores no actor, its stale activations stop serving once their lease lapses). After the
 * heal the views and the grid merge, each stale activation on the minority is fenced by epoch, each
 * actor has exactly one activation, and every counter ends at exactly the number of messages sent
 * to it (no acknowledged checkpoint lost, no message handled twice). Skipped where network
 * namespaces are not permitted.
 */
class NetnsPartitionTest {
  static final Duration LIMIT = Duration.ofSeconds(150);
  static final int COUNTERS = 12;
  static final int ROUNDS = 4000;
  final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path data;

  @BeforeAll
  static void needsNamespaces() {
    NetnsLan.assumeUsable();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) c.close();
  }

  @Test
  void aCutOffPeerTakesNoOwnershipAndAfterTheHealEachActorHasOneActivationAndExactCounts()
      throws Exception {
    CountingSwarm run =
        CountingSwarm.start(
            "partition",
            data,
            cleanup,
            LIMIT,
            COUNTERS,
            ROUNDS,
            "placement: Spread",
            "--grid-min-members",
            "2");
    NetnsLan lan = run.lan;
    PeerProcess[] peers = run.peers;
    PeerProcess submit = run.submit;
    int[] hosted = run.hosted();
    int cut = CountingSwarm.busier(hosted);
    int other = 5 - cut;
    lan.cut(cut);

    // the majority sees it leave and restores each of its counters once
    for (int i : new int[] {1, other}) peers[i].awaitLine("peer net-peer-" + cut + " left", LIMIT);
    for (int k = 0; k < hosted[cut]; k++) {
      String line = PeerProcess.awaitAny(LIMIT, "of lost peer net-peer-", peers[1], peers[other]);
      assertTrue(line.contains("of lost peer net-peer-" + cut + " on"), line);
    }
    // the minority sees the others leave, but with 1 of at least 2 grid members it may not take
    // ownership of their actors: it restores none
    peers[cut].awaitLine("peer net-peer-" + other + " left", LIMIT);
    submit.awaitLine("progress", LIMIT); // sending goes on meanwhile
    Thread.sleep(3_000); // a few lease periods of the split, with mail flowing
    assertTrue(
        peers[cut].output().lines().noneMatch(l -> l.contains("failover: restored actor")),
        "the cut-off peer took ownership of actors:\n" + peers[cut].output());

    lan.heal(cut);
    // once the grid has merged, no stale activation is left on the minority: each was fenced by
    // epoch (or ended with the run whose origin it saw leave), so the counts each peer publishes
    // for itself add up to the counters: exactly one activation per actor
    int total = 0;
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      total = 0;
      for (int i = 1; i <= 3; i++) total += lan.hostedActors(i);
      if (total == COUNTERS) break;
      Thread.sleep(500);
    }
    assertTrue(
        submit.output().lines().noneMatch(l -> l.startsWith("count ")),
        "the program ended before the heal was checked; raise ROUNDS");
    assertEquals(COUNTERS, total, "activations across the three peers after the heal");

    run.assertExactCounts(LIMIT);

    // the cut-off peer's counters were restored once each, by the majority only
    Pattern restored =
        Pattern.compile("failover: restored actor (\\S+) of lost peer (\\S+) on (\\S+) from");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      for (String line : peers[i].output().lines().toList()) {
        Matcher m = restored.matcher(line);
        if (m.find()) {
          assertTrue(i != cut, "restored on the minority: " + line);
          ids.add(m.group(1));
        }
      }
    }
    assertEquals(hosted[cut], ids.size(), "restorations: " + ids);
    assertEquals(ids.size(), ids.stream().distinct().count(), "restored twice: " + ids);
    System.out.printf(
        "partition: net-peer-%d cut off with %d counters; restored by the majority %s; %d"
            + " stale activations fenced after the heal%n",
        cut,
        hosted[cut],
        ids,
        peers[cut].output().lines().filter(l -> l.contains("fenced: actor")).count());
  }
}
