package dev.simplex.checkpoint.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the AWS S3 documentation ("Signature Calculations for the Authorization
 * Header: Transferring Payload in a Single Chunk"), with its example credentials.
 */
class SigV4Test {
  private static final SigV4 SIGNER =
      new SigV4(
          "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
  private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
  private static final String HOST = "examplebucket.s3.amazonaws.com";

  @Test
  void getObjectWithRangeMatchesTheAwsExample() {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Host", HOST);
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        SIGNER.authorization("GET", "/test.txt", Map.of(), headers, SigV4.EMPTY_SHA256, TIME));
  }

  @Test
  void putObjectWithAnEncodedKeyAndPayloadMatchesTheAwsExample() {
    String payload = SigV4.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
    assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payload);
    var headers = new LinkedHashMap<String, String>();
    headers.put("Host", HOST);
    headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
    headers.put("x-amz-date", "20130524T000000Z");
    headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
    headers.put("x-amz-content-sha256", payload);
    String uri = "/" + SigV4.encode("test$file.text", false);
    assertEquals("/test%24file.text", uri);
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        SIGNER.authorization("PUT", uri, Map.of(), headers, payload, TIME));
  }

  @Test
  void listObjectsWithQueryParametersMatchesTheAwsExample() {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Host", HOST);
    headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
    headers.put("x-amz-date", "20130524T000000Z");
    var query = new LinkedHashMap<String, String>();
    query.put("prefix", "J"); // given out of order: the canonical query sorts them
    query.put("max-keys", "2");
    assertEquals(
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        SIGNER.authorization("GET", "/", query, headers, SigV4.EMPTY_SHA256, TIME));
  }

  @Test
  void encodingKeepsUnreservedCharactersAndEncodesEverythingElseInUpperCaseHex() {
    assertEquals("aZ09-_.~", SigV4.encode("aZ09-_.~", true));
    assertEquals("actors/%2541/x", SigV4.encode("actors/%41/x", false));
    assertEquals("actors%2Fa%2F", SigV4.encode("actors/a/", true));
    assertEquals("%20%2B%C3%A9", SigV4.encode(" +é", true));
    assertEquals(
        "a=1&b=%2F&list-type=2",
        SigV4.canonicalQuery(Map.of("list-type", "2", "b", "/", "a", "1")));
  }
}
