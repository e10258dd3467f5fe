package dev.simplex.checkpoint.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for tests: s3proxy on 127.0.0.1 (an ephemeral port) over jclouds'
 * in-memory blob store, checking Signature V4 with fixed test credentials.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "simplex-test-access";
  public static final String SECRET_KEY = "simplex-test-secret/with+odd=characters";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3Server(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  public static S3Server start(String... buckets) throws Exception {
    var props = new Properties();
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials(ACCESS_KEY, SECRET_KEY)
            .overrides(props)
            .build(BlobStoreContext.class);
    for (String b : buckets) {
      context.getBlobStore().createContainerInLocation(null, b);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(5);
    }
    return new S3Server(context, proxy);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public S3Config config(String bucket, String prefix) {
    return S3Config.of(endpoint(), bucket, ACCESS_KEY, SECRET_KEY)
        .withPrefix(prefix)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
