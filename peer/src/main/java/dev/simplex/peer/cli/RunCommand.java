package dev.simplex.peer.cli;

import dev.simplex.compiler.CompileOptions;
import dev.simplex.peer.vm.ActorProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simplex run FILE [args]}: compile if needed, run {@code main}, exit with its code. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Compile (if needed) and run a program and its actors on the embedded single peer.",
    footer = {
      "",
      "Exit code: main's i64 result (low 8 bits), 0 for (), 101 after a panic, 2 for compile errors."
    })
final class RunCommand implements Callable<Integer>, StreamsAware {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "a .sx source file, a directory, or a .sbc file")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "arguments for the program's args()")
  List<String> args = List.of();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "keep checkpoints in DIR/checkpoints; a later run with the same DIR first recovers every"
              + " checkpointed actor, then runs main")
  Path data;

  @Option(
      names = "--jit",
      paramLabel = "MODE",
      description =
          "the JIT tier: off (interpret everything), auto (compile pure functions once hot; the"
              + " default) or always (compile every pure function before its first call)")
  String jit;

  private final Streams streams;

  RunCommand(Streams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    if (jit != null && !List.of("off", "auto", "always").contains(jit)) {
      streams.err().println("error: --jit must be off, auto or always, not '" + jit + "'");
      return ExitCodes.USAGE;
    }
    ProgramLoader.Loaded loaded = new ProgramLoader(streams).load(file, CompileOptions.defaults());
    if (!loaded.ok()) {
      return loaded.exitCode();
    }
    // The VMs of this run read the mode when they are made (sbc's Vm, property simplex.jit).
    String before = System.getProperty(JIT_PROPERTY);
    if (jit != null) System.setProperty(JIT_PROPERTY, jit);
    try {
      return ActorProgram.run(
          loaded.module(),
          args,
          streams.out(),
          streams.err(),
          Runtime.getRuntime().availableProcessors(),
          data);
    } finally {
      if (jit != null) {
        if (before == null) System.clearProperty(JIT_PROPERTY);
        else System.setProperty(JIT_PROPERTY, before);
      }
    }
  }

  static final String JIT_PROPERTY = "simplex.jit";
}
