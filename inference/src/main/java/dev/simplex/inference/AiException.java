package dev.simplex.inference;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An {@link AiError} travelling as an exception inside the pool, turned into an AiResult at its
 * edge.
 */
public final class AiException extends RuntimeException {
  private final AiError error;

  public AiException(AiError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public AiException(AiError error, String message, Throwable cause) {
    super(message, cause, false, false);
    this.error = error;
  }

  public AiError error() {
    return error;
  }

  /**
   * The AiException behind {@code failure}, if any: libraries (DJL's predictor, futures) wrap the
   * one our translators throw.
   */
  static Optional<AiException> causeOf(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof AiException ai) {
        return Optional.of(ai);
      }
    }
    return Optional.empty();
  }

  /** Maps any failure to an error result; an unexpected exception is the model's fault. */
  static <T> AiResult<T> toResult(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    Optional<AiException> ai = causeOf(t);
    if (ai.isPresent()) {
      return AiResult.err(ai.get().error(), ai.get().getMessage());
    }
    return AiResult.err(
        AiError.Unavailable,
        "inference failed: " + t.getClass().getSimpleName() + ": " + t.getMessage());
  }
}
