package dev.simplex.gossip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jgroups.Address;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;

/**
 * Carries a peer's {@link PeerInfo} inside its JGroups address (an {@link ExtendedUUID}), so every
 * view already holds what each member advertises: no announce round, no window where a member is in
 * the view but its Hazelcast port is unknown.
 */
final class PeerAdvertisement {

  static final String KEY = "simplex.peer";
  private static final int FORMAT = 1;

  private PeerAdvertisement() {}

  /** A fresh address (new UUID) for one connect, carrying {@code self}. */
  static ExtendedUUID address(PeerInfo self) {
    ExtendedUUID address = ExtendedUUID.randomUUID(self.id().value());
    address.put(KEY, encode(self));
    return address;
  }

  /**
   * What a member advertised. A member whose address carries no readable advertisement (not a
   * Simplex peer, or a newer format) is still listed, under its JGroups name, with no ports.
   */
  static PeerInfo read(Address member) {
    // the long form is unique per incarnation; toString() prints the logical name (the peer id)
    String jgroups = member instanceof UUID u ? u.toStringLong() : member.toString();
    if (member instanceof ExtendedUUID ext && ext.keyExists(KEY)) {
      Optional<PeerInfo> info = decode(ext.get(KEY), jgroups);
      if (info.isPresent()) {
        return info.get();
      }
    }
    String name = NameCache.get(member);
    return new PeerInfo(
        new PeerId(sanitize(name == null ? jgroups : name)), jgroups, "", 0, 0, Map.of());
  }

  static byte[] encode(PeerInfo self) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(self.id().value());
      out.writeUTF(self.host());
      out.writeShort(self.hazelcastPort());
      out.writeShort(self.adminPort());
      out.writeByte(self.attributes().size());
      for (var e : self.attributes().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static Optional<PeerInfo> decode(byte[] bytes, String jgroupsAddress) {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readUnsignedByte() != FORMAT) {
        return Optional.empty();
      }
      PeerId id = new PeerId(in.readUTF());
      String host = in.readUTF();
      int hz = in.readUnsignedShort();
      int admin = in.readUnsignedShort();
      int count = in.readUnsignedByte();
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        attributes.put(in.readUTF(), in.readUTF());
      }
      return Optional.of(new PeerInfo(id, jgroupsAddress, host, hz, admin, attributes));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String sanitize(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
    if (cleaned.isEmpty()) {
      cleaned = "unnamed";
    }
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }
}
