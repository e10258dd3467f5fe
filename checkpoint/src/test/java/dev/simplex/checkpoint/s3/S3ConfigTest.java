package dev.simplex.checkpoint.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
  private static Map<String, String> minimal() {
    var m = new HashMap<String, String>();
    m.put(S3Config.KEY_ENDPOINT, "http://127.0.0.1:9000");
    m.put(S3Config.KEY_BUCKET, "checkpoints");
    m.put(S3Config.KEY_ACCESS_KEY, "AK");
    m.put(S3Config.KEY_SECRET_KEY, "SK");
    return m;
  }

  private static String errorFor(String key, String value) {
    var m = minimal();
    m.put(key, value);
    return assertThrows(IllegalArgumentException.class, () -> S3Config.fromProperties(m))
        .getMessage();
  }

  @Test
  void minimalPropertiesTakeTheDefaults() {
    S3Config c = S3Config.fromProperties(minimal());
    assertEquals(URI.create("http://127.0.0.1:9000"), c.endpoint());
    assertEquals("us-east-1", c.region());
    assertEquals("", c.prefix());
    assertEquals(Duration.ofSeconds(5), c.connectTimeout());
    assertEquals(Duration.ofSeconds(30), c.requestTimeout());
    assertEquals(8, c.parallelRequests());
  }

  @Test
  void everyKeyIsRead() {
    var m = minimal();
    m.put(S3Config.KEY_REGION, "eu-west-3");
    m.put(S3Config.KEY_PREFIX, "swarm-a/checkpoints");
    m.put(S3Config.KEY_CONNECT_TIMEOUT, "750ms");
    m.put(S3Config.KEY_REQUEST_TIMEOUT, "2m");
    m.put(S3Config.KEY_PARALLEL_REQUESTS, "16");
    S3Config c = S3Config.fromProperties(m);
    assertEquals("eu-west-3", c.region());
    assertEquals("swarm-a/checkpoints/", c.prefix());
    assertEquals(Duration.ofMillis(750), c.connectTimeout());
    assertEquals(Duration.ofMinutes(2), c.requestTimeout());
    assertEquals(16, c.parallelRequests());
    assertEquals("http://127.0.0.1:9000/checkpoints/swarm-a/checkpoints/", c.location());
  }

  @Test
  void missingRequiredKeysAreNamed() {
    for (String key :
        new String[] {
          S3Config.KEY_ENDPOINT,
          S3Config.KEY_BUCKET,
          S3Config.KEY_ACCESS_KEY,
          S3Config.KEY_SECRET_KEY
        }) {
      var m = minimal();
      m.remove(key);
      var e = assertThrows(IllegalArgumentException.class, () -> S3Config.fromProperties(m));
      assertEquals(key + " must be set for the S3 checkpoint store", e.getMessage());
    }
  }

  @Test
  void badValuesAreRefusedNamingTheirKey() {
    assertTrue(errorFor(S3Config.KEY_ENDPOINT, "ftp://host").contains(S3Config.KEY_ENDPOINT));
    assertTrue(errorFor(S3Config.KEY_ENDPOINT, "http://h/?q=1").contains(S3Config.KEY_ENDPOINT));
    assertTrue(errorFor(S3Config.KEY_ENDPOINT, "http://a b").contains("is not a URL"));
    assertTrue(errorFor(S3Config.KEY_BUCKET, "Upper_Case").contains(S3Config.KEY_BUCKET));
    assertTrue(errorFor(S3Config.KEY_BUCKET, "ab").contains(S3Config.KEY_BUCKET));
    assertTrue(errorFor(S3Config.KEY_REGION, "US East").contains(S3Config.KEY_REGION));
    assertTrue(errorFor(S3Config.KEY_PREFIX, "../up").contains(S3Config.KEY_PREFIX));
    assertTrue(errorFor(S3Config.KEY_PREFIX, "a//b").contains(S3Config.KEY_PREFIX));
    assertTrue(
        errorFor(S3Config.KEY_CONNECT_TIMEOUT, "5 seconds").contains(S3Config.KEY_CONNECT_TIMEOUT));
    assertTrue(errorFor(S3Config.KEY_REQUEST_TIMEOUT, "0s").contains(S3Config.KEY_REQUEST_TIMEOUT));
    assertTrue(
        errorFor(S3Config.KEY_PARALLEL_REQUESTS, "lots").contains(S3Config.KEY_PARALLEL_REQUESTS));
    assertTrue(
        errorFor(S3Config.KEY_PARALLEL_REQUESTS, "0").contains(S3Config.KEY_PARALLEL_REQUESTS));
  }

  @Test
  void theSecretKeyNeverAppearsInToString() {
    S3Config c = S3Config.fromProperties(minimal()).withCredentials("AK", "very-secret-value");
    assertFalse(c.toString().contains("very-secret-value"), c.toString());
    assertTrue(c.toString().contains("AK"));
  }
}
