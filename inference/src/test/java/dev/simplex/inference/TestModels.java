package dev.simplex.inference;

import java.nio.file.Path;

/** One model cache for the whole test run, so the built-in models are generated once. */
final class TestModels {
  static final Path CACHE = Path.of("target", "test-models").toAbsolutePath();

  private TestModels() {}

  static ai.djl.engine.Engine engine() {
    return DjlRuntime.engine(CACHE);
  }
}
