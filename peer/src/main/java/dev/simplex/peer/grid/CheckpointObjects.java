package dev.simplex.peer.grid;

import dev.simplex.checkpoint.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swarm actor checkpoints kept in an object store (an S3-compatible bucket: {@code checkpoint-store
 * = s3}), beside the grid's copy, so they outlive every peer and the grid itself. One object per
 * checkpoint, {@code actors/<actor id>/<epoch>-<sequence>} (numbers zero-padded so names sort in
 * checkpoint order; the id's characters outside {@code [A-Za-z0-9_~-]} as {@code %XX}); the two
 * newest of each actor are kept, so a damaged newest one falls back to the one before. An object is
 * {@code "SPXA"}, a version byte, the checkpoint ({@link ActorCheckpoint#writeTo}) and the SHA-256
 * of all that: a truncated or altered object is reported and skipped, never restored.
 */
public final class CheckpointObjects {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointObjects.class);
  private static final byte[] MAGIC = {'S', 'P', 'X', 'A'};
  private static final int VERSION = 1;
  private static final String ROOT = "actors/";
  static final int KEEP = 2;

  /** The largest object read back (a damaged or hostile listing must not exhaust memory). */
  static final int MAX_BYTES = 256 << 20;

  private final ObjectStore store;

  public CheckpointObjects(ObjectStore store) {
    this.store = java.util.Objects.requireNonNull(store, "store");
  }

  /** Where the objects live, for messages. */
  public String location() {
    return store.location();
  }

  /**
   * Stores {@code c} durably and drops that actor's objects older than the newest {@link #KEEP}.
   */
  void put(ActorCheckpoint c) throws IOException {
    store.put(name(c), encode(c));
    List<String> names = names(c.actorId());
    for (int i = 0; i < names.size() - KEEP; i++) store.delete(names.get(i));
  }

  /** The newest intact checkpoint of the actor, skipping (and reporting) damaged ones. */
  Optional<ActorCheckpoint> latest(String actorId) throws IOException {
    List<String> names = names(actorId);
    for (int i = names.size() - 1; i >= 0; i--) {
      Optional<byte[]> bytes = store.get(names.get(i), MAX_BYTES);
      if (bytes.isEmpty()) continue; // deleted meanwhile
      try {
        ActorCheckpoint c = decode(bytes.get());
        if (!c.actorId().equals(actorId))
          throw new IllegalArgumentException("it holds actor " + c.actorId());
        return Optional.of(c);
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "checkpoint object {} of actor {} in {} is damaged ({}); using the one before it",
            names.get(i),
            actorId,
            store.location(),
            e.getMessage());
      }
    }
    return Optional.empty();
  }

  boolean has(String actorId) throws IOException {
    return !names(actorId).isEmpty();
  }

  void remove(String actorId) throws IOException {
    for (String n : names(actorId)) store.delete(n);
  }

  /** The ids of every actor with a checkpoint in the store. */
  Set<String> actorIds() throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (var info : store.list(ROOT)) {
      String rest = info.name().substring(ROOT.length());
      int slash = rest.indexOf('/');
      if (slash > 0) ids.add(unescape(rest.substring(0, slash)));
    }
    return ids;
  }

  private List<String> names(String actorId) throws IOException {
    List<String> names = new ArrayList<>();
    for (var info : store.list(prefix(actorId))) names.add(info.name());
    names.sort(null);
    return names;
  }

  private static String prefix(String actorId) {
    return ROOT + escape(actorId) + "/";
  }

  static String name(ActorCheckpoint c) {
    return prefix(c.actorId()) + "%019d-%019d".formatted(c.epoch(), c.sequence());
  }

  static String escape(String id) {
    StringBuilder out = new StringBuilder();
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char ch = (char) (b & 0xFF);
      if ((ch >= 'A' && ch <= 'Z')
          || (ch >= 'a' && ch <= 'z')
          || (ch >= '0' && ch <= '9')
          || ch == '_'
          || ch == '~'
          || ch == '-') out.append(ch);
      else out.append('%').append("%02X".formatted(b & 0xFF));
    }
    return out.toString();
  }

  static String unescape(String escaped) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < escaped.length(); i++) {
      char ch = escaped.charAt(i);
      if (ch == '%' && i + 2 < escaped.length()) {
        out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
        i += 2;
      } else out.write(ch);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static byte[] encode(ActorCheckpoint c) {
    var b = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(b)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      c.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = b.toByteArray();
    byte[] all = Arrays.copyOf(body, body.length + 32);
    System.arraycopy(sha256(body), 0, all, body.length, 32);
    return all;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong: not a checkpoint object, another
   *     version, a checksum that does not match, bytes that do not decode
   */
  static ActorCheckpoint decode(byte[] bytes) {
    if (bytes.length < MAGIC.length + 1 + 32
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC))
      throw new IllegalArgumentException("not a checkpoint object");
    byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
    if (!Arrays.equals(sha256(body), Arrays.copyOfRange(bytes, body.length, bytes.length)))
      throw new IllegalArgumentException("its SHA-256 does not match its bytes");
    if (body[MAGIC.length] != VERSION)
      throw new IllegalArgumentException("checkpoint object version " + body[MAGIC.length]);
    try (var in =
        new DataInputStream(
            new ByteArrayInputStream(body, MAGIC.length + 1, body.length - MAGIC.length - 1))) {
      ActorCheckpoint c = ActorCheckpoint.readFrom(in);
      if (in.available() > 0)
        throw new IllegalArgumentException(in.available() + " bytes after the checkpoint");
      return c;
    } catch (IOException e) {
      throw new IllegalArgumentException("a truncated checkpoint: " + e.getMessage());
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
