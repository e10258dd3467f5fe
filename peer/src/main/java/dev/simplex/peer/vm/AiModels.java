package dev.simplex.peer.vm;

import dev.simplex.inference.AiResult;
import dev.simplex.inference.InferenceConfig;
import dev.simplex.inference.InferencePool;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.Vm;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ai::complete} and {@code ai::embed} on the peer's inference pool with its built-in models.
 * The pool opens on the first call: a program that never calls {@code ai::} loads no model.
 */
final class AiModels implements AutoCloseable {
  /** language.md §11: the defaults of {@code ai::complete}'s optional parameters. */
  private static final double TEMPERATURE = 0.7;

  private static final int MAX_TOKENS = 1024;

  private final ActorSystem system;
  private final Path cacheDir;
  private InferencePool pool;
  private final boolean owned;

  /** Built-in models are generated into (and later read from) {@code cacheDir}. */
  AiModels(ActorSystem system, Path cacheDir) {
    this.system = system;
    this.cacheDir = cacheDir;
    this.owned = true;
  }

  /** Calls go to {@code pool}, the peer's (swarm-connected) pool, which stays open on close. */
  AiModels(ActorSystem system, InferencePool pool) {
    this.system = system;
    this.cacheDir = null;
    this.pool = java.util.Objects.requireNonNull(pool, "pool");
    this.owned = false;
  }

  /** The cache of a run with {@code --data DIR}, or {@code ~/.simplex/models}. */
  static Path cacheFor(Path dataDir) {
    return dataDir != null
        ? dataDir.resolve("models")
        : Path.of(System.getProperty("user.home"), ".simplex", "models");
  }

  Object complete(String prompt) {
    return answer(system, pool().complete(prompt, "default", TEMPERATURE, MAX_TOKENS, List.of()));
  }

  Object embed(String text) {
    double[] vector = answer(system, pool().embed(text, "default"));
    return Vm.vector(vector);
  }

  // ---- the AI contract of RuntimePort (language.md §11): failures are AIError variant names ----

  String complete(String prompt, RuntimePort.AiOptions o) throws RuntimePort.AiFailed {
    return result(pool().complete(prompt, o.model(), o.temperature(), maxTokens(o), o.stop()));
  }

  /**
   * The pieces as the model produces them. Returns once the first piece (or the end) is there, so a
   * call that fails at once fails here; a failure after some pieces is the panic {@code AI error:
   * <Variant>} from the iterator.
   */
  java.util.Iterator<String> stream(String prompt, RuntimePort.AiOptions o)
      throws RuntimePort.AiFailed {
    var pieces = new java.util.concurrent.LinkedBlockingQueue<java.util.Optional<String>>();
    CompletableFuture<AiResult<String>> done =
        pool().stream(
            new dev.simplex.inference.CompletionRequest(
                prompt, o.model(), o.temperature(), maxTokens(o), o.stop()),
            piece -> pieces.add(java.util.Optional.of(piece)));
    done.whenComplete((r, e) -> pieces.add(java.util.Optional.empty()));
    java.util.Optional<String> first = take(pieces);
    if (first.isEmpty()) {
      result(done); // throws the failure, if any
      return java.util.Collections.emptyIterator();
    }
    return new java.util.Iterator<>() {
      private java.util.Optional<String> next = first;

      @Override
      public boolean hasNext() {
        if (next == null) next = take(pieces);
        if (next.isPresent()) return true;
        if (done.join() instanceof AiResult.Err<String> err)
          throw new RuntimePort.Panic("AI error: " + err.error());
        return false;
      }

      @Override
      public String next() {
        if (!hasNext()) throw new java.util.NoSuchElementException("the stream has ended");
        String piece = next.get();
        next = null;
        return piece;
      }
    };
  }

  private static java.util.Optional<String> take(
      java.util.concurrent.BlockingQueue<java.util.Optional<String>> pieces) {
    try {
      return pieces.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimePort.Panic("interrupted while waiting for the model");
    }
  }

  double[] embed(String text, String model) throws RuntimePort.AiFailed {
    return result(pool().embed(text, model));
  }

  List<double[]> embedBatch(List<String> texts, String model) throws RuntimePort.AiFailed {
    if (texts.isEmpty()) return List.of();
    return result(pool().embedBatch(texts, model));
  }

  int classify(String text, List<String> labels, String model) throws RuntimePort.AiFailed {
    if (labels.isEmpty()) throw new RuntimePort.Panic("ai::classify needs at least one label");
    String label = result(pool().classify(text, labels, model));
    int index = labels.indexOf(label);
    if (index < 0) throw new RuntimePort.AiFailed("InvalidOutput");
    return index;
  }

  private static int maxTokens(RuntimePort.AiOptions o) {
    return (int) Math.min(o.maxTokens(), Integer.MAX_VALUE);
  }

  /** Waits as a suspension point; a model error is its AIError variant's name. */
  private <T> T result(CompletableFuture<AiResult<T>> pending) throws RuntimePort.AiFailed {
    return switch (system.awaitExternal(pending)) {
      case AiResult.Ok<T> ok -> ok.value();
      case AiResult.Err<T> err -> throw new RuntimePort.AiFailed(err.error().name());
    };
  }

  private synchronized InferencePool pool() {
    if (pool == null) pool = InferencePool.open(InferenceConfig.defaults(cacheDir));
    return pool;
  }

  /** Waits as a suspension point (§11); a model error is the panic {@code AI error: <Variant>}. */
  static <T> T answer(ActorSystem system, CompletableFuture<AiResult<T>> pending) {
    return switch (system.awaitExternal(pending)) {
      case AiResult.Ok<T> ok -> ok.value();
      case AiResult.Err<T> err -> throw new RuntimePort.Panic("AI error: " + err.error());
    };
  }

  @Override
  public synchronized void close() {
    if (pool != null && owned) pool.close();
  }
}
