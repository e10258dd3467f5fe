package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.Placement;
import dev.simplex.peer.migrate.SnapshotCompression;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an actor between peers (design.md, "Migration"). On the source: pause (new mail is held),
 * let the mailbox reach the snapshot request (the current message finishes, or its handler, waiting
 * in an ask, is captured there and continues on the target), snapshot with the lane watermarks,
 * ship it Zstd-compressed, have the target install it, move the placement by CAS to epoch+1, then
 * forward the held mail and redirect its senders. Any failure before the CAS wins aborts the
 * install on the target and resumes the actor on the source.
 */
final class Mover {
  private static final Logger LOG = LoggerFactory.getLogger(Mover.class);

  private final String self;
  private final Host host;
  private final Transport transport;
  private final Calls calls;
  private final Grid grid;
  private final ActorSystem system;
  private final BehaviorRegistry registry;
  private final MessageCodec codec;
  private final Duration stepTimeout;

  Mover(
      String self,
      Host host,
      Transport transport,
      Calls calls,
      Grid grid,
      ActorSystem system,
      BehaviorRegistry registry,
      MessageCodec codec,
      Duration stepTimeout) {
    this.self = self;
    this.host = host;
    this.transport = transport;
    this.calls = calls;
    this.grid = grid;
    this.system = system;
    this.registry = registry;
    this.codec = codec;
    this.stepTimeout = stepTimeout;
  }

  /** A step that cannot go on; the move is undone up to it. */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  // ---- the source ----

  /** Runs a whole move of an actor hosted here; the answer is Migrated or MigrationFailed. */
  RoutingFrame serveMigrate(RoutingFrame.Migrate m) {
    String id = m.actorId();
    Optional<Activation> hosted = host.activation(id).filter(a -> !a.isReleased());
    if (hosted.isEmpty())
      return failed(m, "actor " + id + " is not hosted on peer " + self + " (it may have moved)");
    Activation a = hosted.get();
    if (m.to().equals(self)) return new RoutingFrame.Migrated(m.callId(), a.epoch, 0, 0);
    if (!transport.inView(m.to()))
      return failed(m, "peer " + m.to() + " is not in the swarm view of peer " + self);
    if (!a.beginMove()) return failed(m, "actor " + id + " is already migrating");
    a.pause();
    // a handler waiting in an ask is captured there rather than awaited (language.md §8: it
    // continues on the target once the reply comes); one that cannot be captured is awaited
    a.requestSuspend();
    long epoch = -1;
    boolean installed = false;
    try {
      Placement seen =
          grid.placements()
              .get(id)
              .filter(p -> p.peerId().equals(self) && p.status() != Placement.Status.STOPPED)
              .orElseThrow(
                  () -> new Refused("the placement of " + id + " no longer names " + self));
      byte[] state = snapshot(a);
      // a durable actor's final snapshot becomes its stored checkpoint: the target acknowledges
      // what the snapshot reflects, and if the target died before its own first checkpoint, the
      // failover would otherwise restore an older state while those messages count as delivered
      var replyTo = a.suspended ? a.resumeReplyTo : null;
      if (a.isDurable() && !host.persist(a, state, replyTo))
        throw new Refused("a newer activation of it exists");
      byte[] shipped = SnapshotCompression.compress(state);
      epoch = seen.epoch() + 1;
      long e = epoch;
      RoutingFrame answer =
          request(
              m.to(),
              call ->
                  new RoutingFrame.Install(
                      call,
                      id,
                      a.ref.typeName(),
                      a.name,
                      e,
                      a.args,
                      a.watermarks(),
                      shipped,
                      a.hints,
                      replyTo));
      if (!(answer instanceof RoutingFrame.Installed))
        throw new Refused("peer " + m.to() + " could not take it: " + reason(answer));
      installed = true;
      var outcome = grid.placements().move(seen, m.to(), Placement.Status.ACTIVE);
      if (!outcome.won())
        throw new Refused("its placement changed meanwhile, now " + outcome.current());
      host.depart(a, new Route(m.to(), epoch), Mobile.DEPART);
      return new RoutingFrame.Migrated(m.callId(), epoch, state.length, shipped.length);
    } catch (Refused | RuntimeException e) {
      if (installed) transport.send(m.to(), new RoutingFrame.Abort(id, epoch));
      host.resume(a);
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.info("migration of {} to {} failed, it stays on {}: {}", id, m.to(), self, why);
      return failed(m, "migration of " + id + " to " + m.to() + " failed: " + why);
    }
  }

