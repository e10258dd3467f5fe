package dev.simplex.checkpoint.s3;

import java.io.IOException;

/**
 * An S3 request the service refused. The message names the request, the HTTP status, S3's error
 * code and message, and which setting to check.
 */
public final class S3Exception extends IOException {
  private final int status;
  private final String code;

  S3Exception(String message, int status, String code) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status (403, 404, 503 ...). */
  public int status() {
    return status;
  }

  /** S3's error code ({@code NoSuchBucket}, {@code SignatureDoesNotMatch} ...), or empty. */
  public String code() {
    return code;
  }

  /** What to check for an S3 error code, as a clause for the message (empty when nothing). */
  static String hint(int status, String code, S3Config config) {
    return switch (code) {
      case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSecurity" ->
          "check " + S3Config.KEY_ACCESS_KEY + " and " + S3Config.KEY_SECRET_KEY;
      case "AccessDenied" ->
          "the credentials (" + S3Config.KEY_ACCESS_KEY + ") may not use bucket " + config.bucket();
      case "NoSuchBucket" -> "create bucket " + config.bucket() + " or fix " + S3Config.KEY_BUCKET;
      case "AuthorizationHeaderMalformed",
          "PermanentRedirect",
          "IllegalLocationConstraintException" ->
          "check " + S3Config.KEY_REGION + " (now " + config.region() + ")";
      case "RequestTimeTooSkewed" -> "this machine's clock is off; S3 allows 15 minutes";
      default ->
          switch (status) {
            case 301, 307 -> "check " + S3Config.KEY_REGION + " and " + S3Config.KEY_ENDPOINT;
            case 401, 403 -> "check " + S3Config.KEY_ACCESS_KEY + " and " + S3Config.KEY_SECRET_KEY;
            case 500, 502, 503, 504 -> "the service failed; it was retried";
            default -> "";
          };
    };
  }
}
