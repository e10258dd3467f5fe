package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.Behavior;
import dev.simplex.peer.grid.CodeRegistry;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.route.ActorId;
import dev.simplex.peer.route.BehaviorRegistry;
import dev.simplex.peer.route.MessageCodec;
import dev.simplex.peer.route.SwarmActors;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.SbcFormatException;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcReader;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled programs across the swarm, for one peer. A program submitted here runs {@code main}
 * here; its actors are spawned through {@link SwarmActors} (placed by load and the {@code spawn ..
 * with} hints) under the type key {@code <module hash>:<Type>}. A peer asked to host an actor of a
 * module it has not seen fetches the module from the grid's code registry, checks its hash (and the
 * bytecode verifier) and instantiates it; an unknown or tampered hash is refused. Output of an
 * actor hosted for a program that runs elsewhere goes back to that program's peer as a notice.
 */
public final class VmSwarm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VmSwarm.class);
  static final String CENSUS = "vm.census";
  static final String OUTPUT = "vm.out";
  static final String ENDED = "vm.end";
  static final String DEAD = "vm.dead";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final ActorSystem system;
  private final CodeRegistry code;
  private final BehaviorRegistry registry = new BehaviorRegistry();
  private final VmCodec codec = new VmCodec(this::decoder);
  private final Map<String, Loaded> modules = new ConcurrentHashMap<>();
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final AtomicLong runs_started = new AtomicLong();
  private final LongAdder refused = new LongAdder();
  private final LongAdder hosted = new LongAdder();
  private volatile SwarmActors actors;
  private volatile dev.simplex.inference.InferencePool inference;

  /**
   * {@code ai::} calls of programs run from now on go to {@code pool} (the peer's pool, linked to
   * the swarm's models) instead of a pool of built-in models per run.
   */
  public void useInference(dev.simplex.inference.InferencePool pool) {
    this.inference = pool;
  }

  dev.simplex.inference.InferencePool inference() {
    return inference;
  }

  private record Loaded(SbcModule module, Vm decoder) {}

  public VmSwarm(Grid grid, ActorSystem system) {
    this.system = Objects.requireNonNull(system, "system");
    this.code = grid.code(VmSwarm::sha256);
    registry.resolving(this::resolve);
  }

  /** The registry to route with: it knows every compiled actor type by its module's hash. */
  public BehaviorRegistry registry() {
    return registry;
  }

  public MessageCodec codec() {
    return codec;
  }

  /** Connects to the router started with {@link #registry} and {@link #codec}. */
  public void attach(SwarmActors actors) {
    this.actors = actors;
    actors.onControl(CENSUS, (from, body) -> census(text(body)));
    actors.onNotice(OUTPUT, this::output);
    actors.onNotice(ENDED, (from, body) -> ended(text(body)));
    actors.onControl(DEAD, (from, body) -> encodeCounts(system.deadLetters().countsByType()));
  }

  SwarmActors actors() {
    SwarmActors a = actors;
    if (a == null) throw new IllegalStateException("the VM is not attached to a router yet");
    return a;
  }

  /** Module hashes this peer refused: unknown to the registry, tampered, or not valid bytecode. */
  public long refusedCode() {
    return refused.sum();
  }

  /** Compiled actors started on this peer (spawned here or arrived by migration) since start. */
  public long hostedActors() {
    return hosted.sum();
  }

  /** Publishes a program's bytes in the code registry; returns their hash. */
  public String publish(byte[] sbc) {
    String hash = code.publish(sbc);
    try {
      modules.computeIfAbsent(hash, h -> loaded(SbcReaderUnchecked.read(sbc)));
    } catch (IllegalArgumentException e) {
      throw e;
    }
    return hash;
  }

  /**
   * Runs {@code main} of the published module {@code hash} with its actors spread over the swarm,
   * as {@code simplex run} would: after {@code main} returns, waits until no actor of the run has
   * work left anywhere, then stops them, newest first.
   */
  public int run(String hash, List<String> args, PrintStream out, PrintStream err) {
    SbcModule module = module(hash);
    String self = actors().peerId();
    String runId = self + "#" + runs_started.incrementAndGet() + "-" + System.nanoTime();
    Run run = new Run(this, runId, self, hash, module, out, err);
    runs.put(runId, run);
    try {
      Map<String, Map<String, Long>> deadBefore = deadLetterCounts();
      Vm.Outcome outcome = run.runtime.vm(module).execute(args);
      if (outcome.returned()) {
        List<SwarmRef> spawned = awaitQuiescence(run);
        for (SwarmRef ref : spawned.reversed()) {
          try {
            actors().stop(ref);
          } catch (RuntimeException e) {
            LOG.debug("stopping {} at the end of run {}: {}", ref, runId, e.toString());
          }
        }
        out.flush();
        String summary = deadLetterSummary(deadBefore, deadLetterCounts());
        if (summary != null) err.println(summary);
      }
      out.flush();
      err.flush();
      return outcome.code();
    } finally {
      for (String peer : actors().peers())
        if (!peer.equals(self)) actors().notice(peer, ENDED, bytes(runId));
      runs.remove(runId);
      run.runtime.close();
    }
  }

  /**
   * Four-counter quiescence over every peer: messages sent by the run's code and handled by its
   * actors, summed over the swarm, equal and unchanged in two rounds. Returns the run's actors in
   * spawn order (this peer's first).
   */
  private List<SwarmRef> awaitQuiescence(Run run) {
    long[] last = null;
    long stableSince = System.nanoTime();
    while (true) {
      long sent = 0, handled = 0, busy = 0;
      List<SwarmRef> mine = new ArrayList<>(), theirs = new ArrayList<>();
      for (String peer : new java.util.TreeSet<>(actors().peers())) {
        Census c;
        try {
          c =
              Census.decode(
                  actors().control(peer, CENSUS, bytes(run.runId), Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
          LOG.debug("census of run {} on {}: {}", run.runId, peer, e.toString());
          continue; // a peer that left holds nothing of the run any more
        }
        sent += c.sent;
        handled += c.handled;
        busy += c.busy;
        (peer.equals(run.origin) ? mine : theirs).addAll(c.spawned);
      }
      long[] now = {sent, handled, busy};
      if (last != null && java.util.Arrays.equals(last, now)) {
        if (sent == handled && busy == 0) {
          mine.addAll(theirs);
          return mine;
        }
        // nothing moved for a while and nothing runs: what is missing went to dead actors
        if (busy == 0 && System.nanoTime() - stableSince > 2_000_000_000L) {
          mine.addAll(theirs);
          return mine;
        }
      } else {
        stableSince = System.nanoTime();
      }
      last = now;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return mine;
      }
    }
  }

  private record Census(long sent, long handled, long busy, List<SwarmRef> spawned) {
    byte[] encode() {
      var b = new ByteArrayOutputStream();
      try (var out = new DataOutputStream(b)) {
        out.writeLong(sent);
        out.writeLong(handled);
        out.writeLong(busy);
        out.writeInt(spawned.size());
        for (SwarmRef r : spawned) {
          out.writeUTF(r.id().value());
          out.writeUTF(r.typeName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.toByteArray();
    }

    static Census decode(byte[] bytes) {
      try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        long s = in.readLong(), h = in.readLong(), busy = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IllegalArgumentException("bad census");
        List<SwarmRef> refs = new ArrayList<>(n);
        for (int k = 0; k < n; k++) refs.add(new SwarmRef(new ActorId(in.readUTF()), in.readUTF()));
        return new Census(s, h, busy, refs);
      } catch (IOException e) {
        throw new IllegalArgumentException("a census answer is malformed: " + e);
      }
    }
  }

  /**
   * Dead letters per peer by message name, as each peer's actor system counts them (a peer that
   * does not answer is left out).
   */
  private Map<String, Map<String, Long>> deadLetterCounts() {
    Map<String, Map<String, Long>> all = new java.util.TreeMap<>();
    for (String peer : new java.util.TreeSet<>(actors().peers())) {
      try {
        all.put(
            peer, decodeCounts(actors().control(peer, DEAD, new byte[0], Duration.ofSeconds(5))));
      } catch (RuntimeException e) {
        LOG.debug("dead letters of {}: {}", peer, e.toString());
      }
    }
    return all;
  }

  /**
   * {@code simplex run}'s line ({@code dead letters: 3 (Put 2, Count 1)}) for the dead letters the
   * swarm recorded during a run, or null for none. Counted per peer between the run's start and
   * end, so dead letters of other programs running at the same time are counted too.
   */
  static String deadLetterSummary(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Long> delta = new java.util.LinkedHashMap<>();
    after.forEach(
        (peer, counts) -> {
          Map<String, Long> was = before.getOrDefault(peer, Map.of());
          counts.forEach(
              (type, n) -> {
                long d = n - was.getOrDefault(type, 0L);
                if (d > 0) delta.merge(type, d, Long::sum);
              });
        });
    long total = delta.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) return null;
    var parts = new StringBuilder();
    delta.forEach((type, n) -> parts.append(parts.isEmpty() ? "" : ", ").append(type + " " + n));
    return "dead letters: " + total + " (" + parts + ")";
  }

  private static byte[] encodeCounts(Map<String, Long> counts) {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.writeInt(counts.size());
      for (var e : counts.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static Map<String, Long> decodeCounts(byte[] bytes) {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int n = in.readInt();
      if (n < 0 || n > in.available() / 10)
        throw new IllegalArgumentException("bad dead-letter counts");
      Map<String, Long> counts = new java.util.LinkedHashMap<>();
      for (int k = 0; k < n; k++) counts.put(in.readUTF(), in.readLong());
      return counts;
    } catch (IOException e) {
      throw new IllegalArgumentException("dead-letter counts are malformed: " + e);
    }
  }

  private byte[] census(String runId) {
    Run r = runs.get(runId);
    if (r == null) return new Census(0, 0, 0, List.of()).encode();
    return new Census(r.sent.sum(), r.handled.sum(), r.busy.sum(), List.copyOf(r.spawned)).encode();
  }

  private void output(String from, byte[] body) {
    try (var in = new DataInputStream(new ByteArrayInputStream(body))) {
      String runId = in.readUTF();
      int tag = in.readUnsignedByte();
      byte[] text = in.readAllBytes();
      Run r = runs.get(runId);
      if (r == null || !r.origin.equals(actors().peerId())) return; // the run is over
      PrintStream to = tag == 'e' ? r.err : r.out;
      to.write(text);
      to.flush();
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed output notice: " + e);
    }
  }

  private void ended(String runId) {
    Run r = runs.get(runId);
    if (r != null && !r.origin.equals(actors().peerId())) {
      runs.remove(runId);
      r.runtime.close();
    }
  }

  // ---- code by hash ----

  /** {@code <hash>:<Type>}: the factory of that compiled actor type, fetching its module. */
  private Function<Object, Behavior> resolve(String typeKey) {
    int colon = typeKey.indexOf(':');
    if (colon < 0) return null;
    String hash = typeKey.substring(0, colon);
    String type = typeKey.substring(colon + 1);
    SbcModule module = module(hash);
    if (module.indexOf(type + "::$fields") < 0)
      throw new IllegalArgumentException("module " + hash + " has no actor type " + type);
    return args -> {
      if (!(args instanceof VmValue(String h, VmValue.SpawnArgs s)) || !h.equals(hash))
        throw new IllegalArgumentException("the spawn of " + typeKey + " carries no VM arguments");
      hosted.increment();
      return runFor(s.runId(), s.origin(), hash).runtime.hosted(type, s.initArgs(), s.overrides());
    };
  }

  private Run runFor(String runId, String origin, String hash) {
    return runs.computeIfAbsent(
        runId,
        id -> {
          PrintStream out = forwarding(origin, id, 'o');
          PrintStream err = forwarding(origin, id, 'e');
          return new Run(this, id, origin, hash, module(hash), out, err);
        });
  }

  /** The module published under {@code hash}, fetched and checked on first use. */
  SbcModule module(String hash) {
    return loaded(hash).module();
  }

  private Vm decoder(String hash) {
    return loaded(hash).decoder();
  }

  private Loaded loaded(String hash) {
    Loaded l = modules.get(hash);
    if (l != null) return l;
    if (!HASH.matcher(hash).matches()) {
      refused.increment();
      throw new IllegalArgumentException("refused code: \"" + hash + "\" is not a module hash");
    }
    byte[] bytes;
    try {
      bytes =
          code.fetch(hash)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "refused code: unknown module hash " + hash + " (not in the registry)"));
    } catch (CodeRegistry.TamperedCodeException e) {
      refused.increment();
      throw new IllegalArgumentException("refused code: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      refused.increment();
      throw e;
    }
    try {
      Loaded fresh = loaded(SbcReaderUnchecked.read(bytes));
      Loaded raced = modules.putIfAbsent(hash, fresh);
      LOG.info("fetched module {} from the code registry", hash);
      return raced != null ? raced : fresh;
    } catch (IllegalArgumentException e) {
      refused.increment();
      throw new IllegalArgumentException("refused code " + hash + ": " + e.getMessage());
    }
  }

  private static Loaded loaded(SbcModule module) {
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    return new Loaded(module, new Vm(module, none, none));
  }

  /** SbcReader with its checked exception as an IllegalArgumentException. */
  private static final class SbcReaderUnchecked {
    static SbcModule read(byte[] bytes) {
      try {
        return SbcReader.read(bytes);
      } catch (SbcFormatException e) {
        throw new IllegalArgumentException("not a valid Simplex program: " + e.getMessage());
      }
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  // ---- output of actors hosted for programs elsewhere ----

  private PrintStream forwarding(String origin, String runId, char tag) {
    return new PrintStream(new Forwarder(origin, runId, tag), true, StandardCharsets.UTF_8);
  }

  /** Sends what an actor prints to the run's peer, a line (or a flushed piece) at a time. */
  private final class Forwarder extends OutputStream {
    private final String origin;
    private final String runId;
    private final char tag;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Forwarder(String origin, String runId, char tag) {
      this.origin = origin;
      this.runId = runId;
      this.tag = tag;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
      if (b == '\n') flush();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      if (pending.size() == 0) return;
      var body = new ByteArrayOutputStream();
      try (var out = new DataOutputStream(body)) {
        out.writeUTF(runId);
        out.writeByte(tag);
        pending.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pending.reset();
      if (!actors().notice(origin, OUTPUT, body.toByteArray()))
        LOG.info("output of run {} lost: its peer {} is unreachable", runId, origin);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static final Pattern TYPE_KEY = Pattern.compile("\\b[0-9a-f]{64}:");

  /**
   * An actor system's error line ({@code actor Worker crashed: ..}): when the actor reporting it
   * belongs to a program run, it goes to that run's stderr (the submitter's, wherever the actor
   * lives), with the type as the program wrote it, as {@code simplex run} prints it. False when no
   * run claims the actor.
   */
  public boolean reportError(String line) {
    var me = ActorSystem.currentActor();
    if (me.isEmpty()) return false;
    for (Run r : runs.values()) {
      if (r.actors.contains(me.get().self())) {
        r.err.println(TYPE_KEY.matcher(line).replaceAll(""));
        r.err.flush();
        return true;
      }
    }
    return false;
  }

  /**
   * The errors sink for the actor system a {@link VmSwarm} will run on: lines of a run's actors go
   * to its stderr (see {@link #reportError}), all of them to {@code log} as well.
   */
  public static java.util.function.Consumer<String> errors(
      java.util.function.Supplier<VmSwarm> vm, java.util.function.Consumer<String> log) {
    return line -> {
      log.accept(line);
      VmSwarm v = vm.get();
      if (v != null) v.reportError(line);
    };
  }

  /** Dead letters are counted by message name, as the program wrote it. */
  public static String messageName(Object message) {
    if (message instanceof VmValue(String h, dev.simplex.sbc.Message m)) return m.name();
    return String.valueOf(message);
  }

  ActorSystem system() {
    return system;
  }

  @Override
  public void close() {
    for (Run r : runs.values()) r.runtime.close();
    runs.clear();
  }

  /** One program run as this peer sees it: where it started, its counters and its runtime. */
  static final class Run {
    final VmSwarm swarm;
    final String runId;
    final String origin;
    final String hash;
    final PrintStream out;
    final PrintStream err;
    final VmRuntime runtime;
    final LongAdder sent = new LongAdder();
    final LongAdder handled = new LongAdder();
    final LongAdder busy = new LongAdder();
    final List<SwarmRef> spawned = new CopyOnWriteArrayList<>();

    /** The run's actors living on this peer, to send their runtime errors to the run's stderr. */
    final java.util.Set<dev.simplex.peer.actor.ActorRef> actors = ConcurrentHashMap.newKeySet();

    Run(
        VmSwarm swarm,
        String runId,
        String origin,
        String hash,
        SbcModule module,
        PrintStream out,
        PrintStream err) {
      this.swarm = swarm;
      this.runId = runId;
      this.origin = origin;
      this.hash = hash;
      this.out = out;
      this.err = err;
      this.runtime = new VmRuntime(swarm.system, out, err, this);
    }

    SwarmActors actors() {
      return swarm.actors();
    }
  }
}
