package dev.simplex.peer.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.ObjectStore;
import dev.simplex.checkpoint.s3.S3ObjectStore;
import dev.simplex.checkpoint.s3.S3Server;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.grid.CheckpointObjects;
import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 3: checkpoints outlive the peer that wrote them, as an option in an S3-compatible
 * object store ({@code checkpoint-store = s3}), here s3proxy started on loopback. Three peers whose
 * grid keeps no backups: a checkpointing counter (one replica) on a peer that also owns its grid
 * partition loses its placement and its grid checkpoint when that peer is killed; without the
 * bucket it is lost ({@code ReplicaFailoverTest}'s single counter). With it, the survivor that owns
 * it by rendezvous hashing restores it from the bucket, and it ends with exactly the messages sent.
 */
class S3FailoverTest {
  static final List<SwarmProgramTest.Peer> peers = new ArrayList<>();
  static final List<Boolean> dead = new ArrayList<>();
  static final List<ObjectStore> buckets = new ArrayList<>();
  static S3Server server;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start("swarm-checkpoints");
    peers.addAll(ReplicaFailoverTest.startPeers("s3fail", "b", 0, Duration.ofSeconds(8)));
    for (SwarmProgramTest.Peer p : peers) {
      dead.add(false);
      // what `simplex peer --checkpoint-store s3 --checkpoint.s3.*` sets up at start
      ObjectStore bucket = S3ObjectStore.open(server.config("swarm-checkpoints", "cp/"));
      buckets.add(bucket);
      p.grid().keepCheckpointsIn(new CheckpointObjects(bucket));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = 0; i < peers.size(); i++) if (!dead.get(i)) peers.get(i).close();
    for (ObjectStore b : buckets) b.close();
    server.close();
  }

  static int host(SwarmRef ref) {
    return ReplicaFailoverTest.host(peers, dead, ref);
  }

  static boolean ownsPartition(int i, SwarmRef ref) {
    return ReplicaFailoverTest.ownsPartition(peers, i, ref);
  }

  @Test
  void aCounterWhoseGridEntriesDieWithItsPeerIsRestoredFromTheBucketWithExactState() {
    SwarmProgramTest.Peer sender = peers.get(0);
    SbcModule module = Programs.compile(ReplicaFailoverTest.COUNTER);
    String hash = sender.vm().publish(SbcWriter.write(module));
    SwarmRef counter = null;
    int victim = -1;
    for (int attempt = 0; attempt < 60 && counter == null; attempt++) {
      SwarmRef r =
          ReplicaFailoverTest.spawnCounter(
              sender, hash, module, SpawnOptions.DEFAULT.withPlacement(PlacementHint.SPREAD));
      int h = host(r);
      if (h > 0 && ownsPartition(h, r)) {
        counter = r;
        victim = h;
      } else {
        sender.actors().stop(r);
      }
    }
    assertTrue(counter != null, "no counter landed on a peer owning its partition");

    int n = 400;
    for (long k = 1; k <= n; k++) {
      if (k == n / 2) {
        assertEquals(
            k - 1,
            ReplicaFailoverTest.numbers(
                    sender.actors().ask(counter, ReplicaFailoverTest.seen(hash)))
                .size());
        ReplicaFailoverTest.kill(peers, dead, victim);
      }
      sender.actors().send(counter, ReplicaFailoverTest.add(hash, k));
    }
    AskResult after =
        sender.actors().ask(counter, ReplicaFailoverTest.seen(hash), Duration.ofSeconds(60));
    assertInstanceOf(AskResult.Reply.class, after, "the counter answers after the kill");
    assertEquals(
        LongStream.rangeClosed(1, n).boxed().toList(),
        ReplicaFailoverTest.numbers(((AskResult.Reply) after).value()),
        "every message once, in order");
    int newHost = host(counter);
    assertTrue(newHost >= 0 && newHost != victim, "restored on a survivor");
  }
}