  /** The state after every message handed over before the pause; waits at most a step. */
  private byte[] snapshot(Activation a) throws Refused {
    CompletableFuture<Object> taken =
        system.deliverAsk(a.ref, Host.MOVE_ID, "migration", Mobile.SNAPSHOT);
    try {
      return switch (taken.get(stepTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        case Mobile.Taken.State s -> s.bytes();
        case Mobile.Taken.Refused r -> throw new Refused(r.why());
        case Object other -> throw new Refused("its snapshot answered " + other);
      };
    } catch (TimeoutException e) {
      throw new Refused("it did not finish its current message within " + stepTimeout);
    } catch (ExecutionException e) {
      throw new Refused("it ended before its snapshot could be taken");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted while waiting for its snapshot");
    }
  }

  // ---- the target ----

  /** Starts the arriving actor from its snapshot; it gets mail once the source wins the CAS. */
  RoutingFrame serveInstall(RoutingFrame.Install i) {
    if (host.activation(i.actorId()).filter(a -> !a.isReleased()).isPresent())
      return new RoutingFrame.MigrationFailed(
          i.callId(), "peer " + self + " already hosts actor " + i.actorId());
    ActorRef ref;
    try {
      byte[] state = SnapshotCompression.decompress(i.snapshot());
      Object args = codec.decode(i.args());
      ref = system.spawn(registry.restored(i.typeName(), args, state));
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      return new RoutingFrame.MigrationFailed(i.callId(), why);
    }
    Activation a = new Activation(new ActorId(i.actorId()), ref, i.epoch(), i.name(), i.args());
    a.restore(i.watermarks());
    a.arrivedNanos = System.nanoTime();
    a.hints = i.hints();
    a.resumeReplyTo = i.replyTo(); // the asker of a handler captured in an ask, if any
    // durable at the source (its final snapshot is stored): its senders keep what the next
    // checkpoint here does not yet reflect
    if (i.hints().replicas() > 1 || grid.actorCheckpoints().has(i.actorId())) a.durableFromStart();
    host.admit(a);
    system.deliver(ref, Host.MOVE_ID, "migration", new Mobile.Resumed(a));
    return new RoutingFrame.Installed(i.callId());
  }

  /** The source gave up after installing here: the installed activation goes quietly. */
  void onAbort(RoutingFrame.Abort abort) {
    host.activation(abort.actorId())
        .filter(a -> a.epoch == abort.epoch() && !a.isReleased())
        .ifPresent(
            a -> {
              system.deliver(a.ref, Host.MOVE_ID, "migration", Mobile.DEPART);
              host.withdraw(a);
            });
  }

  // ---- calls ----

  /** Sends the frame {@code make} builds for a fresh call id and waits (bounded) for its answer. */
  RoutingFrame request(String peer, LongFunction<RoutingFrame> make, Duration timeout) {
    var answer = new CompletableFuture<RoutingFrame>();
    long call = calls.open(peer, answer);
    if (!transport.send(peer, make.apply(call)))
      answer.complete(new RoutingFrame.MigrationFailed(call, "peer " + peer + " is unreachable"));
    answer.completeOnTimeout(
        new RoutingFrame.MigrationFailed(
            call, "peer " + peer + " did not answer within " + timeout),
        timeout.toMillis(),
        TimeUnit.MILLISECONDS);
    return system.awaitExternal(answer);
  }

  private RoutingFrame request(String peer, LongFunction<RoutingFrame> make) {
    return request(peer, make, stepTimeout);
  }

  static String reason(RoutingFrame answer) {
    return switch (answer) {
      case RoutingFrame.MigrationFailed f -> f.reason();
      case RoutingFrame.SpawnFailed f -> f.reason();
      case RoutingFrame.Died d -> d.reason();
      default -> "unexpected answer " + answer.getClass().getSimpleName();
    };
  }

  private static RoutingFrame failed(RoutingFrame.Migrate m, String why) {
    return new RoutingFrame.MigrationFailed(m.callId(), why);
  }
}
