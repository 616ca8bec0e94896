package nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of docs/bad-inputs.md about data files that IdxTest and IdxSplitTest do not already cover: the two
 * headers the fuzzer found, and a gzip file with a flipped byte.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadDataFilesTest {
  @TempDir Path tmp;

  @Test
  void headerPromisingTwoBillionPixelsIsTruncatedNotOutOfMemory() throws IOException {
    // Found by the fuzzer (crash-oom-header-promises-316M-pixels): the reader allocated the promised
    // matrix (here 16 GB) before reading a single pixel. Now it reads the bytes first.
    Path file = tmp.resolve("train-images-idx3-ubyte");
    Files.write(file, ByteBuffer.allocate(16 + 100).putInt(0x803).putInt(2_551_020).putInt(28).putInt(28).array());
    assertMessage(file + " is truncated: expected 2551020 images of 28 x 28 = 1999999680 bytes of pixels, found "
        + "only 100 bytes. Fix: the download or copy was cut short; delete the file and download it again.",
        () -> Idx.readImages(file));
  }

  @Test
  void fourBillionEmptyImagesAreImpossible() throws IOException {
    // Found while fixing the above: 4294967295 x 0 x 0 holds 0 values, so it passed the size check, and
    // (int) 4294967295 = -1 became a matrix with -1 columns.
    Path file = tmp.resolve("images");
    Files.write(file, ByteBuffer.allocate(16).putInt(0x803).putInt(-1).putInt(0).putInt(0).array());
    assertMessage(file + " has impossible dimensions 4294967295 x 0 x 0 (= 0 values): one matrix holds at most "
        + "2147483639 values and at most 2147483639 in each dimension, so the header is corrupt. Fix: delete the "
        + "file and download it again.", () -> Idx.readImages(file));
  }

  @Test
  void gzipFileWithAFlippedByteIsDamaged() throws IOException {
    Path file = tmp.resolve("t10k-images-idx3-ubyte.gz");
    Idx.writeImages(file, DoubleMatrix.zeros(784, 3), 28, 28);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x01; // inside the CRC-32 of the gzip trailer
    Files.write(file, bytes);
    assertMessage(file + " is a damaged gzip file (Corrupt GZIP trailer). Fix: delete the file and download it "
        + "again.", () -> Idx.readImages(file));
  }

  @Test
  void loadWithoutAName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(null));
    assertEquals("Unknown dataset null: expected sample, mnist, fashion or a directory holding the four "
        + "MNIST-style IDX files.", e.getMessage());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable read) {
    DataFormatException e = assertThrows(DataFormatException.class, read);
    assertEquals(expected, e.getMessage());
  }
}
