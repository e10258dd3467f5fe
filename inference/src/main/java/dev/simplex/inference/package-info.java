/**
 * The AI inference pool of one peer: model registry and configuration, built-in models generated
 * from shipped data, DJL PyTorch predictors behind dynamic batchers with Arrow batches, and an
 * OpenAI-compatible HTTP provider. The peer calls {@link dev.simplex.inference.InferencePool}; this
 * package knows nothing about the language or actors.
 */
package dev.simplex.inference;
