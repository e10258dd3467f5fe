package dev.simplex.inference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A scriptable OpenAI-compatible server on 127.0.0.1 for tests: path -> (status, body). */
final class FakeOpenAi implements AutoCloseable {
  record Reply(int status, String body, long delayMillis, String contentType) {
    static Reply json(String body) {
      return new Reply(200, body, 0, "application/json");
    }
  }

  record Seen(String path, String body, String authorization) {}

  private final HttpServer server;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  FakeOpenAi on(String path, Reply reply) {
    replies.put("/v1/" + path, reply);
    return this;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        new Seen(
            ex.getRequestURI().getPath(), body, ex.getRequestHeaders().getFirst("Authorization")));
    Reply r =
        replies.getOrDefault(
            ex.getRequestURI().getPath(),
            new Reply(404, "{\"error\":\"no route\"}", 0, "application/json"));
    if (r.delayMillis() > 0) {
      try {
        Thread.sleep(r.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.contentType());
    try {
      ex.sendResponseHeaders(r.status(), out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    } catch (IOException clientGone) {
      // the client timed out and hung up; nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
