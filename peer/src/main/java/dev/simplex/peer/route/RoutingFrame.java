package dev.simplex.peer.route;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a ROUTING envelope. Messages travel on a lane per (origin peer, target actor) and
 * carry that lane's sequence number; the host acknowledges them, bounces them with a redirect when
 * it no longer hosts the actor, and answers asks and spawns by call id. Layout: a type byte, then
 * the record's fields in order (strings as modified UTF-8, byte arrays with an int length).
 */
sealed interface RoutingFrame {
  int KIND_VERSION = 1;

  /** What a message on a lane asks of the target. */
  enum Mode {
    SEND,
    ASK,
    STOP
  }

  /**
   * A send, ask or stop ({@code callId} > 0 for the last two), number {@code seq} on lane {@code
   * lane}: a random id per lane, so a lane made afresh (the origin restarted) is never mistaken for
   * an old one whose numbers it repeats. {@code acked}: the lane's acknowledged watermark when the
   * frame left (0 when none), so a host that restored the actor from an older checkpoint does not
   * wait for frames an earlier activation acknowledged, which no sender will send again.
   */
  record Message(
      String actorId,
      long lane,
      long seq,
      Mode mode,
      long callId,
      long senderId,
      String sender,
      byte[] body,
      long acked)
      implements RoutingFrame {
    Message(
        String actorId,
        long lane,
        long seq,
        Mode mode,
        long callId,
        long senderId,
        String sender,
        byte[] body) {
      this(actorId, lane, seq, mode, callId, senderId, sender, body, 0);
    }

    /** This frame as it leaves now, with the lane's current acknowledged watermark. */
    Message withAcked(long upTo) {
      return upTo == acked
          ? this
          : new Message(actorId, lane, seq, mode, callId, senderId, sender, body, upTo);
    }
  }

  /** Every message up to {@code seq} on the lane was taken by the host. */
  record Ack(String actorId, long seq) implements RoutingFrame {}

  /**
   * The host no longer hosts the actor: resend what is unacknowledged to {@code peerId}. Every
   * message before {@code fromSeq} was taken (its effect moved with the actor's state), so the lane
   * may forget those; a bounce of a message that reached a peer after the actor left knows nothing
   * of the messages before it and claims nothing ({@link #bounce}).
   */
  record Redirect(String actorId, long fromSeq, String peerId, long epoch) implements RoutingFrame {
    /** A redirect that claims no message was taken: the lane resends all it holds. */
    static Redirect bounce(String actorId, String peerId, long epoch) {
      return new Redirect(actorId, 1, peerId, epoch);
    }
  }

  /**
   * The peer a message went to found no placement of its actor in the grid (placements are never
   * deleted, so the grid lost it with a member, or could not show it for a moment while its
   * partitions moved): it took nothing and acknowledged nothing, and the sender's lane reads the
   * placement again on its retry tick, giving the mail up only when it stays missing.
   */
  record Unplaced(String actorId) implements RoutingFrame {}

  /**
   * An activation lacks frames {@code fromSeq..upTo} of the sender's lane {@code lane} that an
   * earlier activation acknowledged (its checkpoint does not reflect them): the sender resends
   * those it still holds, or answers {@link Gone} for those it does not.
   */
  record Replay(String actorId, long lane, long fromSeq, long upTo) implements RoutingFrame {}

  /** The sender no longer holds the acknowledged frames of {@code lane} up to {@code upTo}. */
  record Gone(String actorId, long lane, long upTo) implements RoutingFrame {}

  record Reply(long callId, byte[] body) implements RoutingFrame {}

  /** The ask or stop cannot be answered: the actor is dead, unknown, or died first. */
  record Died(long callId, String reason) implements RoutingFrame {}

