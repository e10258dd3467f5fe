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
 * {@code replicas: 3} with three peer JVMs on namespaced hosts whose grid keeps no backups ({@code
 * --grid-backups 0}): a submitted program keeps sending to checkpointing counters spread over the
 * peers; the peer (2 or 3) hosting more of them is killed with SIGKILL. Whatever the grid lost with
 * it, each of its counters comes back from a standby's warm copy and ends with exactly the number
 * of messages sent to it. Skipped where network namespaces are not permitted.
 */
class NetnsReplicaTest {
  static final Duration LIMIT = Duration.ofSeconds(120);
  static final int COUNTERS = 6;
  static final int ROUNDS = 600;
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
  void replicatedCountersOfAKilledPeerComeBackExactlyWithoutGridBackups() throws Exception {
    CountingSwarm run =
        CountingSwarm.start(
            "replica",
            data,
            cleanup,
            LIMIT,
            COUNTERS,
            ROUNDS,
            "placement: Spread, replicas: 3",
            "--grid-backups",
            "0");
    NetnsLan lan = run.lan;
    PeerProcess[] peers = run.peers;
    int[] hosted = run.hosted();
    int victim = CountingSwarm.busier(hosted);
    int other = 5 - victim;
    String actors = lan.adminGet(victim, "/actors");
    Matcher standbys =
        Pattern.compile("\"standbys\"\\s*:\\s*\\{\\s*\"[^\"]+\"\\s*:\\s*\\[\\s*\"net-peer-")
            .matcher(actors);
    assertTrue(standbys.find(), "the victim lists its replicated actors' standbys: " + actors);
    peers[victim].kill();

    run.assertExactCounts(LIMIT);

    long restored = 0, fromWarm = 0;
    for (int i : new int[] {1, other}) {
      for (String line : peers[i].output().lines().toList()) {
        if (line.contains("failover: restored actor") && line.contains("of lost peer")) restored++;
        if (line.contains("restores from this peer's warm copy")) fromWarm++;
      }
    }
    assertEquals(hosted[victim], restored, "each counter of the killed peer restored once");
    System.out.printf(
        "replicas: %d counters of net-peer-%d restored, %d of them from a standby's warm copy%n",
        restored, victim, fromWarm);
  }
}
