package dev.simplex.checkpoint;

/**
 * A stored checkpoint that failed verification and was skipped.
 *
 * @param actorId the actor whose checkpoint it was (as far as the file name tells)
 * @param sequence its sequence, or -1 when unknown
 * @param location the offending file, relative to the store
 * @param problem what was wrong
 */
public record Corruption(String actorId, long sequence, String location, String problem) {
  @Override
  public String toString() {
    return "checkpoint "
        + sequence
        + " of actor "
        + actorId
        + " is unusable: "
        + location
        + ": "
        + problem;
  }
}
