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
