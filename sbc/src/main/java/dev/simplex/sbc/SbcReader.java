package dev.simplex.sbc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and validates a .sbc file ({@link SbcWriter} describes the layout): the magic, version and
 * content hash, every length and index, each function's hash against its canonical bytecode, and
 * finally the {@link Verifier}. Anything wrong becomes an {@link SbcFormatException} naming what
 * and where; no JVM exception escapes.
 */
public final class SbcReader {
  private final byte[] bytes;
  private int pos;

  private SbcReader(byte[] bytes) {
    this.bytes = bytes;
  }

  public static SbcModule read(byte[] bytes) throws SbcFormatException {
    try {
      return new SbcReader(bytes).module();
    } catch (RuntimeException e) {
      // A bug in validation must still surface as a format error, never crash the peer.
      throw new SbcFormatException("malformed .sbc file: " + e);
    }
  }

  private SbcModule module() throws SbcFormatException {
    if (bytes.length < SbcFormat.BODY_START) {
      throw new SbcFormatException(
          "truncated .sbc file: " + bytes.length + " bytes is shorter than the header");
    }
    if (!Arrays.equals(bytes, 0, 4, SbcFormat.MAGIC, 0, 4)) {
      throw new SbcFormatException("not a .sbc file: the magic number at offset 0 is not `SPLX`");
    }
    pos = 4;
    int version = u16("version");
    if (version != SbcFormat.VERSION) {
      throw new SbcFormatException(
          "unsupported .sbc version "
              + version
              + " (this runtime reads version "
              + SbcFormat.VERSION
              + ")");
    }
    int flags = u32("flags");
    if ((flags & ~SbcFormat.FLAG_DEBUG_INFO) != 0) {
      throw new SbcFormatException(
          "unknown flags 0x" + Integer.toHexString(flags) + " at offset 6");
    }
    byte[] stored = Arrays.copyOfRange(bytes, SbcFormat.HEADER_SIZE, SbcFormat.BODY_START);
    MessageDigest d = ContentHasher.sha256();
    d.update(bytes, SbcFormat.BODY_START, bytes.length - SbcFormat.BODY_START);
    if (!MessageDigest.isEqual(stored, d.digest())) {
      throw new SbcFormatException("content hash mismatch: the file is corrupt or truncated");
    }
    pos = SbcFormat.BODY_START;
    int entry = u32("entry index");
    List<Constant> pool = constants();
    List<TypeDef> types = types(pool);
    List<ActorDef> actors = actors(pool);
    int count = count("function count", 40);
    List<byte[]> hashes = new ArrayList<>();
    int[][] ranges = new int[count][];
    for (int i = 0; i < count; i++) {
      hashes.add(take(32, "hash of function #" + i));
      ranges[i] = new int[] {u32("offset of function #" + i), u32("size of function #" + i)};
    }
    int sectionSize = u32("function section size");
    int sectionStart = pos;
    need(sectionSize, "function section");
    List<FunctionShape> shapes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int off = ranges[i][0];
      int size = ranges[i][1];
      if (off < 0 || size < 0 || (long) off + size > sectionSize) {
        throw new SbcFormatException(
            "function #"
                + i
                + ": range "
                + off
                + "+"
                + size
                + " lies outside the function section");
      }
      pos = sectionStart + off;
      shapes.add(shape(i, sectionStart + off + size));
    }
    pos = sectionStart + sectionSize;
    String sourceFile = "";
    List<SbcFunction> functions = new ArrayList<>();
    boolean debug = (flags & SbcFormat.FLAG_DEBUG_INFO) != 0;
    if (debug) sourceFile = string(pool, u32("source file name"), "source file name");
    for (int i = 0; i < count; i++) {
      FunctionShape s = shapes.get(i);
      String name = "fn_" + HexFormat.of().formatHex(hashes.get(i), 0, 6);
      List<SbcFunction.LineEntry> lines = List.of();
      List<String> localNames = List.of();
      if (debug) {
        name = string(pool, u32("name of function #" + i), "function name");
        int n = count("line table of `" + name + "`", 8);
        lines = new ArrayList<>();
        for (int k = 0; k < n; k++)
          lines.add(new SbcFunction.LineEntry(u32("line table"), u32("line table")));
        int ln = u16("local names of `" + name + "`");
        localNames = new ArrayList<>();
        for (int k = 0; k < ln; k++) localNames.add(string(pool, u32("local name"), "local name"));
      }
      functions.add(
          new SbcFunction(
              name, s.params, s.kinds, s.returnsRef, s.maxStack, s.code, lines, localNames));
    }
    if (pos != bytes.length) {
      throw new SbcFormatException(
          (bytes.length - pos) + " unexpected trailing bytes at offset " + pos);
    }
    SbcModule m = new SbcModule(pool, types, actors, functions, entry, sourceFile);
    for (int i = 0; i < count; i++) {
      if (!Arrays.equals(m.hash(i), hashes.get(i))) {
        throw new SbcFormatException(
            "function `" + functions.get(i).name() + "`: stored hash does not match its bytecode");
      }
    }
    Verifier.verify(m);
    return m;
  }

  private record FunctionShape(
      int params,
      List<SbcFunction.SlotKind> kinds,
      boolean returnsRef,
      int maxStack,
      byte[] code) {}

  private FunctionShape shape(int i, int end) throws SbcFormatException {
    String what = "function #" + i;
    int params = u16(what + " parameter count");
    int ret = u8(what + " return kind");
    if (ret > 1)
      throw new SbcFormatException(
          what + ": invalid return kind " + ret + " at offset " + (pos - 1));
    int locals = u16(what + " local count");
    List<SbcFunction.SlotKind> kinds = new ArrayList<>();
    for (int k = 0; k < locals; k++) {
      int kind = u8(what + " local kinds");
      if (kind > 1)
        throw new SbcFormatException(
            what + ": invalid local kind " + kind + " at offset " + (pos - 1));
      kinds.add(SbcFunction.SlotKind.values()[kind]);
    }
    int maxStack = u16(what + " stack size");
    int codeLen = u32(what + " code length");
    if (codeLen < 0 || (long) pos + codeLen > end) {
      throw new SbcFormatException(
          what + ": code length " + codeLen + " exceeds the function's size");
    }
    byte[] code = take(codeLen, what + " code");
    if (pos != end) throw new SbcFormatException(what + ": size does not match its contents");
    return new FunctionShape(params, kinds, ret == 1, maxStack, code);
  }

  private List<Constant> constants() throws SbcFormatException {
    int n = count("constant count", 5);
    List<Constant> pool = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = pos;
      int tag = u8("constant #" + i);
      pool.add(
          switch (tag) {
            case 1 -> new Constant.I64(u64("constant #" + i));
            case 2 -> new Constant.F64(u64("constant #" + i));
            case 3 ->
                new Constant.Str(
                    utf8(take(count("string constant #" + i, 1), "string constant #" + i), at));
            default ->
                throw new SbcFormatException(
                    "constant #" + i + " at offset " + at + " has unknown tag " + tag);
          });
    }
    return pool;
  }

  private List<ActorDef> actors(List<Constant> pool) throws SbcFormatException {
    int n = count("actor count", 7);
    List<ActorDef> actors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int state = u32("state type of actor #" + i);
      int kind = u8("kind of actor #" + i);
      if (kind > 1)
        throw new SbcFormatException(
            "actor #" + i + " has unknown kind " + kind + " at offset " + (pos - 1));
      int mn = u16("member count of actor #" + i);
      List<ActorDef.Member> members = new ArrayList<>(mn);
      for (int k = 0; k < mn; k++) {
        String name = string(pool, u32("member name"), "member name");
        int mk = u8("member kind");
        if (mk >= ActorDef.MemberKind.values().length)
          throw new SbcFormatException(
              "member `" + name + "` of actor #" + i + " has unknown kind " + mk);
        int function = u32("member function");
        int pn = u16("parameter count of member `" + name + "`");
        List<String> pnames = new ArrayList<>(pn);
        List<String> ptypes = new ArrayList<>(pn);
        for (int p = 0; p < pn; p++) {
          pnames.add(string(pool, u32("parameter name"), "parameter name"));
          ptypes.add(string(pool, u32("parameter type"), "parameter type"));
        }
        String reply = string(pool, u32("reply type"), "reply type");
        members.add(
            new ActorDef.Member(
                name, ActorDef.MemberKind.values()[mk], function, pnames, ptypes, reply));
      }
      actors.add(new ActorDef(state, kind == 1, members));
    }
    return actors;
  }

  private List<TypeDef> types(List<Constant> pool) throws SbcFormatException {
    int n = count("type count", 7);
    List<TypeDef> types = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = string(pool, u32("type name"), "type name");
      int kind = u8("type kind");
      if (kind > 1) throw new SbcFormatException("type `" + name + "` has unknown kind " + kind);
      int vn = u16("variant count");
      List<TypeDef.Variant> variants = new ArrayList<>();
      for (int v = 0; v < vn; v++) {
        String vname = string(pool, u32("variant name"), "variant name");
        boolean named = u8("variant form") == 1;
        int fn = u16("field count");
        List<String> fields = new ArrayList<>();
        List<String> fieldTypes = new ArrayList<>();
        for (int f = 0; f < fn; f++) {
          fields.add(string(pool, u32("field name"), "field name"));
          fieldTypes.add(string(pool, u32("field type"), "field type"));
        }
        variants.add(new TypeDef.Variant(vname, named, fields, fieldTypes));
      }
      types.add(new TypeDef(name, TypeDef.Kind.values()[kind], variants));
    }
    return types;
  }

  private String string(List<Constant> pool, int index, String what) throws SbcFormatException {
    if (index < 0 || index >= pool.size() || !(pool.get(index) instanceof Constant.Str s)) {
      throw new SbcFormatException(
          what
              + " at offset "
              + (pos - 4)
              + " names constant #"
              + index
              + ", which is not a string");
    }
    return s.value();
  }

  private static String utf8(byte[] b, int at) throws SbcFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SbcFormatException("string constant at offset " + at + " is not valid UTF-8");
    }
  }

  /**
   * A count of items each at least {@code minSize} bytes long; rejects counts the file cannot hold.
   */
  private int count(String what, int minSize) throws SbcFormatException {
    int n = u32(what);
    if (n < 0 || (long) n * minSize > bytes.length - pos) {
      throw new SbcFormatException(
          "truncated .sbc file: "
              + what
              + " "
              + Integer.toUnsignedString(n)
              + " at offset "
              + (pos - 4)
              + " exceeds the remaining bytes");
    }
    return n;
  }

  private void need(int n, String what) throws SbcFormatException {
    if (n < 0 || pos + (long) n > bytes.length) {
      throw new SbcFormatException(
          "truncated .sbc file: "
              + what
              + " at offset "
              + pos
              + " needs "
              + Integer.toUnsignedString(n)
              + " bytes, "
              + (bytes.length - pos)
              + " remain");
    }
  }

  private byte[] take(int n, String what) throws SbcFormatException {
    need(n, what);
    byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
    pos += n;
    return b;
  }

  private int u8(String what) throws SbcFormatException {
    need(1, what);
    return bytes[pos++] & 0xFF;
  }

  private int u16(String what) throws SbcFormatException {
    need(2, what);
    int v = Bytecode.u16(bytes, pos);
    pos += 2;
    return v;
  }

  private int u32(String what) throws SbcFormatException {
    need(4, what);
    int v = Bytecode.u32(bytes, pos);
    pos += 4;
    return v;
  }

  private long u64(String what) throws SbcFormatException {
    return ((long) u32(what) << 32) | (u32(what) & 0xFFFF_FFFFL);
  }
}
