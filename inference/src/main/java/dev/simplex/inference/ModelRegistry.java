package dev.simplex.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "which model serves this name for this task": configured models, the built-in ones, and
 * the tiers {@code fast}, {@code default} and {@code quality}, each a preference list that always
 * ends with the built-in model for the task.
 */
final class ModelRegistry {
  static final int BUILTIN_MAX_INPUT_CHARS = 32_768;

  private final Map<String, ModelSpec> models = new LinkedHashMap<>();
  private final Map<String, List<String>> tiers;

  ModelRegistry(InferenceConfig config) {
    models.putAll(config.models());
    for (String name : List.of(BuiltinModels.EMBED, BuiltinModels.COMPLETE)) {
      ModelSpec.Task task =
          name.equals(BuiltinModels.EMBED) ? ModelSpec.Task.EMBED : ModelSpec.Task.COMPLETE;
      models.put(
          name,
          new ModelSpec(
              name,
              ModelSpec.Engine.PYTORCH,
              task,
              Optional.of(config.cacheDir().resolve(name)),
              name.equals(BuiltinModels.EMBED)
                  ? "ngram-hash:" + BuiltinModels.EMBED_BUCKETS
                  : "corpus-chars",
              config.builtinDevice(),
              config.builtinMaxBatch(),
              config.builtinMaxWait(),
              false,
              BUILTIN_MAX_INPUT_CHARS,
              List.of(),
              Optional.empty()));
    }
    this.tiers = config.tiers();
  }

  static boolean isBuiltin(ModelSpec spec) {
    return BuiltinModels.NAMES.contains(spec.name());
  }

  List<ModelSpec> all() {
    return List.copyOf(models.values());
  }

  /**
   * The model names to try for a call, in order: a tier's preference list ending with the built-in
   * for the task (names configured here for another task are skipped), or the name itself.
   */
  List<String> candidates(String name, ModelSpec.Task task) {
    if (!InferenceConfig.TIER_NAMES.contains(name)) {
      return List.of(name);
    }
    List<String> out = new ArrayList<>();
    for (String candidate : tiers.getOrDefault(name, List.of())) {
      ModelSpec spec = models.get(candidate);
      if (spec != null && serves(spec, task)) {
        out.add(candidate);
      }
    }
    out.add(task == ModelSpec.Task.COMPLETE ? BuiltinModels.COMPLETE : BuiltinModels.EMBED);
    return List.copyOf(out);
  }

  /**
   * The model configured here under {@code name} for {@code task}, if any; ModelNotFound when the
   * name is configured for another task. Unknown names are empty: another peer may serve them.
   */
  Optional<ModelSpec> configured(String name, ModelSpec.Task task) {
    ModelSpec spec = models.get(name);
    if (spec == null) {
      return Optional.empty();
    }
    return Optional.of(resolve(name, task));
  }

  /** The model that answers {@code name} for {@code task}, or ModelNotFound saying why not. */
  ModelSpec resolve(String name, ModelSpec.Task task) {
    if (InferenceConfig.TIER_NAMES.contains(name)) {
      List<String> candidates = new ArrayList<>(tiers.getOrDefault(name, List.of()));
      candidates.add(
          task == ModelSpec.Task.COMPLETE ? BuiltinModels.COMPLETE : BuiltinModels.EMBED);
      for (String candidate : candidates) {
        ModelSpec spec = models.get(candidate);
        if (spec != null && serves(spec, task)) {
          return spec;
        }
      }
    }
    ModelSpec spec = models.get(name);
    if (spec == null) {
      throw new AiException(
          AiError.ModelNotFound,
          "no configured or built-in model is named '"
              + name
              + "'; known models: "
              + models.keySet()
              + ", tiers: "
              + InferenceConfig.TIER_NAMES);
    }
    if (!serves(spec, task)) {
      throw new AiException(
          AiError.ModelNotFound,
          "model '"
              + name
              + "' is a "
              + spec.task().name().toLowerCase()
              + " model and cannot serve "
              + task.name().toLowerCase());
    }
    return spec;
  }

  /** Classification runs on embedding models (similarity to the labels) as well as classifiers. */
  private static boolean serves(ModelSpec spec, ModelSpec.Task task) {
    return spec.task() == task
        || (task == ModelSpec.Task.CLASSIFY && spec.task() == ModelSpec.Task.EMBED);
  }
}
