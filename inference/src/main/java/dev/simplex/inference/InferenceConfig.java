package dev.simplex.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The pool's configuration: where built-in models are generated, how deep each model's queue is,
 * the configured models, and the tiers {@code fast}, {@code default} and {@code quality}.
 *
 * <p>Text format (documented in full on {@link #parse}); the peer's config file embeds it:
 *
 * <pre>
 * cache_dir = /var/simplex/models
 * queue_capacity = 256
 *
 * [model.mini-embed]
 * engine = pytorch
 * path = /models/mini-embed.pt
 * tokenizer = ngram-hash:4096
 * task = embed
 * device = auto
 * max_batch = 32
 * max_wait_ms = 5
 *
 * [model.gpt]
 * engine = openai
 * base_url = http://127.0.0.1:8000/v1
 * remote_model = llama-3-8b
 * api_key_env = OPENAI_API_KEY
 * task = complete
 *
 * [tiers]
 * quality = gpt
 * </pre>
 *
 * @param tiers tier name to model names in preference order; the built-in models are always the
 *     last resort of every tier, so an unconfigured peer still answers {@code ai::embed} and {@code
 *     ai::complete}
 */
public record InferenceConfig(
    Path cacheDir,
    int queueCapacity,
    DeviceChoice builtinDevice,
    int builtinMaxBatch,
    Duration builtinMaxWait,
    Map<String, ModelSpec> models,
    Map<String, List<String>> tiers,
    Routing routing) {

  public static final List<String> TIER_NAMES = List.of("fast", "default", "quality");

  public InferenceConfig {
    models = Map.copyOf(models);
    tiers = Map.copyOf(tiers);
    routing = routing == null ? Routing.defaults() : routing;
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue_capacity must be >= 1, got " + queueCapacity);
    }
  }

  /** No configured models, built-ins on the CPU, generated under {@code ~/.simplex/models}. */
  public static InferenceConfig defaults() {
    return defaults(Path.of(System.getProperty("user.home"), ".simplex", "models"));
  }

  public static InferenceConfig defaults(Path cacheDir) {
    return new InferenceConfig(
        cacheDir,
        1024,
        new DeviceChoice.Cpu(),
        32,
        Duration.ofMillis(2),
        Map.of(),
        Map.of(),
        Routing.defaults());
  }

  public InferenceConfig withCacheDir(Path dir) {
    return new InferenceConfig(
        dir, queueCapacity, builtinDevice, builtinMaxBatch, builtinMaxWait, models, tiers, routing);
  }

  public InferenceConfig withQueueCapacity(int capacity) {
    return new InferenceConfig(
        cacheDir, capacity, builtinDevice, builtinMaxBatch, builtinMaxWait, models, tiers, routing);
  }

  public InferenceConfig withBuiltinBatching(int maxBatch, Duration maxWait) {
    return new InferenceConfig(
        cacheDir, queueCapacity, builtinDevice, maxBatch, maxWait, models, tiers, routing);
  }

  public InferenceConfig withRouting(Routing routing) {
    return new InferenceConfig(
        cacheDir,
        queueCapacity,
        builtinDevice,
        builtinMaxBatch,
        builtinMaxWait,
        models,
        tiers,
        routing);
  }

  /**
   * Parses the configuration text. Lines are {@code key = value} (values bare or in double quotes
   * with {@code \"} and {@code \\} escapes), {@code # comments}, and section heads:
   *
   * <ul>
   *   <li>top level: {@code cache_dir}, {@code queue_capacity}, {@code builtin_device}, {@code
   *       builtin_max_batch}, {@code builtin_max_wait_ms}, {@code route} (local-first |
   *       remote-first | local-only, see {@link Routing.Policy}), {@code remote_timeout_ms};
   *   <li>{@code [model.NAME]}: {@code engine} (pytorch | openai | swarm: served only by other
   *       peers that advertise a model of that name), {@code task} (embed | complete | classify),
   *       {@code path}, {@code tokenizer} (ngram-hash[:BUCKETS] | bytes), {@code device} (cpu | gpu
   *       | gpu(N) | auto), {@code max_batch}, {@code max_wait_ms}, {@code preload}, {@code
   *       max_input_chars}, {@code labels} (a pytorch classify model's classes, in output order,
   *       comma-separated), and for openai {@code base_url}, {@code remote_model}, {@code api_key}
   *       or {@code api_key_env}, {@code api} (chat | completions), {@code timeout_ms};
   *   <li>{@code [tiers]}: {@code fast}, {@code default}, {@code quality}, each a comma-separated
   *       list of model names.
   * </ul>
   *
   * Unknown keys, duplicate keys and bad values fail with a {@link ConfigException} naming the key.
   *
   * @param env looks up environment variables for {@code api_key_env}
   */
  public static InferenceConfig parse(String text, String sourceName, UnaryOperator<String> env) {
    return new ConfigParser(sourceName, env).parse(text);
  }

  public static InferenceConfig parse(String text, String sourceName) {
    return parse(text, sourceName, System::getenv);
  }

  public static InferenceConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read inference config " + file + ": " + e.getMessage(), e);
    }
  }
}
