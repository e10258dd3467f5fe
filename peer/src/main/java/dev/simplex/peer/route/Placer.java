package dev.simplex.peer.route;

import dev.simplex.peer.swarm.PeerLoad;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the peer for a new actor from the peers' published load (design.md: new actors spread by
 * load unless a hint says otherwise). Loads are published about once a second, so the placements
 * this peer made since a peer's last sample are counted on top of it: a burst of spawns spreads
 * instead of piling onto whichever peer looked idlest a second ago.
 */
final class Placer {
  /** One peer as placement sees it; {@code freeHeap} < 0 when unknown. */
  record Candidate(String peerId, long actors, double cpu, long freeHeap) {}

  private record Recent(long sequence, long placed) {}

  private final String self;
  private final Map<String, Recent> recent = new HashMap<>();

  Placer(String self) {
    this.self = self;
  }

  /**
   * The peer for a new actor {@code id} among the peers in {@code view} that publish a load (this
   * peer always counts, with a zero load when it publishes none).
   */
  synchronized String choose(
      ActorId id,
      PlacementHint hint,
      Resources resources,
      Set<String> view,
      Map<String, PeerLoad> loads) {
    List<Candidate> candidates =
        view.stream()
            .filter(p -> p.equals(self) || loads.containsKey(p))
            .map(p -> candidate(p, loads.get(p)))
            .toList();
    if (candidates.isEmpty()) candidates = List.of(new Candidate(self, 0, 0, -1));
    String chosen = pick(id, hint, resources, candidates);
    Recent r = recent.get(chosen);
    recent.put(
        chosen,
        new Recent(
            r == null ? sequenceOf(loads.get(chosen)) : r.sequence(),
            r == null ? 1 : r.placed() + 1));
    return chosen;
  }

  private Candidate candidate(String peer, PeerLoad load) {
    long seq = sequenceOf(load);
    Recent r = recent.get(peer);
    if (r != null && r.sequence() != seq) {
      recent.remove(peer); // a new sample counts what was placed before it
      r = null;
    }
    long extra = r == null ? 0 : r.placed();
    if (load == null) return new Candidate(peer, extra, 0, -1);
    long free = load.heapMax() > 0 ? load.heapMax() - load.heapUsed() : -1;
    return new Candidate(peer, load.actors() + extra, Math.max(0, load.cpu()), free);
  }

  private static long sequenceOf(PeerLoad load) {
    return load == null ? -1 : load.sequence();
  }

  /** The pure decision, for Any, Spread and BinPacking (Locality is resolved before). */
  static String pick(ActorId id, PlacementHint hint, Resources resources, List<Candidate> all) {
    List<Candidate> fit =
        all.stream()
            .filter(c -> c.freeHeap() < 0 || c.freeHeap() >= resources.memoryBytes())
            .toList();
    List<Candidate> pool = fit.isEmpty() ? all : fit; // a hint, never a refusal
    Comparator<Candidate> tie =
        Comparator.comparing(
            (Candidate c) -> rendezvous(id, c.peerId()), Comparator.reverseOrder());
    Comparator<Candidate> leastLoaded =
        Comparator.comparingLong((Candidate c) -> Math.round(c.cpu() * 10))
            .thenComparingLong(Candidate::actors)
            .thenComparing(tie);
    Comparator<Candidate> order =
        switch (hint) {
          case PlacementHint.Spread s ->
              Comparator.comparingLong(Candidate::actors).thenComparing(tie);
          case PlacementHint.BinPacking b ->
              Comparator.comparingLong((Candidate c) -> -c.actors())
                  .thenComparing(Candidate::peerId);
          case PlacementHint.Any a -> leastLoaded;
          case PlacementHint.Locality l -> leastLoaded; // its actor is gone: place by load
        };
    return pool.stream().min(order).orElseThrow().peerId();
  }

  /** Rendezvous weight: spawners agree on ties without talking, yet ties spread over peers. */
  static long rendezvous(ActorId id, String peer) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((id.value() + "|" + peer).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
