package dev.simplex.peer.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover without a leader (issue 7 item 3), with three peer JVMs on three namespaced hosts: a
 * submitted program on peer 1 keeps sending to twelve checkpointing counters spread over the peers;
 * the peer (2 or 3) hosting more of them is killed with SIGKILL. Its counters come back on the
 * survivors, each on the survivor that rendezvous hashing names, from their grid checkpoints; the
 * messages sent meanwhile are delivered, and every counter ends with exactly the number of messages
 * sent to it. Prints the time from the kill to the first message a restored counter served. Skipped
 * where network namespaces are not permitted.
 */
class NetnsFailoverTest {
  static final Duration LIMIT = Duration.ofSeconds(120);
  static final int COUNTERS = 12;
  static final int ROUNDS = 1500;
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
  void aKilledPeersCheckpointedCountersComeBackOnTheSurvivorsWithExactCounts() throws Exception {
    failover(false);
  }

  /**
   * Issue 7 item 4: the same with the peer hung by SIGSTOP; once its counters were restored
   * elsewhere it continues (SIGCONT), and each of its stale activations is fenced by epoch instead
   * of handling more mail.
   */
  @Test
  void aHungPeersCountersMoveAndItsStaleActivationsAreFencedWhenItContinues() throws Exception {
    failover(true);
  }

  private void failover(boolean hang) throws Exception {
    CountingSwarm run =
        CountingSwarm.start(
            "failover", data, cleanup, LIMIT, COUNTERS, ROUNDS, "placement: Spread");
    PeerProcess[] peers = run.peers;
    // the victim: whichever of peers 2 and 3 hosts more counters (peer 1 runs main)
    int[] hosted = run.hosted();
    int victim = CountingSwarm.busier(hosted);
    int other = 5 - victim;
    long killedAt = System.currentTimeMillis();
    if (hang) peers[victim].signal("STOP");
    else peers[victim].kill();

    List<String> live = List.of("net-peer-1", "net-peer-" + other);
    List<String> restoredOn = new ArrayList<>();
    for (int i : new int[] {1, other}) {
      peers[i].awaitLine("peer net-peer-" + victim + " left", LIMIT);
    }
    if (hang) {
      // once its counters are served elsewhere, the hung peer continues
      for (int i = 0; i < hosted[victim]; i++) {
        String line = PeerProcess.awaitAny(LIMIT, "of lost peer net-peer-", peers[1], peers[other]);
        assertTrue(line.contains("of lost peer net-peer-" + victim + " on"), line);
      }
      peers[victim].signal("CONT");
      for (int i = 0; i < hosted[victim]; i++) peers[victim].awaitLine("fenced: actor", LIMIT);
    }
    // every counter got every round, exactly once
    run.assertExactCounts(LIMIT);

    // the victim's counters were restored, each on its rendezvous owner, exactly once
    Pattern restored =
        Pattern.compile("failover: restored actor (\\S+) of lost peer (\\S+) on (\\S+) from");
    Pattern served =
        Pattern.compile("failover: restored actor (\\S+) serves its first message at wall (\\d+)");
    long firstServed = Long.MAX_VALUE;
    for (int i : new int[] {1, other}) {
      for (String line : peers[i].output().lines().toList()) {
        Matcher m = restored.matcher(line);
        if (m.find()) {
          assertEquals("net-peer-" + victim, m.group(2), line);
          assertEquals(owner(m.group(1), live), m.group(3), "rendezvous owner of " + line);
          assertEquals("net-peer-" + i, m.group(3), line);
          restoredOn.add(m.group(1) + " on " + m.group(3));
        }
        Matcher s = served.matcher(line);
        if (s.find()) firstServed = Math.min(firstServed, Long.parseLong(s.group(2)));
      }
    }
    assertEquals(
        hosted[victim],
        restoredOn.size(),
        "restored " + restoredOn + " of the " + hosted[victim] + " counters on the killed peer");
    assertEquals(
        restoredOn.size(),
        restoredOn.stream().map(r -> r.substring(0, r.indexOf(' '))).distinct().count(),
        "an actor was restored twice: " + restoredOn);
    assertFalse(firstServed == Long.MAX_VALUE, "no restored counter served a message");
    System.out.printf(
        "failover: %d counters of net-peer-%d restored (%s); %s to first message served by a"
            + " restored actor: %d ms%n",
        restoredOn.size(),
        victim,
        restoredOn,
        hang ? "SIGSTOP" : "SIGKILL",
        firstServed - killedAt);
  }

  /** The same rendezvous hashing as the router's: SHA-256 of "actor|peer", highest wins. */
  static String owner(String actorId, List<String> live) throws Exception {
    Comparator<String> weight =
        Comparator.comparingLong(
            (String p) -> {
              try {
                byte[] h =
                    MessageDigest.getInstance("SHA-256")
                        .digest((actorId + "|" + p).getBytes(StandardCharsets.UTF_8));
                long v = 0;
                for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
                return v;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    return live.stream().max(weight.thenComparing(Comparator.reverseOrder())).orElseThrow();
  }

  private PeerProcess peer(NetnsLan lan, int host, String swarm, String discovery)
      throws Exception {
    PeerProcess p = lan.startPeer(host, swarm, discovery, data);
    cleanup.add(p);
    return p;
  }
}
