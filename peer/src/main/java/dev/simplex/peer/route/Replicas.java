package dev.simplex.peer.route;

import dev.simplex.peer.grid.ActorCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replicas: N} (N > 1): the actor keeps one activation, its primary, and N-1 warm standby
 * copies of its newest checkpoint on other live peers, chosen by rendezvous hashing over the view
 * without the primary (the same weights failover uses, so the survivor that failover names for the
 * actor is its best-ranked standby). The primary pushes every checkpoint it stores in the grid to
 * its standbys over the routing transport and waits (bounded) for their answers before its senders'
 * mail is acknowledged up to it: a standby's copy is never older than what senders consider
 * delivered, even when the grid loses its own copy (no backups, and the dead peer owned the
 * partition). A standby keeps only the newest copy per actor; copies are dropped when the actor
 * ends or leaves that primary.
 *
 * <p>Why a push and not a listener on the grid's checkpoint map: the copy must exist before the
 * senders are acknowledged (a listener fires after the fact, asynchronously), only the N-1 chosen
 * peers should pay for it, and it must not depend on the grid partition that may be lost with the
 * primary.
 */
final class Replicas {
  private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);

  /** Control topic: a warm copy for its standby; answered with an empty body. */
  static final String WARM = "route.warm";

  /** Notice topic: forget a copy (the actor ended or left its primary) up to an epoch. */
  static final String DROP = "route.warm.drop";

  /** How long a checkpoint waits for its standbys' answers. */
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(2);

  private static final int FORMAT = 2; // 2: the reply address of an interrupted ask

  /** A warm copy as a standby holds it: the checkpoint, its primary and its ranked standbys. */
  record Warm(ActorCheckpoint checkpoint, String primary, List<String> standbys) {
    Warm {
      standbys = List.copyOf(standbys);
    }
  }

  /** How pushes reach other peers. */
  interface Wire {
    /** Asks {@code peer}'s service {@code topic}; the future fails when it cannot answer. */
    CompletableFuture<byte[]> control(String peer, String topic, byte[] body, Duration timeout);

    boolean notice(String peer, String topic, byte[] body);

    /** Blocks the calling actor or thread until {@code f} completes. */
    <T> T await(CompletableFuture<T> f);
  }

  private final String self;
  private final Wire wire;
  private final java.util.function.Consumer<String> prepare;
  private final Map<String, Warm> copies = new ConcurrentHashMap<>();

  /**
   * @param prepare called with a copy's actor type when a copy arrives, so the type's code is at
   *     hand (fetched from the grid now) should the standby have to restore it
   */
  Replicas(String self, Wire wire, java.util.function.Consumer<String> prepare) {
    this.self = self;
    this.wire = wire;
    this.prepare = prepare;
  }

  /**
   * The standbys of {@code actorId} for a primary on {@code primary}: the {@code replicas - 1}
   * other peers of {@code view} of highest rendezvous weight, best first.
   */
  static List<String> choose(
      String actorId, int replicas, String primary, Collection<String> view) {
    ActorId id = new ActorId(actorId);
    return view.stream()
        .filter(p -> !p.equals(primary))
        .distinct()
        .sorted(
            Comparator.comparingLong((String p) -> Placer.rendezvous(id, p))
                .thenComparing(Comparator.reverseOrder())
                .reversed())
        .limit(Math.max(0, replicas - 1))
        .toList();
  }

  // ---- the primary ----

  /**
   * Sends {@code c} to {@code a}'s standbys for the current view and waits for them (at most {@link
   * #PUSH_TIMEOUT}); copies dropped by a change of standbys are withdrawn. Returns how many
   * standbys confirmed.
   */
  int push(Activation a, ActorCheckpoint c, Set<String> view) {
    int replicas = a.hints.replicas();
    if (replicas < 2) return 0;
    List<String> standbys = choose(a.id.value(), replicas, self, view);
    List<String> before = a.standbys;
    a.standbys = standbys;
    for (String gone : before)
      if (!standbys.contains(gone) && view.contains(gone))
        wire.notice(gone, DROP, drop(a.id.value(), a.epoch));
    if (standbys.isEmpty()) return 0;
    byte[] body = encode(new Warm(c, self, standbys));
    List<CompletableFuture<Boolean>> answers = new ArrayList<>();
    for (String s : standbys)
      answers.add(
          wire.control(s, WARM, body, PUSH_TIMEOUT)
              .handle(
                  (ok, failed) -> {
                    if (failed != null)
                      LOG.info(
                          "replicas: standby {} of actor {} did not take checkpoint {}: {}",
                          s,
                          a.id,
                          c.sequence(),
                          failed.getMessage());
                    return failed == null;
                  }));
    wire.await(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)));
    return (int) answers.stream().filter(CompletableFuture::join).count();
  }

  /** The actor left this peer (ended, moved or fenced): its standbys forget their copies. */
  void release(Activation a) {
    if (a.hints.replicas() < 2) return;
    for (String s : a.standbys) wire.notice(s, DROP, drop(a.id.value(), a.epoch));
    a.standbys = List.of();
  }

  // ---- the standby ----

  /** A copy arrives from its primary: kept when newer than the one held. */
  byte[] receive(String from, byte[] body) {
    Warm w = decode(body);
    if (!w.primary().equals(from))
      throw new IllegalArgumentException("a warm copy from " + from + " names " + w.primary());
    prepare.accept(w.checkpoint().typeName());
    copies.merge(
        w.checkpoint().actorId(),
        w,
        (held, offered) ->
            offered.checkpoint().newerThan(held.checkpoint())
                    || !held.checkpoint().newerThan(offered.checkpoint())
                ? offered
                : held);
    return new byte[0];
  }

  /** A primary withdrew its copy: dropped unless a newer activation's copy arrived since. */
  void onDrop(String from, byte[] body) {
    try (var in = new DataInputStream(new ByteArrayInputStream(body))) {
      String actor = in.readUTF();
      long epoch = in.readLong();
      copies.computeIfPresent(actor, (k, w) -> w.checkpoint().epoch() <= epoch ? null : w);
    } catch (IOException e) {
      throw new IllegalArgumentException("a malformed drop of a warm copy: " + e);
    }
  }

  /** This peer's warm copy of {@code actorId}, if it holds one. */
  Optional<Warm> warm(String actorId) {
    return Optional.ofNullable(copies.get(actorId));
  }

  /** Forgets the copy of an actor this peer now hosts itself. */
  void forget(String actorId) {
    copies.remove(actorId);
  }

  /** Copies whose primary is not in {@code live}. */
  List<Warm> orphaned(Set<String> live) {
    return copies.values().stream()
        .filter(w -> !live.contains(w.primary()))
        .sorted(Comparator.comparing(w -> w.checkpoint().actorId()))
        .toList();
  }

  int size() {
    return copies.size();
  }

  // ---- the wire form ----

  private static byte[] drop(String actorId, long epoch) {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.writeUTF(actorId);
      out.writeLong(epoch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static byte[] encode(Warm w) {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.writeByte(FORMAT);
      w.checkpoint().writeTo(out);
      out.writeUTF(w.primary());
      out.writeInt(w.standbys().size());
      for (String s : w.standbys()) out.writeUTF(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /**
   * @throws IllegalArgumentException for bytes that are not a warm copy (the service refuses it)
   */
  static Warm decode(byte[] body) {
    try (var in = new DataInputStream(new ByteArrayInputStream(body))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT)
        throw new IllegalArgumentException("warm copy format " + format + " is not " + FORMAT);
      ActorCheckpoint c = ActorCheckpoint.readFrom(in);
      String primary = nonBlank(in.readUTF());
      int k = in.readInt();
      if (k < 0 || k > in.available() / 2)
        throw new IllegalArgumentException(k + " standbys do not fit the bytes left");
      List<String> standbys = new ArrayList<>(k);
      for (int i = 0; i < k; i++) standbys.add(nonBlank(in.readUTF()));
      if (in.available() > 0)
        throw new IllegalArgumentException(in.available() + " bytes after a warm copy");
      return new Warm(c, primary, standbys);
    } catch (IOException e) {
      throw new IllegalArgumentException("a truncated warm copy: " + e);
    }
  }

  private static String nonBlank(String s) {
    if (s.isBlank()) throw new IllegalArgumentException("a blank id in a warm copy");
    return s;
  }
}
