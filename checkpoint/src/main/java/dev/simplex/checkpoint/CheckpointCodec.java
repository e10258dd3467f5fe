package dev.simplex.checkpoint;

import dev.simplex.checkpoint.Checkpoint.MessageId;
import dev.simplex.checkpoint.Checkpoint.PendingMessage;
import dev.simplex.checkpoint.Checkpoint.SupervisorLink;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint file format, version 1: the magic {@code SXCP}, a version byte, then sections in a
 * fixed order, each a one-byte id, a varint length and a body of snapshot values. Lengths let a
 * reader bound every section; the fixed order makes equal checkpoints encode to equal bytes, which
 * keeps content-defined chunks stable between checkpoints.
 */
final class CheckpointCodec {
  static final byte[] MAGIC = "SXCP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private static final int HEADER = 1;
  private static final int FIELDS = 2;
  private static final int CONTEXT = 3;
  private static final int MAILBOX = 4;
  private static final int LINKS = 5;
  private static final int WATERMARKS = 6;

  private CheckpointCodec() {}

  static byte[] encode(Checkpoint c) {
    var out = new ByteSink(4096);
    out.raw(MAGIC);
    out.u8(VERSION);
    section(
        out,
        HEADER,
        w ->
            w.writeString(c.actorId())
                .writeCodeRef(c.actorType())
                .writeI64(c.sequence())
                .writeI64(c.wallTime().getEpochSecond())
                .writeI64(c.wallTime().getNano()));
    section(out, FIELDS, w -> w.write(c.fields()));
    c.context().ifPresent(ctx -> section(out, CONTEXT, w -> writeContext(w, ctx)));
    section(
        out,
        MAILBOX,
        w -> {
          w.beginList(c.mailbox().size());
          for (PendingMessage m : c.mailbox()) {
            w.beginTuple(4)
                .writeString(m.id().sender())
                .writeI64(m.id().sequence())
                .writeString(m.type())
                .write(m.payload());
          }
        });
    section(
        out,
        LINKS,
        w -> {
          w.beginList(c.links().size());
          for (SupervisorLink l : c.links()) {
            w.beginTuple(3).writeString(l.role().name()).writeString(l.actorId()).write(l.detail());
          }
        });
    section(
        out,
        WATERMARKS,
        w -> {
          w.beginMap(c.watermarks().size());
          c.watermarks().forEach((sender, seq) -> w.writeString(sender).writeI64(seq));
        });
    return out.toByteArray();
  }

  private static void writeContext(SnapshotWriter w, ExecutionContext ctx) {
    w.writeCodeRef(ctx.handler()).writeI64(ctx.instructionPointer()).beginList(ctx.frames().size());
    for (ExecutionContext.Frame f : ctx.frames()) {
      w.beginTuple(3).writeCodeRef(f.function()).writeI64(f.instructionPointer());
      w.beginList(f.locals().size());
      f.locals().forEach(w::write);
    }
  }

  private interface Body {
    void write(SnapshotWriter w);
  }

  private static void section(ByteSink out, int id, Body body) {
    var w = new SnapshotWriter();
    body.write(w);
    byte[] bytes = w.toByteArray();
    out.u8(id);
    out.lengthPrefixed(bytes);
  }

