package dev.simplex.peer.route;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code resources: Resources(cpu: i64 = 1, memory: String = "256MB", gpu: i64 = 0)}: what an actor
 * says it needs. Placement prefers peers whose cores, GPUs and free heap, less what the actors
 * placed there already reserved, still fit it; an actor spawned without {@code resources:} ({@link
 * #NONE}) reserves nothing.
 */
public record Resources(int cpu, long memoryBytes, int gpu) {
  /** The language's defaults, for a {@code resources:} that names no field. */
  public static final Resources DEFAULT = new Resources(1, 256L << 20, 0);

  /** No {@code resources:} given: the actor reserves nothing and fits anywhere. */
  public static final Resources NONE = new Resources(0, 0, 0);

  private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?");

  public Resources {
    if (cpu < 0) throw new IllegalArgumentException("resources cpu must be >= 0, got " + cpu);
    if (gpu < 0) throw new IllegalArgumentException("resources gpu must be >= 0, got " + gpu);
    if (memoryBytes < 0)
      throw new IllegalArgumentException("resources memory must be >= 0, got " + memoryBytes);
  }

  /** The language's form: memory as {@code "256MB"}, {@code "1GB"}, {@code "512KB"} or bytes. */
  public static Resources of(int cpu, String memory, int gpu) {
    return new Resources(cpu, parseMemory(memory), gpu);
  }

  static long parseMemory(String text) {
    Matcher m = text == null ? null : MEMORY.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (m == null || !m.matches())
      throw new IllegalArgumentException(
          "resources memory \"" + text + "\" is not a size such as \"256MB\" or \"1GB\"");
    int shift =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          case "TB" -> 40;
          default -> 0;
        };
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resources memory \"" + text + "\" is too large", e);
    }
    if (n > (Long.MAX_VALUE >> shift))
      throw new IllegalArgumentException("resources memory \"" + text + "\" is too large");
    return n << shift;
  }

  /** The sum of two reservations (saturating). */
  public Resources plus(Resources o) {
    return new Resources(
        (int) Math.min(Integer.MAX_VALUE, (long) cpu + o.cpu),
        saturatingAdd(memoryBytes, o.memoryBytes),
        (int) Math.min(Integer.MAX_VALUE, (long) gpu + o.gpu));
  }

  public boolean isNone() {
    return cpu == 0 && memoryBytes == 0 && gpu == 0;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
