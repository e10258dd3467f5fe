package dev.simplex.inference;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A model behind an OpenAI-compatible HTTP endpoint ({@code /chat/completions} or {@code
 * /completions}, and {@code /embeddings}). A batch of completions goes out as concurrent requests;
 * a batch of embeddings as one request with an array input. Every failure is an AiError: refused
 * connection Unavailable, time-out Timeout, 429 RateLimited, 404 ModelNotFound, bad JSON
 * InvalidOutput.
 */
final class OpenAiModel implements EmbeddingModel, CompletionModel {
  private final String name;
  private final ModelSpec.Remote remote;
  private final HttpClient http;

  OpenAiModel(String name, ModelSpec.Remote remote) {
    this.name = name;
    this.remote = remote;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(remote.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public float[][] embed(List<String> texts) {
    JsonObject body = new JsonObject();
    body.addProperty("model", remote.remoteModel());
    JsonArray input = new JsonArray();
    texts.forEach(input::add);
    body.add("input", input);
    JsonObject answer = parse(send("embeddings", body));
    JsonArray data = array(answer, "data");
    if (data.size() != texts.size()) {
      throw invalid("returned " + data.size() + " embeddings for " + texts.size() + " inputs");
    }
    float[][] out = new float[texts.size()][];
    for (JsonElement e : data) {
      JsonObject item = object(e, "data[]");
      int index = item.has("index") ? item.get("index").getAsInt() : indexOf(out);
      if (index < 0 || index >= out.length || out[index] != null) {
        throw invalid("returned a bad or repeated embedding index " + index);
      }
      JsonArray values = array(item, "embedding");
      out[index] = new float[values.size()];
      for (int j = 0; j < values.size(); j++) {
        float v = number(values.get(j), "embedding value");
        if (!Float.isFinite(v)) {
          throw invalid("returned a non-finite embedding value");
        }
        out[index][j] = v;
      }
    }
    for (float[] row : out) {
      if (row.length == 0 || row.length != out[0].length) {
        throw invalid("returned embeddings of different or zero length");
      }
    }
    return out;
  }

  @Override
  public List<String> complete(List<CompletionRequest> requests, List<Consumer<String>> sinks) {
    List<CompletableFuture<String>> calls = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      CompletionRequest r = requests.get(i);
      Consumer<String> sink = sinks.get(i);
      calls.add(CompletableFuture.supplyAsync(() -> completeOne(r, sink), VIRTUAL));
    }
    List<String> out = new ArrayList<>(calls.size());
    for (CompletableFuture<String> call : calls) {
      try {
        out.add(call.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof AiException ai
            ? ai
            : new AiException(AiError.Unavailable, String.valueOf(e.getCause()), e);
      }
    }
    return out;
  }

  /** Each HTTP call waits on its own virtual thread, so a batch costs no OS threads. */
  private static final java.util.concurrent.Executor VIRTUAL = r -> Thread.ofVirtual().start(r);

  /** One completion; streams server-sent events when the caller listens for pieces. */
  String completeOne(CompletionRequest r, Consumer<String> sink) {
    boolean streaming = sink != Sinks.NONE;
    JsonObject body = new JsonObject();
    body.addProperty("model", remote.remoteModel());
    if (remote.chat()) {
      JsonArray messages = new JsonArray();
      JsonObject user = new JsonObject();
      user.addProperty("role", "user");
      user.addProperty("content", r.prompt());
      messages.add(user);
      body.add("messages", messages);
    } else {
      body.addProperty("prompt", r.prompt());
    }
    body.addProperty("temperature", r.temperature());
    body.addProperty("max_tokens", r.maxTokens());
    if (!r.stop().isEmpty()) {
      JsonArray stop = new JsonArray();
      r.stop().forEach(stop::add);
      body.add("stop", stop);
    }
    String path = remote.chat() ? "chat/completions" : "completions";
    if (!streaming) {
      return text(object(firstChoice(parse(send(path, body))), "choice"), "message");
    }
    body.addProperty("stream", true);
    StringBuilder all = new StringBuilder();
    try (Stream<String> lines = sendForLines(path, body)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          break;
        }
        String piece = text(object(firstChoice(parse(data)), "choice"), "delta");
        if (!piece.isEmpty()) {
          all.append(piece);
          sink.accept(piece);
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw failure(e.getCause());
    }
    return all.toString();
  }

  private String send(String path, JsonObject body) {
    try {
      HttpResponse<String> response =
          http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
      check(response.statusCode(), response.body());
      return response.body();
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AiException(
          AiError.Unavailable, "interrupted while calling model '" + name + "'", e);
    }
  }

  private Stream<String> sendForLines(String path, JsonObject body) {
    try {
      HttpResponse<Stream<String>> response =
          http.send(request(path, body), HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() / 100 != 2) {
        String text;
        try (Stream<String> lines = response.body()) {
          text = String.join("\n", lines.toList());
        }
        check(response.statusCode(), text);
      }
      return response.body();
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AiException(
          AiError.Unavailable, "interrupted while calling model '" + name + "'", e);
    }
  }

  private HttpRequest request(String path, JsonObject body) {
    String base = remote.baseUrl().toString();
    URI uri = URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(remote.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    remote.apiKey().ifPresent(k -> b.header("Authorization", "Bearer " + k));
    return b.build();
  }

  private void check(int status, String body) {
    if (status / 100 == 2) {
      return;
    }
    String detail =
        "model '"
            + name
            + "' at "
            + remote.baseUrl()
            + " answered HTTP "
            + status
            + ": "
            + abbreviate(body);
    AiError error =
        switch (status) {
          case 429 -> AiError.RateLimited;
          case 404 -> AiError.ModelNotFound;
          case 408, 504 -> AiError.Timeout;
          default -> AiError.Unavailable;
        };
    throw new AiException(error, detail);
  }

  private AiException failure(Throwable e) {
    if (e instanceof HttpTimeoutException) {
      return new AiException(
          AiError.Timeout,
          "model '"
              + name
              + "' at "
              + remote.baseUrl()
              + " did not answer within "
              + remote.timeout().toMillis()
              + " ms",
          e);
    }
    if (e instanceof ConnectException) {
      return new AiException(
          AiError.Unavailable, "model '" + name + "': cannot connect to " + remote.baseUrl(), e);
    }
    return new AiException(
        AiError.Unavailable, "model '" + name + "' at " + remote.baseUrl() + ": " + e, e);
  }

  private JsonObject parse(String text) {
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw invalid("answered JSON that is not an object: " + abbreviate(text));
      }
      return e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw invalid("answered malformed JSON: " + abbreviate(text));
    }
  }

  private JsonElement firstChoice(JsonObject answer) {
    JsonArray choices = array(answer, "choices");
    if (choices.isEmpty()) {
      throw invalid("answered with no choices");
    }
    return choices.get(0);
  }

  /** {@code choice.message.content} / {@code choice.delta.content}, or {@code choice.text}. */
  private String text(JsonObject choice, String chatField) {
    JsonElement v = remote.chat() ? member(choice, chatField) : choice.get("text");
    if (remote.chat()) {
      JsonElement content = object(v, chatField).get("content");
      if (content == null || content.isJsonNull()) {
        return "";
      }
      v = content;
    }
    if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw invalid("answered a choice without text");
    }
    return v.getAsString();
  }

  private JsonElement member(JsonObject o, String field) {
    JsonElement v = o.get(field);
    if (v == null) {
      throw invalid("answered without '" + field + "'");
    }
    return v;
  }

  private JsonArray array(JsonObject o, String field) {
    JsonElement v = member(o, field);
    if (!v.isJsonArray()) {
      throw invalid("answered '" + field + "' that is not an array");
    }
    return v.getAsJsonArray();
  }

  private JsonObject object(JsonElement e, String what) {
    if (e == null || !e.isJsonObject()) {
      throw invalid("answered '" + what + "' that is not an object");
    }
    return e.getAsJsonObject();
  }

  private float number(JsonElement e, String what) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw invalid("answered " + what + " that is not a number");
    }
    return e.getAsFloat();
  }

  private static int indexOf(float[][] filled) {
    for (int i = 0; i < filled.length; i++) {
      if (filled[i] == null) {
        return i;
      }
    }
    return -1;
  }

  private AiException invalid(String what) {
    return new AiException(
        AiError.InvalidOutput, "model '" + name + "' at " + remote.baseUrl() + " " + what);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  @Override
  public void close() {
    http.close();
  }
}
