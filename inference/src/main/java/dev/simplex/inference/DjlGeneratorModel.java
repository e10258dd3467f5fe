package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.initializer.Initializer;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The built-in character n-gram generator, loaded through DJL and sampled by a {@link Decoder}. */
final class DjlGeneratorModel implements CompletionModel {
  private final ZooModel<long[][], float[][]> model;
  private final Predictor<long[][], float[][]> predictor;
  private final CharLayout layout;
  private final Decoder decoder;

  private DjlGeneratorModel(ZooModel<long[][], float[][]> model, CharLayout layout) {
    this.model = model;
    this.predictor = model.newPredictor();
    this.layout = layout;
    this.decoder = new Decoder(new NextChar());
  }

  static DjlGeneratorModel builtin(Path dir, Device device) {
    return ModelLoading.load(
        BuiltinModels.COMPLETE,
        dir,
        () -> {
          var meta = BuiltinModels.readMetadata(dir);
          CharLayout layout =
              new CharLayout(
                  meta.getProperty("vocab"), Integer.parseInt(meta.getProperty("hash_buckets")));
          float prior = Float.parseFloat(meta.getProperty("prior"));
          Criteria<long[][], float[][]> criteria =
              Criteria.builder()
                  .setTypes(long[][].class, float[][].class)
                  .optEngine(DjlRuntime.ENGINE)
                  .optDevice(device)
                  .optModelPath(dir)
                  .optModelName(BuiltinModels.COMPLETE)
                  .optBlock(new NgramBlock(layout.rows(), layout.size(), prior, Initializer.ZEROS))
                  .optTranslator(new RowsTranslator())
                  .build();
          return new DjlGeneratorModel(criteria.loadModel(), layout);
        });
  }

  @Override
  public List<String> complete(List<CompletionRequest> requests, List<Consumer<String>> sinks)
      throws Exception {
    return decoder.decode(requests, sinks);
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

  private final class NextChar implements Decoder.NextToken {
    @Override
    public float[][] next(List<? extends CharSequence> histories) throws Exception {
      long[][] rows = new long[histories.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = layout.rows(histories.get(i));
      }
      return predictor.predict(rows);
    }

    @Override
    public String text(int token) {
      return String.valueOf(layout.charAt(token));
    }

    @Override
    public boolean isEnd(int token) {
      return layout.charAt(token) == CharLayout.END;
    }
  }

  /** Context rows in, next-character distributions out. */
  private static final class RowsTranslator implements NoBatchifyTranslator<long[][], float[][]> {
    @Override
    public NDList processInput(TranslatorContext ctx, long[][] rows) {
      return new NDList(ctx.getNDManager().create(rows));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      var out = list.singletonOrThrow();
      int rows = (int) out.getShape().get(0);
      int vocab = (int) out.getShape().get(1);
      float[] flat = out.toFloatArray();
      float[][] result = new float[rows][vocab];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(flat, i * vocab, result[i], 0, vocab);
      }
      return result;
    }
  }
}
