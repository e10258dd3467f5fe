package dev.simplex.inference;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs, as written in the configuration: {@code cpu}, {@code gpu(N)} or {@code auto}.
 */
public sealed interface DeviceChoice {

  record Cpu() implements DeviceChoice {
    @Override
    public String toString() {
      return "cpu";
    }
  }

  record Gpu(int index) implements DeviceChoice {
    public Gpu {
      if (index < 0) {
        throw new IllegalArgumentException("gpu index must be >= 0, got " + index);
      }
    }

    @Override
    public String toString() {
      return "gpu(" + index + ")";
    }
  }

  /** The first GPU when the engine sees one, otherwise the CPU. */
  record Auto() implements DeviceChoice {
    @Override
    public String toString() {
      return "auto";
    }
  }

  Pattern GPU = Pattern.compile("gpu(?:\\((\\d{1,3})\\))?");

  /**
   * Parses {@code cpu}, {@code gpu}, {@code gpu(N)} or {@code auto}; throws with the accepted
   * forms.
   */
  static DeviceChoice parse(String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("cpu")) {
      return new Cpu();
    }
    if (s.equals("auto")) {
      return new Auto();
    }
    Matcher m = GPU.matcher(s);
    if (m.matches()) {
      return new Gpu(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }
    throw new IllegalArgumentException("expected cpu, gpu, gpu(N) or auto, got '" + text + "'");
  }
}
