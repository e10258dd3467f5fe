package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An embedding model on one device, loaded through DJL's Criteria path. */
final class DjlEmbeddingModel implements EmbeddingModel {
  private final ZooModel<EmbedInput, float[][]> model;
  private final Predictor<EmbedInput, float[][]> predictor;
  private final Tokenizer tokenizer;

  private DjlEmbeddingModel(ZooModel<EmbedInput, float[][]> model, Tokenizer tokenizer) {
    this.model = model;
    this.predictor = model.newPredictor();
    this.tokenizer = tokenizer;
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
          Criteria<EmbedInput, float[][]> criteria =
              Criteria.builder()
                  .setTypes(EmbedInput.class, float[][].class)
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
          return new DjlEmbeddingModel(criteria.loadModel(), new Tokenizer.NgramHash(buckets));
        });
  }

  /** A user's TorchScript file or DJL model directory; the engine provides the network. */
  static DjlEmbeddingModel user(ModelSpec spec, Device device) {
    Path path = spec.path().orElseThrow();
    return ModelLoading.load(
        spec.name(),
        path,
        () -> {
          Tokenizer tokenizer = Tokenizer.parse(spec.tokenizer());
          Criteria<EmbedInput, float[][]> criteria =
              ModelLoading.torchScript(
                      Criteria.builder().setTypes(EmbedInput.class, float[][].class), path, device)
                  .optTranslator(new EmbedTranslator(tokenizer, spec.name()))
                  .build();
          return new DjlEmbeddingModel(criteria.loadModel(), tokenizer);
        });
  }

  @Override
  public float[][] embed(List<String> texts) throws Exception {
    return predictor.predict(new EmbedInput.Texts(texts.toArray(String[]::new)));
  }

  @Override
  public Optional<Tokenizer.NgramHash> features() {
    return tokenizer instanceof Tokenizer.NgramHash h ? Optional.of(h) : Optional.empty();
  }

  @Override
  public float[][] embed(EmbedInput.Features features) throws Exception {
    return predictor.predict(features);
  }

  /** The device the model was placed on. */
  Device device() {
    return model.getNDManager().getDevice();
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
