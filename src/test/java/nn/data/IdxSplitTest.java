package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdxSplitTest {
  @TempDir Path tmp;

  /** Writes the first {@code n} sample digits of each set into {@code dir} under the given suffix. */
  static void writeSmallSet(Path dir, int n, String suffix) {
    Dataset train = Mnist.sample().train().head(n);
    Dataset test = Mnist.sample().test().head(n / 2);
    Idx.writeImages(dir.resolve("train-images-idx3-ubyte" + suffix), train.images(), 28, 28);
    Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte" + suffix), train.labels());
    Idx.writeImages(dir.resolve("t10k-images-idx3-ubyte" + suffix), test.images(), 28, 28);
    Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte" + suffix), test.labels());
  }

  @Test
  void fromDirectoryReadsGzipFiles() {
    writeSmallSet(tmp, 40, ".gz");
    Split s = Mnist.fromDirectory(tmp);
    // The last sixth of the training file (7 of 40, rounded) is the validation set, as with MNIST's 60,000.
    assertEquals(33, s.train().size());
    assertEquals(7, s.validation().size());
    assertEquals(20, s.test().size());
    assertEquals("IDX files in " + tmp + ": 33 train / 7 validation / 20 test", s.description());
    Dataset written = Mnist.sample().train().head(40);
    assertArrayEquals(written.head(33).images().data, s.train().images().data, 0.0);
    assertArrayEquals(written.slice(33, 40).images().data, s.validation().images().data, 0.0);
    assertArrayEquals(Arrays.copyOfRange(written.labels(), 33, 40), s.validation().labels());
    assertArrayEquals(Arrays.copyOf(Mnist.sample().test().labels(), 20), s.test().labels());
  }

  @Test
  void fromDirectoryReadsUncompressedFilesAndLoadAcceptsAPath() {
    writeSmallSet(tmp, 10, "");
    assertEquals(8, Mnist.load(tmp.toString()).train().size());
  }

  @Test
  void labelCountMustMatchImageCount() {
    writeSmallSet(tmp, 10, ".gz");
    Idx.writeLabels(tmp.resolve("train-labels-idx1-ubyte.gz"), new int[9]);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.fromDirectory(tmp));
    assertEquals(tmp.resolve("train-labels-idx1-ubyte.gz") + " holds 9 labels but "
        + tmp.resolve("train-images-idx3-ubyte.gz") + " holds 10 images: expected one label per image. Fix: "
        + "the two files do not belong together (different sets or a cut-off copy); replace both.",
        e.getMessage());
  }

  @Test
  void labelsAboveNineAreRejected() {
    writeSmallSet(tmp, 10, ".gz");
    int[] labels = new int[5];
    labels[3] = 12;
    Idx.writeLabels(tmp.resolve("t10k-labels-idx1-ubyte.gz"), labels);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.fromDirectory(tmp));
    assertEquals(tmp.resolve("t10k-labels-idx1-ubyte.gz") + " has label 12 at position 3, but MNIST-style "
        + "labels are 0..9. Fix: check that this is a label file of a 10-class set; otherwise download it "
        + "again.", e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    writeSmallSet(tmp, 10, ".gz");
    tmp.resolve("t10k-images-idx3-ubyte.gz").toFile().delete();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.fromDirectory(tmp));
    assertEquals("Directory " + tmp + " has no t10k-images-idx3-ubyte.gz (nor t10k-images-idx3-ubyte). "
        + "Expected the four files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
        + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (gzip-compressed or not). Fix: put them there, "
        + "or pass the directory that holds them.", e.getMessage());
  }

  @Test
  void unknownDatasetName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mnist.load("no-such-dataset-xyz"));
    assertEquals("Unknown dataset \"no-such-dataset-xyz\": expected sample, mnist, fashion or a directory "
        + "holding the four MNIST-style IDX files.", e.getMessage());
  }
}
