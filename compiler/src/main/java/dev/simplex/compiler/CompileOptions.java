package dev.simplex.compiler;

/**
 * Options for {@link Compiler#compile}.
 *
 * @param optimize whether to run optimisations ({@code -O0} turns them off)
 */
public record CompileOptions(boolean optimize) {
  public static CompileOptions defaults() {
    return new CompileOptions(true);
  }
}
