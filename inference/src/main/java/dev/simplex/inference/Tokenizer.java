package dev.simplex.inference;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Turns text into model input. Only tokenizers that need no downloaded vocabulary exist, so every
 * model the pool can load is usable offline:
 *
 * <ul>
 *   <li>{@code ngram-hash[:BUCKETS]}: counts of hashed character 3- and 4-grams and whole words,
 *       log-scaled, as a float vector of BUCKETS (default 4096) per text;
 *   <li>{@code bytes}: the UTF-8 bytes as int64 ids, right-padded with 0 to the longest text.
 * </ul>
 */
sealed interface Tokenizer {

  record NgramHash(int buckets) implements Tokenizer {
    public NgramHash {
      if (buckets < 16 || buckets > 1 << 20) {
        throw new IllegalArgumentException(
            "ngram-hash buckets must be in 16..1048576, got " + buckets);
      }
    }

    /** Feature vector of one text; never all-zero (see {@link #forEachFeature}). */
    float[] features(String text) {
      float[] counts = new float[buckets];
      sparse(text).scatter(counts);
      return counts;
    }

    /**
     * The same features as {@link #features} in sparse form: only the buckets that occur, which is
     * a few dozen for a sentence against thousands of buckets. Cheap enough to compute on the
     * caller's thread before a request joins a batch.
     */
    Sparse sparse(String text) {
      var hashes = new IntList(2 * text.length() + 8);
      forEachFeature(text, h -> hashes.add(Math.floorMod(h, buckets)));
      int[] all = hashes.values;
      int n = hashes.size;
      java.util.Arrays.sort(all, 0, n);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          distinct++;
        }
      }
      int[] index = new int[distinct];
      float[] value = new float[distinct];
      int k = -1;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          if (k >= 0) {
            value[k] = 1f + (float) Math.log(count);
          }
          index[++k] = all[i];
          count = 0;
        }
        count++;
      }
      value[k] = 1f + (float) Math.log(count);
      return new Sparse(buckets, index, value);
    }

    /**
     * Calls back with the hash of every n-gram and word of the normalised text. Text with no letter
     * or digit falls back to its raw characters, and the empty text has one feature of its own, so
     * there is always at least one.
     */
    void forEachFeature(String text, java.util.function.IntConsumer sink) {
      if (text.isEmpty()) {
        sink.accept(fnv1a(11, "", 0, 0));
        return;
      }
      String normal = normalise(text);
      String s = " " + (normal.isEmpty() ? text.toLowerCase(Locale.ROOT) : normal) + " ";
      for (int n = 3; n <= 4; n++) {
        for (int i = 0; i + n <= s.length(); i++) {
          sink.accept(fnv1a(n, s, i, i + n));
        }
      }
      for (String word : s.strip().split(" ")) {
        if (!word.isEmpty()) {
          sink.accept(fnv1a(7, word, 0, word.length()));
        }
      }
    }
  }

  /**
   * Sparse n-gram features of one text: ascending distinct bucket indices and their values; every
   * other bucket of the {@code buckets} is zero. Never empty.
   */
  record Sparse(int buckets, int[] index, float[] value) {
    /** Writes the features into a zeroed dense row. */
    void scatter(float[] row) {
      for (int i = 0; i < index.length; i++) {
        row[index[i]] = value[i];
      }
    }

    /**
     * Writes the features into a zeroed dense row of float32 values that starts at byte {@code
     * offset} of {@code row} (native order).
     */
    void scatter(java.nio.ByteBuffer row, int offset) {
      for (int i = 0; i < index.length; i++) {
        row.putFloat(offset + 4 * index[i], value[i]);
      }
    }

    /** The same into Arrow memory (native order), from byte {@code offset} of {@code row}. */
    void scatter(org.apache.arrow.memory.ArrowBuf row, long offset) {
      for (int i = 0; i < index.length; i++) {
        row.setFloat(offset + 4L * index[i], value[i]);
      }
    }
  }

  /** A growable int array, for collecting feature hashes without boxing. */
  final class IntList {
    int[] values;
    int size;

    IntList(int capacity) {
      values = new int[capacity];
    }

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  record Bytes() implements Tokenizer {
    long[][] ids(List<String> texts) {
      byte[][] raw = new byte[texts.size()][];
      int longest = 1;
      for (int i = 0; i < raw.length; i++) {
        raw[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
        longest = Math.max(longest, raw[i].length);
      }
      long[][] out = new long[raw.length][longest];
      for (int i = 0; i < raw.length; i++) {
        for (int j = 0; j < raw[i].length; j++) {
          out[i][j] = (raw[i][j] & 0xff) + 1L; // 0 stays the padding id
        }
      }
      return out;
    }
  }

  static Tokenizer parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("bytes")) {
      return new Bytes();
    }
    if (s.equals("ngram-hash")) {
      return new NgramHash(4096);
    }
    if (s.startsWith("ngram-hash:")) {
      try {
        return new NgramHash(Integer.parseInt(s.substring("ngram-hash:".length())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "ngram-hash buckets must be an integer, got '" + text + "'");
      }
    }
    throw new IllegalArgumentException(
        "expected ngram-hash, ngram-hash:BUCKETS or bytes, got '" + text + "'");
  }

  /** Lower case, letters and digits kept, every other run of characters one space. */
  static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = true;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        out.appendCodePoint(Character.toLowerCase(cp));
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    int end = out.length();
    return space && end > 0 ? out.substring(0, end - 1) : out.toString();
  }

  /** 32-bit FNV-1a of a slice, salted by a kind so n-grams and words hash apart. */
  static int fnv1a(int salt, String s, int from, int to) {
    int h = 0x811c9dc5 ^ (salt * 0x01000193);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x01000193;
      h = (h ^ (c >>> 8)) * 0x01000193;
    }
    return h;
  }
}
