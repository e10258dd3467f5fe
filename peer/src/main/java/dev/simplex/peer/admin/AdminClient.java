package dev.simplex.peer.admin;

import dev.simplex.gossip.HostPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Talks to one peer's admin endpoint; every failure is an {@link AdminException} in one line. */
public final class AdminClient {
  private final HostPort peer;
  private final HttpClient http;
  private final Duration timeout;

  public AdminClient(HostPort peer, Duration timeout) {
    this.peer = peer;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A problem reaching or understanding a peer, worded for the user. */
  public static final class AdminException extends Exception {
    AdminException(String message) {
      super(message);
    }
  }

  public SwarmStatus status() throws AdminException {
    try {
      return SwarmStatus.fromJson(getJson("/status"));
    } catch (IllegalArgumentException e) {
      throw new AdminException("peer " + peer + " sent an unexpected reply: " + e.getMessage());
    }
  }

  /** GETs {@code path} and parses the JSON reply. */
  public Object getJson(String path) throws AdminException {
    return json(path, send(path, HttpResponse.BodyHandlers.ofString(), timeout));
  }

  /** POSTs to {@code path} (no body) and parses the JSON reply; waits up to {@code wait}. */
  public Object postJson(String path, Duration wait) throws AdminException {
    return json(path, send(path, "POST", HttpResponse.BodyHandlers.ofString(), wait));
  }

  private Object json(String path, HttpResponse<String> response) throws AdminException {
    Object json;
    try {
      json = Json.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new AdminException(
          "peer " + peer + " did not answer " + path + " with JSON: " + e.getMessage());
    }
    if (response.statusCode() != 200) {
      Object message = json instanceof Map<?, ?> m ? m.get("error") : json;
      throw new AdminException(
          "peer "
              + peer
              + " refused "
              + path
              + " (HTTP "
              + response.statusCode()
              + "): "
              + message);
    }
    return json;
  }

  /**
   * Sends a bytecode program to run on the peer, replays its output on {@code out}/{@code err} as
   * it arrives, and returns its exit code.
   */
  public int submit(byte[] program, List<String> args, PrintStream out, PrintStream err)
      throws AdminException {
    StringBuilder path = new StringBuilder("/submit");
    for (int i = 0; i < args.size(); i++) {
      path.append(i == 0 ? '?' : '&')
          .append("arg=")
          .append(java.net.URLEncoder.encode(args.get(i), java.nio.charset.StandardCharsets.UTF_8));
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + peer + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(program))
            .build();
    HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      String body = String.join(" ", response.body().toList());
      Object json;
      try {
        json = Json.parse(body);
      } catch (IllegalArgumentException e) {
        json = body;
      }
      Object message = json instanceof Map<?, ?> m ? m.get("error") : json;
      throw new AdminException(
          "peer " + peer + " refused the program (HTTP " + response.statusCode() + "): " + message);
    }
    int[] exit = {-1};
    try (Stream<String> lines = response.body()) {
      lines.forEach(line -> ProgramOutput.replay(line, out, err, code -> exit[0] = code));
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new AdminException(
          "the program's output from peer " + peer + " broke: " + e.getMessage());
    }
    out.flush();
    err.flush();
    if (exit[0] < 0) {
      throw new AdminException("peer " + peer + " ended the program's output without an exit code");
    }
    return exit[0];
  }

  /** Streams {@code path} line by line to {@code sink} until the peer ends the stream. */
  public void streamLines(String path, Consumer<String> sink) throws AdminException {
    HttpResponse<Stream<String>> response = send(path, HttpResponse.BodyHandlers.ofLines(), null);
    if (response.statusCode() != 200) {
      String body = String.join(" ", response.body().toList());
      throw new AdminException(
          "peer " + peer + " refused " + path + " (HTTP " + response.statusCode() + "): " + body);
    }
    try (Stream<String> lines = response.body()) {
      lines.forEach(sink);
    } catch (java.io.UncheckedIOException e) {
      throw new AdminException("the log stream from peer " + peer + " broke: " + e.getMessage());
    }
  }

  private <T> HttpResponse<T> send(
      String path, HttpResponse.BodyHandler<T> handler, Duration requestTimeout)
      throws AdminException {
    return send(path, "GET", handler, requestTimeout);
  }

  private <T> HttpResponse<T> send(
      String path, String method, HttpResponse.BodyHandler<T> handler, Duration requestTimeout)
      throws AdminException {
    URI uri = URI.create("http://" + peer + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    if (requestTimeout != null) {
      request.timeout(requestTimeout);
    }
    return exchange(request.build(), handler);
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws AdminException {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new AdminException(
          "cannot reach the admin endpoint of peer "
              + peer
              + " ("
              + why
              + "); is a peer running there? (see --peer)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException("interrupted while asking peer " + peer);
    }
  }
}
