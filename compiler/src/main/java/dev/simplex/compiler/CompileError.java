package dev.simplex.compiler;

/** Stops lexing or parsing at the first error (language.md §14). */
final class CompileError extends RuntimeException {
  final Diagnostic diagnostic;

  CompileError(Diagnostic diagnostic) {
    super(diagnostic.message(), null, false, false);
    this.diagnostic = diagnostic;
  }
}
