package dev.simplex.bench.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointBenchTest {
  @Test
  void aStoreDirectoryThatIsAFileIsRejectedWithItsName(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointBench.main(new String[] {file.toString()}));
    assertEquals(file + " is not a directory", e.getMessage());
  }
}
