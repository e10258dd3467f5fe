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
import java.util.function.Function;
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
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(InferencePool.class);
  private final InferenceConfig config;
  private final ModelRegistry registry;
  private final Map<String, CompletableFuture<Served>> served = new ConcurrentHashMap<>();
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("simplex-model-loader").unstarted(r));
  private final BufferAllocator allocator = new RootAllocator();
  private final List<BufferAllocator> batchAllocators =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Shipped calls and replies; bounded so a hostile batch cannot take the peer's memory. */
  private final BufferAllocator wireAllocator =
      allocator.newChildAllocator("peer-wire", 0, 512L << 20);

  private final RemoteRouter router;
  private volatile boolean closed;

  /** A model loaded on its device, with the batchers in front of it. */
  private record Served(
      ModelSpec spec,
      AutoCloseable model,
      ModelCapacity.Device device,
      Optional<EmbedLane> embed,
      Optional<Batcher<CompletionRequest, String>> complete) {

    int depth() {
      return embed.map(l -> l.batcher().depth()).orElse(0) + complete.map(Batcher::depth).orElse(0);
    }
  }

  /** An embedding model's batcher and the batch function (with its Arrow vectors) behind it. */
  private record EmbedLane(Batcher<EmbedBatches.Request, double[]> batcher, EmbedBatches batches) {
    /** Prepares the request on the calling thread (featurising the text), then queues it. */
    CompletableFuture<double[]> submit(String text) {
      EmbedBatches.Request request;
      try {
        request = batches.prepare(text);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      return batcher.submit(request);
    }

    void close() {
      batcher.close();
      batches.close();
    }
  }

  /**
   * How a call travels to another peer: its wire request for a model, and how to read the reply.
   */
  private record Shipping<T>(
      Function<String, PeerWire.Request> request, Function<VectorSchemaRoot, T> read) {}

  private InferencePool(InferenceConfig config) {
    this.config = config;
    this.registry = new ModelRegistry(config);
    this.router = new RemoteRouter(config.routing(), wireAllocator);
  }

  /** Opens the pool; models marked {@code preload} start loading now, the rest on first use. */
  public static InferencePool open(InferenceConfig config) {
    InferencePool pool = new InferencePool(config);
    for (ModelSpec spec : pool.registry.all()) {
      if (spec.preload() && spec.engine() != ModelSpec.Engine.SWARM) {
        pool.model(spec);
      }
    }
    return pool;
  }

  /** Opens the pool with the swarm's other pools behind {@code remote}. */
  public static InferencePool open(InferenceConfig config, RemotePool remote) {
    InferencePool pool = open(config);
    pool.connect(remote);
    return pool;
  }

  /**
   * Lets calls reach the other peers' pools through {@code remote}, as the routing policy allows
   * ({@link Routing}); the peer calls this once its swarm transport is up.
   */
  public void connect(RemotePool remote) {
    router.connect(remote);
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
        served -> served.complete().orElseThrow().submit(request, onPiece),
        new Shipping<>(
            model -> new PeerWire.Complete(request.withModel(model)),
            root -> {
              // A shipped completion comes back whole, so it reaches the stream as one piece.
              String text = single(ArrowBatches.readTexts(root), "completion");
              onPiece.accept(text);
              return text;
            }));
  }

  /** {@code ai::embed}: a unit-length vector of the model's dimension. */
  public CompletableFuture<AiResult<double[]>> embed(String text, String model) {
    return call(
        ModelSpec.Task.EMBED,
        model,
        List.of(text),
        served -> served.embed().orElseThrow().submit(text),
        new Shipping<>(
            m -> new PeerWire.Embed(m, List.of(text)),
            root -> single(ArrowBatches.readEmbeddings(root), "embedding")));
  }

  /**
   * {@code ai::embed_batch}: one vector per text, in order; each text joins the model's batches.
   */
  public CompletableFuture<AiResult<List<double[]>>> embedBatch(List<String> texts, String model) {
    return call(
        ModelSpec.Task.EMBED,
        model,
        texts,
        served -> embedAll(served, texts),
        new Shipping<>(
            m -> new PeerWire.Embed(m, texts),
            root -> rows(ArrowBatches.readEmbeddings(root), texts.size())));
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
        ModelSpec.Task.CLASSIFY,
        model,
        inputs,
        served -> classifyOn(served, text, labels, inputs),
        new Shipping<>(
            m -> new PeerWire.Classify(m, text, labels),
            root -> {
              String label = single(ArrowBatches.readTexts(root), "label");
              if (!labels.contains(label)) {
                throw new AiException(
                    AiError.InvalidOutput, "a peer answered '" + label + "', not one of " + labels);
              }
              return label;
            }));
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
    return s.embed().map(l -> l.batcher().stats()).or(() -> s.complete().map(Batcher::stats));
  }

  /**
   * What this pool offers the swarm, for the peer to publish: every model it can run (not the
   * swarm-only ones, nor one whose load failed), its device, and its queue depth now. A model not
   * loaded yet shows its configured device, {@code auto} as CPU until it has loaded.
   */
  public PeerCapacity capacity(String peerId) {
    List<ModelCapacity> out = new ArrayList<>();
    for (ModelSpec spec : registry.all()) {
      if (spec.engine() == ModelSpec.Engine.SWARM) {
        continue;
      }
      CompletableFuture<Served> f = served.get(spec.name());
      if (f != null && f.isDone()) {
        if (f.isCompletedExceptionally()) {
          continue;
        }
        Served s = f.join();
        out.add(new ModelCapacity(spec.name(), spec.task(), s.device(), s.depth()));
        continue;
      }
      ModelCapacity.Device device =
          spec.engine() == ModelSpec.Engine.OPENAI
              ? ModelCapacity.Device.HTTP
              : spec.device() instanceof DeviceChoice.Gpu
                  ? ModelCapacity.Device.GPU
                  : ModelCapacity.Device.CPU;
      out.add(new ModelCapacity(spec.name(), spec.task(), device, 0));
    }
    return new PeerCapacity(peerId, out);
  }

  /**
   * Runs a call another peer shipped here (Arrow IPC bytes from its pool) on this peer's own models
   * and batchers, never passing it on, and answers with the reply bytes. The future always
   * completes normally: malformed bytes and failed calls are answered as errors the caller's pool
   * reads back as an {@link AiResult.Err}.
   */
  public CompletableFuture<byte[]> serve(byte[] request) {
    try {
      PeerWire.Request shipped = PeerWire.decodeRequest(wireAllocator, request);
      CompletableFuture<byte[]> reply =
          switch (shipped) {
            case PeerWire.Embed e ->
                call(ModelSpec.Task.EMBED, e.model(), e.texts(), s -> embedAll(s, e.texts()), null)
                    .thenApply(r -> reply(r, rows -> PeerWire.embeddings(wireAllocator, rows)));
            case PeerWire.Complete c ->
                call(
                        ModelSpec.Task.COMPLETE,
                        c.model(),
                        List.of(c.request().prompt()),
                        s -> s.complete().orElseThrow().submit(c.request()),
                        null)
                    .thenApply(r -> reply(r, t -> PeerWire.texts(wireAllocator, List.of(t))));
            case PeerWire.Classify c -> {
              List<String> inputs = new ArrayList<>(c.labels().size() + 1);
              inputs.add(c.text());
              c.labels().forEach(l -> inputs.add(Labels.asWords(l)));
              yield call(
                      ModelSpec.Task.CLASSIFY,
                      c.model(),
                      inputs,
                      s -> classifyOn(s, c.text(), c.labels(), inputs),
                      null)
                  .thenApply(r -> reply(r, l -> PeerWire.texts(wireAllocator, List.of(l))));
            }
          };
      return reply.exceptionally(this::failureReply);
    } catch (RuntimeException | AssertionError e) {
      return CompletableFuture.completedFuture(failureReply(e));
    }
  }

  private <T> byte[] reply(AiResult<T> result, Function<T, byte[]> encode) {
    return switch (result) {
      case AiResult.Ok<T> ok -> encode.apply(ok.value());
      case AiResult.Err<T> err -> PeerWire.failure(wireAllocator, err.error(), err.message());
    };
  }

  private byte[] failureReply(Throwable failure) {
    AiResult.Err<?> err = (AiResult.Err<?>) AiException.toResult(failure);
    return PeerWire.failure(wireAllocator, err.error(), err.message());
  }

  /**
   * A separate copy of a local embedding model with its DJL predictor called directly, no batcher
   * and no Arrow in between: the baseline the benchmarks compare the pool against. The caller
   * closes it.
   *
   * @throws AiException when {@code model} is not a local (pytorch) embedding model or fails to
   *     load
   */
  public RawEmbedder rawEmbedder(String model) {
    ModelSpec spec = registry.resolve(model, ModelSpec.Task.EMBED);
    if (spec.engine() != ModelSpec.Engine.PYTORCH || spec.task() != ModelSpec.Task.EMBED) {
      throw new AiException(
          AiError.ModelNotFound,
          "model '" + spec.name() + "' is not a local embedding model; a raw predictor needs one");
    }
    Device device = DjlRuntime.device(DjlRuntime.engine(config.cacheDir()), spec.device(), model);
    DjlEmbeddingModel m =
        ModelRegistry.isBuiltin(spec)
            ? DjlEmbeddingModel.builtin(
                BuiltinModels.ensure(config.cacheDir(), spec.name()), device)
            : DjlEmbeddingModel.user(spec, device);
    return new RawEmbedder(spec.name(), m);
  }

  /** Every model this pool can serve: the configured ones and the built-ins. */
  public List<ModelSpec> models() {
    return registry.all();
  }

  private CompletableFuture<List<double[]>> embedAll(Served served, List<String> texts) {
    EmbedLane lane = served.embed().orElseThrow();
    List<CompletableFuture<double[]>> parts = texts.stream().map(lane::submit).toList();
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
  }

  @FunctionalInterface
  private interface Call<T> {
    CompletableFuture<T> on(Served served);
  }

  /**
   * Routes a call and turns every failure into an AiResult. Each candidate model (a tier's list, or
   * the one name) runs here if this peer has it, unless route = remote-first and a peer advertises
   * it; otherwise it goes to the least-loaded peer that does. A failed remote attempt falls back to
   * this peer's copy, else to the tier's next candidate. {@code ship} is null for calls that must
   * stay here (those served for other peers), so a call never travels twice.
   */
  private <T> CompletableFuture<AiResult<T>> call(
      ModelSpec.Task task, String name, List<String> inputs, Call<T> body, Shipping<T> ship) {
    CompletableFuture<T> work;
    try {
      if (closed) {
        throw new AiException(AiError.Unavailable, "the inference pool has been shut down");
      }
      work = attempt(registry.candidates(name, task), 0, task, inputs, body, ship);
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    return work.handle(
        (value, failure) -> failure == null ? AiResult.ok(value) : AiException.toResult(failure));
  }

  private <T> CompletableFuture<T> attempt(
      List<String> names,
      int i,
      ModelSpec.Task task,
      List<String> inputs,
      Call<T> body,
      Shipping<T> ship) {
    String name = names.get(i);
    boolean last = i + 1 == names.size();
    Optional<ModelSpec> local =
        registry.configured(name, task).filter(s -> s.engine() != ModelSpec.Engine.SWARM);
    List<RemoteRouter.Candidate> peers = ship == null ? List.of() : router.candidates(name, task);
    if (local.isPresent() && (peers.isEmpty() || router.policy() != Routing.Policy.REMOTE_FIRST)) {
      return local(local.get(), inputs, body);
    }
    if (peers.isEmpty()) {
      if (!last) {
        return attempt(names, i + 1, task, inputs, body, ship);
      }
      throw missing(name, task);
    }
    return router
        .ship(peers, ship.request().apply(name), ship.read())
        .exceptionallyCompose(
            failure -> {
              if (local.isEmpty() && last) {
                return CompletableFuture.failedFuture(failure);
              }
              LOG.info(
                  "model '{}' from other peers failed ({}); falling back to {}",
                  name,
                  AiException.toResult(failure) instanceof AiResult.Err<?> e ? e.message() : "",
                  local.isPresent() ? "this peer's copy" : "'" + names.get(i + 1) + "'");
              try {
                return local.isPresent()
                    ? local(local.get(), inputs, body)
                    : attempt(names, i + 1, task, inputs, body, ship);
              } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
              }
            });
  }

  /** Why no one serves {@code name}: a swarm model nobody advertises, or an unknown name. */
  private AiException missing(String name, ModelSpec.Task task) {
    if (registry.configured(name, task).isPresent()) {
      return new AiException(
          AiError.Unavailable,
          "model '"
              + name
              + "' is served by other peers (engine = swarm) and no reachable peer advertises it"
              + " now");
    }
    try {
      registry.resolve(name, task);
    } catch (AiException notFound) {
      return new AiException(
          AiError.ModelNotFound, notFound.getMessage() + "; no other peer advertises it either");
    }
    return new AiException(AiError.ModelNotFound, "model '" + name + "' cannot serve " + task);
  }

  /** Runs on this peer's copy of the model, after checking input sizes. */
  private <T> CompletableFuture<T> local(ModelSpec spec, List<String> inputs, Call<T> body) {
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
    CompletableFuture<Served> loaded = model(spec);
    if (loaded.isDone() && !loaded.isCompletedExceptionally()) {
      return body.on(loaded.join()); // the usual case: no extra stage between caller and batcher
    }
    return loaded.thenCompose(body::on);
  }

  private static <R> R single(List<R> rows, String what) {
    return rows(rows, 1).get(0);
  }

  private static <R> List<R> rows(List<R> rows, int expected) {
    if (rows.size() != expected) {
      throw new AiException(
          AiError.InvalidOutput,
          "a peer answered " + rows.size() + " rows for a call of " + expected);
    }
    return rows;
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
    if (spec.engine() == ModelSpec.Engine.SWARM) {
      throw new AiException(
          AiError.Unavailable, "model '" + spec.name() + "' is served only by other peers");
    }
    if (spec.engine() == ModelSpec.Engine.OPENAI) {
      OpenAiModel remote = new OpenAiModel(spec.name(), spec.remote().orElseThrow());
      return switch (spec.task()) {
        case EMBED ->
            new Served(
                spec,
                remote,
                ModelCapacity.Device.HTTP,
                Optional.of(embedBatcher(spec, remote, capacity)),
                Optional.empty());
        case COMPLETE, CLASSIFY ->
            new Served(
                spec,
                remote,
                ModelCapacity.Device.HTTP,
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
    return new Served(
        spec, m, kind(device), Optional.of(embedBatcher(spec, m, capacity)), Optional.empty());
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
          new Served(
              spec,
              m,
              kind(device),
              Optional.of(embedBatcher(spec, m, capacity)),
              Optional.empty());
      case DjlGeneratorModel g ->
          new Served(
              spec,
              g,
              kind(device),
              Optional.empty(),
              Optional.of(completeBatcher(spec, g, capacity)));
      default -> throw new IllegalStateException("unexpected built-in " + model);
    };
  }

  private static ModelCapacity.Device kind(Device device) {
    return device.isGpu() ? ModelCapacity.Device.GPU : ModelCapacity.Device.CPU;
  }

  private static AutoCloseable openBuiltin(ModelSpec spec, java.nio.file.Path dir, Device device) {
    return spec.task() == ModelSpec.Task.EMBED
        ? DjlEmbeddingModel.builtin(dir, device)
        : DjlGeneratorModel.builtin(dir, device);
  }

  private EmbedLane embedBatcher(ModelSpec spec, EmbeddingModel model, int capacity) {
    EmbedBatches batches =
        new EmbedBatches(spec.name(), model, childAllocator(spec), spec.maxBatch());
    Optional<EmbedBatches.Request> padding =
        spec.engine() == ModelSpec.Engine.OPENAI
            ? Optional.empty()
            : Optional.of(batches.prepare(""));
    return new EmbedLane(
        new Batcher<>(
            spec.name(),
            spec.maxBatch(),
            spec.maxWait(),
            capacity,
            padding,
            (requests, sinks) -> batches.run(requests),
            onStart(model)),
        batches);
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
        },
        onStart(model));
  }

  /** A local model on the CPU gets its batcher thread's operation threads limited. */
  private static Runnable onStart(Object model) {
    boolean cpu =
        model instanceof DjlEmbeddingModel e
            ? !e.device().isGpu()
            : model instanceof DjlGeneratorModel g && !g.device().isGpu();
    return cpu ? DjlRuntime::limitCpuThreads : () -> {};
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
      s.embed().ifPresent(EmbedLane::close);
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
      wireAllocator.close();
      allocator.close();
    } catch (IllegalStateException leak) {
      // Arrow reports buffers a batch never released; a shutdown should say so, not fail.
      org.slf4j.LoggerFactory.getLogger(InferencePool.class)
          .warn("Arrow memory not released: {}", leak.getMessage());
    }
  }
}
