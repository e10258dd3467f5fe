package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a model through DJL, with every way it can fail turned into an AiException. */
final class ModelLoading {
  private ModelLoading() {}

  @FunctionalInterface
  interface Loader<T> {
    T load() throws Exception;
  }

  static <T> T load(String name, Path path, Loader<T> loader) {
    if (!Files.exists(path)) {
      throw new AiException(
          AiError.ModelNotFound, "model '" + name + "': " + path + " does not exist");
    }
    try {
      return loader.load();
    } catch (AiException e) {
      throw e;
    } catch (ModelNotFoundException e) {
      throw new AiException(
          AiError.ModelNotFound,
          "model '" + name + "': no loadable model at " + path + ": " + e.getMessage(),
          e);
    } catch (MalformedModelException | EngineException e) {
      throw new AiException(
          AiError.Unavailable,
          "model '" + name + "': " + path + " is not a valid model: " + firstLine(e),
          e);
    } catch (IOException e) {
      throw new AiException(
          AiError.Unavailable,
          "model '" + name + "': cannot read " + path + ": " + e.getMessage(),
          e);
    } catch (Exception e) {
      throw new AiException(
          AiError.Unavailable,
          "model '" + name + "' failed to load from " + path + ": " + firstLine(e),
          e);
    }
  }

  /**
   * A TorchScript model: a {@code .pt} file, or a directory holding one named like the directory.
   * {@code mapLocation} lets a model saved on a GPU load on the CPU.
   */
  static <I, O> Criteria.Builder<I, O> torchScript(
      Criteria.Builder<I, O> b, Path path, Device device) {
    b.optEngine(DjlRuntime.ENGINE).optDevice(device).optOption("mapLocation", "true");
    return b.optModelPath(path);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
