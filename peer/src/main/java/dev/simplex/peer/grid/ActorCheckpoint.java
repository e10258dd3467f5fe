package dev.simplex.peer.grid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A swarm actor's newest durable checkpoint as the router writes it when the actor calls {@code
 * checkpoint()}: everything a survivor needs to restore it after its peer died. {@code state} is
 * the behaviour's own snapshot; {@code marks} are the per-lane delivery watermarks of the messages
 * that state reflects, so replayed messages already in it are suppressed. Ordered by (placement
 * epoch, sequence): a newer activation's checkpoint always wins over an older one's. {@code hints}
 * are the router's own bytes (the spawn's resources and replica count), kept so a restored
 * activation goes on with them; empty when the spawn gave none. {@code replyTo}: when the state was
 * taken in the middle of a handler answering an ask, where that ask's reply goes (the handler's
 * rest runs on the survivor that restores it, and answers the asker); null otherwise.
 */
public record ActorCheckpoint(
    String actorId,
    String typeName,
    String name,
    byte[] args,
    long epoch,
    long sequence,
    String writerPeer,
    List<Mark> marks,
    byte[] state,
    long wallMillis,
    byte[] hints,
    ReplyTo replyTo)
    implements Serializable, Versioned {

  /** The ask a handler was answering: the asker's peer and its call id there. */
  public record ReplyTo(String peer, long callId) implements Serializable {
    public ReplyTo {
      if (peer == null || peer.isBlank() || callId <= 0)
        throw new IllegalArgumentException("a reply address needs a peer and a call id > 0");
    }
  }

  public ActorCheckpoint(
      String actorId,
      String typeName,
      String name,
      byte[] args,
      long epoch,
      long sequence,
      String writerPeer,
      List<Mark> marks,
      byte[] state,
      long wallMillis,
      byte[] hints) {
    this(
        actorId,
        typeName,
        name,
        args,
        epoch,
        sequence,
        writerPeer,
        marks,
        state,
        wallMillis,
        hints,
        null);
  }

  public ActorCheckpoint(
      String actorId,
      String typeName,
      String name,
      byte[] args,
      long epoch,
      long sequence,
      String writerPeer,
      List<Mark> marks,
      byte[] state,
      long wallMillis) {
    this(
        actorId,
        typeName,
        name,
        args,
        epoch,
        sequence,
        writerPeer,
        marks,
        state,
        wallMillis,
        null,
        null);
  }

  /** Messages from {@code origin}'s lane {@code lane} up to {@code seq} are in the state. */
  public record Mark(String origin, long lane, long seq) implements Serializable {}

  public ActorCheckpoint {
    if (actorId == null || typeName == null || args == null || state == null || marks == null)
      throw new IllegalArgumentException("a checkpoint needs an actor id, type, args and state");
    if (epoch < 0 || sequence < 1)
      throw new IllegalArgumentException(
          "checkpoint epoch must be >= 0 and sequence >= 1, got " + epoch + "/" + sequence);
    marks = List.copyOf(marks);
    if (hints == null) hints = new byte[0];
  }

  /** Epoch first, then sequence: the order in which checkpoints of one actor supersede. */
  @Override
  public long version() {
    return (epoch << 32) | (sequence & 0xffff_ffffL);
  }

  /**
   * Writes the checkpoint's fields in order (strings as modified UTF-8, byte arrays with an int
   * length, marks with a count, the reply address behind a presence byte): the form warm copies and
   * the object-store copies travel and rest in.
   */
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeUTF(actorId);
    out.writeUTF(typeName);
    out.writeUTF(name == null ? "" : name);
    bytes(out, args);
    out.writeLong(epoch);
    out.writeLong(sequence);
    out.writeUTF(writerPeer == null ? "" : writerPeer);
    out.writeInt(marks.size());
    for (Mark m : marks) {
      out.writeUTF(m.origin());
      out.writeLong(m.lane());
      out.writeLong(m.seq());
    }
    bytes(out, state);
    out.writeLong(wallMillis);
    bytes(out, hints);
    out.writeBoolean(replyTo != null);
    if (replyTo != null) {
      out.writeUTF(replyTo.peer());
      out.writeLong(replyTo.callId());
    }
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws IllegalArgumentException naming what does not fit (a count or length larger than the
   *     bytes left, a blank id, a bad epoch or reply address)
   * @throws IOException when the bytes end early
   */
  public static ActorCheckpoint readFrom(DataInputStream in) throws IOException {
    String actor = nonBlank(in.readUTF());
    String type = nonBlank(in.readUTF());
    String name = in.readUTF();
    byte[] args = bytes(in);
    long epoch = in.readLong();
    long sequence = in.readLong();
    String writer = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > in.available() / 18)
      throw new IllegalArgumentException(n + " marks do not fit the bytes left");
    List<Mark> marks = new ArrayList<>(n);
    for (int i = 0; i < n; i++)
      marks.add(new Mark(nonBlank(in.readUTF()), in.readLong(), in.readLong()));
    byte[] state = bytes(in);
    long wall = in.readLong();
    byte[] hints = bytes(in);
    ReplyTo replyTo = in.readBoolean() ? new ReplyTo(in.readUTF(), in.readLong()) : null;
    return new ActorCheckpoint(
        actor,
        type,
        name.isEmpty() ? null : name,
        args,
        epoch,
        sequence,
        writer.isEmpty() ? null : writer,
        marks,
        state,
        wall,
        hints,
        replyTo);
  }

  private static String nonBlank(String s) {
    if (s.isBlank()) throw new IllegalArgumentException("a blank id in a checkpoint");
    return s;
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available())
      throw new IllegalArgumentException(n + " bytes do not fit the " + in.available() + " left");
    return in.readNBytes(n);
  }

  /** Whether this checkpoint supersedes {@code other} (null: nothing stored yet). */
  public boolean newerThan(ActorCheckpoint other) {
    if (other == null) return true;
    if (epoch != other.epoch) return epoch > other.epoch;
    return sequence > other.sequence;
  }
}
