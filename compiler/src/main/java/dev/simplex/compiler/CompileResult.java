package dev.simplex.compiler;

import dev.simplex.sbc.SbcModule;
import java.util.LinkedHashSet;
import java.util.List;

/** The outcome of a compilation: a module when there were no errors, and every diagnostic. */
public final class CompileResult {
  private final SbcModule module;
  private final List<Diagnostic> diagnostics;

  CompileResult(SbcModule module, List<Diagnostic> diagnostics) {
    this.module = module;
    // a trait's default method is checked once per implementing type; an identical problem in
    // it (same code, place and message) is reported once
    this.diagnostics = List.copyOf(new LinkedHashSet<>(diagnostics));
  }

  public boolean success() {
    return module != null;
  }

  /** The compiled program; non-null iff {@link #success()}. */
  public SbcModule module() {
    return module;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Every diagnostic in rustc's layout (language.md §14), exactly as printed on stderr. */
  public String renderDiagnostics() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < diagnostics.size(); i++) {
      if (i > 0) sb.append('\n');
      sb.append(diagnostics.get(i).render());
    }
    return sb.toString();
  }
}
