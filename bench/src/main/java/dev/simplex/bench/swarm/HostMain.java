package dev.simplex.bench.swarm;

import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The second peer process of the swarm benchmark: starts a peer, spawns the named {@link Sink} on
 * it while it is still alone in its swarm (so the sink is certain to live here), prints {@code
 * ready <actor id>} and serves until its standard input closes.
 *
 * <p>Usage: {@code HostMain SWARM PEER_ID PORT PEER_PORTS DATA_DIR}, PEER_PORTS comma-separated.
 */
public final class HostMain {
  static final String SINK_NAME = "bench-sink";
  static final String USAGE = "usage: HostMain SWARM PEER_ID PORT PEER_PORTS DATA_DIR";

  private HostMain() {}

  /** The parsed command line. */
  record Args(String swarm, String peerId, int port, List<Integer> peerPorts, Path data) {
    static Args parse(String[] args) {
      if (args.length != 5)
        throw new IllegalArgumentException(USAGE + " (got " + args.length + " arguments)");
      int port = port("PORT", args[2]);
      List<Integer> peers = new ArrayList<>();
      for (String p : args[3].split(",", -1)) peers.add(port("PEER_PORTS", p.strip()));
      if (!peers.contains(port))
        throw new IllegalArgumentException("PEER_PORTS " + args[3] + " must list PORT " + port);
      return new Args(args[0], args[1], port, List.copyOf(peers), Path.of(args[4]));
    }

    private static int port(String what, String text) {
      int p;
      try {
        p = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " '" + text + "' is not a port number");
      }
      if (p < 1 || p > 65535)
        throw new IllegalArgumentException(what + " " + p + " is outside 1..65535");
      return p;
    }
  }

  /** Starts the peer and the sink; the caller owns the returned peer. */
  static BenchPeer startHost(Args a) {
    BenchPeer host =
        BenchPeer.start(
            Loopback.settings(a.swarm(), a.peerId(), a.port(), a.peerPorts(), a.data()));
    try {
      SwarmRef sink =
          host.actors().spawn(Sink.TYPE, null, SpawnOptions.DEFAULT.withName(SINK_NAME));
      if (host.actors().local(sink).isEmpty())
        throw new IllegalStateException(
            "the sink was placed on another peer: start the host before the others join");
      return host;
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  public static void main(String[] args) throws IOException {
    BenchPeer host = startHost(Args.parse(args));
    System.out.println("ready " + host.actors().lookup(SINK_NAME, Sink.TYPE).orElseThrow());
    System.out.flush();
    // The benchmark closes our stdin when it is done (or dies): that is the signal to leave.
    while (System.in.read() >= 0) {
      // nothing to read; only the end matters
    }
    host.close();
    System.exit(0);
  }
}
