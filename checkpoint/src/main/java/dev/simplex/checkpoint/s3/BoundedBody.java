package dev.simplex.checkpoint.s3;

import dev.simplex.checkpoint.CheckpointFormatException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: a larger one is cut off without downloading the
 * rest, failing ({@code strict}, for objects) or keeping what fits (for error messages).
 */
final class BoundedBody implements BodySubscriber<byte[]> {
  private final int max;
  private final boolean strict;
  private final String what;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  BoundedBody(int max, boolean strict, String what) {
    this.max = max;
    this.strict = strict;
    this.what = what;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      int room = max - out.size();
      if (b.remaining() > room) {
        subscription.cancel();
        if (strict) {
          result.completeExceptionally(
              new CheckpointFormatException(what + " is more than the limit of " + max + " bytes"));
        } else {
          byte[] part = new byte[room];
          b.get(part);
          out.writeBytes(part);
          result.complete(out.toByteArray());
        }
        return;
      }
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }
}
