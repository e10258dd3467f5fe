package dev.simplex.peer.swarm;

import dev.simplex.peer.admin.LogTail;
import dev.simplex.peer.testing.LoopbackSwarm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Starts peers in this JVM on loopback, found by a TCP list of each other's transport ports. */
final class LoopbackPeers {
  private LoopbackPeers() {}

  static String uniqueSwarm(String what) {
    return what
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + ThreadLocalRandom.current().nextInt(1 << 20);
  }

  static List<Integer> freePorts(int n) {
    return LoopbackSwarm.freePorts(n);
  }

  static PeerSettings settings(String swarm, String id, int port, List<Integer> all, Path data) {
    String discovery = "tcp:" + String.join(",", all.stream().map(p -> "127.0.0.1:" + p).toList());
    return PeerSettings.resolve(
        Map.of(
            "swarm",
            swarm,
            "peer-id",
            id,
            "bind",
            "127.0.0.1",
            "port",
            Integer.toString(port),
            "discovery",
            discovery,
            "data",
            data.toString(),
            "admin",
            "127.0.0.1:0",
            "grid-port",
            "0"),
        Map.of(),
        Optional.empty());
  }

  static SwarmPeer start(PeerSettings settings, LogTail logs) {
    return SwarmPeer.start(settings, LoadProbe.IDLE, logs);
  }
}
