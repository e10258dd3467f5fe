package dev.simplex.checkpoint.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.checkpoint.CheckpointFormatException;
import dev.simplex.checkpoint.ObjectStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ObjectStoreTest {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static S3Server server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start("objects");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** Every test writes under its own prefix of the one bucket. */
  private static S3Config fresh() {
    return server.config("objects", "t" + PREFIXES.incrementAndGet() + "/");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void objectsArePutReadListedAndDeleted() throws Exception {
    try (var s = S3ObjectStore.open(fresh())) {
      s.put("actors/%2E%2Eweird~id/00000000000000000001.manifest", utf8("one"));
      s.put("chunks/ab/abc.zst", utf8("two"));
      assertArrayEquals(
          utf8("one"),
          s.get("actors/%2E%2Eweird~id/00000000000000000001.manifest", 100).orElseThrow());
      List<ObjectStore.ObjectInfo> all = s.list("");
      assertEquals(
          List.of("actors/%2E%2Eweird~id/00000000000000000001.manifest", "chunks/ab/abc.zst"),
          all.stream().map(ObjectStore.ObjectInfo::name).toList());
      assertEquals(3, all.get(1).size());
      assertEquals(
          List.of("chunks/ab/abc.zst"),
          s.list("chunks/").stream().map(ObjectStore.ObjectInfo::name).toList());
      s.delete("chunks/ab/abc.zst");
      s.delete("chunks/ab/abc.zst"); // absent: not an error
      assertEquals(Optional.empty(), s.get("chunks/ab/abc.zst", 100));
    }
  }

  @Test
  void replacingAnObjectShowsTheNewBytes() throws Exception {
    try (var s = S3ObjectStore.open(fresh())) {
      s.put("layout", utf8("old"));
      s.put("layout", utf8("new contents"));
      assertArrayEquals(utf8("new contents"), s.get("layout", 100).orElseThrow());
    }
  }

  @Test
  void listingFollowsContinuationTokensAcrossPages() throws Exception {
    try (var s = S3ObjectStore.open(fresh(), 3)) {
      var objects = new LinkedHashMap<String, byte[]>();
      var expected = new ArrayList<String>();
      for (int i = 0; i < 11; i++) {
        String name = String.format("chunks/%02d.zst", i);
        objects.put(name, utf8("x" + i));
        expected.add(name);
      }
      s.putAll(objects);
      assertEquals(expected, s.list("chunks/").stream().map(ObjectStore.ObjectInfo::name).toList());
    }
  }

  @Test
  void prefixesKeepStoresInOneBucketApart() throws Exception {
    try (var a = S3ObjectStore.open(fresh());
        var b = S3ObjectStore.open(fresh())) {
      a.put("layout", utf8("a"));
      assertEquals(Optional.empty(), b.get("layout", 10));
      assertEquals(List.of(), b.list(""));
    }
  }

  @Test
  void objectLargerThanTheLimitIsRefusedNamingIt() throws Exception {
    try (var s = S3ObjectStore.open(fresh())) {
      s.put("chunks/big.zst", new byte[10_000]);
      var e = assertThrows(CheckpointFormatException.class, () -> s.get("chunks/big.zst", 100));
      assertTrue(e.getMessage().contains("chunks/big.zst"), e.getMessage());
      assertTrue(e.getMessage().contains("limit of 100"), e.getMessage());
    }
  }

  @Test
  void namesOutsideTheLayoutAlphabetAreRefused() {
    try (var s = S3ObjectStore.open(fresh())) {
      for (String bad : List.of("", "/abs", "a//b", "../x", "a/.hidden", "sp ace", "q?x=1")) {
        var e = assertThrows(IllegalArgumentException.class, () -> s.put(bad, new byte[1]), bad);
        assertTrue(e.getMessage().contains("object name"), e.getMessage());
      }
    }
  }

  @Test
  void wrongSecretKeyIsReportedAsASignatureMismatchNamingTheSetting() {
    S3Config cfg = fresh().withCredentials(S3Server.ACCESS_KEY, "not-the-secret");
    try (var s = S3ObjectStore.open(cfg)) {
      var e = assertThrows(S3Exception.class, () -> s.get("layout", 100));
      assertEquals(403, e.status());
      assertEquals("SignatureDoesNotMatch", e.code());
      assertTrue(e.getMessage().contains(S3Config.KEY_SECRET_KEY), e.getMessage());
    }
  }

  @Test
  void unknownAccessKeyIsRefused() {
    S3Config cfg = fresh().withCredentials("nobody", S3Server.SECRET_KEY);
    try (var s = S3ObjectStore.open(cfg)) {
      var e = assertThrows(S3Exception.class, () -> s.put("layout", new byte[1]));
      assertEquals(403, e.status());
      assertTrue(e.getMessage().contains(S3Config.KEY_ACCESS_KEY), e.getMessage());
    }
  }

  @Test
  void missingBucketSaysToCreateIt() {
    S3Config cfg = server.config("no-such-bucket", "");
    try (var s = S3ObjectStore.open(cfg)) {
      var e = assertThrows(S3Exception.class, () -> s.get("layout", 100));
      assertEquals("NoSuchBucket", e.code());
      assertTrue(e.getMessage().contains("create bucket no-such-bucket"), e.getMessage());
    }
  }

  @Test
  void endpointWithNothingListeningFailsAtOnceNamingTheEndpoint() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    S3Config cfg =
        S3Config.of(URI.create("http://127.0.0.1:" + port), "objects", "a", "b")
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    try (var s = S3ObjectStore.open(cfg)) {
      var e = assertThrows(IOException.class, () -> s.get("layout", 100));
      assertTrue(e.getMessage().contains("cannot connect to S3 endpoint"), e.getMessage());
      assertTrue(e.getMessage().contains(S3Config.KEY_ENDPOINT), e.getMessage());
    }
  }

  @Test
  void serverThatAcceptsButNeverAnswersTimesOutInsteadOfHanging() throws Exception {
    try (var silent = new ServerSocket(0)) {
      var accepted = new ArrayList<Socket>();
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) {
                        accepted.add(silent.accept()); // reads nothing, answers nothing
                      }
                    } catch (IOException closed) {
                      // the test is over
                    }
                  });
      S3Config cfg =
          S3Config.of(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "objects", "a", "b")
              .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
      try (var s = S3ObjectStore.open(cfg)) {
        var e = assertThrows(IOException.class, () -> s.get("layout", 100));
        assertTrue(e.getMessage().contains("got no answer within"), e.getMessage());
      } finally {
        silent.close();
        acceptor.join();
        for (Socket a : accepted) {
          a.close();
        }
      }
    }
  }
}