  /**
   * What a spawn asked of the actor's host beyond its start: resources to reserve there, the
   * replica count (warm standby copies of its checkpoints elsewhere), and whether its placement
   * hint pins it ({@code Locality}, {@code BinPacking}: rebalancing leaves it where the hint put
   * it). Travels after the frame's other fields; a frame without it means {@link #DEFAULT}, one
   * without the trailing pin flag means not pinned.
   */
  record Hints(Resources resources, int replicas, boolean pinned) {
    static final Hints DEFAULT = new Hints(Resources.NONE, 1, false);

    public Hints {
      java.util.Objects.requireNonNull(resources, "resources");
      if (replicas < 1 || replicas > 1024)
        throw new IllegalArgumentException("replicas " + replicas + " out of range");
    }

    Hints(Resources resources, int replicas) {
      this(resources, replicas, false);
    }

    /** For a spawn with {@code options}. */
    static Hints of(SpawnOptions options) {
      boolean pinned =
          options.placement() instanceof PlacementHint.Locality
              || options.placement() instanceof PlacementHint.BinPacking;
      return new Hints(options.resources(), options.replicas(), pinned);
    }

    /**
     * Whether automatic rebalancing may move an actor spawned with these hints: placed by load, no
     * resources reserved (a move could not honour them), a single copy.
     */
    boolean rebalanceable() {
      return !pinned && resources.isNone() && replicas == 1;
    }

    void write(DataOutputStream out) throws IOException {
      out.writeInt(resources.cpu());
      out.writeLong(resources.memoryBytes());
      out.writeInt(resources.gpu());
      out.writeInt(replicas);
      out.writeBoolean(pinned);
    }

    /** As stored beside a checkpoint in the grid. */
    byte[] bytes() {
      var b = new ByteArrayOutputStream();
      try (var out = new DataOutputStream(b)) {
        write(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.toByteArray();
    }

    /** The hints stored beside a checkpoint; {@link #DEFAULT} for none or unreadable bytes. */
    static Hints of(byte[] bytes) {
      if (bytes == null || bytes.length == 0) return DEFAULT;
      try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return read(in);
      } catch (IOException | IllegalArgumentException e) {
        return DEFAULT;
      }
    }

    /** The trailing hints if the frame carries them. */
    static Hints read(DataInputStream in) throws IOException {
      if (in.available() == 0) return DEFAULT;
      int cpu = in.readInt();
      long memory = in.readLong();
      int gpu = in.readInt();
      int replicas = in.readInt();
      return new Hints(
          new Resources(cpu, memory, gpu), replicas, in.available() > 0 && in.readBoolean());
    }
  }

  record Spawn(long callId, String actorId, String typeName, String name, byte[] args, Hints hints)
      implements RoutingFrame {
    Spawn(long callId, String actorId, String typeName, String name, byte[] args) {
      this(callId, actorId, typeName, name, args, Hints.DEFAULT);
    }
  }

  record Spawned(long callId, long epoch) implements RoutingFrame {}

  record SpawnFailed(long callId, String reason) implements RoutingFrame {}

  /** The actor moved to the sender at {@code epoch}: the old activation here must end. */
  record Release(String actorId, long epoch) implements RoutingFrame {}

  /** Asks the actor's host to move it to peer {@code to} (issue 7; design.md "Migration"). */
  record Migrate(long callId, String actorId, String to) implements RoutingFrame {}

  /** The move is done: the actor lives on the target under {@code epoch}. */
  record Migrated(long callId, long epoch, int stateBytes, int shippedBytes)
      implements RoutingFrame {}

  /** A migration step failed; the actor keeps running where it was. */
  record MigrationFailed(long callId, String reason) implements RoutingFrame {}

  /** Where delivery on one incoming lane stood when the snapshot was taken. */
  record Watermark(String origin, long lane, long delivered) {}

