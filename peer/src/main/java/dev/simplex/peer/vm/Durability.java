package dev.simplex.peer.vm;

import dev.simplex.checkpoint.Checkpoint;
import dev.simplex.checkpoint.CodeHash;
import dev.simplex.checkpoint.SnapshotValue;
import dev.simplex.peer.actor.ActorRef;
import dev.simplex.sbc.ExecutionContext;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where checkpoints go beyond memory, and the stable actor ids that name them: a named actor is
 * {@code name/<name>}, an unnamed one {@code type/<Type>/<n>} (n-th of its type, counting on from
 * the ids a previous run stored), a supervisor's child {@code <supervisor id>/child/<name or
 * index>}. The ids also stand for actor addresses inside stored values.
 */
class Durability {
  /** A run without {@code --data}: nothing is stored, no id matters. */
  static final Durability NONE = new Durability(null);

  private final CheckpointLog log;
  private final Map<String, ActorRef> byId = new ConcurrentHashMap<>();
  private final Map<Long, String> idByRef = new ConcurrentHashMap<>();
  private final Map<String, Long> spawned = new HashMap<>();
  private final SnapshotCodec codec = new SnapshotCodec(this::idOf, this::addressOf);

  /** Ids stored by an earlier run that no actor of this run has resumed from yet. */
  private final java.util.Set<String> unclaimed = ConcurrentHashMap.newKeySet();

  /** Open while recovery spawns the stored actors: they resume once every address exists. */
  private final java.util.concurrent.CountDownLatch recovering =
      new java.util.concurrent.CountDownLatch(1);

  Durability(CheckpointLog log) {
    this.log = log;
    if (log != null) unclaimed.addAll(log.actorIds());
    else recovering.countDown();
  }

  private volatile java.util.concurrent.CountDownLatch resumes =
      new java.util.concurrent.CountDownLatch(0);

  /** Recovery is about to resume {@code n} actors; {@link #awaitResumes} waits for them. */
  void expectResumes(int n) {
    resumes = new java.util.concurrent.CountDownLatch(n);
  }

  /** One recovered actor has its state back and ran on_resume (or failed trying). */
  void resumed() {
    resumes.countDown();
  }

