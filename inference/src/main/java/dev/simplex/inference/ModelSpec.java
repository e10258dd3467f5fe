package dev.simplex.inference;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One model the pool can serve, as configured (or built in).
 *
 * @param path a TorchScript file ({@code .pt}) or a DJL model directory; empty for OpenAI and swarm
 *     models
 * @param tokenizer how text becomes the model's input; see {@link Tokenizer}
 * @param labels for a TorchScript classify model: the class of each output score, in order
 * @param maxInputChars longer inputs are refused with {@link AiError#Unavailable} before they reach
 *     the model, so one huge prompt cannot stall a batch
 */
public record ModelSpec(
    String name,
    Engine engine,
    Task task,
    Optional<Path> path,
    String tokenizer,
    DeviceChoice device,
    int maxBatch,
    Duration maxWait,
    boolean preload,
    int maxInputChars,
    List<String> labels,
    Optional<Remote> remote) {

  /** Who runs the model. */
  public enum Engine {
    PYTORCH,
    OPENAI,
    /** Served only by other peers that advertise a model of this name; nothing runs here. */
    SWARM
  }

  /** What the model does; classification may also use any embed model (similarity to labels). */
  public enum Task {
    EMBED,
    COMPLETE,
    CLASSIFY
  }

  /** An OpenAI-compatible endpoint: {@code base_url} ends before {@code /completions}. */
  public record Remote(
      URI baseUrl, String remoteModel, Optional<String> apiKey, boolean chat, Duration timeout) {
    /** Never prints the key: specs end up in logs and admin pages. */
    @Override
    public String toString() {
      return "Remote[baseUrl="
          + baseUrl
          + ", remoteModel="
          + remoteModel
          + ", apiKey="
          + (apiKey.isPresent() ? "<set>" : "<none>")
          + ", api="
          + (chat ? "chat" : "completions")
          + ", timeout="
          + timeout
          + "]";
    }
  }

  public ModelSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a model needs a name");
    }
    if (maxBatch < 1 || maxBatch > 1024) {
      throw new IllegalArgumentException("max_batch must be in 1..1024, got " + maxBatch);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("max_wait must not be negative");
    }
    if (maxInputChars < 1) {
      throw new IllegalArgumentException("max_input_chars must be >= 1, got " + maxInputChars);
    }
    labels = List.copyOf(labels);
    if (task == Task.CLASSIFY && engine == Engine.PYTORCH && labels.isEmpty()) {
      throw new IllegalArgumentException("classify model '" + name + "' needs its labels");
    }
    if (engine == Engine.OPENAI && remote.isEmpty()) {
      throw new IllegalArgumentException(
          "model '" + name + "' uses engine openai but has no base_url");
    }
    if (engine == Engine.PYTORCH && path.isEmpty()) {
      throw new IllegalArgumentException(
          "model '" + name + "' uses engine pytorch but has no path");
    }
  }
}
