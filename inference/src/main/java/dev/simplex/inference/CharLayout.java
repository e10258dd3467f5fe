package dev.simplex.inference;

/**
 * How the built-in generator names contexts: its character vocabulary (newline ends a text) and the
 * table row of each order's context, shared by training and sampling so they cannot drift.
 */
record CharLayout(String vocab, int hashBuckets) {
  static final char END = '\n';

  CharLayout {
    if (vocab.indexOf(END) < 0 || vocab.indexOf(' ') < 0) {
      throw new IllegalArgumentException("the vocabulary must contain newline and space");
    }
  }

  int size() {
    return vocab.length();
  }

  /** One unigram row, then exact bigram and trigram contexts, then hashed 4-gram contexts. */
  int rows() {
    return 1 + size() + size() * size() + hashBuckets;
  }

  /** Vocabulary index of a character; characters the corpus never used read as a space. */
  int index(char c) {
    int i = vocab.indexOf(c);
    return i >= 0 ? i : vocab.indexOf(' ');
  }

  char charAt(int index) {
    return vocab.charAt(index);
  }

  /** Rows of the unigram, bigram, trigram and 4-gram contexts after {@code history}. */
  long[] rows(CharSequence history) {
    int n = history.length();
    int c1 = index(n >= 1 ? history.charAt(n - 1) : END);
    int c2 = index(n >= 2 ? history.charAt(n - 2) : END);
    int c3 = index(n >= 3 ? history.charAt(n - 3) : END);
    int v = size();
    long tri = (long) c2 * v + c1;
    return new long[] {0, 1 + c1, 1 + v + tri, 1 + v + (long) v * v + mix(c3, tri, v)};
  }

  /** Murmur3's finaliser over the exact 4-gram context, so nearby contexts land far apart. */
  private int mix(int c3, long tri, int v) {
    long h = c3 * (long) v * v + tri;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, (long) hashBuckets);
  }
}
