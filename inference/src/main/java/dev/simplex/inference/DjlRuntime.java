package dev.simplex.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * The one place that touches DJL's global state: offline mode and the engine cache directory must
 * be set before any DJL class loads, and the native PyTorch library must come from the
 * pytorch-native-cpu jar on the class path, never from a download.
 */
final class DjlRuntime {
  static final String ENGINE = "PyTorch";

  private DjlRuntime() {}

  /**
   * Pins DJL to offline mode with its caches under {@code cacheDir/djl}. Settings the user made
   * with {@code -D} win; the first pool in a JVM decides the directory, since DJL reads it once.
   */
  static synchronized Engine engine(Path cacheDir) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("DJL_CACHE_DIR", cacheDir.resolve("djl").toAbsolutePath().toString());
    setIfAbsent(
        "ENGINE_CACHE_DIR", cacheDir.resolve("djl").resolve("engine").toAbsolutePath().toString());
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new AiException(
          AiError.Unavailable,
          "the PyTorch engine did not start (is pytorch-native-cpu for this platform on the class path?): "
              + e.getMessage(),
          e);
    }
  }

  /** The DJL device for a configured choice; a missing GPU is the model's problem, not a crash. */
  static Device device(Engine engine, DeviceChoice choice, String model) {
    int gpus = engine.getGpuCount();
    return switch (choice) {
      case DeviceChoice.Cpu cpu -> Device.cpu();
      case DeviceChoice.Auto auto -> gpus > 0 ? Device.gpu(0) : Device.cpu();
      case DeviceChoice.Gpu gpu -> {
        if (gpu.index() >= gpus) {
          throw new AiException(
              AiError.Unavailable,
              "model '"
                  + model
                  + "' is configured for "
                  + gpu
                  + " but this machine has "
                  + gpus
                  + " GPU(s); use device = auto or cpu");
        }
        yield Device.gpu(gpu.index());
      }
    };
  }

  /**
   * How many threads one operation of a model on the CPU may use: the system property {@code
   * simplex.ai.cpu_threads}, else half the cores (at least one). The pool feeds each model from one
   * batcher thread while the callers prepare the next requests on other cores; an operation that
   * forks over every core makes its threads wait at barriers for cores the callers hold, which on a
   * small machine costs several times the work itself.
   */
  static int cpuThreads() {
    Integer configured = Integer.getInteger("simplex.ai.cpu_threads");
    if (configured != null && configured >= 1) {
      return configured;
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * Limits the PyTorch operations started from the calling thread to {@link #cpuThreads()} threads
   * (OpenMP's thread count is a per-thread setting); for a CPU model's batcher thread.
   */
  static void limitCpuThreads() {
    ai.djl.pytorch.jni.JniUtils.setNumThreads(cpuThreads());
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
