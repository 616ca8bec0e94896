package nn.data;


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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of {@link DownloaderTest}: a real HTTP server on 127.0.0.1 serving small but real IDX files (50
 * train and 20 test digits of the sample), each path prefix a "mirror" that misbehaves in one way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class MirrorFixture {
  @TempDir Path tmp;
  HttpServer server;
  ExecutorService threads;
  final CountDownLatch release = new CountDownLatch(1);
  final Map<String, byte[]> files = new LinkedHashMap<>();
  final Map<String, String> md5 = new LinkedHashMap<>();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  Path cache;

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

  Downloader downloader(int timeoutSeconds, String... mirrors) {
    List<URI> uris = Stream.of(mirrors).map(m -> URI.create(url(m))).collect(Collectors.toList());
    return new Downloader(uris, md5, Duration.ofSeconds(timeoutSeconds), log);
  }

  String url(String mirror) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/";
  }

  /** A URL on a port where nothing listens: what an offline machine sees. */
  static URI closedPort() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + "/mnist/");
  }

  byte[] body(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    return files.get(path.substring(path.lastIndexOf('/') + 1));
  }

  /** Sends {@code bytes} with their full Content-Length, but only the first {@code limit} of them. */
  void serve(HttpExchange ex, String mirror, byte[] bytes, int limit) throws IOException {
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

  void count(String mirror) {
    hits.computeIfAbsent(mirror, k -> new AtomicInteger()).incrementAndGet();
  }

  int hits(String mirror) {
    AtomicInteger n = hits.get(mirror);
    return n == null ? 0 : n.get();
  }

  void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Set<String> cacheFiles() {
    if (!Files.isDirectory(cache)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String md5Of(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String logText() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }
}
