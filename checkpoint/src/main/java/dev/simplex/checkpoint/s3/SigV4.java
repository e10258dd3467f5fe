package dev.simplex.checkpoint.s3;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests, as the AWS documentation specifies it: a canonical
 * request (method, URI, sorted query, sorted lower-case headers, payload SHA-256), a string to sign
 * scoped to date/region/service, and an HMAC-SHA256 chain from the secret key.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final String service;

  SigV4(String accessKey, String secretKey, String region, String service) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
    this.service = service;
  }

  /**
   * The Authorization header value for a request.
   *
   * @param canonicalUri the path exactly as sent (already percent-encoded, see {@link #encode})
   * @param query decoded query parameters (encoded here; their order does not matter)
   * @param headers every header to sign, including host, x-amz-date and x-amz-content-sha256
   * @param payloadSha256 hex SHA-256 of the body (also sent as x-amz-content-sha256)
   */
  String authorization(
      String method,
      String canonicalUri,
      Map<String, String> query,
      Map<String, String> headers,
      String payloadSha256,
      Instant time) {
    SortedMap<String, String> canonicalHeaders = new TreeMap<>();
    headers.forEach(
        (k, v) ->
            canonicalHeaders.put(k.toLowerCase(Locale.ROOT), v.strip().replaceAll(" +", " ")));
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String canonicalRequest =
        method
            + "\n"
            + canonicalUri
            + "\n"
            + canonicalQuery(query)
            + "\n"
            + canonicalHeaders.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining())
            + "\n"
            + signedHeaders
            + "\n"
            + payloadSha256;
    String date = amzDate(time).substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        ALGORITHM + "\n" + amzDate(time) + "\n" + scope + "\n" + sha256Hex(utf8(canonicalRequest));
    byte[] key = hmac(utf8("AWS4" + secretKey), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    return ALGORITHM
        + " Credential="
        + accessKey
        + "/"
        + scope
        + ",SignedHeaders="
        + signedHeaders
        + ",Signature="
        + signature;
  }

  static String amzDate(Instant time) {
    return AMZ_DATE.format(time);
  }

  /** Query parameters sorted by encoded name, each name and value encoded ('/' included). */
  static String canonicalQuery(Map<String, String> query) {
    var sorted = new TreeMap<String, String>();
    query.forEach((k, v) -> sorted.put(encode(k, true), encode(v, true)));
    return sorted.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  /**
   * RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, every other UTF-8 byte
   * becomes %XX (upper-case hex); '/' stays only in paths.
   */
  static String encode(String s, boolean encodeSlash) {
    var out = new StringBuilder(s.length() + 16);
    for (byte b : utf8(s)) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (unreserved || (c == '/' && !encodeSlash)) {
        out.append((char) c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(utf8(data));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK provides HmacSHA256", e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
