package dev.simplex.inference;

/**
 * What a model's batcher has done so far, for metrics: batches run, real requests served, padding
 * rows added to reach a fixed batch size, and the largest batch of real requests.
 */
public record BatchStats(long batches, long requests, long paddedRows, int largestBatch) {}
