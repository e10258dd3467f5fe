package dev.simplex.peer.admin;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What a running peer shows through its admin endpoint; called on the endpoint's threads. */
public interface AdminSource {
  SwarmStatus status();

  /** Counters for {@code /metrics}: nested maps of numbers, written out as JSON as they are. */
  Map<String, Object> metrics();

  LogTail logs();

  /**
   * For {@code /actors}: this peer's replicated actors (actor id -> its standby peers) and how many
   * warm copies it holds for actors hosted elsewhere.
   */
  default Map<String, Object> replicas() {
    return Map.of();
  }

  /**
   * {@code POST /migrate?actor=ID&to=PEER}: moves the actor and describes the move as JSON. Throws
   * IllegalArgumentException for a request that names nothing valid (HTTP 400), and
   * IllegalStateException when the move failed and the actor stayed where it was (HTTP 409).
   */
  default Map<String, Object> migrate(String actorId, String toPeer) {
    throw new UnsupportedOperationException(
        "this peer does not route actors, so it cannot move them");
  }

  /**
   * {@code POST /drain?peer=PEER}: moves every actor off that peer (asking it through its own admin
   * endpoint when it is another one), which then leaves the swarm; describes the moves as JSON.
   * IllegalArgumentException for a peer not in the view (400), IllegalStateException when there is
   * nowhere to drain to (409).
   */
  default Map<String, Object> drain(String peerId) {
    throw new UnsupportedOperationException("this peer does not route actors, so it cannot drain");
  }

  /** A submitted program, verified and ready to run. */
  interface Program {
    /** Runs {@code main}, writing output as it happens; returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
  }

  /**
   * {@code POST /submit}: checks the bytecode (format, hashes, verifier) and returns the program to
   * run on this peer. Throws IllegalArgumentException for bytes that are not a valid program (HTTP
   * 400).
   */
  default Program submit(byte[] program) {
    throw new UnsupportedOperationException("this peer does not run submitted programs");
  }
}