  /**
   * From the source to the target: start the actor here from {@code snapshot} (Zstd) with the
   * source's lane watermarks, to be placed under {@code epoch} once the source wins the CAS; {@code
   * replyTo}: where the reply of a handler captured in an ask goes once it continues, or null.
   */
  record Install(
      long callId,
      String actorId,
      String typeName,
      String name,
      long epoch,
      byte[] args,
      List<Watermark> watermarks,
      byte[] snapshot,
      Hints hints,
      dev.simplex.peer.grid.ActorCheckpoint.ReplyTo replyTo)
      implements RoutingFrame {
    Install(
        long callId,
        String actorId,
        String typeName,
        String name,
        long epoch,
        byte[] args,
        List<Watermark> watermarks,
        byte[] snapshot,
        Hints hints) {
      this(callId, actorId, typeName, name, epoch, args, watermarks, snapshot, hints, null);
    }

    Install(
        long callId,
        String actorId,
        String typeName,
        String name,
        long epoch,
        byte[] args,
        List<Watermark> watermarks,
        byte[] snapshot) {
      this(callId, actorId, typeName, name, epoch, args, watermarks, snapshot, Hints.DEFAULT);
    }
  }

  record Installed(long callId) implements RoutingFrame {}

  /** The source lost its CAS or gave up: the installed activation under {@code epoch} must go. */
  record Abort(String actorId, long epoch) implements RoutingFrame {}

  /** A message the source held while the actor moved, passed on with the peer that sent it. */
  record Forwarded(String origin, Message message) implements RoutingFrame {}

  /**
   * A request to a service of the peer ({@code topic}), for what is not an actor's business: the
   * VM's program census, for instance. Answered by a {@link ControlAnswer} or a {@link Died}.
   */
  record Control(long callId, String topic, byte[] body) implements RoutingFrame {}

  record ControlAnswer(long callId, byte[] body) implements RoutingFrame {}

  /**
   * A one-way note to a service of the peer, handled in arrival order with the sender's other
   * frames (the output of an actor hosted for a program that runs elsewhere).
   */
  record Notice(String topic, byte[] body) implements RoutingFrame {}

  /** What a received payload turned out to be: a frame, or why it was dropped. */
  sealed interface Decoded {}

  record Valid(RoutingFrame frame) implements Decoded {}

  record Malformed(String reason) implements Decoded {}

