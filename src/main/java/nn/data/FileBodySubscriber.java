package nn.data;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams an HTTP response body into a file while computing its MD5, printing progress in quarters and
 * recording when bytes last arrived, so the caller can give up on a mirror that stalls mid-download
 * (the HttpClient's own request timeout only covers the wait for the response headers).
 */
final class FileBodySubscriber implements BodySubscriber<String> {
  private final FileChannel file;
  private final MessageDigest md5;
  private final long length;
  private final AtomicLong lastProgressNanos;
  private final PrintStream log;
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private long received;
  private int quartersShown;

  /**
   * Writes to {@code target} (truncated first); {@code length} is the Content-Length or -1;
   * {@code lastProgressNanos} is set to {@link System#nanoTime()} whenever bytes arrive.
   */
  FileBodySubscriber(Path target, long length, AtomicLong lastProgressNanos, PrintStream log)
      throws IOException {
    this.file = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.length = length;
    this.lastProgressNanos = lastProgressNanos;
    this.log = log;
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no MD5, which every Java 17 must have.", e);
    }
  }

  /** Completes with the lowercase hex MD5 of the body once it has all been written. */
  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer buffer : buffers) {
        md5.update(buffer.duplicate());
        received += buffer.remaining();
        while (buffer.hasRemaining()) {
          file.write(buffer);
        }
      }
      lastProgressNanos.set(System.nanoTime());
      showProgress();
      subscription.request(1);
    } catch (IOException e) {
      cancel();
      result.completeExceptionally(e);
    }
  }

  @Override
  public void onError(Throwable error) {
    closeQuietly();
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    closeQuietly();
    result.complete(HexFormat.of().formatHex(md5.digest()));
  }

  /** Stops the transfer (e.g. after a stall) and closes the file. */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    closeQuietly();
  }

  /** Prints " 25%", " 50%", ... as each quarter of a known length arrives. */
  private void showProgress() {
    if (length <= 0) {
      return;
    }
    int quarters = (int) Math.min(4, received * 4 / length);
    while (quartersShown < quarters) {
      quartersShown++;
      log.print(" " + quartersShown * 25 + "%");
      log.flush();
    }
  }

  private void closeQuietly() {
    try {
      file.close();
    } catch (IOException ignored) {
      // Nothing to save: the caller deletes the partial file anyway.
    }
  }
}
