package dev.simplex.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryObjectStoreTest {
  @TempDir Path dir;

  private static List<String> names(List<ObjectStore.ObjectInfo> infos) {
    return infos.stream().map(ObjectStore.ObjectInfo::name).toList();
  }

  @Test
  void namesAreFilesUnderTheDirectory() throws Exception {
    try (var s = DirectoryObjectStore.open(dir)) {
      s.putAll(
          Map.of("chunks/ab/x.zst", new byte[] {1}, "actors/a%2Fb/1.manifest", new byte[] {2}));
      assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("chunks/ab/x.zst")));
      assertArrayEquals(new byte[] {2}, s.get("actors/a%2Fb/1.manifest", 10).orElseThrow());
      assertEquals(Optional.empty(), s.get("chunks/none.zst", 10));
    }
  }

  @Test
  void listingMatchesThePrefixAndHidesTheLockAndTempFiles() throws Exception {
    try (var s = DirectoryObjectStore.open(dir)) {
      s.put("layout", new byte[] {1});
      s.put("chunks/ab/x.zst", new byte[] {1, 2});
      s.put("chunks/cd/y.zst", new byte[] {3});
      Files.write(dir.resolve("chunks/ab/.x.zst.123.tmp"), new byte[] {9});
      assertEquals(List.of("chunks/ab/x.zst", "chunks/cd/y.zst", "layout"), names(s.list("")));
      assertEquals(List.of("chunks/ab/x.zst"), names(s.list("chunks/ab")));
      assertEquals(2, s.list("chunks/ab/").get(0).size());
      assertEquals(List.of(), s.list("actors/"));
    }
  }

  @Test
  void objectOverTheLimitIsRefusedNamingIt() throws Exception {
    try (var s = DirectoryObjectStore.open(dir)) {
      s.put("big", new byte[100]);
      var e = assertThrows(CheckpointFormatException.class, () -> s.get("big", 99));
      assertTrue(e.getMessage().contains("big is 100 bytes"), e.getMessage());
    }
  }

  @Test
  void namesThatCouldLeaveTheDirectoryAreRefused() throws Exception {
    try (var s = DirectoryObjectStore.open(dir)) {
      for (String bad : List.of("../x", "a/../../x", "/etc/passwd", ".hidden", "a\\b", "a//b")) {
        assertThrows(IllegalArgumentException.class, () -> s.put(bad, new byte[1]), bad);
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> s.get("x".repeat(ObjectStore.MAX_NAME_LENGTH + 1), 1));
    }
  }
}
