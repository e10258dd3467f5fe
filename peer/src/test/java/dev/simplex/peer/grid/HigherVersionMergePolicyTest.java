package dev.simplex.peer.grid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HigherVersionMergePolicyTest {
  static Placement at(String peer, long epoch) {
    return new Placement("a", peer, epoch, Placement.Status.ACTIVE);
  }

  @Test
  void theHigherEpochWinsWhateverWasWrittenLast() {
    assertTrue(HigherVersionMergePolicy.pick(at("majority", 5), at("minority", 4)));
    assertFalse(HigherVersionMergePolicy.pick(at("minority", 4), at("majority", 5)));
  }

  @Test
  void onATieTheEntryAlreadyPresentStays() {
    assertFalse(HigherVersionMergePolicy.pick(at("other", 3), at("here", 3)));
  }

  @Test
  void theNewerCheckpointSequenceWins() {
    CheckpointMeta older = new CheckpointMeta("a", 7, "p1", "k7", 10, "00", 0);
    CheckpointMeta newer = new CheckpointMeta("a", 8, "p2", "k8", 10, "11", 0);
    assertTrue(HigherVersionMergePolicy.pick(newer, older));
    assertFalse(HigherVersionMergePolicy.pick(older, newer));
  }
}
