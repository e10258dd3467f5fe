package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The inference pool of one peer: what the peer calls for the language's {@code ai::} functions.
 * Every model is loaded once (on first use, or at start when {@code preload = true}) and sits
 * behind its own {@link Batcher}. Every method is asynchronous and its future always completes
 * normally with an {@link AiResult}, so a caller on a virtual thread can wait without holding an OS
 * thread and never has to catch anything. Argument errors the language turns into panics
 * (temperature, max_tokens, no labels) throw {@link IllegalArgumentException} at once.
 */
public final class InferencePool implements AutoCloseable {
  private final InferenceConfig config;
  private final ModelRegistry registry;
  private final Map<String, CompletableFuture<Served>> served = new ConcurrentHashMap<>();
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("simplex-model-loader").unstarted(r));
  private final BufferAllocator allocator = new RootAllocator();
  private final List<BufferAllocator> batchAllocators =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** A model loaded on its device, with the batchers in front of it. */
  private record Served(
      ModelSpec spec,
      AutoCloseable model,
      Optional<Batcher<String, double[]>> embed,
      Optional<Batcher<CompletionRequest, String>> complete) {}

  private InferencePool(InferenceConfig config) {
    this.config = config;
    this.registry = new ModelRegistry(config);
  }

  /** Opens the pool; models marked {@code preload} start loading now, the rest on first use. */
  public static InferencePool open(InferenceConfig config) {
    InferencePool pool = new InferencePool(config);
    for (ModelSpec spec : pool.registry.all()) {
      if (spec.preload()) {
        pool.model(spec);
      }
    }
    return pool;
  }

  public InferenceConfig config() {
    return config;
  }

  /** {@code ai::complete} / {@code ai::try_complete}. */
  public CompletableFuture<AiResult<String>> complete(CompletionRequest request) {
    return stream(request, Sinks.NONE);
  }

  public CompletableFuture<AiResult<String>> complete(
      String prompt, String model, double temperature, int maxTokens, List<String> stop) {
    return complete(new CompletionRequest(prompt, model, temperature, maxTokens, stop));
  }

  /**
   * {@code ai::stream}: {@code onPiece} receives the completion piece by piece as the model
   * produces it (on a pool thread; keep it short); the future holds the whole text.
   */
  public CompletableFuture<AiResult<String>> stream(
      CompletionRequest request, Consumer<String> onPiece) {
    return call(
        ModelSpec.Task.COMPLETE,
        request.model(),
        List.of(request.prompt()),
        served -> served.complete().orElseThrow().submit(request, onPiece));
  }

  /** {@code ai::embed}: a unit-length vector of the model's dimension. */
  public CompletableFuture<AiResult<double[]>> embed(String text, String model) {
    return call(
        ModelSpec.Task.EMBED,
        model,
        List.of(text),
        served -> served.embed().orElseThrow().submit(text));
  }

  /**
   * {@code ai::embed_batch}: one vector per text, in order; each text joins the model's batches.
   */
  public CompletableFuture<AiResult<List<double[]>>> embedBatch(List<String> texts, String model) {
    return call(ModelSpec.Task.EMBED, model, texts, served -> embedAll(served, texts));
  }

  /**
   * {@code ai::classify}: the label whose embedding is most similar to the text's (ties go to the
   * earlier label). Enum-style names read as words: {@code RedAlert} is compared as "red alert".
   */
  public CompletableFuture<AiResult<String>> classify(
      String text, List<String> labels, String model) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("classify needs at least one label");
    }
    List<String> inputs = new ArrayList<>(labels.size() + 1);
    inputs.add(text);
    labels.forEach(l -> inputs.add(Labels.asWords(l)));
    return call(
        ModelSpec.Task.CLASSIFY, model, inputs, served -> classifyOn(served, text, labels, inputs));
  }

  /**
   * An embed model classifies by similarity; a TorchScript classifier by its score for each of its
   * configured labels; a remote language model by answering a prompt with a label name.
   */
  private CompletableFuture<String> classifyOn(
      Served served, String text, List<String> labels, List<String> inputs) {
    ModelSpec spec = served.spec();
    if (spec.task() == ModelSpec.Task.EMBED) {
      return embedAll(served, inputs)
          .thenApply(v -> labels.get(Labels.nearest(v.get(0), v.subList(1, v.size()))));
    }
    if (spec.engine() == ModelSpec.Engine.OPENAI) {
      return served
          .complete()
          .orElseThrow()
          .submit(
              new CompletionRequest(
                  Labels.prompt(text, labels), spec.name(), 0.0, 16, List.of("\n")))
          .thenApply(answer -> Labels.match(spec.name(), answer, labels));
    }
    return served
        .embed()
        .orElseThrow()
        .submit(text)
        .thenApply(scores -> Labels.best(spec, scores, labels));
  }

  /** Batching figures of a model, once it has loaded (empty before, or if it failed to load). */
  public Optional<BatchStats> stats(String model) {
    CompletableFuture<Served> f = served.get(model);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return Optional.empty();
    }
    Served s = f.join();
    return s.embed().map(Batcher::stats).or(() -> s.complete().map(Batcher::stats));
  }

  /** Every model this pool can serve: the configured ones and the built-ins. */
  public List<ModelSpec> models() {
    return registry.all();
  }

  private CompletableFuture<List<double[]>> embedAll(Served served, List<String> texts) {
    Batcher<String, double[]> batcher = served.embed().orElseThrow();
    List<CompletableFuture<double[]>> parts = texts.stream().map(batcher::submit).toList();
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
  }

  @FunctionalInterface
  private interface Call<T> {
    CompletableFuture<T> on(Served served);
  }

  /** Resolves the model, checks input sizes, and turns every failure into an AiResult. */
  private <T> CompletableFuture<AiResult<T>> call(
      ModelSpec.Task task, String name, List<String> inputs, Call<T> body) {
    CompletableFuture<T> work;
    try {
      if (closed) {
        throw new AiException(AiError.Unavailable, "the inference pool has been shut down");
      }
      ModelSpec spec = registry.resolve(name, task);
      for (String input : inputs) {
        if (input.length() > spec.maxInputChars()) {
          throw new AiException(
              AiError.Unavailable,
              "input of "
                  + input.length()
                  + " characters is longer than model '"
                  + spec.name()
                  + "' accepts (max_input_chars = "
                  + spec.maxInputChars()
                  + ")");
        }
      }
      work = model(spec).thenCompose(body::on);
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    return work.handle(
        (value, failure) -> failure == null ? AiResult.ok(value) : AiException.toResult(failure));
  }

  /**
   * Loads a model once; a failed load is remembered too, so a broken model file costs one attempt
   * and every later call gets the same clear error until the peer restarts with a fixed config.
   */
  private CompletableFuture<Served> model(ModelSpec spec) {
    return served.computeIfAbsent(
        spec.name(), n -> CompletableFuture.supplyAsync(() -> load(spec), loader));
  }

  private Served load(ModelSpec spec) {
    int capacity = config.queueCapacity();
    if (spec.engine() == ModelSpec.Engine.OPENAI) {
      OpenAiModel remote = new OpenAiModel(spec.name(), spec.remote().orElseThrow());
      return switch (spec.task()) {
        case EMBED ->
            new Served(
                spec, remote, Optional.of(embedBatcher(spec, remote, capacity)), Optional.empty());
        case COMPLETE, CLASSIFY ->
            new Served(
                spec,
                remote,
                Optional.empty(),
                Optional.of(completeBatcher(spec, remote, capacity)));
      };
    }
    Engine engine = DjlRuntime.engine(config.cacheDir());
    Device device = DjlRuntime.device(engine, spec.device(), spec.name());
    if (ModelRegistry.isBuiltin(spec)) {
      return loadBuiltin(spec, device, capacity);
    }
    if (spec.task() == ModelSpec.Task.COMPLETE) {
      throw new AiException(
          AiError.Unavailable,
          "model '"
              + spec.name()
              + "': TorchScript models serve embed and classify; use engine openai for completions");
    }
    // A classifier is text in, one score per label out: the embedding path with other checks.
    DjlEmbeddingModel m = DjlEmbeddingModel.user(spec, device);
    return new Served(spec, m, Optional.of(embedBatcher(spec, m, capacity)), Optional.empty());
  }

  /**
   * Built-in models are ours to fix: a cache entry that no longer loads (a truncated file, a
   * half-copied directory) is generated again once before the error reaches the caller.
   */
  private Served loadBuiltin(ModelSpec spec, Device device, int capacity) {
    AutoCloseable model;
    try {
      model = openBuiltin(spec, BuiltinModels.ensure(config.cacheDir(), spec.name()), device);
    } catch (AiException broken) {
      org.slf4j.LoggerFactory.getLogger(InferencePool.class)
          .warn("regenerating built-in model {}: {}", spec.name(), broken.getMessage());
      model = openBuiltin(spec, BuiltinModels.regenerate(config.cacheDir(), spec.name()), device);
    }
    return switch (model) {
      case DjlEmbeddingModel m ->
          new Served(spec, m, Optional.of(embedBatcher(spec, m, capacity)), Optional.empty());
      case DjlGeneratorModel g ->
          new Served(spec, g, Optional.empty(), Optional.of(completeBatcher(spec, g, capacity)));
      default -> throw new IllegalStateException("unexpected built-in " + model);
    };
  }

  private static AutoCloseable openBuiltin(ModelSpec spec, java.nio.file.Path dir, Device device) {
    return spec.task() == ModelSpec.Task.EMBED
        ? DjlEmbeddingModel.builtin(dir, device)
        : DjlGeneratorModel.builtin(dir, device);
  }

  private Batcher<String, double[]> embedBatcher(
      ModelSpec spec, EmbeddingModel model, int capacity) {
    BufferAllocator child = childAllocator(spec);
    return new Batcher<>(
        spec.name(),
        spec.maxBatch(),
        spec.maxWait(),
        capacity,
        padding(spec, ""),
        (texts, sinks) -> {
          try (VectorSchemaRoot in = ArrowBatches.texts(child, texts);
              VectorSchemaRoot out = model.embed(in, child)) {
            return ArrowBatches.readEmbeddings(out);
          }
        });
  }

  private Batcher<CompletionRequest, String> completeBatcher(
      ModelSpec spec, CompletionModel model, int capacity) {
    BufferAllocator child = childAllocator(spec);
    return new Batcher<>(
        spec.name(),
        spec.maxBatch(),
        spec.maxWait(),
        capacity,
        padding(spec, new CompletionRequest("", spec.name(), 0.0, 1, List.of())),
        (requests, sinks) -> {
          try (VectorSchemaRoot in = ArrowBatches.completions(child, requests);
              VectorSchemaRoot out = model.complete(in, child, sinks)) {
            return ArrowBatches.readTexts(out);
          }
        });
  }

  /** Local models get fixed batch shapes; padding a remote batch would only send extra requests. */
  private static <I> Optional<I> padding(ModelSpec spec, I filler) {
    return spec.engine() == ModelSpec.Engine.OPENAI ? Optional.empty() : Optional.of(filler);
  }

  private BufferAllocator childAllocator(ModelSpec spec) {
    BufferAllocator child = allocator.newChildAllocator(spec.name(), 0, Long.MAX_VALUE);
    batchAllocators.add(child);
    return child;
  }

  /** Stops the batchers (queued calls fail with Unavailable) and unloads every model. */
  @Override
  public void close() {
    closed = true;
    loader.shutdown();
    for (CompletableFuture<Served> f : served.values()) {
      Served s;
      try {
        s = f.join();
      } catch (RuntimeException e) {
        continue; // it never loaded, so there is nothing to unload
      }
      s.embed().ifPresent(Batcher::close);
      s.complete().ifPresent(Batcher::close);
      try {
        s.model().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(InferencePool.class)
            .warn("closing model {} failed", s.spec().name(), e);
      }
    }
    try {
      batchAllocators.forEach(BufferAllocator::close);
      allocator.close();
    } catch (IllegalStateException leak) {
      // Arrow reports buffers a batch never released; a shutdown should say so, not fail.
      org.slf4j.LoggerFactory.getLogger(InferencePool.class)
          .warn("Arrow memory not released: {}", leak.getMessage());
    }
  }
}
