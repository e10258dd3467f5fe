package dev.simplex.peer.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's admin endpoint: HTTP + JSON on {@code --admin ADDR:PORT}. {@code GET /status}, {@code
 * /actors}, {@code /logs[?lines=N][&follow=1]} and {@code /metrics}. Bind first (so the port can be
 * advertised), then {@link #serve} once the peer is wired. Nothing a client sends can take the peer
 * down: every failure becomes an HTTP error reply or a closed connection.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  static final int MAX_FOLLOWERS = 32;
  static final int DEFAULT_LOG_LINES = 200;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean closed;
  private volatile AdminSource source;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Binds the admin address (port 0 picks a free one) without serving yet.
   *
   * @throws UncheckedIOException naming {@code --admin} when the address cannot be bound
   */
  public static AdminServer bind(InetSocketAddress address) {
    try {
      HttpServer server = HttpServer.create(address, 64);
      return new AdminServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "--admin "
              + address.getHostString()
              + ":"
              + address.getPort()
              + " cannot be bound ("
              + e.getMessage()
              + "); pick another --admin ADDR:PORT",
          e);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Starts answering requests with what {@code source} reports. */
  public void serve(AdminSource source) {
    this.source = source;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info(
        "admin endpoint on http://{}:{}/status", address().getHostString(), address().getPort());
  }

  private void handle(HttpExchange exchange) {
    try {
      if (exchange.getRequestURI().getPath().equals("/drain")) {
        drain(exchange);
        return;
      }
      if (exchange.getRequestURI().getPath().equals("/migrate")) {
        migrate(exchange);
        return;
      }
      if (exchange.getRequestURI().getPath().equals("/submit")) {
        submit(exchange);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        reply(exchange, 405, error("only GET is supported, not " + exchange.getRequestMethod()));
        return;
      }
      Query query = Query.parse(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      switch (path) {
        case "/status" -> reply(exchange, 200, Json.write(source.status().toJson()));
        case "/actors" -> {
          Map<String, Object> body = actors(source.status());
          Map<String, Object> replicas = source.replicas();
          if (!replicas.isEmpty()) body.put("replicas", replicas);
          reply(exchange, 200, Json.write(body));
        }
        case "/metrics" -> reply(exchange, 200, Json.write(source.metrics()));
        case "/logs" -> logs(exchange, query);
        default ->
            reply(
                exchange,
                404,
                error("no such endpoint " + path + "; try /status, /actors, /logs, /metrics"));
      }
    } catch (BadQuery e) {
      try {
        reply(exchange, 400, error(e.getMessage()));
      } catch (IOException ignored) {
        // the client left before the reply
      }
    } catch (IOException e) {
      LOG.debug("admin client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("admin request {} failed", exchange.getRequestURI(), e);
      try {
        reply(exchange, 500, error("internal error: " + e.getMessage()));
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent or the client left; the exchange is closed either way
      }
    } finally {
      // Closed only here, after any error reply: try-with-resources would close it before the
      // catch.
      exchange.close();
    }
  }

  /** {@code POST /drain?peer=PEER}: 200 with the moves, 400/409/501 with why not. */
  private void drain(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      reply(exchange, 405, error("/drain takes POST, not " + exchange.getRequestMethod()));
      return;
    }
    String peer = Query.parse(exchange.getRequestURI().getRawQuery()).params().get("peer");
    if (peer == null || peer.isBlank()) throw new BadQuery("/drain needs ?peer=PEER");
    try {
      reply(exchange, 200, Json.write(source.drain(peer)));
    } catch (IllegalArgumentException e) {
      reply(exchange, 400, error(e.getMessage()));
    } catch (UnsupportedOperationException e) {
      reply(exchange, 501, error(e.getMessage()));
    } catch (IllegalStateException e) {
      reply(exchange, 409, error(e.getMessage()));
    }
  }

  /** {@code POST /migrate?actor=ID&to=PEER}: 200 with the move, 400/409/501 with why not. */
  private void migrate(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      reply(exchange, 405, error("/migrate takes POST, not " + exchange.getRequestMethod()));
      return;
    }
    Query query = Query.parse(exchange.getRequestURI().getRawQuery());
    String actor = query.params().get("actor");
    String to = query.params().get("to");
    if (actor == null || actor.isBlank() || to == null || to.isBlank())
      throw new BadQuery("/migrate needs ?actor=ID&to=PEER");
    try {
      reply(exchange, 200, Json.write(source.migrate(actor, to)));
    } catch (IllegalArgumentException e) {
      reply(exchange, 400, error(e.getMessage()));
    } catch (UnsupportedOperationException e) {
      reply(exchange, 501, error(e.getMessage()));
    } catch (IllegalStateException e) {
      reply(exchange, 409, error(e.getMessage()));
    }
  }

  /** A submitted program is at most this big: bytecode, not data. */
  static final int MAX_PROGRAM_BYTES = 64 << 20;

  /**
   * {@code POST /submit?arg=A&arg=B} with the .sbc bytes as the body: runs the program here and
   * streams its output ({@link ProgramOutput}); 400 for bytes that are not a valid program, found
   * before anything is streamed.
   */
  private void submit(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      reply(exchange, 405, error("/submit takes POST, not " + exchange.getRequestMethod()));
      return;
    }
    byte[] bytes = exchange.getRequestBody().readNBytes(MAX_PROGRAM_BYTES + 1);
    if (bytes.length > MAX_PROGRAM_BYTES) {
      reply(exchange, 413, error("a program may be at most " + MAX_PROGRAM_BYTES + " bytes"));
      return;
    }
    List<String> args = Query.values(exchange.getRequestURI().getRawQuery(), "arg");
    AdminSource.Program program;
    try {
      program = source.submit(bytes);
    } catch (IllegalArgumentException e) {
      reply(exchange, 400, error(e.getMessage()));
      return;
    } catch (UnsupportedOperationException e) {
      reply(exchange, 501, error(e.getMessage()));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    PrintStream out = ProgramOutput.framing(body, 'o');
    PrintStream err = ProgramOutput.framing(body, 'e');
    int code = program.run(args, out, err);
    out.close();
    err.close();
    ProgramOutput.writeExit(body, code);
  }

  private static Map<String, Object> actors(SwarmStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("swarm", status.swarm());
    m.put("self", status.self());
    m.put(
        "peers",
        status.peers().stream()
            .map(
                p -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("id", p.id());
                  row.put("actors", p.actors());
                  row.put("cpu", p.cpu());
                  row.put("heapUsed", p.heapUsed());
                  row.put("heapMax", p.heapMax());
                  return row;
                })
            .toList());
    return m;
  }

  private void logs(HttpExchange exchange, Query query) throws IOException {
    int lines = query.intValue("lines", DEFAULT_LOG_LINES, 0, LogTail.DEFAULT_CAPACITY);
    boolean follow = query.flag("follow");
    LogTail tail = source.logs();
    if (!follow) {
      reply(exchange, 200, Json.write(Map.of("lines", tail.recent(lines))));
      return;
    }
    if (tail.followerCount() >= MAX_FOLLOWERS) {
      reply(exchange, 503, error("too many log followers (" + MAX_FOLLOWERS + ")"));
      return;
    }
    // Subscribe before sending the backlog so no line falls between the two.
    try (LogTail.Follower follower = tail.follow()) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      for (String line : tail.recent(lines)) {
        body.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      body.flush();
      while (!closed) {
        String line = follower.next(250, TimeUnit.MILLISECONDS);
        if (line != null) {
          body.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          body.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange exchange, int code, String json) throws IOException {
    byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, body.length);
    exchange.getResponseBody().write(body);
  }

  private static String error(String message) {
    return Json.write(Map.of("error", message));
  }

  /** Stops serving; open {@code /logs?follow=1} streams end within a poll interval. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      server.stop(1);
      executor.shutdownNow();
    }
  }

  /** The query string, decoded; only the few parameters the endpoints take. */
  record Query(Map<String, String> params) {
    static Query parse(String raw) {
      Map<String, String> params = new LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return new Query(params);
      }
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.put(key, value);
      }
      return new Query(params);
    }

    private static String decode(String s) {
      try {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadQuery("query parameter '" + s + "' is not URL-encoded");
      }
    }

    /** Every value of a repeated parameter, in order ({@code arg=a&arg=b}). */
    static List<String> values(String raw, String key) {
      List<String> values = new java.util.ArrayList<>();
      if (raw == null || raw.isEmpty()) return values;
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && decode(pair.substring(0, eq)).equals(key)) {
          values.add(decode(pair.substring(eq + 1)));
        }
      }
      return values;
    }

    boolean flag(String key) {
      String v = params.get(key);
      if (v == null) return false;
      return switch (v) {
        case "1", "true", "yes", "" -> true;
        case "0", "false", "no" -> false;
        default -> throw new BadQuery("query parameter " + key + "=" + v + " must be 1 or 0");
      };
    }

    int intValue(String key, int fallback, int min, int max) {
      String v = params.get(key);
      if (v == null) return fallback;
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) return n;
      } catch (NumberFormatException ignored) {
        // reported below with the allowed range
      }
      throw new BadQuery(
          "query parameter " + key + "=" + v + " must be a number in " + min + ".." + max);
    }
  }

  /** A request whose query the endpoint cannot use: answered 400 with this message. */
  static final class BadQuery extends RuntimeException {
    BadQuery(String message) {
      super(message);
    }
  }
}
