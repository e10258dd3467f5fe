package dev.simplex.peer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One program under examples/ with its expectations beside it: NAME.out (exact stdout), NAME.exit
 * (exit code, default 0) and NAME.err (each line a prefix of the matching stderr line; the path
 * given on the command line is shown as the bare file name, as when run in the file's directory).
 */
record ExampleProgram(Path source, String expectedOut, int expectedExit, List<String> expectedErr) {
  static Optional<ExampleProgram> at(Path source) {
    Path out = sibling(source, ".out");
    if (!Files.isRegularFile(out)) {
      return Optional.empty(); // a module of a multi-file example, not a program of its own
    }
    Path exit = sibling(source, ".exit");
    Path err = sibling(source, ".err");
    return Optional.of(
        new ExampleProgram(
            source,
            read(out),
            Files.isRegularFile(exit) ? Integer.parseInt(read(exit).strip()) : 0,
            Files.isRegularFile(err) ? read(err).lines().toList() : List.of()));
  }

  /** The name used in PENDING and in test names: the path below examples/, with forward slashes. */
  String name(Path examplesRoot) {
    return examplesRoot.relativize(source).toString().replace('\\', '/');
  }

  private static Path sibling(Path source, String extension) {
    String file = source.getFileName().toString();
    return source.resolveSibling(file.substring(0, file.length() - ".sx".length()) + extension);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
