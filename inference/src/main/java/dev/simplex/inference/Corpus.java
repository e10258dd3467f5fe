package dev.simplex.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The text the built-in models are generated from; shipped in the jar, one document per line. */
record Corpus(String text) {
  static final String RESOURCE = "corpus.txt";

  static Corpus shipped() {
    try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the inference jar lacks its corpus " + RESOURCE);
      }
      return new Corpus(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> documents() {
    return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Short content hash, part of the cache key so a changed corpus regenerates the models. */
  String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