  default byte[] encode() {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      switch (this) {
        case Message m -> {
          out.writeByte(1);
          out.writeUTF(m.actorId());
          out.writeLong(m.lane());
          out.writeLong(m.seq());
          out.writeByte(m.mode().ordinal());
          out.writeLong(m.callId());
          out.writeLong(m.senderId());
          out.writeUTF(m.sender());
          writeBytes(out, m.body());
          out.writeLong(m.acked());
        }
        case Ack a -> {
          out.writeByte(2);
          out.writeUTF(a.actorId());
          out.writeLong(a.seq());
        }
        case Redirect r -> {
          out.writeByte(3);
          out.writeUTF(r.actorId());
          out.writeLong(r.fromSeq());
          out.writeUTF(r.peerId());
          out.writeLong(r.epoch());
        }
        case Reply r -> {
          out.writeByte(4);
          out.writeLong(r.callId());
          writeBytes(out, r.body());
        }
        case Died d -> {
          out.writeByte(5);
          out.writeLong(d.callId());
          out.writeUTF(d.reason());
        }
        case Spawn s -> {
          out.writeByte(6);
          out.writeLong(s.callId());
          out.writeUTF(s.actorId());
          out.writeUTF(s.typeName());
          out.writeUTF(s.name() == null ? "" : s.name());
          writeBytes(out, s.args());
          s.hints().write(out);
        }
        case Spawned s -> {
          out.writeByte(7);
          out.writeLong(s.callId());
          out.writeLong(s.epoch());
        }
        case SpawnFailed f -> {
          out.writeByte(8);
          out.writeLong(f.callId());
          out.writeUTF(f.reason());
        }
        case Release r -> {
          out.writeByte(9);
          out.writeUTF(r.actorId());
          out.writeLong(r.epoch());
        }
        case Migrate m -> {
          out.writeByte(10);
          out.writeLong(m.callId());
          out.writeUTF(m.actorId());
          out.writeUTF(m.to());
        }
        case Migrated m -> {
          out.writeByte(11);
          out.writeLong(m.callId());
          out.writeLong(m.epoch());
          out.writeInt(m.stateBytes());
          out.writeInt(m.shippedBytes());
        }
        case MigrationFailed f -> {
          out.writeByte(12);
          out.writeLong(f.callId());
          out.writeUTF(f.reason());
        }
        case Install i -> {
          out.writeByte(13);
          out.writeLong(i.callId());
          out.writeUTF(i.actorId());
          out.writeUTF(i.typeName());
          out.writeUTF(i.name() == null ? "" : i.name());
          out.writeLong(i.epoch());
          writeBytes(out, i.args());
          out.writeInt(i.watermarks().size());
          for (Watermark w : i.watermarks()) {
            out.writeUTF(w.origin());
            out.writeLong(w.lane());
            out.writeLong(w.delivered());
          }
          writeBytes(out, i.snapshot());
          i.hints().write(out);
          out.writeBoolean(i.replyTo() != null);
          if (i.replyTo() != null) {
            out.writeUTF(i.replyTo().peer());
            out.writeLong(i.replyTo().callId());
          }
        }
        case Installed i -> {
          out.writeByte(14);
          out.writeLong(i.callId());
        }
        case Abort a -> {
          out.writeByte(15);
          out.writeUTF(a.actorId());
          out.writeLong(a.epoch());
        }
        case Forwarded f -> {
          out.writeByte(16);
          out.writeUTF(f.origin());
          writeBytes(out, f.message().encode());
        }
        case Control c -> {
          out.writeByte(17);
          out.writeLong(c.callId());
          out.writeUTF(c.topic());
          writeBytes(out, c.body());
        }
        case ControlAnswer c -> {
          out.writeByte(18);
          out.writeLong(c.callId());
          writeBytes(out, c.body());
        }
        case Notice n -> {
          out.writeByte(19);
          out.writeUTF(n.topic());
          writeBytes(out, n.body());
        }
        case Unplaced u -> {
          out.writeByte(20);
          out.writeUTF(u.actorId());
        }
        case Replay r -> {
          out.writeByte(21);
          out.writeUTF(r.actorId());
          out.writeLong(r.lane());
          out.writeLong(r.fromSeq());
          out.writeLong(r.upTo());
        }
        case Gone g -> {
          out.writeByte(22);
          out.writeUTF(g.actorId());
          out.writeLong(g.lane());
          out.writeLong(g.upTo());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return bytes.toByteArray();
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static Decoded decode(byte[] payload) {
    if (payload == null || payload.length == 0) return new Malformed("empty routing frame");
    var in = new DataInputStream(new ByteArrayInputStream(payload));
    try {
      int type = in.readUnsignedByte();
      RoutingFrame frame =
          switch (type) {
            case 1 -> {
              String actor = id(in.readUTF());
              long lane = in.readLong();
              long seq = positive(in.readLong(), "sequence");
              int mode = in.readUnsignedByte();
              if (mode >= Mode.values().length)
                throw new IllegalArgumentException("unknown message mode " + mode);
              long call = in.readLong();
              long senderId = in.readLong();
              String sender = in.readUTF();
              byte[] body = readBytes(in);
              long acked = in.readLong();
              if (acked < 0)
                throw new IllegalArgumentException("acknowledged watermark " + acked + " < 0");
              yield new Message(
                  actor, lane, seq, Mode.values()[mode], call, senderId, sender, body, acked);
            }
            case 2 -> new Ack(id(in.readUTF()), positive(in.readLong(), "sequence"));
            case 3 ->
                new Redirect(
                    id(in.readUTF()),
                    positive(in.readLong(), "sequence"),
                    id(in.readUTF()),
                    in.readLong());
            case 4 -> new Reply(in.readLong(), readBytes(in));
            case 5 -> new Died(in.readLong(), in.readUTF());
            case 6 -> {
              long call = in.readLong();
              String actor = id(in.readUTF());
              String typeName = id(in.readUTF());
              String name = in.readUTF();
              byte[] args = readBytes(in);
              yield new Spawn(
                  call, actor, typeName, name.isEmpty() ? null : name, args, Hints.read(in));
            }
            case 7 -> new Spawned(in.readLong(), in.readLong());
            case 8 -> new SpawnFailed(in.readLong(), in.readUTF());
            case 9 -> new Release(id(in.readUTF()), in.readLong());
            case 10 -> new Migrate(in.readLong(), id(in.readUTF()), id(in.readUTF()));
            case 11 -> new Migrated(in.readLong(), in.readLong(), in.readInt(), in.readInt());
            case 12 -> new MigrationFailed(in.readLong(), in.readUTF());
            case 13 -> {
              long call = in.readLong();
              String actor = id(in.readUTF());
              String typeName = id(in.readUTF());
              String name = in.readUTF();
              long epoch = positive(in.readLong(), "epoch");
              byte[] args = readBytes(in);
              yield new Install(
                  call,
                  actor,
                  typeName,
                  name.isEmpty() ? null : name,
                  epoch,
                  args,
                  readWatermarks(in),
                  readBytes(in),
                  Hints.read(in),
                  in.readBoolean()
                      ? new dev.simplex.peer.grid.ActorCheckpoint.ReplyTo(
                          id(in.readUTF()), positive(in.readLong(), "call id"))
                      : null);
            }
            case 14 -> new Installed(in.readLong());
            case 15 -> new Abort(id(in.readUTF()), in.readLong());
            case 16 -> {
              String origin = id(in.readUTF());
              yield switch (decode(readBytes(in))) {
                case Valid(Message m) -> new Forwarded(origin, m);
                case Valid v ->
                    throw new IllegalArgumentException("a forwarded frame is not a message");
                case Malformed m -> throw new IllegalArgumentException("forwarded " + m.reason());
              };
            }
            case 17 -> new Control(in.readLong(), id(in.readUTF()), readBytes(in));
            case 18 -> new ControlAnswer(in.readLong(), readBytes(in));
            case 19 -> new Notice(id(in.readUTF()), readBytes(in));
            case 20 -> new Unplaced(id(in.readUTF()));
            case 21 -> {
              String actor = id(in.readUTF());
              long lane = in.readLong();
              long from = positive(in.readLong(), "sequence");
              long upTo = positive(in.readLong(), "sequence");
              if (upTo < from)
                throw new IllegalArgumentException("replay of " + from + ".." + upTo + " is empty");
              yield new Replay(actor, lane, from, upTo);
            }
            case 22 ->
                new Gone(id(in.readUTF()), in.readLong(), positive(in.readLong(), "sequence"));
            default -> throw new IllegalArgumentException("unknown routing frame type " + type);
          };
      if (in.available() > 0)
        return new Malformed(in.available() + " bytes after a routing frame of type " + type);
      return new Valid(frame);
    } catch (EOFException e) {
      return new Malformed("routing frame of " + payload.length + " bytes is truncated");
    } catch (IOException | IllegalArgumentException e) {
      return new Malformed(e.getMessage());
    }
  }

  private static String id(String s) {
    if (s.isEmpty()) throw new IllegalArgumentException("blank id in a routing frame");
    return s;
  }

  private static long positive(long n, String what) {
    if (n < 1) throw new IllegalArgumentException(what + " " + n + " is not positive");
    return n;
  }

  /** Each watermark takes at least 18 bytes, so a count the payload cannot hold is refused. */
  private static List<Watermark> readWatermarks(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / 18)
      throw new IllegalArgumentException(
          n + " watermarks do not fit the " + in.available() + " bytes left");
    List<Watermark> marks = new ArrayList<>(n);
    for (int i = 0; i < n; i++)
      marks.add(new Watermark(id(in.readUTF()), in.readLong(), in.readLong()));
    return List.copyOf(marks);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available())
      throw new IllegalArgumentException(
          "a body of " + n + " bytes does not fit the " + in.available() + " left");
    return in.readNBytes(n);
  }
}
