package dev.simplex.inference;

import java.util.List;
import java.util.Objects;

/**
 * One {@code ai::complete} call. Arguments the language rejects with a panic (temperature outside
 * 0.0..=2.0, max_tokens below 1) are rejected here with {@link IllegalArgumentException}, before
 * any model is involved.
 *
 * @param model a model name or a tier ({@code fast}, {@code default}, {@code quality})
 * @param stop generation ends before the first occurrence of any of these; none of them is returned
 */
public record CompletionRequest(
    String prompt, String model, double temperature, int maxTokens, List<String> stop) {

  public CompletionRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(model, "model");
    if (!(temperature >= 0.0 && temperature <= 2.0)) {
      throw new IllegalArgumentException("temperature must be in 0.0..=2.0, got " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be >= 1, got " + maxTokens);
    }
    stop = List.copyOf(stop);
    if (stop.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("a stop string must not be empty");
    }
  }

  /** The language's defaults: model "default", temperature 0.7, 1024 tokens, no stop strings. */
  public static CompletionRequest of(String prompt) {
    return new CompletionRequest(prompt, "default", 0.7, 1024, List.of());
  }

  public CompletionRequest withModel(String name) {
    return new CompletionRequest(prompt, name, temperature, maxTokens, stop);
  }

  /**
   * Seed of the sampler: the same request samples the same text, so replays after recovery agree.
   */
  long seed() {
    return ((long) prompt.hashCode() << 32)
        ^ Double.hashCode(temperature)
        ^ (31L * maxTokens)
        ^ stop.hashCode();
  }
}
