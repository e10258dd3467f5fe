package dev.simplex.inference;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What one peer's pool offers the swarm: every model it can serve, where, and how busy it is. The
 * peer publishes its own (from {@link InferencePool#capacity}) and reads the others'.
 */
public record PeerCapacity(String peerId, List<ModelCapacity> models) implements Serializable {

  public PeerCapacity {
    if (peerId == null || peerId.isBlank()) {
      throw new IllegalArgumentException("a capacity needs the peer id it describes");
    }
    models = List.copyOf(models);
  }

  /** The entry for {@code model} if this peer serves it for {@code task}. */
  public Optional<ModelCapacity> serving(String model, ModelSpec.Task task) {
    return models.stream().filter(m -> m.model().equals(model) && m.serves(task)).findFirst();
  }
}
