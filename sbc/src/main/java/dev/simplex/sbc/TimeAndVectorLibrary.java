package dev.simplex.sbc;

import static dev.simplex.sbc.Natives.add;
import static dev.simplex.sbc.Natives.i64;
import static dev.simplex.sbc.Natives.items;
import static dev.simplex.sbc.Natives.list;
import static dev.simplex.sbc.Natives.str;

import dev.simplex.sbc.Values.TupleValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Durations, sleeping and vectors (language.md §10, §11). */
final class TimeAndVectorLibrary {
  private TimeAndVectorLibrary() {}

  /** The origin of Instant values: this JVM's monotonic clock when the library loaded. */
  private static final long ORIGIN = System.nanoTime();

  static void register() {
    // time
    add("duration_of", 2, (a, c) -> DurationValue.of(i64(a[0]), str(a[1])));
    add(
        "duration_op",
        3,
        (a, c) -> {
          long x = ((DurationValue) a[0]).nanos(), y = ((DurationValue) a[1]).nanos();
          try {
            return new DurationValue(
                str(a[2]).equals("add") ? Math.addExact(x, y) : Math.subtractExact(x, y));
          } catch (ArithmeticException e) {
            throw new SimplexPanic("integer overflow");
          }
        });
    add(
        "duration_as",
        2,
        (a, c) -> {
          long n = ((DurationValue) a[0]).nanos();
          return switch (str(a[1])) {
            case "as_secs" -> n / 1_000_000_000L;
            case "as_millis" -> n / 1_000_000L;
            default -> n;
          };
        });
    add(
        "sleep",
        1,
        (a, c) -> {
          long n = ((DurationValue) a[0]).nanos();
          try {
            Thread.sleep(n / 1_000_000L, (int) (n % 1_000_000L));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimplexPanic("interrupted while sleeping");
          }
          return Values.Unit.INSTANCE;
        });
    // Instant (§12.2 now()): a Duration since this JVM's monotonic clock origin
    add("instant_now", 0, (a, c) -> new DurationValue(System.nanoTime() - ORIGIN));
    // Bytes (§12.3 String.to_bytes, Bytes.to_string_utf8): a list of u8 kept as i64
    add(
        "str_to_bytes",
        1,
        (a, c) -> {
          byte[] b = str(a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          List<Object> out = new ArrayList<>(b.length);
          for (byte x : b) out.add((long) (x & 0xFF));
          return list(out);
        });
    add(
        "bytes_to_string_utf8",
        1,
        (a, c) -> {
          List<Object> in = items(a[0]);
          byte[] b = new byte[in.size()];
          for (int i = 0; i < b.length; i++) b[i] = (byte) i64(in.get(i));
          try {
            return Natives.option(
                java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b))
                    .toString());
          } catch (java.nio.charset.CharacterCodingException e) {
            return Natives.option(null);
          }
        });
    // vectors (language.md §11)
    add(
        "vector_from",
        1,
        (a, c) -> {
          List<Object> xs = items(a[0]);
          double[] v = new double[xs.size()];
          for (int i = 0; i < v.length; i++) v[i] = ((Number) xs.get(i)).doubleValue();
          return new VectorValue(v);
        });
    add(
        "vector_zeros",
        1,
        (a, c) -> {
          if (i64(a[0]) < 0) throw new SimplexPanic("vector length must not be negative");
          return new VectorValue(new double[(int) i64(a[0])]);
        });
    add("vector_len", 1, (a, c) -> (long) ((VectorValue) a[0]).length());
    add(
        "vector_get",
        2,
        (a, c) -> {
          VectorValue v = (VectorValue) a[0];
          long i = i64(a[1]);
          if (i < 0 || i >= v.length())
            throw new SimplexPanic("index out of bounds: index " + i + ", length " + v.length());
          return v.get((int) i);
        });
    add("vector_to_list", 1, (a, c) -> list(items(a[0])));
    add("vector_dot", 2, (a, c) -> ((VectorValue) a[0]).dot((VectorValue) a[1]));
    add("vector_magnitude", 1, (a, c) -> ((VectorValue) a[0]).magnitude());
    add("vector_normalize", 1, (a, c) -> ((VectorValue) a[0]).normalize());
    add("vector_similarity", 2, (a, c) -> ((VectorValue) a[0]).similarity((VectorValue) a[1]));
    add(
        "vector_nearest",
        3,
        (a, c) -> {
          VectorValue q = (VectorValue) a[0];
          List<Object> cands = items(a[1]);
          long k = i64(a[2]);
          if (k < 0) throw new SimplexPanic("k must not be negative");
          List<Object[]> scored = new ArrayList<>();
          for (int i = 0; i < cands.size(); i++)
            scored.add(new Object[] {(long) i, q.similarity((VectorValue) cands.get(i))});
          // descending similarity, ties by lower index (the sort is stable)
          scored.sort((x, y) -> Double.compare((Double) y[1], (Double) x[1]));
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < Math.min(k, scored.size()); i++)
            out.add(new TupleValue(Arrays.asList(scored.get(i))));
          return list(out);
        });
  }
}
