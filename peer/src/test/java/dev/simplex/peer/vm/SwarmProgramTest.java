package dev.simplex.peer.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmNode;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.route.SpawnFailedException;
import dev.simplex.peer.route.SpawnOptions;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.peer.testing.LoopbackSwarm;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiled programs across three peers on loopback: actors of a submitted program land on several
 * peers, which fetch the module by hash; Simplex actors migrate with their fields and mail; bad
 * frames and bad code are refused without harm.
 */
class SwarmProgramTest {
  record Peer(SwarmNode node, Grid grid, ActorSystem system, VmSwarm vm, SwarmActors actors)
      implements AutoCloseable {
    String id() {
      return node.id().value();
    }

    @Override
    public void close() {
      actors.close();
      vm.close();
      system.shutdown();
      try {
        grid.close();
      } finally {
        node.close();
      }
    }
  }

  static final List<Peer> peers = new ArrayList<>();

  @BeforeAll
  static void startPeers() {
    String swarm =
        "vm-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 20);
    List<Integer> ports = LoopbackSwarm.freePorts(6);
    List<Integer> transports = ports.subList(0, 3);
    for (int i = 0; i < 3; i++) {
      SwarmNode node =
          LoopbackSwarm.join(swarm, "v" + (i + 1), ports.get(i), ports.get(3 + i), transports);
      Grid grid = LoopbackSwarm.grid(swarm, ports.get(3 + i), node);
      var holder = new java.util.concurrent.atomic.AtomicReference<VmSwarm>();
      ActorSystem system =
          new ActorSystem(
              ActorSystem.Options.defaults()
                  .withParallelism(2)
                  .withErrors(VmSwarm.errors(holder::get, line -> {}))
                  .withMessageType(VmSwarm::messageName));
      VmSwarm vm = new VmSwarm(grid, system);
      holder.set(vm);
      SwarmActors actors = SwarmActors.start(node, grid, system, vm.registry(), vm.codec());
      vm.attach(actors);
      // an idle load sample, as a peer publishes it: placement considers peers that publish one
      grid.<dev.simplex.peer.swarm.PeerLoad>load()
          .put(
              node.id().value(),
              new dev.simplex.peer.swarm.PeerLoad(
                  node.id().value(), "127.0.0.1", 1, 0, 0, 0, 0, 0, 1 << 30));
      peers.add(new Peer(node, grid, system, vm, actors));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                peers.stream()
                    .allMatch(p -> p.node().view().size() == 3 && p.grid().memberCount() == 3));
  }

  @AfterAll
  static void stopPeers() {
    peers.forEach(Peer::close);
  }

  static final String WORKERS =
      """
      actor Worker {
          var name: String = ""
          var done: i64 = 0
          init(n: String) { name = n }
          receive Square(k: i64) -> i64 {
              done += 1
              println("{name} squares {k}")
              k * k
          }
          receive Note(text: String) { done += 1 }
          on_stop { println("{name} stops after {done}") }
      }
      actor Relay {
          var next: Option<ActorRef<Worker>> = None
          receive Link(w: ActorRef<Worker>) { next = Some(w) }
          receive Pass(text: String) -> i64 {
              match next {
                  Some(w) => { send(w, Note(text)); 1 }
                  None => 0
              }
          }
      }
      fn main() -> i64 {
          let a = spawn Worker("a") with { placement: Spread }
          let b = spawn Worker("b") with { placement: Spread }
          let c = spawn Worker("c") with { placement: Spread }
          let relay = spawn Relay with { placement: Spread, name: "relay" }
          let total = ask(a, Square(3)) + ask(b, Square(4)) + ask(c, Square(5))
          send(relay, Link(c))
          println("total {total}")
          let found = lookup<Relay>("relay")
          match found {
              Some(r) => { println("passed {ask(r, Pass("hello"))}") }
              None => { println("no relay") }
          }
          total
      }
      """;

