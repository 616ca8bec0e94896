package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reads the REAL Fashion-MNIST files of the Debian package dataset-fashion-mnist (make test installs it). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FashionTest {
  @Test
  void readsTheRealFashionMnist() {
    if (!IdxSplit.complete(Mnist.DEBIAN_FASHION)) {
      fail("Fashion-MNIST is missing from " + Mnist.DEBIAN_FASHION + ". Install it with "
          + "`sudo apt-get install dataset-fashion-mnist` (make test installs it; this test is never skipped).");
    }
    Split s = Mnist.fashion(List.of(Mnist.DEBIAN_FASHION));
    // The last 10,000 training images are the validation set, as Nielsen's mnist_loader holds out of MNIST.
    assertEquals("Fashion-MNIST: 50,000 train / 10,000 validation / 10,000 test", s.description());
    assertEquals(784, s.train().inputs());
    assertEquals(50_000, s.train().size());
    assertEquals(10_000, s.validation().size());
    int[] both = s.train().classCounts();
    int[] validation = s.validation().classCounts();
    for (int c = 0; c < 10; c++) {
      both[c] += validation[c];
    }
    assertEquals(10_000, s.test().size());
    assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, both);
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
        s.test().classCounts());
    assertEquals(0.0, s.train().images().min());
    assertEquals(1.0, s.train().images().max());
    // The first training image of Fashion-MNIST is an ankle boot (label 9).
    assertEquals(9, s.train().label(0));
    assertEquals("Ankle boot", Mnist.FASHION_CLASSES.get(s.train().label(0)));
  }

  @Test
  void missingFashionSaysHowToInstallIt(@TempDir Path tmp) {
    Path a = tmp.resolve("debian");
    Path b = tmp.resolve("cache");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Mnist.fashion(List.of(a, b)));
    assertEquals("Fashion-MNIST is not installed: looked in " + a + " and [" + b + "]. Fix: install the Debian "
        + "package with `sudo apt-get install dataset-fashion-mnist`, or put the four files "
        + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
        + "t10k-labels-idx1-ubyte.gz into " + b + ".", e.getMessage());
  }

  @Test
  void tenClassNames() {
    assertEquals(10, Mnist.FASHION_CLASSES.size());
    assertEquals("T-shirt/top", Mnist.FASHION_CLASSES.get(0));
    assertEquals("Ankle boot", Mnist.FASHION_CLASSES.get(9));
  }
}
