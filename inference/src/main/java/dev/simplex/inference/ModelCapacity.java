package dev.simplex.inference;

import java.io.Serializable;

/**
 * One model a peer serves, as published in the grid.
 *
 * @param queueDepth requests queued or running on the model's batcher now; 0 before it has loaded
 */
public record ModelCapacity(String model, ModelSpec.Task task, Device device, int queueDepth)
    implements Serializable {

  /** Where the model runs: a local CPU or GPU, or an HTTP provider the peer calls for it. */
  public enum Device {
    CPU,
    GPU,
    HTTP
  }

  public ModelCapacity {
    if (model == null || model.isBlank() || task == null || device == null) {
      throw new IllegalArgumentException("a model capacity needs a model, a task and a device");
    }
    if (queueDepth < 0) {
      throw new IllegalArgumentException("queue depth must be >= 0, got " + queueDepth);
    }
  }

  /** Classification also runs on embed models, by similarity to the labels. */
  public boolean serves(ModelSpec.Task wanted) {
    return task == wanted || (wanted == ModelSpec.Task.CLASSIFY && task == ModelSpec.Task.EMBED);
  }
}
