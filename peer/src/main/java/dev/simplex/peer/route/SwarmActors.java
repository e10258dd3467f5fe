package dev.simplex.peer.route;

import dev.simplex.gossip.Delivery;
import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.MembershipEvent;
import dev.simplex.gossip.MembershipListener;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ActorDiedException;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.AskResult;
import dev.simplex.peer.actor.MessageId;
import dev.simplex.peer.actor.NameTakenException;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.grid.Placement;
import dev.simplex.peer.swarm.PeerLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actors across the swarm, for one peer: spawn by placement hint or name, and send, ask and stop by
 * {@link SwarmRef} wherever the actor lives, with the local {@link ActorSystem}'s semantics.
 * Messages from this peer to one actor travel on one ordered lane; the host deduplicates them,
 * bounces them to the actor's new host if it moved, and records a dead letter if it is unknown.
 */
public final class SwarmActors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwarmActors.class);

  /**
   * @param spawnTimeout how long a spawn waits for the chosen peer to start the actor
   * @param orphanTimeout how long mail waits for an actor whose peer left (failover's window: the
   *     survivors must notice the loss and the grid must promote its backups within it)
   * @param nameWait how long a lookup waits for a named actor that is still being spawned
   */
  public record Options(Duration spawnTimeout, Duration orphanTimeout, Duration nameWait) {
    public static final Options DEFAULTS =
        new Options(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5));

    public Options {
      for (Duration d : new Duration[] {spawnTimeout, orphanTimeout, nameWait})
        if (d == null || d.isNegative() || d.isZero())
          throw new IllegalArgumentException("router timeouts must be positive, got " + d);
    }
  }

  static final long TICK_MS = 20;

  /** How often the hosted activations' placements are confirmed (their fencing leases renewed). */
  static final long LEASE_RENEW_NANOS = 250_000_000L;

  private long leasesRenewed;

  private final SwarmNode node;
  private final Grid grid;
  private final ActorSystem system;
  private final BehaviorRegistry registry;
  private final MessageCodec codec;
  private final Options options;
  private final String self;
  private final Transport transport;
  final Host host; // package-private: tests hand it frames
  private final Calls calls = new Calls();
  private final AskRelay relay = new AskRelay();
  private final Placer placer;
  private final Mover mover;
  private final Failover failover;
  private final Replicas replicas;
  private final ExecutorService failovers =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("simplex-failover").unstarted(r));
  private final RouteCounters counters = new RouteCounters();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Lane.Links links = new LaneLinks();
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService ticker;
  private final MembershipListener departures = this::onMembership;
  private final AtomicLong outsideSender = new AtomicLong();
  private final Map<String, java.util.function.BiFunction<String, byte[], byte[]>> controls =
      new ConcurrentHashMap<>();
  private final Map<String, java.util.function.BiConsumer<String, byte[]>> notices =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SwarmActors(
      SwarmNode node,
      Grid grid,
      ActorSystem system,
      BehaviorRegistry registry,
      MessageCodec codec,
      Options options) {
    this.node = node;
    this.grid = grid;
    this.system = system;
    this.registry = registry;
    this.codec = codec;
    this.options = options;
    this.self = node.id().value();
    this.transport = new Transport(node, this::receive);
    this.host = new Host(self, system, grid, codec, transport, counters);
    this.placer = new Placer(self);
    this.mover =
        new Mover(
            self, host, transport, calls, grid, system, registry, codec, options.spawnTimeout());
    this.replicas = new Replicas(self, new ReplicaWire(), this::prepareType);
    this.host.replicas = replicas;
    this.host.view = this::peers;
    this.failover = new Failover(self, grid, host, system, registry, codec, this::peers, replicas);
    this.host.adopt = failover::adopt;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("simplex-route-" + self).unstarted(r));
  }

  /**
   * Starts routing for the peer of {@code node} and {@code grid}, hosting {@code system}'s actors.
   */
  public static SwarmActors start(
      SwarmNode node,
      Grid grid,
      ActorSystem system,
      BehaviorRegistry registry,
      MessageCodec codec) {
    return start(node, grid, system, registry, codec, Options.DEFAULTS);
  }

  public static SwarmActors start(
      SwarmNode node,
      Grid grid,
      ActorSystem system,
      BehaviorRegistry registry,
      MessageCodec codec,
      Options options) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(options, "options");
    SwarmActors actors = new SwarmActors(node, grid, system, registry, codec, options);
    actors.onControl(Replicas.WARM, actors.replicas::receive);
    actors.onControl(AskRelay.TOPIC, actors.relay::serve);
    actors.onNotice(Replicas.DROP, actors.replicas::onDrop);
    node.onEnvelope(EnvelopeKind.ROUTING, actors::onDelivery);
    node.addListener(actors.departures);
    actors.ticker.scheduleWithFixedDelay(actors::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    // a pass at once: this peer may be the rendezvous owner of actors whose peer left before it
    // routed (it missed that departure), or a restart of a crashed peer whose actors are still
    // placed on its id
    actors.failovers.execute(actors::takeOver);
    return actors;
  }

  // ---- spawning ----

  public SwarmRef spawn(String typeName, Object args) {
    return spawn(typeName, args, SpawnOptions.DEFAULT);
  }

  /**
   * Starts an actor of {@code typeName} on the peer the placement hint picks, synchronously: a
   * panic in its start fails this call. With a name held by a live actor of the same type, creates
   * nothing and returns that actor's ref; of another type, throws {@link NameTakenException}.
   *
   * @throws SpawnFailedException when the chosen peer cannot start it or does not answer
   * @throws IllegalArgumentException when the arguments cannot travel between peers
   */
  public SwarmRef spawn(String typeName, Object args, SpawnOptions options) {
    if (typeName == null || typeName.isBlank())
      throw new IllegalArgumentException("an actor type needs a name");
    Objects.requireNonNull(options, "options");
    requireOpen();
    byte[] encodedArgs = codec.encode(args);
    ActorId id = ActorId.fresh(self);
    if (options.name() != null) {
      Optional<SwarmRef> existing = claim(options.name(), typeName, id);
      if (existing.isPresent()) return existing.get();
    }
    try {
      String target = place(id, typeName, options);
      long epoch =
          spawnOn(
              target,
              new RoutingFrame.Spawn(
                  0,
                  id.value(),
                  typeName,
                  options.name(),
                  encodedArgs,
                  RoutingFrame.Hints.of(options)));
      lane(id.value()).redirected(1, new Route(target, epoch));
      return new SwarmRef(id, typeName);
    } catch (RuntimeException e) {
      if (options.name() != null)
        grid.names().remove(options.name(), NameEntry.encode(typeName, id));
      throw e;
    }
  }

  /** The live holder of the name if there is one; otherwise the name is now {@code id}'s. */
  private Optional<SwarmRef> claim(String name, String typeName, ActorId id) {
    String mine = NameEntry.encode(typeName, id);
    for (int attempt = 0; attempt < 3; attempt++) {
      String held = grid.claimName(name, mine);
      if (held.equals(mine)) return Optional.empty();
      NameEntry holder = NameEntry.parse(held);
      if (holder == null)
        throw new NameTakenException(name, "value not written by this router", typeName);
      if (!holder.typeName().equals(typeName))
        throw new NameTakenException(name, holder.typeName(), typeName);
      if (awaitLive(holder.id())) return Optional.of(holder.ref());
      grid.names().remove(name, held); // its holder ended: the name is free again
    }
    throw new SpawnFailedException("the name \"" + name + "\" kept changing hands; try again");
  }

  /** Waits (bounded) for a named actor's placement: its spawn may still be under way elsewhere. */
  private boolean awaitLive(ActorId id) {
    long deadline = System.nanoTime() + options.nameWait().toNanos();
    while (true) {
      Optional<Placement> p = grid.placements().get(id.value());
      if (p.isPresent()) return p.get().status() != Placement.Status.STOPPED;
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(TICK_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private String place(ActorId id, String typeName, SpawnOptions options) {
    Set<String> view = node.view().ids().stream().map(PeerId::value).collect(Collectors.toSet());
    if (draining && view.size() > 1) view.remove(self);
    if (options.placement() instanceof PlacementHint.Locality l) {
      Optional<Placement> near = grid.placements().get(l.near().id().value());
      if (near.isPresent() && view.contains(near.get().peerId())) return near.get().peerId();
      LOG.debug("{} is not placed on a live peer; placing by load instead", l.near());
    }
    Map<String, PeerLoad> loads = Map.copyOf(grid.<PeerLoad>load());
    Placer.Choice choice = placer.decide(id, options.placement(), options.resources(), view, loads);
    if (draining && choice.peerId().equals(self) && !view.isEmpty()) {
      // no other peer published a load yet: any other peer, by rendezvous weight
      return view.stream()
          .max(java.util.Comparator.comparingLong((String p) -> Placer.rendezvous(id, p)))
          .orElseThrow();
    }
    if (choice.misfit() != null)
      LOG.warn(
          "placement: no peer has room for actor {} ({}) asking {}; placed on {} by load",
          shortType(typeName),
          id,
          choice.misfit(),
          choice.peerId());
    return choice.peerId();
  }

  /** A compiled actor's type key is {@code <module hash>:<Type>}: the type is what a user wrote. */
  private static String shortType(String typeName) {
    int colon = typeName.lastIndexOf(':');
    return colon < 0 ? typeName : typeName.substring(colon + 1);
  }

  private long spawnOn(String target, RoutingFrame.Spawn request) {
    var answer = new CompletableFuture<RoutingFrame>();
    long call = calls.open(target, answer);
    var frame =
        new RoutingFrame.Spawn(
            call,
            request.actorId(),
            request.typeName(),
            request.name(),
            request.args(),
            request.hints());
    if (!transport.send(target, frame))
      throw new SpawnFailedException(
          "peer " + target + " left before " + request.typeName() + " could start there");
    answer.completeOnTimeout(
        new RoutingFrame.SpawnFailed(
            call, "peer " + target + " did not answer within " + options.spawnTimeout()),
        options.spawnTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    return switch (system.awaitExternal(answer)) {
      case RoutingFrame.Spawned s -> s.epoch();
      case RoutingFrame.SpawnFailed f ->
          throw new SpawnFailedException(
              "spawn of " + request.typeName() + " on peer " + target + " failed: " + f.reason());
      case RoutingFrame other ->
          throw new SpawnFailedException("spawn of " + request.typeName() + " got " + other);
    };
  }

  /** A spawn request from {@code from} (or this peer): start here, then claim the placement. */
  private void serveSpawn(String from, RoutingFrame.Spawn s) {
    RoutingFrame answer;
    ActorId id = new ActorId(s.actorId());
    Activation a = null;
    try {
      Object args = codec.decode(s.args());
      ActorRef ref = system.spawn(registry.spec(s.typeName(), args));
      a = new Activation(id, ref, 0, s.name(), s.args());
      a.hints = s.hints();
      if (s.hints().replicas() > 1) a.durableFromStart();
      host.admit(a);
      var outcome = grid.placements().place(s.actorId(), self);
      if (outcome.won()) {
        a.placementSeen = true;
        answer = new RoutingFrame.Spawned(s.callId(), outcome.current().epoch());
      } else {
        host.withdraw(a);
        answer = new RoutingFrame.SpawnFailed(s.callId(), "actor id " + id + " is placed already");
      }
    } catch (RuntimeException e) {
      if (a != null) host.withdraw(a);
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      answer = new RoutingFrame.SpawnFailed(s.callId(), why);
    }
    if (!transport.send(from, answer)) LOG.info("peer {} left before its spawn answer", from);
  }

  /**
   * Starts a fresh incarnation of {@code ref}'s actor here and moves its placement here by
   * compare-and-set; the previous host ends its activation and bounces later mail here. This is the
   * last step of a migration (issue 7 ships the snapshot first); {@code args} are the spawn
   * arguments.
   *
   * @throws IllegalStateException when the actor is not placed, or its placement changed meanwhile
   */
  public SwarmRef adopt(SwarmRef ref, Object args) {
    Objects.requireNonNull(ref, "ref");
    requireOpen();
    Placement seen =
        grid.placements()
            .get(ref.id().value())
            .filter(p -> p.status() != Placement.Status.STOPPED)
            .orElseThrow(() -> new IllegalStateException(ref + " is not placed on any peer"));
    if (seen.peerId().equals(self)) return ref;
    ActorRef local = system.spawn(registry.spec(ref.typeName(), args));
    Activation a = new Activation(ref.id(), local, seen.epoch() + 1, null, codec.encode(args));
    host.admit(a);
    var outcome = grid.placements().move(seen, self, Placement.Status.ACTIVE);
    if (!outcome.won()) {
      host.withdraw(a);
      throw new IllegalStateException(ref + " was moved meanwhile, now " + outcome.current());
    }
    transport.send(
        seen.peerId(), new RoutingFrame.Release(ref.id().value(), outcome.current().epoch()));
    return ref;
  }

  /**
   * {@code simplex swarm migrate}: moves the live actor to peer {@code to} with its state (issue
   * 7). Its host pauses it, lets its current message finish, ships a Zstd snapshot with its
   * delivery watermarks, and moves the placement to epoch+1 once the target has it; mail that
   * arrived meanwhile follows it, in order, without loss or duplicates. On any failure it keeps
   * serving where it was. Its behaviour must implement {@link dev.simplex.peer.migrate.Migratable}.
   *
   * @throws MigrationFailedException naming the step that failed
   */
  public Migration migrate(ActorId actor, String to) {
    Objects.requireNonNull(actor, "actor");
    if (to == null || to.isBlank())
      throw new IllegalArgumentException("a migration needs a target peer id");
    requireOpen();
    long started = System.nanoTime();
    Placement p =
        grid.placements()
            .get(actor.value())
            .filter(x -> x.status() != Placement.Status.STOPPED)
            .orElseThrow(
                () ->
                    new MigrationFailedException("actor " + actor + " is not placed on any peer"));
    if (!transport.inView(to))
      throw new MigrationFailedException(
          "peer "
              + to
              + " is not in the swarm view "
              + new java.util.TreeSet<>(
                  node.view().ids().stream().map(PeerId::value).collect(Collectors.toSet()))
              + "; actor "
              + actor
              + " stays on "
              + p.peerId());
    if (p.peerId().equals(to)) return new Migration(actor, to, to, p.epoch(), 0, 0, Duration.ZERO);
    RoutingFrame answer =
        mover.request(
            p.peerId(),
            call -> new RoutingFrame.Migrate(call, actor.value(), to),
            options.spawnTimeout().multipliedBy(3));
    return switch (answer) {
      case RoutingFrame.Migrated m ->
          new Migration(
              actor,
              p.peerId(),
              to,
              m.epoch(),
              m.stateBytes(),
              m.shippedBytes(),
              Duration.ofNanos(System.nanoTime() - started));
      default -> throw new MigrationFailedException(Mover.reason(answer));
    };
  }

  public Migration migrate(SwarmRef ref, String to) {
    Objects.requireNonNull(ref, "ref");
    return migrate(ref.id(), to);
  }

  // ---- messaging ----

  /** Enqueues on the actor's lane and returns; only a message that cannot be encoded fails. */
  public void send(SwarmRef to, Object message) {
    Objects.requireNonNull(to, "to");
    byte[] body = codec.encode(message);
    requireOpen();
    Sender s = sender();
    lane(to.id().value()).send(RoutingFrame.Mode.SEND, 0, s.id(), s.display(), body);
  }

  /**
   * Sends and waits for the reply, holding no carrier thread in a handler. Throws {@link
   * ActorDiedException} when the actor is dead, unknown, or dies before replying.
   */
  public Object ask(SwarmRef to, Object message) {
    RoutingFrame answer = system.awaitExternal(askFrame(to, message));
    return switch (answer) {
      case RoutingFrame.Reply r -> codec.decode(r.body());
      default -> throw new ActorDiedException();
    };
  }

  /**
   * {@code ask(r, m, timeout: d)}: after a timeout the message is still handled, its reply dropped.
   */
  public AskResult ask(SwarmRef to, Object message, Duration timeout) {
    if (timeout == null || timeout.isNegative())
      throw new IllegalArgumentException("an ask timeout must be >= 0, got " + timeout);
    CompletableFuture<RoutingFrame> answer = askFrame(to, message);
    answer.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    RoutingFrame a = system.awaitExternal(answer);
    return switch (a) {
      case null -> new AskResult.Timeout();
      case RoutingFrame.Reply r -> new AskResult.Reply(codec.decode(r.body()));
      default -> new AskResult.ActorDied();
    };
  }

  /**
   * What a handler waiting in an {@link #ask(SwarmRef, Object, Duration, Suspender)} does when a
   * move of its actor asks for it: capture itself and throw (its continuation later fetches the
   * reply with {@link #awaitRelayed}{@code (origin, token)}), or return to go on waiting here.
   */
  @FunctionalInterface
  public interface Suspender {
    void suspend(String origin, long token);
  }

  /**
   * An ask from a handler whose actor may move while it waits ({@code timeout} null: none). When a
   * move of the actor this thread serves asks for it before the reply came, {@code suspender} runs
   * on this thread: if it throws (the handler was captured), the reply is kept here for the
   * continuation, wherever it runs; if it returns, this call goes on waiting.
   */
  public AskResult ask(SwarmRef to, Object message, Duration timeout, Suspender suspender) {
    if (timeout != null && timeout.isNegative())
      throw new IllegalArgumentException("an ask timeout must be >= 0, got " + timeout);
    CompletableFuture<RoutingFrame> answer = askFrame(to, message);
    if (timeout != null) answer.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    Activation a = suspender == null ? null : Mobile.currentActivation();
    if (a != null) {
      while (!answer.isDone()) {
        system.awaitExternal(CompletableFuture.anyOf(answer, a.suspendRequest()));
        // a move that already ended (it failed) takes nothing: wait on, for the reply or the next
        if (answer.isDone() || !a.claimSuspension()) continue;
        long token = relay.hold(answer);
        suspender.suspend(self, token); // throws when the handler was captured
        a.unclaimSuspension(); // it cannot be captured: the move waits for it
        relay.drop(token);
        break;
      }
    }
    return askResult(system.awaitExternal(answer));
  }

  private AskResult askResult(RoutingFrame answer) {
    return switch (answer) {
      case null -> new AskResult.Timeout();
      case RoutingFrame.Reply r -> new AskResult.Reply(codec.decode(r.body()));
      default -> new AskResult.ActorDied();
    };
  }

  /**
   * The reply of an ask a captured handler left on peer {@code origin} under {@code token} (see
   * {@link Suspender}), waiting until it comes; with {@code movable}, null as soon as a move of the
   * actor this thread serves asks for its handler (which is still waiting, the same as before):
   * {@code ActorDied} when that peer left or holds no such reply (it restarted, or kept it past
   * {@link AskRelay#KEEP_MILLIS}), {@code Timeout} when the ask's own timeout passed there.
   */
  public AskResult awaitRelayed(String origin, long token, boolean movable) {
    Objects.requireNonNull(origin, "origin");
    Activation a = movable ? Mobile.currentActivation() : null;
    java.util.concurrent.atomic.AtomicBoolean cancelled =
        new java.util.concurrent.atomic.AtomicBoolean();
    if (a == null) return fetchRelayed(origin, token, cancelled);
    CompletableFuture<AskResult> fetch =
        CompletableFuture.supplyAsync(() -> fetchRelayed(origin, token, cancelled), work);
    while (true) {
      system.awaitExternal(CompletableFuture.anyOf(fetch, a.suspendRequest()));
      if (fetch.isDone()) return fetch.join();
      // a move that already ended (it failed) takes nothing: wait on, for the reply or the next
      if (!a.claimSuspension()) continue;
      cancelled.set(true);
      return null;
    }
  }

  private AskResult fetchRelayed(
      String origin, long token, java.util.concurrent.atomic.AtomicBoolean cancelled) {
    if (origin.equals(self)) {
      CompletableFuture<RoutingFrame> answer = relay.answer(token);
      return answer == null ? new AskResult.ActorDied() : askResult(system.awaitExternal(answer));
    }
    int failures = 0;
    while (!cancelled.get()) {
      byte[] got;
      try {
        got =
            control(
                origin,
                AskRelay.TOPIC,
                AskRelay.request(token),
                Duration.ofMillis(AskRelay.POLL_MILLIS + 5_000));
      } catch (IllegalStateException e) {
        if (!transport.inView(origin) || ++failures >= 3) {
          LOG.warn(
              "the reply of a moved handler's ask is lost with peer {}: {}",
              origin,
              e.getMessage());
          return new AskResult.ActorDied();
        }
        continue;
      }
      failures = 0;
      if (got.length == 0) return new AskResult.ActorDied();
      switch (got[0]) {
        case AskRelay.REPLY -> {
          return new AskResult.Reply(
              codec.decode(java.util.Arrays.copyOfRange(got, 1, got.length)));
        }
        case AskRelay.TIMEOUT -> {
          return new AskResult.Timeout();
        }
        case AskRelay.NOT_YET -> {}
        default -> {
          return new AskResult.ActorDied();
        }
      }
    }
    return new AskResult.ActorDied(); // nobody waits any more
  }

  /** How many ask replies this peer holds for captured handlers (tests). */
  int relayedAsks() {
    return relay.size();
  }

  private CompletableFuture<RoutingFrame> askFrame(SwarmRef to, Object message) {
    Objects.requireNonNull(to, "to");
    byte[] body = codec.encode(message);
    requireOpen();
    Optional<ActorContext> me = ActorSystem.currentActor();
    Optional<Activation> target = host.activation(to.id().value());
    if (me.isPresent() && target.isPresent() && target.get().ref.equals(me.get().self()))
      throw new IllegalArgumentException(
          to + " asked itself: it would wait forever for its own reply");
    var answer = new CompletableFuture<RoutingFrame>();
    long call = calls.open(null, answer);
    Sender s = sender();
    lane(to.id().value()).send(RoutingFrame.Mode.ASK, call, s.id(), s.display(), body);
    return answer;
  }

  /** {@code stop(r)}: queued behind this peer's earlier messages; returns once the actor ended. */
  public void stop(SwarmRef ref) {
    Objects.requireNonNull(ref, "ref");
    requireOpen();
    Optional<ActorContext> me = ActorSystem.currentActor();
    Optional<Activation> local = host.activation(ref.id().value());
    if (me.isPresent() && local.isPresent() && local.get().ref.equals(me.get().self())) {
      me.get().stopSelf();
      return;
    }
    var answer = new CompletableFuture<RoutingFrame>();
    long call = calls.open(null, answer);
    Sender s = sender();
    lane(ref.id().value())
        .send(RoutingFrame.Mode.STOP, call, s.id(), s.display(), codec.encode(null));
    system.awaitExternal(answer);
  }

  /**
   * {@code lookup<A>(name)}: the live actor registered under {@code name} if it is an {@code A}.
   */
  public Optional<SwarmRef> lookup(String name, String typeName) {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("an actor name must not be blank");
    NameEntry holder = NameEntry.parse(grid.names().get(name));
    if (holder == null || !holder.typeName().equals(typeName) || !awaitLive(holder.id()))
      return Optional.empty();
    return Optional.of(holder.ref());
  }

  // ---- services beside the actors ----

  /** Answers {@link #control} requests on {@code topic}: from peer, request body -> answer body. */
  public void onControl(
      String topic, java.util.function.BiFunction<String, byte[], byte[]> handler) {
    controls.put(topic, Objects.requireNonNull(handler, "handler"));
  }

  /** Takes {@link #notice}s on {@code topic}, in order with the sender's other frames. */
  public void onNotice(String topic, java.util.function.BiConsumer<String, byte[]> handler) {
    notices.put(topic, Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Asks peer {@code peer}'s service {@code topic} and waits at most {@code timeout}.
   *
   * @throws IllegalStateException when the peer does not answer, left, or has no such service
   */
  public byte[] control(String peer, String topic, byte[] body, Duration timeout) {
    requireOpen();
    var answer = new CompletableFuture<RoutingFrame>();
    long call = calls.open(peer, answer);
    if (!transport.send(peer, new RoutingFrame.Control(call, topic, body)))
      throw new IllegalStateException("peer " + peer + " is unreachable");
    answer.completeOnTimeout(
        new RoutingFrame.Died(call, "peer " + peer + " did not answer within " + timeout),
        timeout.toMillis(),
        TimeUnit.MILLISECONDS);
    return switch (system.awaitExternal(answer)) {
      case RoutingFrame.ControlAnswer a -> a.body();
      case RoutingFrame.Died d -> throw new IllegalStateException(d.reason());
      case RoutingFrame other -> throw new IllegalStateException("unexpected answer " + other);
    };
  }

  /** Sends a one-way note to peer {@code peer}'s service {@code topic}; false if unreachable. */
  public boolean notice(String peer, String topic, byte[] body) {
    if (closed) return false;
    return transport.send(peer, new RoutingFrame.Notice(topic, body));
  }

  private void serveControl(String from, RoutingFrame.Control c) {
    var handler = controls.get(c.topic());
    RoutingFrame answer;
    if (handler == null) {
      answer = new RoutingFrame.Died(c.callId(), "peer " + self + " has no service " + c.topic());
    } else {
      try {
        answer = new RoutingFrame.ControlAnswer(c.callId(), handler.apply(from, c.body()));
      } catch (RuntimeException e) {
        counters.malformed.increment();
        answer = new RoutingFrame.Died(c.callId(), "service " + c.topic() + " failed: " + e);
      }
    }
    transport.send(from, answer);
  }

  private void takeNotice(String from, RoutingFrame.Notice n) {
    var handler = notices.get(n.topic());
    if (handler == null) {
      drop(from, "no service " + n.topic() + " for a notice");
      return;
    }
    try {
      handler.accept(from, n.body());
    } catch (RuntimeException e) {
      drop(from, "notice on " + n.topic() + " refused: " + e.getMessage());
    }
  }

  /** The swarm ref of the actor running on this thread, when it is one this peer hosts. */
  public Optional<SwarmRef> current() {
    return ActorSystem.currentActor()
        .flatMap(c -> host.activationOf(c.self()))
        .map(a -> new SwarmRef(a.id, a.ref.typeName()));
  }

  /** The peers in this peer's swarm view, this one included. */
  public Set<String> peers() {
    return node.view().ids().stream().map(PeerId::value).collect(Collectors.toSet());
  }

  // ---- what this peer knows ----

  /** The peer this peer's route cache sends {@code ref}'s mail to, if it has resolved one. */
  public Optional<String> cachedRoute(SwarmRef ref) {
    Lane lane = lanes.get(ref.id().value());
    Route r = lane == null ? null : lane.route();
    return Optional.ofNullable(r).map(Route::peerId);
  }

  /** The local activation of {@code ref}, when this peer hosts it. */
  public Optional<ActorRef> local(SwarmRef ref) {
    return host.activation(ref.id().value()).filter(a -> !a.isReleased()).map(a -> a.ref);
  }

  /**
   * What {@link #drain} did: the moves made, and the actors that could not move (id -> why; they
   * stay here, and are restored elsewhere from their checkpoints when this peer leaves).
   */
  public record Drain(List<Migration> moved, Map<String, String> failed) {
    public Map<String, Object> toMap(String peer) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("peer", peer);
      m.put("moved", moved.stream().map(Migration::toMap).toList());
      m.put("failed", failed);
      return m;
    }
  }

  /**
   * {@code simplex swarm drain}: moves every actor hosted here to another live peer, each by a live
   * migration (final snapshot, placement CAS, held mail forwarded) to the peer a new actor with its
   * resources would be placed on, this peer excluded. One actor's failure does not stop the others.
   *
   * @throws IllegalStateException when no other peer is in the view
   */
  public Drain drain() {
    return drain(null);
  }

  /**
   * As {@link #drain()}, but moves start only within {@code limit} (null: no limit); the actors
   * still here then are reported as not moved (a stopping peer's checkpointed ones fail over).
   */
  public Drain drain(Duration limit) {
    requireOpen();
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    draining = true; // from now on this peer places nothing new on itself
    Set<String> others =
        node.view().ids().stream()
            .map(PeerId::value)
            .filter(p -> !p.equals(self))
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (others.isEmpty())
      throw new IllegalStateException("peer " + self + " is alone: there is no peer to drain to");
    List<Migration> moved = new ArrayList<>();
    Map<String, String> failed = new java.util.TreeMap<>();
    for (Activation a : List.copyOf(host.all())) {
      if (a.isReleased() || a.isFenced()) continue;
      if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
        failed.put(a.id.value(), "the drain ran out of its " + limit.toSeconds() + " s");
        continue;
      }
      Map<String, PeerLoad> loads = Map.copyOf(grid.<PeerLoad>load());
      String to =
          placer.decide(a.id, PlacementHint.ANY, a.hints.resources(), others, loads).peerId();
      if (!others.contains(to)) to = others.iterator().next(); // no load published yet
      try {
        moved.add(migrate(a.id, to));
      } catch (RuntimeException e) {
        failed.put(a.id.value(), e.getMessage());
      }
    }
    LOG.info(
        "drain of {}: {} actors moved, {} could not move {}",
        self,
        moved.size(),
        failed.size(),
        failed.keySet());
    return new Drain(moved, failed);
  }

  private volatile boolean draining;

  // ---- rebalancing (see Rebalancer for the policy) ----

  private volatile long viewChangedAt = System.nanoTime();
  private final AtomicLong rebalanceMoves = new AtomicLong();
  private boolean shedding; // moved actors last round (only the rebalancing thread touches it)
  private final Rebalancer.Sent sent = new Rebalancer.Sent(); // likewise
  private ScheduledExecutorService rebalancing;

  /**
   * Moves actors hosted here to less loaded peers every {@code policy.interval()} while this peer
   * hosts clearly more than the swarm's mean ({@link Rebalancer}); the loads are those the peers
   * publish in the grid. Off until called; {@code simplex-peer} calls it unless started with {@code
   * --rebalance off}.
   */
  synchronized void rebalance(Rebalancer.Policy policy) {
    Objects.requireNonNull(policy, "policy");
    requireOpen();
    if (rebalancing != null) rebalancing.shutdownNow();
    rebalancing =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("simplex-rebalance-" + self).unstarted(r));
    long every = policy.interval().toMillis();
    rebalancing.scheduleWithFixedDelay(
        () -> rebalanceRound(policy), every, every, TimeUnit.MILLISECONDS);
  }

  /** Rebalancing with the default policy ({@link Rebalancer}: every 5 s, 25% above the mean). */
  public void rebalance() {
    rebalance(Rebalancer.Policy.DEFAULTS);
  }

  /** How many actors rebalancing moved off this peer since start. */
  public long rebalanceMoves() {
    return rebalanceMoves.get();
  }

  private void rebalanceRound(Rebalancer.Policy policy) {
    try {
      if (closed || draining) return;
      long now = System.nanoTime();
      if (now - viewChangedAt < policy.settle().toNanos()) return;
      // not while the grid is still moving or re-replicating partitions (a peer that rejoined
      // after a split is merging its grid member): placements and checkpoints are in flux
      if (!grid.isSafe()) {
        viewChangedAt = now;
        return;
      }
      Set<String> view = peers();
      Map<String, PeerLoad> loads = Map.copyOf(grid.<PeerLoad>load());
      Map<String, Long> counts = new java.util.HashMap<>();
      sent.retain(view);
      for (String p : view) {
        if (p.equals(self)) continue;
        PeerLoad load = loads.get(p);
        if (load != null) counts.put(p, load.actors() + sent.extra(p, load.sequence()));
      }
      Set<String> movable = new java.util.LinkedHashSet<>();
      long own = 0;
      for (Activation a : host.all()) {
        if (a.isReleased() || a.isFenced()) continue;
        own++;
        if (a.hints.rebalanceable()
            && a.unmovable == null
            && (a.arrivedNanos == 0 || now - a.arrivedNanos >= policy.cooldown().toNanos()))
          movable.add(a.id.value());
      }
      counts.put(self, own);
      List<Rebalancer.Move> moves = Rebalancer.plan(self, counts, movable, policy, shedding);
      shedding = !moves.isEmpty();
      if (moves.isEmpty()) return;
      double mean = counts.values().stream().mapToLong(Long::longValue).average().orElse(0);
      LOG.info(
          "rebalance: peer {} hosts {} actors, the mean of {} peers is {}; moving {}",
          self,
          own,
          counts.size(),
          String.format(java.util.Locale.ROOT, "%.1f", mean),
          moves.size());
      for (Rebalancer.Move m : moves) {
        if (closed || draining) return;
        try {
          Migration done = migrate(new ActorId(m.actorId()), m.to());
          rebalanceMoves.incrementAndGet();
          sent.moved(m.to(), loads.get(m.to()).sequence());
          LOG.info(
              "rebalance: moved actor {} to {} in {} ms",
              m.actorId(),
              m.to(),
              done.took().toMillis());
        } catch (MigrationFailedException e) {
          host.activation(m.actorId()).ifPresent(a -> a.unmovable = e.getMessage());
          LOG.info("rebalance: actor {} stays on {}: {}", m.actorId(), self, e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      if (!closed) LOG.warn("rebalance round failed: {}", e.toString());
    }
  }

  /** Whether {@link #drain} ran: new actors go elsewhere, and the peer withdraws its load. */
  public boolean draining() {
    return draining;
  }

  /** Activations this peer hosts now. */
  public int hostedCount() {
    return host.size();
  }

  /** What the actors this peer hosts reserved with {@code resources:} (published in its load). */
  public Resources reserved() {
    return host.reserved();
  }

  public RouteStats stats() {
    return counters.snapshot();
  }

  public String peerId() {
    return self;
  }

  // ---- the wire ----

  private void onDelivery(Delivery d) {
    if (d.kindVersion() != RoutingFrame.KIND_VERSION) {
      drop(
          d.from().value(),
          "routing frame version " + d.kindVersion() + " is not " + RoutingFrame.KIND_VERSION);
      return;
    }
    switch (RoutingFrame.decode(d.payload())) {
      case RoutingFrame.Malformed m -> drop(d.from().value(), m.reason());
      case RoutingFrame.Valid v -> receive(d.from().value(), v.frame());
    }
  }

  private void drop(String from, String why) {
    counters.malformed.increment();
    LOG.debug("dropped a routing frame from peer {}: {}", from, why);
  }

  /**
   * Every frame, from the network or the loopback; runs on the thread that delivers {@code from}'s
   * frames in order.
   */
  private void receive(String from, RoutingFrame frame) {
    if (closed) return;
    switch (frame) {
      case RoutingFrame.Message m -> host.onMessage(from, m);
      case RoutingFrame.Ack a -> {
        Lane lane = lanes.get(a.actorId());
        if (lane != null) lane.acked(a.seq());
      }
      case RoutingFrame.Redirect r -> work.execute(() -> followRedirect(r));
      case RoutingFrame.Unplaced u -> {
        Lane lane = lanes.get(u.actorId());
        if (lane != null) lane.unplaced();
      }
      case RoutingFrame.Replay r -> {
        Lane lane = lanes.get(r.actorId());
        if (lane != null) lane.replay(from, r.lane(), r.fromSeq(), r.upTo());
        else transport.send(from, new RoutingFrame.Gone(r.actorId(), r.lane(), r.upTo()));
      }
      case RoutingFrame.Gone g -> host.onGone(from, g);
      case RoutingFrame.Spawn s -> work.execute(() -> serveSpawn(from, s));
      case RoutingFrame.Release r -> host.onRelease(from, r);
      case RoutingFrame.Reply r -> answered(from, r.callId(), r);
      case RoutingFrame.Died r -> answered(from, r.callId(), r);
      case RoutingFrame.Spawned r -> answered(from, r.callId(), r);
      case RoutingFrame.SpawnFailed r -> answered(from, r.callId(), r);
      case RoutingFrame.Migrate m -> work.execute(() -> reply(from, mover.serveMigrate(m)));
      case RoutingFrame.Install i -> work.execute(() -> reply(from, mover.serveInstall(i)));
      case RoutingFrame.Abort a -> mover.onAbort(a);
      case RoutingFrame.Forwarded f -> host.onMessage(f.origin(), f.message());
      case RoutingFrame.Migrated r -> answered(from, r.callId(), r);
      case RoutingFrame.MigrationFailed r -> answered(from, r.callId(), r);
      case RoutingFrame.Installed r -> answered(from, r.callId(), r);
      case RoutingFrame.Control c -> work.execute(() -> serveControl(from, c));
      case RoutingFrame.ControlAnswer r -> answered(from, r.callId(), r);
      case RoutingFrame.Notice n -> takeNotice(from, n);
    }
  }

  private void reply(String to, RoutingFrame answer) {
    if (!transport.send(to, answer)) LOG.info("peer {} left before its migration answer", to);
  }

  private void followRedirect(RoutingFrame.Redirect r) {
    Lane lane = lanes.get(r.actorId());
    if (lane != null && lane.redirected(r.fromSeq(), new Route(r.peerId(), r.epoch())))
      counters.redirectsFollowed.increment();
  }

  private void answered(String from, long callId, RoutingFrame answer) {
    if (!calls.answer(from, callId, answer)) counters.lateAnswers.increment();
  }

  private Lane lane(String actorId) {
    return lanes.computeIfAbsent(actorId, id -> new Lane(id, links));
  }

  /** How lanes reach the grid, the transport and the dead letters. */
  private final class LaneLinks implements Lane.Links {
    @Override
    public Lane.Resolution resolve(String actorId) {
      Optional<Placement> p = grid.placements().get(actorId);
      if (p.isEmpty()) return new Lane.Resolution.Missing("unknown actor " + actorId);
      if (p.get().status() == Placement.Status.STOPPED)
        return new Lane.Resolution.Gone("stopped actor " + actorId);
      if (!transport.inView(p.get().peerId()))
        return new Lane.Resolution.Unreachable(p.get().peerId());
      return new Lane.Resolution.Hosted(new Route(p.get().peerId(), p.get().epoch()));
    }

    @Override
    public boolean send(String peer, RoutingFrame frame) {
      return transport.send(peer, frame);
    }

    @Override
    public void undeliverable(RoutingFrame.Message m, String why) {
      Object payload;
      try {
        payload = codec.decode(m.body());
      } catch (IllegalArgumentException e) {
        payload = null;
      }
      if (m.mode() != RoutingFrame.Mode.STOP) // stopping an ended actor loses nothing
      system.recordDeadLetter(new MessageId(m.senderId(), m.seq()), m.sender(), why, payload);
      if (m.callId() > 0) {
        RoutingFrame answer =
            m.mode() == RoutingFrame.Mode.STOP
                ? new RoutingFrame.Reply(m.callId(), codec.encode(null))
                : new RoutingFrame.Died(m.callId(), why);
        calls.answer(self, m.callId(), answer);
      }
    }
  }

  // ---- senders, ticks, departures ----

  private record Sender(long id, String display) {}

  private Sender sender() {
    Optional<ActorContext> me = ActorSystem.currentActor();
    if (me.isPresent()) return new Sender(me.get().self().id(), self + "/" + me.get().self());
    return new Sender(-outsideSender.incrementAndGet(), self + "/main");
  }

  /**
   * Acknowledgements, leases, then every stalled lane, each step on its own: a grid that cannot
   * answer (a split, partitions re-replicating) fails the lease renewal or one lane's placement
   * read, and used to end the whole tick there, so the lanes after it were never retried and their
   * mail waited for as long as that one read kept failing.
   */
  private void tick() {
    if (closed) return;
    long now = System.nanoTime();
    try {
      host.flushAcks();
    } catch (RuntimeException e) {
      tickFailed("flushing acknowledgements", e);
    }
    if (now - leasesRenewed > LEASE_RENEW_NANOS) {
      leasesRenewed = now;
      try {
        host.renewLeases();
      } catch (RuntimeException e) {
        tickFailed("renewing leases", e);
      }
    }
    Lane.retryAll(
        lanes.values(),
        now,
        options.orphanTimeout().toNanos(),
        (lane, e) -> tickFailed("retrying the lane to " + lane.actorId, e));
  }

  private long tickFailuresLogged;

  /** At most one warning a second: during a split every tick fails the same way. */
  private void tickFailed(String what, RuntimeException e) {
    if (closed) return;
    long now = System.nanoTime();
    if (now - tickFailuresLogged < 1_000_000_000L) return;
    tickFailuresLogged = now;
    LOG.warn("routing tick: {} failed: {}", what, e.toString());
  }

  private void onMembership(MembershipEvent event) {
    viewChangedAt = System.nanoTime();
    if (event instanceof MembershipEvent.Left left) {
      String gone = left.peer().id().value();
      calls.failPeer(gone, "peer " + gone + " left the swarm");
      for (Lane lane : lanes.values()) lane.peerLeft(gone);
      failovers.execute(this::takeOver);
      failovers.execute(this::rechooseStandbys);
    } else if (event instanceof MembershipEvent.Joined) {
      failovers.execute(this::rechooseStandbys);
    }
  }

  /**
   * The view changed: each replicated actor hosted here whose standbys for the new view differ gets
   * its newest checkpoint pushed to them (and withdrawn from those no longer chosen).
   */
  private void rechooseStandbys() {
    Set<String> view = peers();
    for (Activation a : host.all()) {
      if (closed) return;
      var latest = a.latest;
      if (a.isReleased() || latest == null || a.hints.replicas() < 2) continue;
      if (Replicas.choose(a.id.value(), a.hints.replicas(), self, view).equals(a.standbys))
        continue;
      try {
        int n = replicas.push(a, latest, view);
        LOG.info("replicas: actor {} has standbys {} ({} confirmed)", a.id, a.standbys, n);
      } catch (RuntimeException e) {
        LOG.info("replicas: re-choosing the standbys of {} failed: {}", a.id, e.toString());
      }
    }
  }

  /** Fetches a type's code while the grid still has it: a standby may have to restore it. */
  private void prepareType(String typeName) {
    try {
      registry.prepare(typeName);
    } catch (RuntimeException e) {
      LOG.warn("replicas: the code of {} is not at hand here: {}", typeName, e.getMessage());
    }
  }

  /** Replication over this router's calls: controls, notices, waits. */
  private final class ReplicaWire implements Replicas.Wire {
    @Override
    public CompletableFuture<byte[]> control(
        String peer, String topic, byte[] body, Duration timeout) {
      var answer = new CompletableFuture<RoutingFrame>();
      long call = calls.open(peer, answer);
      if (closed || !transport.send(peer, new RoutingFrame.Control(call, topic, body)))
        return CompletableFuture.failedFuture(
            new IllegalStateException("peer " + peer + " is unreachable"));
      answer.completeOnTimeout(
          new RoutingFrame.Died(call, "no answer within " + timeout),
          timeout.toMillis(),
          TimeUnit.MILLISECONDS);
      return answer.thenApply(
          f ->
              switch (f) {
                case RoutingFrame.ControlAnswer a -> a.body();
                case RoutingFrame.Died d -> throw new IllegalStateException(d.reason());
                default -> throw new IllegalStateException("unexpected answer " + f);
              });
    }

    @Override
    public boolean notice(String peer, String topic, byte[] body) {
      return SwarmActors.this.notice(peer, topic, body);
    }

    @Override
    public <T> T await(CompletableFuture<T> f) {
      return system.awaitExternal(f);
    }
  }

  /** Per hosted actor with replicas > 1: its standbys; per warm copy held here: its actor. */
  public Map<String, java.util.List<String>> standbys() {
    Map<String, java.util.List<String>> out = new java.util.TreeMap<>();
    for (Activation a : host.all())
      if (!a.isReleased() && a.hints.replicas() > 1) out.put(a.id.value(), a.standbys);
    return out;
  }

  /** Warm copies this peer holds for replicated actors hosted elsewhere. */
  public int warmCopies() {
    return replicas.size();
  }

  /**
   * Takes over this peer's share of the actors of peers that left (see {@link Failover}); retries
   * while the grid is still reorganising after the loss.
   */
  private void takeOver() {
    long deadline = System.nanoTime() + options.orphanTimeout().toNanos();
    while (!closed) {
      try {
        int n = failover.takeOver();
        if (n > 0) LOG.info("failover: peer {} restored {} actors of departed peers", self, n);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          LOG.warn("failover on {} gave up: {}", self, e.toString());
          return;
        }
        LOG.debug("failover pass on {} failed, retrying: {}", self, e.toString());
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * {@code checkpoint()} for the swarm actor handling a message on this thread: its state (its
   * {@link dev.simplex.peer.migrate.Migratable} snapshot) and the delivery watermarks of the
   * messages that state reflects are stored in the grid, replicated with the grid's backups, so a
   * survivor can restore it if its peer dies. From then on its senders' messages are acknowledged
   * only once a checkpoint reflects them. Returns false when no routed, migratable actor runs here.
   *
   * @throws IllegalStateException when a newer activation of the actor exists elsewhere (this one
   *     is fenced and handles nothing more)
   */
  public static boolean checkpointRunning() {
    return Mobile.checkpointRunning();
  }

  private void requireOpen() {
    if (closed)
      throw new IllegalStateException("peer " + self + " has stopped routing actor messages");
  }

  /** Stops routing: waiting calls fail; the local actor system is the caller's to shut down. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    ticker.shutdownNow();
    failovers.shutdownNow();
    synchronized (this) {
      if (rebalancing != null) rebalancing.shutdownNow();
    }
    node.removeListener(departures);
    node.onEnvelope(EnvelopeKind.ROUTING, d -> {});
    calls.failAll("peer " + self + " stopped routing");
    transport.close();
    host.close();
    work.shutdown();
  }
}
