package dev.simplex.checkpoint.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach an S3-compatible bucket. Requests use path-style addressing ({@code
 * endpoint/bucket/prefix/name}), which AWS, MinIO, Ceph, Garage and s3proxy all accept.
 *
 * @param endpoint http or https URL of the service, e.g. {@code https://s3.eu-west-1.amazonaws.com}
 * @param region the signing region (S3-compatible servers usually accept {@code us-east-1})
 * @param bucket an existing bucket
 * @param prefix where in the bucket the store lives: empty, or segments ending with '/'
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long one request may take, body included
 * @param parallelRequests how many chunk uploads may run at once
 */
public record S3Config(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    String accessKey,
    String secretKey,
    Duration connectTimeout,
    Duration requestTimeout,
    int parallelRequests) {

  public static final String KEY_ENDPOINT = "checkpoint.s3.endpoint";
  public static final String KEY_REGION = "checkpoint.s3.region";
  public static final String KEY_BUCKET = "checkpoint.s3.bucket";
  public static final String KEY_PREFIX = "checkpoint.s3.prefix";
  public static final String KEY_ACCESS_KEY = "checkpoint.s3.access-key";
  public static final String KEY_SECRET_KEY = "checkpoint.s3.secret-key";
  public static final String KEY_CONNECT_TIMEOUT = "checkpoint.s3.connect-timeout";
  public static final String KEY_REQUEST_TIMEOUT = "checkpoint.s3.request-timeout";
  public static final String KEY_PARALLEL_REQUESTS = "checkpoint.s3.parallel-requests";

  public static final String DEFAULT_REGION = "us-east-1";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_PARALLEL_REQUESTS = 8;

  // S3's bucket naming rules (lower case, digits, dots, hyphens; 3 to 63 characters)
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern PREFIX =
      Pattern.compile("([A-Za-z0-9_%~-][A-Za-z0-9._%~-]*/){0,16}");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

  public S3Config {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          KEY_ENDPOINT + " must be an http:// or https:// URL, got '" + endpoint + "'");
    }
    if (endpoint.getHost() == null
        || endpoint.getRawQuery() != null
        || endpoint.getRawFragment() != null
        || endpoint.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          KEY_ENDPOINT + " must be scheme://host[:port][/path], got '" + endpoint + "'");
    }
    require(region, REGION, KEY_REGION, "lower-case letters, digits and '-', e.g. us-east-1");
    require(bucket, BUCKET, KEY_BUCKET, "3 to 63 of a-z, 0-9, '.', '-', as S3 requires");
    require(prefix, PREFIX, KEY_PREFIX, "empty, or segments of [A-Za-z0-9._%~-] each ending '/'");
    if (accessKey == null || accessKey.isBlank()) {
      throw new IllegalArgumentException(KEY_ACCESS_KEY + " must be set");
    }
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException(KEY_SECRET_KEY + " must be set");
    }
    positive(connectTimeout, KEY_CONNECT_TIMEOUT);
    positive(requestTimeout, KEY_REQUEST_TIMEOUT);
    if (parallelRequests < 1 || parallelRequests > 256) {
      throw new IllegalArgumentException(
          KEY_PARALLEL_REQUESTS + " must be between 1 and 256, got " + parallelRequests);
    }
  }

  /** A configuration with the default region, no prefix and default timeouts. */
  public static S3Config of(URI endpoint, String bucket, String accessKey, String secretKey) {
    return new S3Config(
        endpoint,
        DEFAULT_REGION,
        bucket,
        "",
        accessKey,
        secretKey,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_PARALLEL_REQUESTS);
  }

  /**
   * Reads the {@code checkpoint.s3.*} keys (endpoint, bucket, access-key and secret-key required;
   * timeouts as {@code 500ms}, {@code 5s} or {@code 2m}). Every error names the key.
   */
  public static S3Config fromProperties(Map<String, String> props) {
    String endpoint = required(props, KEY_ENDPOINT);
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          KEY_ENDPOINT + " is not a URL: '" + endpoint + "' (" + e.getReason() + ")");
    }
    String prefix = props.getOrDefault(KEY_PREFIX, "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    return new S3Config(
        uri,
        props.getOrDefault(KEY_REGION, DEFAULT_REGION),
        required(props, KEY_BUCKET),
        prefix,
        required(props, KEY_ACCESS_KEY),
        required(props, KEY_SECRET_KEY),
        duration(props, KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
        duration(props, KEY_REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
        integer(props, KEY_PARALLEL_REQUESTS, DEFAULT_PARALLEL_REQUESTS));
  }

  public S3Config withRegion(String r) {
    return new S3Config(
        endpoint,
        r,
        bucket,
        prefix,
        accessKey,
        secretKey,
        connectTimeout,
        requestTimeout,
        parallelRequests);
  }

  public S3Config withPrefix(String p) {
    return new S3Config(
        endpoint,
        region,
        bucket,
        p,
        accessKey,
        secretKey,
        connectTimeout,
        requestTimeout,
        parallelRequests);
  }

  public S3Config withCredentials(String access, String secret) {
    return new S3Config(
        endpoint,
        region,
        bucket,
        prefix,
        access,
        secret,
        connectTimeout,
        requestTimeout,
        parallelRequests);
  }

  public S3Config withTimeouts(Duration connect, Duration request) {
    return new S3Config(
        endpoint, region, bucket, prefix, accessKey, secretKey, connect, request, parallelRequests);
  }

  /** The bucket and prefix as a URL, for messages. */
  public String location() {
    return endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/" + prefix;
  }

  @Override
  public String toString() { // never prints the secret key
    return "S3Config[" + location() + ", region " + region + ", access key " + accessKey + "]";
  }

  private static void require(String value, Pattern p, String key, String what) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException(key + " must be " + what + ", got '" + value + "'");
    }
  }

  private static void positive(Duration d, String key) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
    }
  }

  private static String required(Map<String, String> props, String key) {
    String v = props.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " must be set for the S3 checkpoint store");
    }
    return v.strip();
  }

  private static Duration duration(Map<String, String> props, String key, Duration dflt) {
    String v = props.get(key);
    if (v == null) {
      return dflt;
    }
    Matcher m = DURATION.matcher(v.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + " must be a duration like 500ms, 5s or 2m, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static int integer(Map<String, String> props, String key, int dflt) {
    String v = props.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
  }
}
