package dev.simplex.inference;

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
   * Maps any failure to an error result; an unexpected exception is the model's fault, not the
   * caller's.
   */
  static <T> AiResult<T> toResult(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof AiException ai) {
      return AiResult.err(ai.error(), ai.getMessage());
    }
    return AiResult.err(
        AiError.Unavailable,
        "inference failed: " + t.getClass().getSimpleName() + ": " + t.getMessage());
  }
}
