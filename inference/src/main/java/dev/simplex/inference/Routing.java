package dev.simplex.inference;

import java.time.Duration;
import java.util.Locale;

/**
 * When the pool ships a call to another peer (config keys {@code route} and {@code
 * remote_timeout_ms}).
 *
 * @param timeout how long one remote attempt may take before the pool tries the next peer or falls
 *     back locally
 */
public record Routing(Policy policy, Duration timeout) {

  public enum Policy {
    /** A model this peer has runs here; others go to the least-loaded peer that advertises them. */
    LOCAL_FIRST,
    /**
     * Every call goes first to the least-loaded peer advertising its model, GPU peers before CPU
     * ones at equal load; this peer's own copy is the fallback. For thin peers beside a GPU box.
     */
    REMOTE_FIRST,
    /** Nothing leaves this peer. */
    LOCAL_ONLY;

    /**
     * The configuration spelling: {@code local-first}, {@code remote-first}, {@code local-only}.
     */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Policy parse(String text) {
      for (Policy p : values()) {
        if (p.key().equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "expected local-first, remote-first or local-only, got '" + text + "'");
    }
  }

  public Routing {
    if (policy == null) {
      throw new IllegalArgumentException("a routing policy is required");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("remote timeout must be positive, got " + timeout);
    }
  }

  public static Routing defaults() {
    return new Routing(Policy.LOCAL_FIRST, Duration.ofSeconds(10));
  }
}
