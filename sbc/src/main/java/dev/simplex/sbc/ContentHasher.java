package dev.simplex.sbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Names every function by the SHA-256 of its canonical bytecode (a Merkle DAG, as in Unison). The
 * canonical form leaves out names and debug info, inlines constants and type layouts, and names
 * callees by their hashes. Mutually recursive functions (a strongly connected component of the call
 * graph) are hashed as one group in an order that does not depend on their names.
 */
final class ContentHasher {
  private final List<Constant> constants;
  private final List<TypeDef> types;
  private final List<SbcFunction> functions;
  private final byte[][] hashes;

  private ContentHasher(
      List<Constant> constants, List<TypeDef> types, List<SbcFunction> functions) {
    this.constants = constants;
    this.types = types;
    this.functions = functions;
    this.hashes = new byte[functions.size()][];
  }

  static List<byte[]> hashAll(
      List<Constant> constants, List<TypeDef> types, List<SbcFunction> functions) {
    ContentHasher h = new ContentHasher(constants, types, functions);
    for (List<Integer> group : h.componentsCalleesFirst()) h.hashGroup(group);
    return List.of(h.hashes);
  }

  private void hashGroup(List<Integer> group) {
    // Order members by their form with group-internal calls anonymised, so renaming changes
    // nothing.
    List<Integer> ordered = new ArrayList<>(group);
    ordered.sort(
        Comparator.comparing(
            (Integer f) -> canonical(f, group, null), ContentHasher::compareBytes));
    MessageDigest groupDigest = sha256();
    for (int f : ordered) groupDigest.update(canonical(f, group, ordered));
    byte[] groupHash = groupDigest.digest();
    for (int i = 0; i < ordered.size(); i++) {
      MessageDigest d = sha256();
      d.update(groupHash);
      d.update(new byte[] {(byte) (i >> 8), (byte) i});
      hashes[ordered.get(i)] = d.digest();
    }
  }

  /** Canonical bytes of function f; calls into {@code group} name a position in {@code order}. */
  private byte[] canonical(int f, List<Integer> group, List<Integer> order) {
    SbcFunction fn = functions.get(f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(fn.paramCount());
    out.write(fn.returnsRef() ? 1 : 0);
    for (SbcFunction.SlotKind k : fn.localKinds()) out.write(k.ordinal());
    out.write(0xEE);
    byte[] code = fn.codeUnsafe();
    int pc = 0;
    while (pc < code.length) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > code.length) {
        out.write(code, pc, code.length - pc); // malformed: hash raw bytes, the verifier reports it
        break;
      }
      out.write(op.code());
      int at = pc + 1;
      for (OperandKind k : op.operands()) {
        int v = Bytecode.operand(code, at, k);
        switch (k) {
          case CONST -> writeConstant(out, v);
          case FUNC -> writeCallee(out, v, group, order);
          case TYPE -> writeType(out, v);
          default -> writeInt(out, v);
        }
        at += k.width;
      }
      pc += op.size();
    }
    return out.toByteArray();
  }

  private void writeCallee(
      ByteArrayOutputStream out, int callee, List<Integer> group, List<Integer> order) {
    if (group.contains(callee)) {
      out.write(0xF0);
      writeInt(out, order == null ? 0 : order.indexOf(callee));
    } else if (callee >= 0 && callee < hashes.length && hashes[callee] != null) {
      out.write(0xF1);
      out.writeBytes(hashes[callee]);
    } else {
      out.write(0xF2);
      writeInt(out, callee);
    }
  }

  private void writeConstant(ByteArrayOutputStream out, int index) {
    if (index < 0 || index >= constants.size()) {
      out.write(0);
      writeInt(out, index);
      return;
    }
    Constant c = constants.get(index);
    out.write(Constant.tag(c));
    switch (c) {
      case Constant.I64 i -> writeLong(out, i.value());
      case Constant.F64 d -> writeLong(out, d.bits());
      case Constant.Str s -> writeString(out, s.value());
    }
  }

  private void writeType(ByteArrayOutputStream out, int index) {
    if (index < 0 || index >= types.size()) {
      writeInt(out, index);
      return;
    }
    TypeDef t = types.get(index);
    writeString(out, t.name());
    out.write(t.kind().ordinal());
    for (TypeDef.Variant v : t.variants()) {
      writeString(out, v.name());
      for (int f = 0; f < v.fields().size(); f++) {
        writeString(out, v.fields().get(f));
        writeString(out, v.fieldTypes().get(f));
      }
      out.write(0xFE);
    }
  }

  /** Tarjan's algorithm; it emits each component after every component it calls. */
  private List<List<Integer>> componentsCalleesFirst() {
    int n = functions.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<Integer>> out = new ArrayList<>();
    int[] counter = {0};
    for (int v = 0; v < n; v++) {
      if (index[v] < 0) strongConnect(v, index, low, onStack, stack, out, counter);
    }
    return out;
  }

  // Iterative Tarjan: call graphs of generated code can be deep.
  private void strongConnect(
      int root,
      int[] index,
      int[] low,
      boolean[] onStack,
      Deque<Integer> stack,
      List<List<Integer>> out,
      int[] counter) {
    Deque<int[]> work = new ArrayDeque<>(); // {node, next edge position}
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) edges.add(null);
    work.push(new int[] {root, 0});
    while (!work.isEmpty()) {
      int[] top = work.peek();
      int v = top[0];
      if (top[1] == 0 && index[v] < 0) {
        index[v] = low[v] = counter[0]++;
        stack.push(v);
        onStack[v] = true;
        edges.set(v, callees(v));
      }
      int[] out_ = edges.get(v);
      if (top[1] < out_.length) {
        int w = out_[top[1]++];
        if (index[w] < 0) {
          work.push(new int[] {w, 0});
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (!work.isEmpty()) {
        int parent = work.peek()[0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] == index[v]) {
        List<Integer> component = new ArrayList<>();
        int w;
        do {
          w = stack.pop();
          onStack[w] = false;
          component.add(w);
        } while (w != v);
        component.sort(null);
        out.add(component);
      }
    }
  }

  private int[] callees(int f) {
    byte[] code = functions.get(f).codeUnsafe();
    List<Integer> result = new ArrayList<>();
    int pc = 0;
    while (pc < code.length) {
      Op op = Op.fromCode(code[pc] & 0xFF);
      if (op == null || pc + op.size() > code.length) break;
      int at = pc + 1;
      for (OperandKind k : op.operands()) {
        if (k == OperandKind.FUNC) {
          int callee = Bytecode.operand(code, at, k);
          if (callee >= 0 && callee < functions.size()) result.add(callee);
        }
        at += k.width;
      }
      pc += op.size();
    }
    return result.stream().mapToInt(Integer::intValue).distinct().toArray();
  }

  private static int compareBytes(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    writeInt(out, (int) (v >>> 32));
    writeInt(out, (int) v);
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
