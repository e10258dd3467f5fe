package dev.simplex.sbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the .sbc container: {@code SPLX}, u16 version, u32 flags, the SHA-256 of everything that
 * follows, the entry index, the constant pool, type definitions, the hash table (hash -> offset,
 * size), the function bodies, then debug info (source file, names, line tables, local names). All
 * integers are big-endian. The output depends only on the module, so builds are reproducible.
 */
public final class SbcWriter {
  private SbcWriter() {}

  public static byte[] write(SbcModule m) {
    // Debug strings join the pool so the pool is the only place text lives.
    List<Constant> pool = new ArrayList<>(m.constants());
    Out body = new Out();
    body.u32(m.entry());
    Out debug = new Out();
    debug.u32(poolIndex(pool, m.sourceFile()));
    for (SbcFunction f : m.functions()) {
      debug.u32(poolIndex(pool, f.name()));
      debug.u32(f.lines().size());
      for (SbcFunction.LineEntry e : f.lines()) {
        debug.u32(e.pc());
        debug.u32(e.line());
      }
      debug.u16(f.localNames().size());
      for (String n : f.localNames()) debug.u32(poolIndex(pool, n));
    }
    Out types = new Out();
    types.u32(m.types().size());
    for (TypeDef t : m.types()) {
      types.u32(poolIndex(pool, t.name()));
      types.u8(t.kind().ordinal());
      types.u16(t.variants().size());
      for (TypeDef.Variant v : t.variants()) {
        types.u32(poolIndex(pool, v.name()));
        types.u8(v.named() ? 1 : 0);
        types.u16(v.fields().size());
        for (int f = 0; f < v.fields().size(); f++) {
          types.u32(poolIndex(pool, v.fields().get(f)));
          types.u32(poolIndex(pool, v.fieldTypes().get(f)));
        }
      }
    }
    types.u32(m.actors().size());
    for (ActorDef a : m.actors()) {
      types.u32(a.stateType());
      types.u8(a.supervisor() ? 1 : 0);
      types.u16(a.members().size());
      for (ActorDef.Member mb : a.members()) {
        types.u32(poolIndex(pool, mb.name()));
        types.u8(mb.kind().ordinal());
        types.u32(mb.function());
        types.u16(mb.paramNames().size());
        for (int k = 0; k < mb.paramNames().size(); k++) {
          types.u32(poolIndex(pool, mb.paramNames().get(k)));
          types.u32(poolIndex(pool, mb.paramTypes().get(k)));
        }
        types.u32(poolIndex(pool, mb.replyType()));
      }
    }
    body.u32(pool.size());
    for (Constant c : pool) {
      body.u8(Constant.tag(c));
      switch (c) {
        case Constant.I64 i -> body.u64(i.value());
        case Constant.F64 d -> body.u64(d.bits());
        case Constant.Str s -> {
          byte[] b = s.value().getBytes(StandardCharsets.UTF_8);
          body.u32(b.length);
          body.bytes(b);
        }
      }
    }
    body.bytes(types.toByteArray());
    Out functions = new Out();
    body.u32(m.functions().size());
    for (int i = 0; i < m.functions().size(); i++) {
      SbcFunction f = m.functions().get(i);
      int start = functions.size();
      functions.u16(f.paramCount());
      functions.u8(f.returnsRef() ? 1 : 0);
      functions.u16(f.localCount());
      for (SbcFunction.SlotKind k : f.localKinds()) functions.u8(k.ordinal());
      functions.u16(f.maxStack());
      functions.u32(f.codeUnsafe().length);
      functions.bytes(f.codeUnsafe());
      body.bytes(m.hash(i));
      body.u32(start);
      body.u32(functions.size() - start);
    }
    body.u32(functions.size());
    body.bytes(functions.toByteArray());
    body.bytes(debug.toByteArray());
    byte[] content = body.toByteArray();

    Out file = new Out();
    file.bytes(SbcFormat.MAGIC);
    file.u16(SbcFormat.VERSION);
    file.u32(SbcFormat.FLAG_DEBUG_INFO);
    file.bytes(ContentHasher.sha256().digest(content));
    file.bytes(content);
    return file.toByteArray();
  }

  private static int poolIndex(List<Constant> pool, String s) {
    Constant c = new Constant.Str(s);
    int i = pool.indexOf(c);
    if (i >= 0) return i;
    pool.add(c);
    return pool.size() - 1;
  }

  private static final class Out extends ByteArrayOutputStream {
    void u8(int v) {
      write(v);
    }

    void u16(int v) {
      write(v >>> 8);
      write(v);
    }

    void u32(int v) {
      u16(v >>> 16);
      u16(v);
    }

    void u64(long v) {
      u32((int) (v >>> 32));
      u32((int) v);
    }

    void bytes(byte[] b) {
      writeBytes(b);
    }
  }
}
