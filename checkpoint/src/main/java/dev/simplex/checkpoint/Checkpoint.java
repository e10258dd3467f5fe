package dev.simplex.checkpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything needed to bring an actor back: its fields, where its handler stood (when it
 * checkpointed mid-handler), the mail it had not yet processed, its supervision links and, per
 * sender, the highest message sequence it has processed (for duplicate suppression after replay).
 *
 * @param actorId the stable actor id
 * @param actorType the code hash of the actor's type
 * @param sequence per-actor checkpoint sequence; the highest one that verifies wins
 * @param wallTime when the checkpoint was taken (informational; ordering uses the sequence)
 * @param fields the actor's fields, usually a {@link SnapshotValue.Struct}
 * @param context the execution context, when taken inside a handler
 * @param mailbox pending messages in delivery order
 * @param links supervision links
 * @param watermarks sender actor id to the highest sequence processed from that sender
 */
public record Checkpoint(
    String actorId,
    CodeHash actorType,
    long sequence,
    Instant wallTime,
    SnapshotValue fields,
    Optional<ExecutionContext> context,
    List<PendingMessage> mailbox,
    List<SupervisorLink> links,
    Map<String, Long> watermarks) {

  /** Actor ids name directories and archive entries; longer ones are refused. */
  public static final int MAX_ACTOR_ID_BYTES = 1024;

  public Checkpoint {
    requireActorId(actorId);
    Objects.requireNonNull(actorType, "actor type");
    if (sequence < 0) {
      throw new IllegalArgumentException("actor " + actorId + ": negative sequence " + sequence);
    }
    Objects.requireNonNull(wallTime, "wall time");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(context, "context (use Optional.empty())");
    mailbox = List.copyOf(mailbox);
    links = List.copyOf(links);
    // sorted, so equal checkpoints encode to equal bytes
    watermarks = Collections.unmodifiableSortedMap(new TreeMap<>(watermarks));
  }

  /** A checkpoint with fields only: no execution context, mail, links or watermarks. */
  public static Checkpoint ofFields(
      String actorId, CodeHash actorType, long sequence, Instant wallTime, SnapshotValue fields) {
    return new Checkpoint(
        actorId,
        actorType,
        sequence,
        wallTime,
        fields,
        Optional.empty(),
        List.of(),
        List.of(),
        Map.of());
  }

  /** Encodes this checkpoint into its versioned binary form. */
  public EncodedCheckpoint encode() {
    return new EncodedCheckpoint(actorId, sequence, wallTime, CheckpointCodec.encode(this));
  }

  static void requireActorId(String actorId) {
    if (actorId == null || actorId.isEmpty()) {
      throw new IllegalArgumentException("actor id must not be empty");
    }
    if (actorId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ACTOR_ID_BYTES) {
      throw new IllegalArgumentException(
          "actor id longer than "
              + MAX_ACTOR_ID_BYTES
              + " bytes: "
              + actorId.substring(0, 40)
              + "...");
    }
  }

  /** A message id: the sender's actor id and the sender's per-receiver sequence. */
  public record MessageId(String sender, long sequence) {
    public MessageId {
      Objects.requireNonNull(sender, "sender");
    }
  }

  /** A message that was delivered to the mailbox but not yet processed. */
  public record PendingMessage(MessageId id, String type, SnapshotValue payload) {
    public PendingMessage {
      Objects.requireNonNull(id, "message id");
      Objects.requireNonNull(type, "message type");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** A supervision link to another actor; {@code detail} carries e.g. a child's restart policy. */
  public record SupervisorLink(Role role, String actorId, SnapshotValue detail) {
    public enum Role {
      /** The other actor supervises this one. */
      SUPERVISOR,
      /** This actor supervises the other one. */
      CHILD
    }

    public SupervisorLink {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(actorId, "linked actor id");
      Objects.requireNonNull(detail, "detail (use SnapshotValue.unit())");
    }
  }
}