  /** Waits (up to a minute, then goes on) until every recovered actor has resumed. */
  void awaitResumes() {
    try {
      resumes.await(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every stored actor has been spawned: their addresses can be decoded now. */
  void markRecoverySpawned() {
    recovering.countDown();
  }

  /**
   * Whether an actor may decode stored addresses now; during recovery it waits for {@code Resume}.
   */
  boolean recoverySpawned() {
    return recovering.getCount() == 0;
  }

  boolean durable() {
    return log != null;
  }

  static String named(String name) {
    return "name/" + name.replace("%", "%25").replace("/", "%2F");
  }

  /** The actor name inside a {@link #named} id, or null for any other id. */
  static String nameOf(String actorId) {
    if (!actorId.startsWith("name/") || actorId.contains("/child/")) return null;
    return actorId.substring("name/".length()).replace("%2F", "/").replace("%25", "%");
  }

  static String child(String supervisorId, String key) {
    return supervisorId + "/child/" + key.replace("%", "%25").replace("/", "%2F");
  }

  /** The id of the next unnamed actor of {@code type}, past every id stored before. */
  synchronized String unnamed(String type) {
    String prefix = "type/" + type + "/";
    if (!spawned.containsKey(type)) {
      long highest = 0;
      if (log != null)
        for (String id : log.actorIds())
          if (id.startsWith(prefix))
            try {
              highest = Math.max(highest, Long.parseLong(id.substring(prefix.length())));
            } catch (NumberFormatException e) {
              // not one of ours: ids are only ever numbered here
            }
      spawned.put(type, highest);
    }
    long n = spawned.merge(type, 1L, Long::sum);
    return prefix + n;
  }

  /** Supervision links by child id: the supervisor's id, its type and the child's restart. */
  private final Map<String, Checkpoint.SupervisorLink> links = new ConcurrentHashMap<>();

  /**
   * Remembers that {@code childId} is supervised by {@code supervisorId} (a {@code supervisorType}
   * declaration) with {@code restart}; the child's checkpoints carry the link.
   */
  void link(String childId, String supervisorId, String supervisorType, String restart) {
    links.put(
        childId,
        new Checkpoint.SupervisorLink(
            Checkpoint.SupervisorLink.Role.SUPERVISOR,
            supervisorId,
            new SnapshotValue.Struct(
                "SupervisorLink",
                List.of(
                    new SnapshotValue.Field("supervisor", new SnapshotValue.Str(supervisorType)),
                    new SnapshotValue.Field("restart", new SnapshotValue.Str(restart))))));
  }

  /** Remembers which live actor holds a stable id, so its address can be stored and found. */
  void register(String actorId, ActorRef ref) {
    byId.put(actorId, ref);
    idByRef.put(ref.id(), actorId);
  }

  /** The checkpoint an earlier run left for this id, once; null for a fresh actor. */
  Checkpoint recoverable(String actorId) {
    if (log == null || !unclaimed.remove(actorId)) return null;
    return log.latest(actorId).filter(c -> !isTombstone(c)).orElse(null);
  }

  /** The latest checkpoint of every stored actor that has not ended for good. */
  List<Checkpoint> stored() {
    if (log == null) return List.of();
    List<Checkpoint> out = new ArrayList<>();
    for (Checkpoint c : log.latestOfEach()) if (!isTombstone(c)) out.add(c);
    return out;
  }

  /** The fields of a tombstone: a struct type no program can declare. */
  static final String ENDED = "$ended";

  private static final SnapshotValue TOMBSTONE = new SnapshotValue.Struct(ENDED, List.of());

  /** Whether {@code c} records that its actor ended for good (see {@link #ended}). */
  static boolean isTombstone(Checkpoint c) {
    return c.fields() instanceof SnapshotValue.Struct s
        && s.type().equals(ENDED)
        && s.fields().isEmpty();
  }

  /**
   * The actor {@code actorId} ended for good by its program's doing ({@code stop}, {@code drain},
   * {@code stop(self)}): it must not come back in a later run. Its checkpoints are superseded by a
   * tombstone, a checkpoint of its own with no fields; recovery passes over an actor whose latest
   * checkpoint is one, and a later actor with the same id starts afresh. An actor that never
   * checkpointed leaves nothing to forget.
   */
  void ended(String actorId, ActorType type) {
    if (log == null) return;
    unclaimed.remove(actorId);
    if (!log.has(actorId)) return;
    log.save(actorId, typeHash(type), TOMBSTONE, Optional.empty(), List.of(), List.of());
  }

  /**
   * Encodes the fields at once (an unstorable value panics in the handler) and persists them, with
   * the handler's execution context when {@code checkpoint()} captured one.
   */
  void save(String actorId, ActorType type, Object fields, ExecutionContext.Capture capture) {
    save(actorId, type, fields, capture, List.of());
  }

  /**
   * As above, with the mail waiting behind the current handler: each compiled-actor message in the
   * mailbox, in order, so recovery can deliver it again (§8: checkpoints hold the pending mailbox).
   */
  void save(
      String actorId,
      ActorType type,
      Object fields,
      ExecutionContext.Capture capture,
      List<dev.simplex.peer.actor.ActorContext.Pending> mailbox) {
    if (log == null) return;
    SnapshotValue encoded;
    try {
      encoded = codec.encode(Vm.toPortable(fields));
    } catch (IllegalArgumentException e) {
      throw new RuntimePort.Panic("checkpoint failed: " + e.getMessage());
    }
    Optional<dev.simplex.checkpoint.ExecutionContext> context = Optional.empty();
    if (capture != null && capture.captured()) {
      try {
        context = Optional.of(embed(capture.context(), capture.context().encode(this::idOf)));
      } catch (IllegalArgumentException e) {
        // an address without a stable id in a local: the fields alone are still a checkpoint
        log.report(
            "warning: actor `"
                + actorId
                + "` checkpointed without its execution context: "
                + e.getMessage());
      }
    }
    List<Checkpoint.PendingMessage> pending = new ArrayList<>();
    for (var p : mailbox) {
      if (!(p.payload() instanceof dev.simplex.sbc.Message m)) continue; // runtime signals
      try {
        List<PortableValue> args = new ArrayList<>();
        for (Object a : m.args()) args.add(Vm.toPortable(a));
        pending.add(
            new Checkpoint.PendingMessage(
                new Checkpoint.MessageId(p.sender(), p.id().sequence()),
                m.name(),
                codec.encode(new PortableValue.Tuple(args))));
      } catch (IllegalArgumentException e) {
        log.report(
            "warning: actor `"
                + actorId
                + "` checkpointed without a pending "
                + m.name()
                + " message: "
                + e.getMessage());
      }
    }
    Checkpoint.SupervisorLink link = links.get(actorId);
    log.save(
        actorId,
        typeHash(type),
        encoded,
        context,
        pending,
        link == null ? List.of() : List.of(link));
  }

  /** The stored pending mailbox as messages again, in order; an undecodable one is reported. */
  List<dev.simplex.sbc.Message> pendingMail(String actorId, ActorType type, Checkpoint stored) {
    List<dev.simplex.sbc.Message> out = new ArrayList<>();
    for (Checkpoint.PendingMessage p : stored.mailbox()) {
      try {
        if (!(codec.decode(p.payload()) instanceof PortableValue.Tuple t))
          throw new IllegalArgumentException("the payload is not a tuple of arguments");
        List<Object> args = new ArrayList<>();
        for (PortableValue v : t.items()) args.add(type.vm().fromPortable(v));
        out.add(new dev.simplex.sbc.Message(p.type(), args));
      } catch (IllegalArgumentException e) {
        report(
            "warning: actor `"
                + actorId
                + "` lost a pending "
                + p.type()
                + " message from its checkpoint: "
                + e.getMessage());
      }
    }
    return out;
  }

  /**
   * The checkpoint module's view of an interpreter context: one frame per interpreter frame
   * (function hash and instruction pointer, outermost first), the interpreter's own encoding of the
   * whole context (slots, operands, shared values; docs/sbc-format.md) as the outermost frame's
   * single local. Tools can list where a handler stood; resuming decodes the bytes.
   */
  static dev.simplex.checkpoint.ExecutionContext embed(ExecutionContext c, byte[] bytes) {
    List<dev.simplex.checkpoint.ExecutionContext.Frame> frames = new ArrayList<>();
    for (int i = 0; i < c.frames().size(); i++) {
      ExecutionContext.Frame f = c.frames().get(i);
      frames.add(
          new dev.simplex.checkpoint.ExecutionContext.Frame(
              codeHash(f.function()),
              f.pc(),
              i == 0 ? List.of(new SnapshotValue.Bytes(bytes)) : List.of()));
    }
    return new dev.simplex.checkpoint.ExecutionContext(
        codeHash(c.frames().getFirst().function()), c.frames().getLast().pc(), frames);
  }

  /**
   * The interpreter context inside a stored one, decoded against the live actors' addresses.
   *
   * @throws ExecutionContext.Invalid when the stored context is not one {@link #embed} wrote, or
   *     does not decode
   */
  ExecutionContext unembed(dev.simplex.checkpoint.ExecutionContext stored)
      throws ExecutionContext.Invalid {
    if (stored.frames().isEmpty()
        || stored.frames().getFirst().locals().size() != 1
        || !(stored.frames().getFirst().locals().getFirst() instanceof SnapshotValue.Bytes b))
      throw new ExecutionContext.Invalid("the stored execution context is not an SVM context");
    return ExecutionContext.decode(b.value(), this::addressOf);
  }

  private static CodeHash codeHash(String hex) {
    return new CodeHash(java.util.HexFormat.of().parseHex(hex));
  }

  /** Says something about the stored checkpoints where the run reports (stderr). */
  void report(String line) {
    if (log != null) log.report(line);
  }

  /**
   * A fresh state of {@code type} (field initialisers) with every stored field put back; a field
   * the program no longer declares is an error, one it newly declares keeps its initialiser.
   *
   * @throws IllegalArgumentException naming what in the stored fields does not fit the program
   */
  Object restore(ActorType type, SnapshotValue fields) {
    return restoreInto(type, type.vm().invoke(type.member("$fields"), List.of()), fields);
  }

  /** As {@link #restore}, into an existing state (the one a resumed handler's frames hold). */
  Object restoreInto(ActorType type, Object state, SnapshotValue fields) {
    if (!(codec.decode(fields) instanceof PortableValue.Struct saved)
        || !saved.type().equals(type.name()))
      throw new IllegalArgumentException("the stored fields are not those of actor " + type.name());
    for (PortableValue.Field f : saved.fields())
      Vm.setField(state, f.name(), type.vm().fromPortable(f.value()));
    return state;
  }

  private static CodeHash typeHash(ActorType type) {
    int index = type.module().indexOf(type.member("$fields"));
    return new CodeHash(type.module().hash(index));
  }

  private String idOf(Object address) {
    if (address instanceof ActorRef ref) {
      String id = idByRef.get(ref.id());
      if (id != null) return id;
    }
    throw new IllegalArgumentException("actor " + address + " has no stable id to store");
  }

  private Object addressOf(String actorId) {
    ActorRef ref = byId.get(actorId);
    if (ref == null)
      throw new IllegalArgumentException(
          "it refers to actor `" + actorId + "`, which is neither running nor recovered");
    return ref;
  }
}
