package dev.simplex.inference;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The models every peer has without a download, generated on first use from the shipped corpus into
 * the cache directory as ordinary DJL model directories ({@code NAME-0000.params} plus a {@code
 * simplex-model.properties} that says how to rebuild the block), then loaded through the same
 * Criteria path as a user's model. Generation is deterministic: same corpus, same seed, same bytes.
 */
final class BuiltinModels {
  static final String EMBED = "simplex-embed";
  static final String COMPLETE = "simplex-complete";
  static final Set<String> NAMES = Set.of(EMBED, COMPLETE);
  static final String METADATA = "simplex-model.properties";

  /** Bumped whenever generation changes, so caches of an older layout are not reused. */
  static final int FORMAT = 2;

  static final int EMBED_BUCKETS = 4096;
  static final int EMBED_DIM = 256;
  static final long EMBED_SEED = 0x5EED_5EEDL;
  static final int GEN_HASH_BUCKETS = 16384;
  static final float GEN_PRIOR = 1.0f;

  private BuiltinModels() {}

  /** The directory of a built-in model, generating it first if this cache has not got it yet. */
  static Path ensure(Path cacheDir, String name) {
    Corpus corpus = Corpus.shipped();
    Path dir = cacheDir.resolve(name + "-v" + FORMAT + "-" + corpus.fingerprint());
    if (Files.isRegularFile(dir.resolve(METADATA))) {
      return dir;
    }
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempDirectory(cacheDir, name + ".tmp");
      try {
        switch (name) {
          case EMBED -> writeEmbedder(corpus, tmp);
          case COMPLETE -> writeGenerator(corpus, tmp);
          default -> throw new IllegalArgumentException("no built-in model named " + name);
        }
        // Another process may race us; whoever moves first wins and both use the same bytes.
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
          if (!Files.isRegularFile(dir.resolve(METADATA))) {
            throw e;
          }
        }
      } finally {
        deleteTree(tmp);
      }
      return dir;
    } catch (IOException e) {
      throw new AiException(
          AiError.Unavailable,
          "cannot write built-in model " + name + " under " + cacheDir + ": " + e.getMessage(),
          e);
    }
  }

  /** Throws away this cache's copy of a built-in model and generates it again. */
  static Path regenerate(Path cacheDir, String name) {
    Path dir = cacheDir.resolve(name + "-v" + FORMAT + "-" + Corpus.shipped().fingerprint());
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new AiException(
          AiError.Unavailable,
          "cannot remove broken built-in model " + dir + ": " + e.getMessage(),
          e);
    }
    return ensure(cacheDir, name);
  }

  /** Seeded Gaussian projection, each bucket's row scaled by its inverse document frequency. */
  static void writeEmbedder(Corpus corpus, Path dir) throws IOException {
    Tokenizer.NgramHash tokenizer = new Tokenizer.NgramHash(EMBED_BUCKETS);
    List<String> docs = corpus.documents();
    int[] df = new int[EMBED_BUCKETS];
    for (String doc : docs) {
      boolean[] seen = new boolean[EMBED_BUCKETS];
      tokenizer.forEachFeature(doc, h -> seen[Math.floorMod(h, EMBED_BUCKETS)] = true);
      for (int b = 0; b < EMBED_BUCKETS; b++) {
        df[b] += seen[b] ? 1 : 0;
      }
    }
    float[] weights = new float[EMBED_BUCKETS * EMBED_DIM];
    double scale = 1.0 / Math.sqrt(EMBED_DIM);
    for (int b = 0; b < EMBED_BUCKETS; b++) {
      double idf = Math.log((docs.size() + 1.0) / (df[b] + 1.0)) + 1.0;
      SplittableRandom rnd = new SplittableRandom(EMBED_SEED ^ (b * 0x9E3779B97F4A7C15L));
      for (int d = 0; d < EMBED_DIM; d++) {
        weights[b * EMBED_DIM + d] = (float) (gaussian(rnd) * scale * idf);
      }
    }
    Properties meta = new Properties();
    meta.setProperty("kind", "embed");
    meta.setProperty("buckets", Integer.toString(EMBED_BUCKETS));
    meta.setProperty("dim", Integer.toString(EMBED_DIM));
    ProjectionBlock block =
        new ProjectionBlock(EMBED_BUCKETS, EMBED_DIM, (m, shape, type) -> m.create(weights, shape));
    save(dir, EMBED, block, new Shape(1, EMBED_BUCKETS), meta);
  }

  /** Counts of every next character after each context of orders 1 to 4 in the corpus. */
  static void writeGenerator(Corpus corpus, Path dir) throws IOException {
    String text = String.join("\n", corpus.documents()) + "\n";
    TreeSet<Character> chars = new TreeSet<>(List.of(' ', CharLayout.END));
    text.chars().forEach(c -> chars.add((char) c));
    StringBuilder vocab = new StringBuilder();
    chars.forEach(vocab::append);
    CharLayout layout = new CharLayout(vocab.toString(), GEN_HASH_BUCKETS);
    float[] counts = new float[layout.rows() * layout.size()];
    String history = "\n\n\n" + text;
    for (int i = 3; i < history.length(); i++) {
      int next = layout.index(history.charAt(i));
      for (long row : layout.rows(history.subSequence(i - 3, i))) {
        counts[(int) row * layout.size() + next] += 1f;
      }
    }
    Properties meta = new Properties();
    meta.setProperty("kind", "complete");
    meta.setProperty("vocab", layout.vocab());
    meta.setProperty("hash_buckets", Integer.toString(GEN_HASH_BUCKETS));
    meta.setProperty("prior", Float.toString(GEN_PRIOR));
    NgramBlock block =
        new NgramBlock(
            layout.rows(), layout.size(), GEN_PRIOR, (m, shape, type) -> m.create(counts, shape));
    save(dir, COMPLETE, block, new Shape(1, NgramBlock.ORDERS), meta);
  }

  static Properties readMetadata(Path dir) throws IOException {
    Properties meta = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(METADATA), StandardCharsets.UTF_8)) {
      meta.load(r);
    }
    return meta;
  }

  private static void save(Path dir, String name, Block block, Shape input, Properties meta)
      throws IOException {
    try (Model model = Model.newInstance(name, DjlRuntime.ENGINE)) {
      model.setBlock(block);
      block.initialize(model.getNDManager(), DataType.FLOAT32, input);
      model.save(dir, name);
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve(METADATA), StandardCharsets.UTF_8)) {
      meta.store(
          w,
          "generated by dev.simplex.inference.BuiltinModels; delete the directory to regenerate");
    }
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller: SplittableRandom has no nextGaussian of its own on every JDK we support.
    double u = rnd.nextDouble(Double.MIN_VALUE, 1.0);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
