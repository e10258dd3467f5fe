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

  int rows() {
    return 1 + size() + 2 * hashBuckets;
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
    int tri = Math.floorMod((c2 * 31 + c1) * 0x9E3779B1, hashBuckets);
    int four = Math.floorMod(((c3 * 31 + c2) * 31 + c1) * 0x85EBCA6B, hashBuckets);
    return new long[] {0, 1 + c1, 1 + v + tri, 1 + v + hashBuckets + four};
  }
}
