package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiModelTest {
  private FakeOpenAi server;

  @BeforeEach
  void start() throws IOException {
    server = new FakeOpenAi();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiModel model(boolean chat, Duration timeout) {
    return new OpenAiModel(
        "remote",
        new ModelSpec.Remote(server.baseUrl(), "tiny-llm", Optional.of("sk-test"), chat, timeout));
  }

  private static CompletionRequest req(String prompt) {
    return new CompletionRequest(prompt, "remote", 0.2, 16, List.of("\n"));
  }

  private AiError errorOf(Runnable call) {
    return assertThrows(AiException.class, call::run).error();
  }

  @Test
  void chatCompletionSendsTheRequestAndReadsTheMessage() {
    server.on(
        "chat/completions",
        FakeOpenAi.Reply.json(
            "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"}}]}"));
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      assertEquals("Paris.", m.completeOne(req("Capital of France?"), Sinks.NONE));
    }
    FakeOpenAi.Seen seen = server.seen.get(0);
    assertEquals("/v1/chat/completions", seen.path());
    assertEquals("Bearer sk-test", seen.authorization());
    assertTrue(seen.body().contains("\"model\":\"tiny-llm\""), seen.body());
    assertTrue(seen.body().contains("\"content\":\"Capital of France?\""), seen.body());
    assertTrue(seen.body().contains("\"max_tokens\":16"), seen.body());
    assertTrue(seen.body().contains("\"stop\":[\"\\n\"]"), seen.body());
  }

  @Test
  void legacyCompletionsReadTheChoiceText() {
    server.on("completions", FakeOpenAi.Reply.json("{\"choices\":[{\"text\":\" world\"}]}"));
    try (OpenAiModel m = model(false, Duration.ofSeconds(5))) {
      assertEquals(
          List.of(" world", " world"),
          m.complete(List.of(req("hello"), req("hi")), List.of(Sinks.NONE, Sinks.NONE)));
    }
    assertTrue(server.seen.get(0).body().contains("\"prompt\":"));
  }

  @Test
  void streamingReadsServerSentEventsPieceByPiece() {
    String sse =
        """
        data: {"choices":[{"delta":{"role":"assistant"}}]}

        data: {"choices":[{"delta":{"content":"Hel"}}]}

        data: {"choices":[{"delta":{"content":"lo"}}]}

        data: [DONE]

        """;
    server.on("chat/completions", new FakeOpenAi.Reply(200, sse, 0, "text/event-stream"));
    List<String> pieces = new ArrayList<>();
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      assertEquals("Hello", m.completeOne(req("greet"), pieces::add));
    }
    assertEquals(List.of("Hel", "lo"), pieces);
    assertTrue(server.seen.get(0).body().contains("\"stream\":true"));
  }

  @Test
  void embeddingsAreOrderedByIndex() throws Exception {
    server.on(
        "embeddings",
        FakeOpenAi.Reply.json(
            "{\"data\":[{\"index\":1,\"embedding\":[0,1]},{\"index\":0,\"embedding\":[1,0]}]}"));
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      float[][] v = m.embed(List.of("a", "b"));
      assertArrayEquals(new float[] {1, 0}, v[0]);
      assertArrayEquals(new float[] {0, 1}, v[1]);
    }
    assertTrue(server.seen.get(0).body().contains("\"input\":[\"a\",\"b\"]"));
  }

  @Test
  void slowProviderTimesOut() {
    server.on("chat/completions", new FakeOpenAi.Reply(200, "{}", 3_000, "application/json"));
    try (OpenAiModel m = model(true, Duration.ofMillis(200))) {
      assertEquals(AiError.Timeout, errorOf(() -> m.completeOne(req("slow"), Sinks.NONE)));
    }
  }

  @Test
  void malformedJsonIsInvalidOutput() {
    server.on("chat/completions", FakeOpenAi.Reply.json("{\"choices\": [ {\"message\": "));
    server.on(
        "embeddings", FakeOpenAi.Reply.json("{\"data\":[{\"index\":0,\"embedding\":[\"x\"]}]}"));
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      assertEquals(AiError.InvalidOutput, errorOf(() -> m.completeOne(req("x"), Sinks.NONE)));
      assertEquals(AiError.InvalidOutput, errorOf(() -> m.embed(List.of("x"))));
    }
  }

  @Test
  void wellFormedJsonOfTheWrongShapeIsInvalidOutput() {
    server.on("chat/completions", FakeOpenAi.Reply.json("{\"choices\":[]}"));
    server.on("embeddings", FakeOpenAi.Reply.json("{\"data\":[{\"index\":0,\"embedding\":[1]}]}"));
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      assertEquals(AiError.InvalidOutput, errorOf(() -> m.completeOne(req("x"), Sinks.NONE)));
      assertEquals(AiError.InvalidOutput, errorOf(() -> m.embed(List.of("x", "y"))));
    }
  }

  @Test
  void httpStatusesMapToAiErrors() {
    try (OpenAiModel m = model(true, Duration.ofSeconds(5))) {
      server.on(
          "chat/completions",
          new FakeOpenAi.Reply(429, "{\"error\":\"slow down\"}", 0, "application/json"));
      assertEquals(AiError.RateLimited, errorOf(() -> m.completeOne(req("x"), Sinks.NONE)));
      server.on(
          "chat/completions",
          new FakeOpenAi.Reply(404, "{\"error\":\"model not found\"}", 0, "application/json"));
      assertEquals(AiError.ModelNotFound, errorOf(() -> m.completeOne(req("x"), Sinks.NONE)));
      server.on("chat/completions", new FakeOpenAi.Reply(500, "boom", 0, "text/plain"));
      AiException e = assertThrows(AiException.class, () -> m.completeOne(req("x"), Sinks.NONE));
      assertEquals(AiError.Unavailable, e.error());
      assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
      server.on("chat/completions", new FakeOpenAi.Reply(429, "{}", 0, "application/json"));
      assertEquals(AiError.RateLimited, errorOf(() -> m.completeOne(req("x"), s -> {})));
    }
  }

  @Test
  void unreachableProviderIsUnavailable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    var remote =
        new ModelSpec.Remote(
            URI.create("http://127.0.0.1:" + port + "/v1"),
            "m",
            Optional.empty(),
            true,
            Duration.ofSeconds(2));
    try (OpenAiModel m = new OpenAiModel("gone", remote)) {
      AiException e = assertThrows(AiException.class, () -> m.completeOne(req("x"), Sinks.NONE));
      assertEquals(AiError.Unavailable, e.error());
      assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }
  }
}
