package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mnist#fullIfCached()} never downloads: it reads a complete cache directory, and otherwise returns
 * the sample with a description that says where the files go. The cache is always a temp directory, never
 * the real ~/.cache.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullIfCachedTest {
  @TempDir Path tmp;

  /** Writes 50 train and 20 test digits of the sample as the four files, spelled as {@code gz} says. */
  private static void writeFour(Path dir, boolean gz, boolean dotted) throws IOException {
    Files.createDirectories(dir);
    Dataset train = Mnist.sample().train().head(50);
    Dataset test = Mnist.sample().test().head(20);
    String[] names = IdxSplit.FILES.stream()
        .map(n -> gz ? n : n.replace(".gz", ""))
        .map(n -> dotted ? n.replace("-idx", ".idx") : n)
        .toArray(String[]::new);
    Idx.writeImages(dir.resolve(names[0]), train.images(), 28, 28);
    Idx.writeLabels(dir.resolve(names[1]), train.labels());
    Idx.writeImages(dir.resolve(names[2]), test.images(), 28, 28);
    Idx.writeLabels(dir.resolve(names[3]), test.labels());
  }

  @Test
  void completeCacheGivesTheFilesInIt() throws IOException {
    Path dir = tmp.resolve("mnist");
    writeFour(dir, true, false);
    Split s = Mnist.fullIfCached(dir);
    assertEquals(42, s.train().size());
    assertEquals(20, s.test().size());
    assertArrayEquals(Mnist.sample().train().head(42).labels(), s.train().labels());
    assertEquals("MNIST: 42 train / 8 validation / 20 test (cached in " + dir + ")", s.description());
  }

  @Test
  void acceptsUncompressedDottedSpelling() throws IOException {
    Path dir = tmp.resolve("mnist");
    writeFour(dir, false, true);
    Split s = Mnist.fullIfCached(dir);
    assertEquals(42, s.train().size());
    assertTrue(s.description().startsWith("MNIST: 42 train / 8 validation / 20 test"), s.description());
  }

  @Test
  void incompleteCacheGivesTheSampleAndNeverDownloads() throws IOException {
    Path dir = tmp.resolve("mnist");
    writeFour(dir, true, false);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    Split s = Mnist.fullIfCached(dir);
    assertEquals(Mnist.sample().train().size(), s.train().size());
    assertEquals(Mnist.sample().test().size(), s.test().size());
    assertTrue(s.description().startsWith(Mnist.sample().description()), s.description());
    assertTrue(s.description().contains("full MNIST is not in " + dir), s.description());
    assertTrue(s.description().contains("t10k-labels-idx1-ubyte.gz"), s.description());
    assertTrue(s.description().contains("Mnist.full()"), s.description());
    // Nothing was fetched: the directory still holds just the three files we left.
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(3, files.count());
    }
  }

  @Test
  void noArgumentVersionUsesTheDataDirProperty() throws IOException {
    String before = System.getProperty("nn.data.dir");
    System.setProperty("nn.data.dir", tmp.toString());
    try {
      Split missing = Mnist.fullIfCached();
      assertTrue(missing.description().contains("full MNIST is not in " + tmp.resolve("mnist")),
          missing.description());
      assertFalse(Files.exists(tmp.resolve("mnist")), "fullIfCached must not create or fill the cache");

      writeFour(tmp.resolve("mnist"), true, false);
      Split cached = Mnist.fullIfCached();
      assertEquals(42, cached.train().size());
      assertEquals("MNIST: 42 train / 8 validation / 20 test (cached in " + tmp.resolve("mnist") + ")", cached.description());
    } finally {
      if (before == null) {
        System.clearProperty("nn.data.dir");
      } else {
        System.setProperty("nn.data.dir", before);
      }
    }
  }
}