  @Test
  void aProgramWhoseActorsLandOnSeveralPeersPrintsWhatSimplexRunPrints() {
    SbcModule module = Programs.compile(WORKERS);
    Programs.Outcome local = Programs.run(WORKERS);
    long[] hostedBefore = peers.stream().mapToLong(p -> p.vm().hostedActors()).toArray();

    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Peer origin = peers.get(0);
    String hash = origin.vm().publish(SbcWriter.write(module));
    int code;
    try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
        var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = origin.vm().run(hash, List.of(), o, e);
    }
    assertEquals(local.exit(), code, err.toString(StandardCharsets.UTF_8));
    assertEquals(local.out(), out.toString(StandardCharsets.UTF_8));
    assertEquals(local.err(), err.toString(StandardCharsets.UTF_8));
    long peersUsed =
        java.util.stream.IntStream.range(0, 3)
            .filter(i -> peers.get(i).vm().hostedActors() > hostedBefore[i])
            .count();
    assertTrue(peersUsed >= 2, "the four actors spread over " + peersUsed + " peer(s)");
  }

  static final String FRAGILE =
      """
      actor Fragile {
          receive Boom(why: String) { panic(why) }
          receive Poke {}
      }
      fn main() {
          let a = spawn Fragile with { placement: Spread }
          let b = spawn Fragile with { placement: Spread }
          let c = spawn Fragile with { placement: Spread }
          send(a, Boom("bad input"))
          send(b, Boom("bad input"))
          send(c, Boom("bad input"))
          sleep(Duration::milliseconds(300))
          send(a, Poke)
          send(b, Poke)
          send(c, Poke)
          println("sent")
      }
      """;

  @Test
  void
      panicsOfActorsOnOtherPeersAndTheDeadLetterSummaryReachTheSubmittersStderrAsSimplexRunPrints() {
    Programs.Outcome local = Programs.run(FRAGILE);
    assertTrue(local.err().contains("actor Fragile crashed: bad input"), local.err());
    assertTrue(local.err().contains("dead letters: 3 (Poke 3)"), local.err());
    SbcModule module = Programs.compile(FRAGILE);
    long[] hostedBefore = peers.stream().mapToLong(p -> p.vm().hostedActors()).toArray();
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Peer origin = peers.get(0);
    String hash = origin.vm().publish(SbcWriter.write(module));
    int code;
    try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
        var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = origin.vm().run(hash, List.of(), o, e);
    }
    assertEquals(local.exit(), code);
    assertEquals(local.out(), out.toString(StandardCharsets.UTF_8));
    assertEquals(
        local.err().lines().sorted().toList(),
        err.toString(StandardCharsets.UTF_8).lines().sorted().toList());
    assertTrue(
        peers.get(1).vm().hostedActors() > hostedBefore[1]
            || peers.get(2).vm().hostedActors() > hostedBefore[2],
        "some Fragile actor lived on another peer than the submitter's");
  }

  static final String HINTS =
      """
      actor Trainer {
          receive Step(k: i64) -> i64 { k * 2 }
      }
      actor Feeder {
          var sent: i64 = 0
          receive Feed(t: ActorRef<Trainer>, k: i64) -> i64 {
              sent += 1
              ask(t, Step(k))
          }
      }
      fn main() -> i64 {
          let t = spawn Trainer with { resources: Resources(gpu: 1, memory: "1MB") }
          let f = spawn Feeder with { placement: Locality(t) }
          let r = ask(f, Feed(t, 21))
          println("fed {r}")
          r
      }
      """;

  @Test
  void anActorAskingForAGpuLandsOnThePeerThatHasOneAndLocalityPutsItsFeederBesideIt() {
    Peer gpuPeer = peers.get(2);
    String id = gpuPeer.id();
    // peer 3 publishes one GPU (as its AI pool would); the others publish none
    gpuPeer
        .grid()
        .<dev.simplex.peer.swarm.PeerLoad>load()
        .put(
            id,
            new dev.simplex.peer.swarm.PeerLoad(
                id, "127.0.0.1", 1_000, 0, 0, 0, 0, 0, 1 << 30, 64, 1, 0, 0, 0));
    try {
      SbcModule module = Programs.compile(HINTS);
      long[] before = peers.stream().mapToLong(p -> p.vm().hostedActors()).toArray();
      var out = new ByteArrayOutputStream();
      Peer origin = peers.get(0);
      String hash = origin.vm().publish(SbcWriter.write(module));
      int code;
      try (var o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
        code = origin.vm().run(hash, List.of(), o, o);
      }
      assertEquals(42, code, out.toString(StandardCharsets.UTF_8));
      assertEquals("fed 42\n", out.toString(StandardCharsets.UTF_8));
      long[] gained = new long[3];
      for (int i = 0; i < 3; i++) gained[i] = peers.get(i).vm().hostedActors() - before[i];
      assertEquals(List.of(0L, 0L, 2L), List.of(gained[0], gained[1], gained[2]));
    } finally {
      gpuPeer
          .grid()
          .<dev.simplex.peer.swarm.PeerLoad>load()
          .put(
              id,
              new dev.simplex.peer.swarm.PeerLoad(id, "127.0.0.1", 1_001, 0, 0, 0, 0, 0, 1 << 30));
    }
  }

  static final String COUNTER =
      """
      actor Counter {
          var seen: List<i64> = []
          receive Add(k: i64) { seen.push(k) }
          receive Seen -> List<i64> { seen }
      }
      fn main() {}
      """;

  /** Spawns a Counter from peer {@code from} through a run of the COUNTER program there. */
  static SwarmRef counterOn(Peer from, SpawnOptions options) {
    SbcModule module = Programs.compile(COUNTER);
    String hash = from.vm().publish(SbcWriter.write(module));
    var run =
        new VmSwarm.Run(
            from.vm(),
            "test-run-" + System.nanoTime(),
            from.id(),
            hash,
            module,
            System.out,
            System.err);
    var args = new VmValue.SpawnArgs(run.runId, run.origin, List.of(), Map.of());
    return from.actors().spawn(hash + ":Counter", new VmValue(hash, args), options);
  }

  static List<Long> seen(Peer from, SwarmRef counter) {
    // bounded: a lost ask must fail the test with what each peer hosts, not hang the suite
    var answer =
        from.actors()
            .ask(
                counter,
                new VmValue(hashOf(counter), new Message("Seen", List.of())),
                Duration.ofSeconds(90));
    if (!(answer instanceof dev.simplex.peer.actor.AskResult.Reply(Object reply)))
      throw new AssertionError(
          "no answer from "
              + counter
              + " ("
              + answer
              + "); hosted on: "
              + peers.stream()
                  .filter(p -> p.actors().local(counter).isPresent())
                  .map(Peer::id)
                  .toList());
    List<Long> numbers = new ArrayList<>();
    var list =
        (dev.simplex.sbc.PortableValue.ListOf)
            dev.simplex.sbc.Vm.toPortable(((VmValue) reply).value());
    for (var x : list.items()) numbers.add(((dev.simplex.sbc.PortableValue.Int) x).value());
    return numbers;
  }

  static String hashOf(SwarmRef ref) {
    return ref.typeName().substring(0, ref.typeName().indexOf(':'));
  }

  @Test
  void aSimplexCounterMigratingBackAndForthLosesDuplicatesAndReordersNothing() throws Exception {
    Peer sender = peers.get(2);
    SwarmRef counter = counterOn(peers.get(0), SpawnOptions.DEFAULT.withName("moving-counter"));
    String hash = hashOf(counter);
    int n = 3_000;
    AtomicBoolean sending = new AtomicBoolean(true);
    List<String> moves = new ArrayList<>();
    Thread mover =
        Thread.ofPlatform()
            .start(
                () -> {
                  int k = 0;
                  while (sending.get() || k < 4) {
                    String to = peers.get(k++ % 2 == 0 ? 1 : 0).id();
                    var m = peers.get(0).actors().migrate(counter, to);
                    moves.add(m.from() + "->" + m.to());
                  }
                });
    for (long i = 1; i <= n; i++)
      sender.actors().send(counter, new VmValue(hash, new Message("Add", List.of(i))));
    sending.set(false);
    mover.join();
    List<Long> expected = LongStream.rangeClosed(1, n).boxed().toList();
    assertEquals(expected, seen(sender, counter), "moves: " + moves);
    assertTrue(moves.size() >= 4, "it moved " + moves);
  }

  @Test
  void malformedVmMessagesAreDroppedAndCountedAndTheActorKeepsServing() throws Exception {
    SwarmRef counter = counterOn(peers.get(0), SpawnOptions.DEFAULT);
    Peer hosting =
        peers.stream().filter(p -> p.actors().local(counter).isPresent()).findFirst().orElseThrow();
    String hostId = hosting.id();
    long before = hosting.actors().stats().malformed();
    String hash = hashOf(counter);
    List<byte[]> bodies =
        List.of(
            new byte[] {1, 2, 3},
            new byte[] {9},
            vmBody(1, hash, new byte[] {2, 1, 0, 0, 0, 0, 0}),
            vmBody(1, "f".repeat(64), new byte[] {2, 0, 0, 0, 3, 'A', 'd', 'd', 0, 0, 0, 1, 2}),
            vmBody(1, hash, new byte[] {2, 0, 0, 0, 3, 'A', 'd', 'd', 0x7f, 0, 0, 0}),
            vmBody(7, hash, new byte[] {1, 0}),
            // well-formed, but against the program's message schemas: no such message, and
            // `Add` without its argument
            vmBody(1, hash, new byte[] {2, 0, 0, 0, 4, 'N', 'o', 'p', 'e', 0, 0, 0, 0}),
            vmBody(1, hash, new byte[] {2, 0, 0, 0, 3, 'A', 'd', 'd', 0, 0, 0, 0}));
    long seq = 1;
    long lane = ThreadLocalRandom.current().nextLong();
    Peer from = peers.stream().filter(p -> p != hosting).findFirst().orElseThrow();
    for (byte[] body : bodies)
      assertTrue(
          from.node()
              .send(
                  new PeerId(hostId),
                  EnvelopeKind.ROUTING,
                  1,
                  messageFrame(counter.id().value(), lane, seq++, body)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hosting.actors().stats().malformed() >= before + bodies.size());
    from.actors().send(counter, new VmValue(hash, new Message("Add", List.of(42L))));
    assertEquals(List.of(42L), seen(from, counter));
  }

  static byte[] vmBody(int version, String hash, byte[] rest) throws Exception {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.writeByte(version);
      out.writeUTF(hash);
      out.write(rest);
    }
    return b.toByteArray();
  }

  /** A ROUTING message frame as the router writes it (type 1). */
  static byte[] messageFrame(String actor, long lane, long seq, byte[] body) throws Exception {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.writeByte(1);
      out.writeUTF(actor);
      out.writeLong(lane);
      out.writeLong(seq);
      out.writeByte(0);
      out.writeLong(0);
      out.writeLong(-99);
      out.writeUTF("v3/test");
      out.writeInt(body.length);
      out.write(body);
    }
    return b.toByteArray();
  }

  @Test
  void anUnknownOrTamperedCodeHashIsRefusedByThePeerAskedToHostIt() {
    Peer asker = peers.get(0);
    byte[] real = SbcWriter.write(Programs.compile(COUNTER));
    String fake = "ab".repeat(32);
    // an entry whose bytes do not hash to its key, as a hostile member could write it
    asker.grid().code(bytes -> fake).publish(real);
    String unknown = "cd".repeat(32);
    for (String hash : List.of(fake, unknown, "not-a-hash")) {
      long refusedBefore = peers.stream().mapToLong(p -> p.vm().refusedCode()).sum();
      var args = new VmValue.SpawnArgs("r", asker.id(), List.of(), Map.of());
      SpawnFailedException e =
          assertThrows(
              SpawnFailedException.class,
              () ->
                  asker
                      .actors()
                      .spawn(hash + ":Counter", new VmValue(hash, args), SpawnOptions.DEFAULT));
      assertTrue(e.getMessage().contains("refused code"), e.getMessage());
      assertTrue(peers.stream().mapToLong(p -> p.vm().refusedCode()).sum() > refusedBefore);
    }
  }
}
