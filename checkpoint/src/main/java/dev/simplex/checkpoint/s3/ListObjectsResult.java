package dev.simplex.checkpoint.s3;

import dev.simplex.checkpoint.ObjectStore.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One page of a ListObjectsV2 answer: the keys with size and last-modified time, and the token for
 * the next page when the listing is truncated. Parsed with DTDs and external entities refused.
 */
record ListObjectsResult(List<ObjectInfo> objects, Optional<String> nextToken) {

  static ListObjectsResult parse(byte[] xml) throws IOException {
    Element root = parseXml(xml).getDocumentElement();
    if (!root.getTagName().equals("ListBucketResult")) {
      throw new IOException("not a ListObjectsV2 answer: root element <" + root.getTagName() + ">");
    }
    var objects = new ArrayList<ObjectInfo>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("Contents")) {
        String key = child(e, "Key").orElseThrow(() -> new IOException("<Contents> has no <Key>"));
        long size = parseSize(child(e, "Size").orElse("0"));
        Instant modified = parseTime(child(e, "LastModified").orElse(""), key);
        objects.add(new ObjectInfo(key, size, modified));
      }
    }
    boolean truncated = child(root, "IsTruncated").map(Boolean::parseBoolean).orElse(false);
    Optional<String> token = child(root, "NextContinuationToken");
    if (truncated && token.isEmpty()) {
      throw new IOException("truncated listing without a NextContinuationToken");
    }
    return new ListObjectsResult(objects, truncated ? token : Optional.empty());
  }

  /** S3's error document: {@code <Error><Code>..</Code><Message>..</Message></Error>}. */
  record ErrorDocument(String code, String message) {}

  static Optional<ErrorDocument> parseError(byte[] xml) {
    try {
      Element root = parseXml(xml).getDocumentElement();
      if (!root.getTagName().equals("Error")) {
        return Optional.empty();
      }
      return Optional.of(
          new ErrorDocument(child(root, "Code").orElse(""), child(root, "Message").orElse("")));
    } catch (IOException e) {
      return Optional.empty(); // not XML (a proxy's HTML page): the status says enough
    }
  }

  private static Document parseXml(byte[] xml) throws IOException {
    try {
      var f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      f.setXIncludeAware(false);
      var builder = f.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // fail, never print to stderr
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("unreadable XML from S3: " + e.getMessage(), e);
    }
  }

  private static Optional<String> child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return Optional.of(e.getTextContent());
      }
    }
    return Optional.empty();
  }

  private static long parseSize(String s) throws IOException {
    try {
      long n = Long.parseLong(s.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("listing has an impossible object size '" + s + "'");
    }
  }

  private static Instant parseTime(String s, String key) throws IOException {
    try {
      return Instant.parse(s.strip());
    } catch (DateTimeException e) {
      throw new IOException("listing gives " + key + " an unreadable LastModified '" + s + "'");
    }
  }
}
