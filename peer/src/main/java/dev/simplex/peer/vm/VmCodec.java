package dev.simplex.peer.vm;

import dev.simplex.peer.route.MessageCodec;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The router's codec for compiled programs, over the VM's portable values ({@link
 * Vm#toPortable}/{@link Vm#fromPortable}) instead of Java serialisation. Layout: a version byte,
 * the module hash, a kind byte (value, message, spawn arguments), then the parts in {@link
 * PortableWire}'s form. {@code null} (the answer to a stop) is the single byte 0. Decoding rebuilds
 * against the module the hash names, which {@code modules} supplies (fetched and hash-checked).
 */
final class VmCodec implements MessageCodec {
  static final int VERSION = 1;
  private static final int VALUE = 1;
  private static final int MESSAGE = 2;
  private static final int SPAWN = 3;

  private final Function<String, Vm> modules;

  /** {@code modules}: the executor of the module with that hash; throws IllegalArgument if none. */
  VmCodec(Function<String, Vm> modules) {
    this.modules = modules;
  }

  @Override
  public byte[] encode(Object value) {
    if (value == null) return new byte[] {0};
    if (!(value instanceof VmValue v))
      throw new IllegalArgumentException(
          "only compiled programs' values travel with this codec, not " + value.getClass());
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(v.moduleHash());
      switch (v.value()) {
        case Message m -> {
          out.writeByte(MESSAGE);
          PortableWire.writeString(out, m.name());
          writeList(out, m.args());
        }
        case VmValue.SpawnArgs s -> {
          out.writeByte(SPAWN);
          PortableWire.writeString(out, s.runId());
          PortableWire.writeString(out, s.origin());
          writeList(out, s.initArgs());
          out.writeInt(s.overrides().size());
          for (var e : s.overrides().entrySet()) {
            PortableWire.writeString(out, e.getKey());
            PortableWire.write(out, Vm.toPortable(e.getValue()));
          }
        }
        case Object plain -> {
          out.writeByte(VALUE);
          PortableWire.write(out, Vm.toPortable(plain));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeList(DataOutputStream out, List<Object> values) throws IOException {
    out.writeInt(values.size());
    for (Object a : values) PortableWire.write(out, Vm.toPortable(a));
  }

  @Override
  public Object decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0)
      throw new IllegalArgumentException("an empty VM message");
    if (bytes.length == 1 && bytes[0] == 0) return null;
    var in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      int version = in.readUnsignedByte();
      if (version != VERSION)
        throw new IllegalArgumentException("VM message version " + version + " is not " + VERSION);
      String hash = in.readUTF();
      Vm vm = modules.apply(hash);
      int kind = in.readUnsignedByte();
      Object value =
          switch (kind) {
            case VALUE -> vm.fromPortable(PortableWire.read(in));
            case MESSAGE -> {
              String name = PortableWire.readString(in);
              List<Object> args = readList(in, vm);
              String misfit = misfit(vm.module(), name, args.size());
              if (misfit != null) throw new IllegalArgumentException(misfit);
              yield new Message(name, args);
            }
            case SPAWN -> {
              String run = PortableWire.readString(in);
              String origin = PortableWire.readString(in);
              List<Object> args = readList(in, vm);
              int n = in.readInt();
              if (n < 0 || n > in.available())
                throw new IllegalArgumentException(n + " field overrides do not fit");
              Map<String, Object> overrides = new LinkedHashMap<>();
              for (int k = 0; k < n; k++)
                overrides.put(PortableWire.readString(in), vm.fromPortable(PortableWire.read(in)));
              yield new VmValue.SpawnArgs(run, origin, args, overrides);
            }
            default -> throw new IllegalArgumentException("unknown VM message kind " + kind);
          };
      if (in.available() > 0)
        throw new IllegalArgumentException(in.available() + " bytes after a VM message");
      return new VmValue(hash, value);
    } catch (IOException e) {
      throw new IllegalArgumentException("a VM message is truncated or malformed: " + e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) throw e;
      throw new IllegalArgumentException("a malformed VM message: " + e);
    }
  }

  /**
   * Why no actor of {@code module} takes message {@code name} with {@code arity} arguments (the
   * module's message schemas), or null when one does; modules without schemas accept any.
   */
  static String misfit(dev.simplex.sbc.SbcModule module, String name, int arity) {
    if (module.actors().isEmpty()) return null;
    var arities = module.messageArities().get(name);
    if (arities == null) return "no actor of the program takes a message `" + name + "`";
    return arities.contains(arity)
        ? null
        : "message `" + name + "` with " + arity + " arguments fits no actor's schema";
  }

  private static List<Object> readList(DataInputStream in, Vm vm) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available())
      throw new IllegalArgumentException(n + " values do not fit the " + in.available() + " bytes");
    List<Object> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      PortableValue p = PortableWire.read(in);
      out.add(vm.fromPortable(p));
    }
    return out;
  }
}
