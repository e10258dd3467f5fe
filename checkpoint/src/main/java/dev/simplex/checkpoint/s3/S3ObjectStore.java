package dev.simplex.checkpoint.s3;

import dev.simplex.checkpoint.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Objects in an S3-compatible bucket, over java.net.http with Signature V4 and path-style URLs.
 * Object name {@code n} is key {@code prefix + n}. S3 PUT is atomic (a reader sees the old object
 * or the new one) and durable when it answers. Server errors (5xx) are retried twice with backoff;
 * every other failure is an {@link S3Exception} or an {@link IOException} that says what to check.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final int MAX_ATTEMPTS = 3;
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_LIST_PAGE = 16 << 20;

  private final S3Config config;
  private final SigV4 signer;
  private final HttpClient http;
  private final String basePath; // the endpoint's own path, no trailing '/'
  private final int pageSize;

  private S3ObjectStore(S3Config config, int pageSize) {
    this.config = config;
    this.pageSize = pageSize;
    this.signer = new SigV4(config.accessKey(), config.secretKey(), config.region(), "s3");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String path = config.endpoint().getRawPath() == null ? "" : config.endpoint().getRawPath();
    this.basePath = path.replaceAll("/+$", "");
  }

  /** A client for the bucket; nothing is sent until the first request. */
  public static S3ObjectStore open(S3Config config) {
    return new S3ObjectStore(config, 1000); // S3's own largest page
  }

  /** With smaller listing pages, so tests can see pagination at work. */
  static S3ObjectStore open(S3Config config, int pageSize) {
    return new S3ObjectStore(config, pageSize);
  }

  public S3Config config() {
    return config;
  }

  @Override
  public void put(String name, byte[] bytes) throws IOException {
    String key = key(name);
    send("PUT", key, Map.of(), bytes, 0, "upload of " + name);
  }

  /** Uploads in parallel, at most {@link S3Config#parallelRequests()} at a time. */
  @Override
  public void putAll(Map<String, byte[]> objects) throws IOException {
    if (objects.size() <= 1) {
      ObjectStore.super.putAll(objects);
      return;
    }
    var permits = new Semaphore(config.parallelRequests());
    var futures = new ArrayList<Future<Void>>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var e : objects.entrySet()) {
        futures.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    put(e.getKey(), e.getValue());
                    return null;
                  } finally {
                    permits.release();
                  }
                }));
      }
      for (Future<Void> f : futures) {
        try {
          f.get();
        } catch (ExecutionException ex) {
          futures.forEach(other -> other.cancel(true));
          throw ex.getCause() instanceof IOException io
              ? io
              : new IOException("upload failed: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException ex) {
          futures.forEach(other -> other.cancel(true));
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while uploading to " + location());
        }
      }
    }
  }

  @Override
  public Optional<byte[]> get(String name, int maxBytes) throws IOException {
    Response r = send("GET", key(name), Map.of(), null, maxBytes, "download of " + name);
    return r.status() == 404 ? Optional.empty() : Optional.of(r.body());
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    var out = new ArrayList<ObjectInfo>();
    String token = null;
    do {
      var query = new LinkedHashMap<String, String>();
      query.put("list-type", "2");
      query.put("prefix", config.prefix() + prefix);
      query.put("max-keys", Integer.toString(pageSize));
      if (token != null) {
        query.put("continuation-token", token);
      }
      Response r = send("GET", null, query, null, MAX_LIST_PAGE, "listing of " + prefix);
      ListObjectsResult page = ListObjectsResult.parse(r.body());
      for (ObjectInfo o : page.objects()) {
        String name = o.name().substring(Math.min(config.prefix().length(), o.name().length()));
        // keys written by something else under our prefix are not ours to interpret
        if (o.name().startsWith(config.prefix()) && ObjectStore.NAME.matcher(name).matches()) {
          out.add(new ObjectInfo(name, o.size(), o.modified()));
        }
      }
      token = page.nextToken().orElse(null);
    } while (token != null);
    out.sort(Comparator.comparing(ObjectInfo::name));
    return out;
  }

  @Override
  public void delete(String name) throws IOException {
    send("DELETE", key(name), Map.of(), null, 0, "deletion of " + name);
  }

  @Override
  public String location() {
    return config.location();
  }

  @Override
  public void close() {
    http.close();
  }

  private String key(String name) {
    return config.prefix() + ObjectStore.checkName(name);
  }

  /** A finished request: 2xx, or 404 for an absent key on GET and DELETE. */
  private record Response(int status, byte[] body) {}

  private Response send(
      String method, String key, Map<String, String> query, byte[] body, int maxBody, String what)
      throws IOException {
    String path =
        basePath + "/" + config.bucket() + (key == null ? "" : "/" + SigV4.encode(key, false));
    String rawQuery = SigV4.canonicalQuery(query);
    URI uri = URI.create(origin() + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> r = exchange(method, uri, path, query, body, maxBody, what);
      int status = r.statusCode();
      if (status / 100 == 2) {
        return new Response(status, r.body());
      }
      var error = ListObjectsResult.parseError(r.body());
      String code = error.map(ListObjectsResult.ErrorDocument::code).orElse("");
      if (status == 404 && method.equals("GET") && key != null && code.equals("NoSuchKey")) {
        return new Response(404, new byte[0]);
      }
      if (status / 100 == 5 && attempt < MAX_ATTEMPTS) {
        sleep(100L << (2 * attempt));
        continue;
      }
      String hint = S3Exception.hint(status, code, config);
      throw new S3Exception(
          "S3 "
              + what
              + " at "
              + location()
              + " failed: HTTP "
              + status
              + (code.isEmpty() ? "" : " " + code)
              + error.map(e -> e.message().isBlank() ? "" : ": " + e.message()).orElse("")
              + (hint.isEmpty() ? "" : " (" + hint + ")"),
          status,
          code);
    }
  }

  private HttpResponse<byte[]> exchange(
      String method,
      URI uri,
      String path,
      Map<String, String> query,
      byte[] body,
      int maxBody,
      String what)
      throws IOException {
    Instant now = Instant.now();
    String payloadHash = body == null ? SigV4.EMPTY_SHA256 : SigV4.sha256Hex(body);
    var signed = new LinkedHashMap<String, String>();
    signed.put("host", hostHeader(uri));
    signed.put("x-amz-content-sha256", payloadHash);
    signed.put("x-amz-date", SigV4.amzDate(now));
    String auth = signer.authorization(method, path, query, signed, payloadHash, now);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("x-amz-content-sha256", payloadHash)
            .header("x-amz-date", SigV4.amzDate(now))
            .header("Authorization", auth)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(
            request,
            info ->
                info.statusCode() / 100 == 2 && maxBody > 0
                    ? new BoundedBody(maxBody, true, "S3 object " + uri.getRawPath())
                    : new BoundedBody(MAX_ERROR_BODY, false, "S3 error"));
    try {
      // the request timeout covers the headers only; this bounds the body too
      return call.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new HttpTimeoutException(
          "S3 " + what + " at " + location() + " got no answer within " + config.requestTimeout());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during S3 " + what);
    } catch (ExecutionException e) {
      throw explain(e.getCause(), what);
    }
  }

  private IOException explain(Throwable cause, String what) {
    return switch (cause) {
      case HttpConnectTimeoutException t ->
          new IOException(
              "no connection to S3 endpoint "
                  + config.endpoint()
                  + " within "
                  + config.connectTimeout()
                  + " (check "
                  + S3Config.KEY_ENDPOINT
                  + ")",
              t);
      case HttpTimeoutException t ->
          new IOException(
              "S3 "
                  + what
                  + " at "
                  + location()
                  + " got no answer within "
                  + config.requestTimeout(),
              t);
      case ConnectException c ->
          new IOException(
              "cannot connect to S3 endpoint "
                  + config.endpoint()
                  + ": "
                  + (c.getMessage() == null ? "connection refused" : c.getMessage())
                  + " (check "
                  + S3Config.KEY_ENDPOINT
                  + ")",
              c);
      case IOException io ->
          io instanceof dev.simplex.checkpoint.CheckpointFormatException
              ? io
              : new IOException("S3 " + what + " at " + location() + " failed: " + io, io);
      default -> new IOException("S3 " + what + " at " + location() + " failed: " + cause, cause);
    };
  }

  private String origin() {
    URI e = config.endpoint();
    return e.getScheme() + "://" + e.getRawAuthority();
  }

  /** The Host header java.net.http sends: the port only when it is not the scheme's default. */
  private static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (uri.getScheme().equals("https") && port == 443)
            || (uri.getScheme().equals("http") && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while retrying an S3 request");
    }
  }
}
