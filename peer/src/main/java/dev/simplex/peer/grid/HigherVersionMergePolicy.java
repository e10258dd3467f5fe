package dev.simplex.peer.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * When a split heals, the entry with the higher version (placement epoch, checkpoint sequence)
 * wins, never the latest write. With split-brain protection a minority side cannot raise versions,
 * so the majority's decisions survive the heal; on a tie the entry already present stays.
 */
public final class HigherVersionMergePolicy
    implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    return pick(merging.getDeserializedValue(), existing.getDeserializedValue())
        ? merging.getRawValue()
        : existing.getRawValue();
  }

  /** True when {@code incoming} should replace {@code present}. */
  static boolean pick(Object incoming, Object present) {
    if (incoming instanceof Versioned in && present instanceof Versioned here) {
      return in.version() > here.version();
    }
    return present == null;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
