package dev.simplex.peer.route;

import dev.simplex.peer.swarm.PeerLoad;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 *
 * <p>Resources: a peer publishes its cores, GPUs and free heap, and what the actors placed on it
 * reserved; what this placer sent there since that sample is reserved on top. Peers that still fit
 * the actor's {@code resources:} are preferred; when none does, the actor is placed by load anyway
 * (a hint, never a refusal) and the choice says what did not fit.
 */
final class Placer {
  /**
   * One peer as placement sees it: its actors, CPU load, and what is left of its heap, cores and
   * GPUs after reservations; each of the three is < 0 when unknown (and then anything fits).
   */
  record Candidate(
      String peerId, long actors, double cpu, long freeHeap, long freeCores, long freeGpus) {
    Candidate(String peerId, long actors, double cpu, long freeHeap) {
      this(peerId, actors, cpu, freeHeap, -1, -1);
    }

    boolean fits(Resources r) {
      return (freeHeap < 0 || freeHeap >= r.memoryBytes())
          && (freeCores < 0 || freeCores >= r.cpu())
          && (freeGpus < 0 || freeGpus >= r.gpu());
    }
  }

  /** The peer chosen, and when no peer fitted the resources, what did not (else null). */
  record Choice(String peerId, String misfit) {}

  private record Recent(long sequence, long placed, Resources reserved) {}

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
    return decide(id, hint, resources, view, loads).peerId();
  }

  /** As {@link #choose}, saying also what did not fit. */
  synchronized Choice decide(
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
    Choice chosen = decide(id, hint, resources, candidates);
    Recent r = recent.get(chosen.peerId());
    recent.put(
        chosen.peerId(),
        r == null
            ? new Recent(sequenceOf(loads.get(chosen.peerId())), 1, resources)
            : new Recent(r.sequence(), r.placed() + 1, r.reserved().plus(resources)));
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
    Resources placed = r == null ? Resources.NONE : r.reserved();
    if (load == null) return new Candidate(peer, extra, 0, -1);
    long free = load.freeHeap();
    long freeHeap =
        free < 0 ? -1 : Math.max(0, free - load.reservedMemory() - placed.memoryBytes());
    long freeCores =
        load.cores() < 0 ? -1 : Math.max(0, load.cores() - load.reservedCpu() - placed.cpu());
    long freeGpus = Math.max(0, load.gpus() - load.reservedGpu() - placed.gpu());
    return new Candidate(
        peer, load.actors() + extra, Math.max(0, load.cpu()), freeHeap, freeCores, freeGpus);
  }

  private static long sequenceOf(PeerLoad load) {
    return load == null ? -1 : load.sequence();
  }

  /** The pure decision, for Any, Spread and BinPacking (Locality is resolved before). */
  static String pick(ActorId id, PlacementHint hint, Resources resources, List<Candidate> all) {
    return decide(id, hint, resources, all).peerId();
  }

  /** The pure decision, with what did not fit when no candidate had room. */
  static Choice decide(ActorId id, PlacementHint hint, Resources resources, List<Candidate> all) {
    if (all.isEmpty()) throw new IllegalArgumentException("no peer to place " + id + " on");
    List<Candidate> fit = all.stream().filter(c -> c.fits(resources)).toList();
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
    String peer = pool.stream().min(order).orElseThrow().peerId();
    return new Choice(peer, fit.isEmpty() ? misfit(resources, all) : null);
  }

  /** Which of the asked resources no peer had free, with the most any peer had. */
  static String misfit(Resources r, List<Candidate> all) {
    List<String> short_ = new ArrayList<>();
    long cores = all.stream().mapToLong(Candidate::freeCores).max().orElse(0);
    long gpus = all.stream().mapToLong(Candidate::freeGpus).max().orElse(0);
    long heap = all.stream().mapToLong(Candidate::freeHeap).max().orElse(0);
    if (cores >= 0 && cores < r.cpu())
      short_.add("cpu " + r.cpu() + " (at most " + cores + " free on a peer)");
    if (heap >= 0 && heap < r.memoryBytes())
      short_.add("memory " + mib(r.memoryBytes()) + " (at most " + mib(heap) + " free on a peer)");
    if (gpus >= 0 && gpus < r.gpu())
      short_.add("gpu " + r.gpu() + " (at most " + gpus + " free on a peer)");
    if (short_.isEmpty())
      return "cpu "
          + r.cpu()
          + ", memory "
          + mib(r.memoryBytes())
          + " and gpu "
          + r.gpu()
          + " together (no single peer has all of them free)";
    return String.join(", ", short_);
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MB";
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