  static Checkpoint decode(byte[] bytes) throws CheckpointFormatException {
    var in = new ByteSource(bytes, "checkpoint");
    if (bytes.length < MAGIC.length + 1
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CheckpointFormatException(
          "not a Simplex checkpoint: it does not start with the magic bytes SXCP");
    }
    in.raw(MAGIC.length);
    int version = in.u8();
    if (version != VERSION) {
      throw new CheckpointFormatException(
          "checkpoint format version "
              + version
              + " is not supported (this build reads version "
              + VERSION
              + "); upgrade the peer that reads it");
    }
    SnapshotReader h = section(in, HEADER, "header");
    String actorId = h.readString();
    var actorType = h.readCodeRef();
    long sequence = h.readI64();
    Instant wallTime = instant(h.readI64(), h.readI64(), in);
    end(h, "header");

    SnapshotReader f = section(in, FIELDS, "fields");
    SnapshotValue fields = f.readValue();
    end(f, "fields");

    Optional<ExecutionContext> context = Optional.empty();
    if (in.hasRemaining() && in.peekU8() == CONTEXT) {
      SnapshotReader c = section(in, CONTEXT, "execution context");
      context = Optional.of(readContext(c));
      end(c, "execution context");
    }

    SnapshotReader m = section(in, MAILBOX, "mailbox");
    var mailbox = new ArrayList<PendingMessage>();
    for (int i = 0, n = m.readListHeader(); i < n; i++) {
      tuple(m, 4, "pending message");
      var id = new MessageId(m.readString(), m.readI64());
      mailbox.add(new PendingMessage(id, m.readString(), m.readValue()));
    }
    end(m, "mailbox");

    SnapshotReader l = section(in, LINKS, "supervisor links");
    var links = new ArrayList<SupervisorLink>();
    for (int i = 0, n = l.readListHeader(); i < n; i++) {
      tuple(l, 3, "supervisor link");
      String role = l.readString();
      SupervisorLink.Role r;
      try {
        r = SupervisorLink.Role.valueOf(role);
      } catch (IllegalArgumentException e) {
        throw new CheckpointFormatException("unknown supervisor link role '" + role + "'");
      }
      links.add(new SupervisorLink(r, l.readString(), l.readValue()));
    }
    end(l, "supervisor links");

    SnapshotReader wm = section(in, WATERMARKS, "watermarks");
    var watermarks = new TreeMap<String, Long>();
    for (int i = 0, n = wm.readMapHeader(); i < n; i++) {
      String sender = wm.readString();
      if (watermarks.put(sender, wm.readI64()) != null) {
        throw new CheckpointFormatException("watermarks name sender '" + sender + "' twice");
      }
    }
    end(wm, "watermarks");
    if (in.hasRemaining()) {
      throw in.error(in.remaining() + " unexpected bytes after the last section");
    }
    try {
      return new Checkpoint(
          actorId, actorType, sequence, wallTime, fields, context, mailbox, links, watermarks);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CheckpointFormatException("invalid checkpoint: " + e.getMessage(), e);
    }
  }

  private static ExecutionContext readContext(SnapshotReader c) throws CheckpointFormatException {
    var handler = c.readCodeRef();
    int ip = intValue(c.readI64(), "handler instruction pointer");
    var frames = new ArrayList<ExecutionContext.Frame>();
    for (int i = 0, n = c.readListHeader(); i < n; i++) {
      tuple(c, 3, "frame");
      var fn = c.readCodeRef();
      int fip = intValue(c.readI64(), "frame instruction pointer");
      var locals = new ArrayList<SnapshotValue>();
      for (int j = 0, k = c.readListHeader(); j < k; j++) {
        locals.add(c.readValue());
      }
      frames.add(new ExecutionContext.Frame(fn, fip, locals));
    }
    return new ExecutionContext(handler, ip, frames);
  }

  private static int intValue(long v, String what) throws CheckpointFormatException {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new CheckpointFormatException(what + " out of range: " + v);
    }
    return (int) v;
  }

  private static Instant instant(long seconds, long nanos, ByteSource in)
      throws CheckpointFormatException {
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw in.error("wall time out of range: " + seconds + "s " + nanos + "ns");
    }
  }

  private static void tuple(SnapshotReader r, int size, String what)
      throws CheckpointFormatException {
    int n = r.readTupleHeader();
    if (n != size) {
      throw new CheckpointFormatException(what + " has " + n + " parts, expected " + size);
    }
  }

  private static SnapshotReader section(ByteSource in, int id, String name)
      throws CheckpointFormatException {
    if (!in.hasRemaining()) {
      throw in.error("the " + name + " section is missing (input ends here)");
    }
    int found = in.u8();
    if (found != id) {
      throw in.error("expected the " + name + " section (id " + id + ") but found id " + found);
    }
    int len = in.length(name + " section length", 1);
    return new SnapshotReader(
        in.slice(len, "checkpoint " + name + " section"), SnapshotReader.DEFAULT_MAX_DEPTH);
  }

  private static void end(SnapshotReader r, String name) throws CheckpointFormatException {
    if (r.hasRemaining()) {
      throw new CheckpointFormatException(
          "checkpoint " + name + " section has unexpected bytes at byte " + r.position());
    }
  }
}
