package dev.simplex.inference;

/** Why an AI call failed; mirrors the language's {@code enum AIError}, variant for variant. */
public enum AiError {
  /** The model or provider cannot serve the call: unreachable, failed to load, wrong device. */
  Unavailable,
  /** The pool's queue for the model is full, or the provider answered 429. */
  RateLimited,
  /** The call did not finish within the configured time. */
  Timeout,
  /** No configured or built-in model answers to the requested name for this task. */
  ModelNotFound,
  /** The model answered with something that is not a valid result (malformed, empty, NaN). */
  InvalidOutput
}
