package dev.simplex.checkpoint;

import java.time.Instant;

/** One stored checkpoint as {@code simplex checkpoint list} shows it. */
public record CheckpointInfo(
    String actorId, long sequence, int size, Instant wallTime, int chunks) {}
