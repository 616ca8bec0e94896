package nn.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Downloads a fixed set of files into a directory from a list of mirrors, checking each file's MD5.
 *
 * <p>Each file is written to a temporary ".part" file in the target directory and renamed into place only
 * after its checksum matches, so the directory never holds a partial or wrong file. A mirror that fails
 * (HTTP error, dropped connection, wrong checksum, or no bytes for {@code timeout}) is skipped for the next.
 */
public final class Downloader {
  /** The MNIST mirrors, tried in order (the original yann.lecun.com site no longer serves the files). */
  public static final List<URI> MNIST_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  /** MD5 of each MNIST file, in the order train images, train labels, test images, test labels. */
  public static final Map<String, String> MNIST_MD5 = mnistMd5();

  /** How long to wait for a connection, for headers, or for the next bytes, unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final List<URI> mirrors;
  private final Map<String, String> md5;
  private final Duration timeout;
  private final PrintStream log;
  private final HttpClient client;

  /**
   * A downloader for the files named by the keys of {@code md5} (name -> lowercase hex MD5), fetched as
   * {@code mirror.resolve(name)}; progress and failures go to {@code log}.
   */
  public Downloader(List<URI> mirrors, Map<String, String> md5, Duration timeout, PrintStream log) {
    if (mirrors.isEmpty() || md5.isEmpty() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Downloader needs at least one mirror, at least one file and a "
          + "positive timeout; got " + mirrors.size() + " mirrors, " + md5.size() + " files, timeout "
          + timeout + ".");
    }
    this.mirrors = List.copyOf(mirrors);
    this.md5 = new LinkedHashMap<>(md5);
    this.timeout = timeout;
    this.log = log;
    // HTTP/1.1: plain, predictable, and what every mirror and the tests' local server speak.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The real MNIST: both mirrors, the published MD5s, 10 s timeout, progress on System.out. */
  public static Downloader mnist() {
    return new Downloader(MNIST_MIRRORS, MNIST_MD5, DEFAULT_TIMEOUT, System.out);
  }

  /** The file names this downloader fetches. */
  public List<String> files() {
    return List.copyOf(md5.keySet());
  }

  /** Where progress and failure lines go. */
  PrintStream log() {
    return log;
  }

  /**
   * Downloads every file not yet in {@code dir}. Stops at the first file that no mirror can deliver,
   * throwing an IOException whose one-line message lists each mirror's failure.
   */
  public void fetchMissing(Path dir) throws IOException {
    for (String name : md5.keySet()) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        fetch(name, dir);
      }
    }
  }

  /** Downloads {@code name} into {@code dir}, trying each mirror in turn; returns the verified file. */
  public Path fetch(String name, Path dir) throws IOException {
    String expected = md5.get(name);
    if (expected == null) {
      throw new IllegalArgumentException("Downloader does not know " + name + "; it knows " + files() + ".");
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI uri = mirror.resolve(name);
      Path part = Files.createTempFile(dir, name + ".", ".part");
      try {
        String found = download(uri, part);
        if (!found.equalsIgnoreCase(expected)) {
          log.println(" rejected: wrong checksum");
          throw new IOException("wrong MD5 " + found + ", expected " + expected);
        }
        moveIntoPlace(part, target);
        log.println(" ok");
        return target;
      } catch (IOException e) {
        failures.add(uri + ": " + reason(e));
      } finally {
        Files.deleteIfExists(part);
      }
    }
    throw new IOException(String.join("; ", failures));
  }

  /**
   * Fetches {@code uri} into {@code part} and returns the body's MD5. Gives up when nothing arrives for
   * {@code timeout}, whether before the headers or in the middle of the body.
   */
  private String download(URI uri, Path part) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    AtomicReference<FileBodySubscriber> body = new AtomicReference<>();
    CompletableFuture<HttpResponse<String>> response = client.sendAsync(request, info -> {
      lastProgress.set(System.nanoTime());
      if (info.statusCode() != 200) {
        return BodySubscribers.replacing(null);
      }
      long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      log.print("Downloading " + uri + size(length) + ":");
      log.flush();
      try {
        FileBodySubscriber subscriber = new FileBodySubscriber(part, length, lastProgress, log);
        body.set(subscriber);
        return subscriber;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    HttpResponse<String> done = await(response, lastProgress, body);
    if (done.statusCode() != 200) {
      throw new IOException("HTTP " + done.statusCode());
    }
    return done.body();
  }

  /** Waits for the whole response, cancelling it when no bytes have arrived for {@code timeout}. */
  private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> response, AtomicLong lastProgress,
      AtomicReference<FileBodySubscriber> body) throws IOException {
    long poll = Math.max(1, Math.min(200, timeout.toMillis() / 10));
    while (true) {
      try {
        return response.get(poll, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        if (System.nanoTime() - lastProgress.get() > timeout.toNanos()) {
          FileBodySubscriber subscriber = body.get();
          if (subscriber != null) {
            subscriber.cancel();
            log.println(" stalled");
          }
          response.cancel(true);
          throw new IOException("no data for " + timeout.toMillis() / 1000.0 + " s");
        }
      } catch (ExecutionException e) {
        if (body.get() != null) {
          log.println(" failed");
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw cause instanceof IOException io ? io : new IOException(reason(cause), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response.cancel(true);
        throw new InterruptedIOException("Download interrupted.");
      }
    }
  }

  /** " (9.9 MB)", " (28 kB)", or "" when the server does not say. */
  private static String size(long bytes) {
    if (bytes <= 0) {
      return "";
    }
    return bytes >= 1_000_000 ? String.format(Locale.ROOT, " (%.1f MB)", bytes / 1e6)
        : String.format(Locale.ROOT, " (%d kB)", Math.max(1, Math.round(bytes / 1e3)));
  }

  /** Renames atomically where the file system can, so readers see the whole file or none of it. */
  private static void moveIntoPlace(Path part, Path target) throws IOException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A short one-line reason, e.g. "HTTP 404" or "ConnectException": many network exceptions carry no
   * message, and their class name says more than the low-level cause underneath.
   */
  static String reason(Throwable e) {
    while (e.getCause() != null && (e instanceof java.io.UncheckedIOException
        || e instanceof java.util.concurrent.CompletionException || e instanceof ExecutionException)) {
      e = e.getCause();
    }
    String message = e.getMessage() == null ? null : e.getMessage().replaceAll("\\s+", " ");
    if (e.getClass() == IOException.class && message != null) {
      return message;
    }
    if (message == null && e.getCause() != null) {
      // e.g. "ConnectException (UnresolvedAddressException)": offline, or a typo in the host name
      return e.getClass().getSimpleName() + " (" + reason(e.getCause()) + ")";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Map<String, String> mnistMd5() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873");
    m.put("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432");
    m.put("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3");
    m.put("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c");
    return java.util.Collections.unmodifiableMap(m);
  }
}
