package dev.simplex.checkpoint;

import java.io.IOException;

/**
 * Bytes that are not a valid snapshot, checkpoint, manifest, chunk or archive. The message says
 * what was wrong and where (byte offset, file), so an operator can act on it.
 */
public final class CheckpointFormatException extends IOException {
  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
