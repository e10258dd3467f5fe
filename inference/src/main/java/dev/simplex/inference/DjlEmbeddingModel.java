package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.List;

/** An embedding model on one device, loaded through DJL's Criteria path. */
final class DjlEmbeddingModel implements EmbeddingModel {
  private final ZooModel<String[], float[][]> model;
  private final Predictor<String[], float[][]> predictor;

  private DjlEmbeddingModel(ZooModel<String[], float[][]> model) {
    this.model = model;
    this.predictor = model.newPredictor();
  }

  /**
   * The built-in model: the block is rebuilt from its metadata, the weights read from the params.
   */
  static DjlEmbeddingModel builtin(Path dir, Device device) {
    return ModelLoading.load(
        BuiltinModels.EMBED,
        dir,
        () -> {
          var meta = BuiltinModels.readMetadata(dir);
          int buckets = Integer.parseInt(meta.getProperty("buckets"));
          int dim = Integer.parseInt(meta.getProperty("dim"));
          Criteria<String[], float[][]> criteria =
              Criteria.builder()
                  .setTypes(String[].class, float[][].class)
                  .optEngine(DjlRuntime.ENGINE)
                  .optDevice(device)
                  .optModelPath(dir)
                  .optModelName(BuiltinModels.EMBED)
                  .optBlock(
                      new ProjectionBlock(
                          buckets, dim, ai.djl.training.initializer.Initializer.ZEROS))
                  .optTranslator(
                      new EmbedTranslator(new Tokenizer.NgramHash(buckets), BuiltinModels.EMBED))
                  .build();
          return new DjlEmbeddingModel(criteria.loadModel());
        });
  }

  /** A user's TorchScript file or DJL model directory; the engine provides the network. */
  static DjlEmbeddingModel user(ModelSpec spec, Device device) {
    Path path = spec.path().orElseThrow();
    return ModelLoading.load(
        spec.name(),
        path,
        () -> {
          Criteria<String[], float[][]> criteria =
              ModelLoading.torchScript(
                      Criteria.builder().setTypes(String[].class, float[][].class), path, device)
                  .optTranslator(
                      new EmbedTranslator(Tokenizer.parse(spec.tokenizer()), spec.name()))
                  .build();
          return new DjlEmbeddingModel(criteria.loadModel());
        });
  }

  @Override
  public float[][] embed(List<String> texts) throws Exception {
    return predictor.predict(texts.toArray(String[]::new));
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
