package dev.simplex.inference;

/** A configuration mistake, with the file, line and full key name so the user can fix it. */
public final class ConfigException extends RuntimeException {
  private final String key;

  ConfigException(String source, int line, String key, String problem) {
    super(source + ":" + line + ": " + (key.isEmpty() ? "" : "key '" + key + "': ") + problem);
    this.key = key;
  }

  /** The full key at fault, e.g. {@code model.gpt.max_batch}; empty for a syntax error. */
  public String key() {
    return key;
  }
}
