package dev.simplex.inference;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a real TorchScript archive (the zip that {@code torch.jit.save} produces) without Python:
 * a module whose {@code forward} multiplies its input by one float32 parameter matrix and scales
 * each row to unit length. Lets the tests load a user-style {@code .pt} file through DJL.
 */
final class TorchScriptArchive {
  private TorchScriptArchive() {}

  static final String CODE =
      """
      class Projection(Module):
        __parameters__ = ["weight", ]
        __buffers__ = []
        weight : Tensor
        training : bool
        def forward(self: __torch__.Projection,
          x: Tensor) -> Tensor:
          y = torch.matmul(x, self.weight)
          n = torch.clamp_min(torch.linalg_vector_norm(y, 2, [1], True), 9.9999999999999998e-13)
          return torch.div(y, n)
      """;

  static void write(Path file, float[] weights, int rows, int cols) throws IOException {
    ByteBuffer storage = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float w : weights) {
      storage.putFloat(w);
    }
    try (CountingStream counter = new CountingStream(Files.newOutputStream(file));
        ZipOutputStream zip = new ZipOutputStream(counter)) {
      put(zip, counter, "archive/data.pkl", dataPickle(rows, cols));
      put(zip, counter, "archive/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
      put(zip, counter, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      put(zip, counter, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      put(zip, counter, "archive/data/0", storage.array());
    }
  }

  /** The module object: {@code Projection(training=False, weight=tensor from storage "0")}. */
  private static byte[] dataPickle(int rows, int cols) {
    Pickle p = new Pickle();
    p.op(0x80).op(2);
    p.global("__torch__", "Projection").op(')').op(0x81).op('}').op('(');
    p.str("training").op(0x89);
    p.str("weight");
    p.global("torch._utils", "_rebuild_tensor_v2").op('(');
    p.op('(')
        .str("storage")
        .global("torch", "FloatStorage")
        .str("0")
        .str("cpu")
        .integer(rows * cols)
        .op('t')
        .op('Q');
    p.integer(0);
    p.op('(').integer(rows).integer(cols).op('t');
    p.op('(').integer(cols).integer(1).op('t');
    p.op(0x89);
    p.global("collections", "OrderedDict").op(')').op('R');
    p.op('t').op('R');
    p.op('u').op('b').op('.');
    return p.bytes();
  }

  private static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle op(int b) {
      out.write(b);
      return this;
    }

    Pickle global(String module, String name) {
      out.writeBytes(("c" + module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write('X');
      out.writeBytes(
          ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
      out.writeBytes(b);
      return this;
    }

    Pickle integer(int v) {
      out.write('J');
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /**
   * Stored (uncompressed) entries whose data starts on a 64-byte boundary, as PyTorch writes them.
   */
  private static void put(ZipOutputStream zip, CountingStream counter, String name, byte[] data)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    e.setTime(0);
    zip.flush();
    long headerEnd = counter.count + 30 + name.getBytes(StandardCharsets.UTF_8).length;
    int pad = (int) ((64 - (headerEnd + 4) % 64) % 64);
    ByteBuffer extra = ByteBuffer.allocate(4 + pad).order(ByteOrder.LITTLE_ENDIAN);
    extra.putShort((short) 0x4246).putShort((short) pad);
    e.setExtra(extra.array());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
