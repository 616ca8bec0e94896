package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdxTest {
  @TempDir Path tmp;

  /** Three 2 x 3 images with pixels 0, 1/255, ..., one per column. */
  private static DoubleMatrix threeImages() {
    DoubleMatrix m = new DoubleMatrix(6, 3);
    for (int i = 0; i < m.length; i++) {
      m.data[i] = (i * 13 % 256) / 255.0;
    }
    return m;
  }

  @Test
  void imagesRoundTripGzipAndRaw() {
    DoubleMatrix images = threeImages();
    for (String name : new String[] {"x-images.gz", "x-images"}) {
      Path file = tmp.resolve(name);
      Idx.writeImages(file, images, 2, 3);
      DoubleMatrix back = Idx.readImages(file);
      assertEquals(6, back.rows);
      assertEquals(3, back.columns);
      assertArrayEquals(images.data, back.data, 1e-12);
    }
  }

  @Test
  void imageFileLayoutIsTheIdxStandard() throws IOException {
    Path file = tmp.resolve("x");
    Idx.writeImages(file, threeImages(), 2, 3);
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(16 + 18, bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertEquals(0x803, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(2, b.getInt());
    assertEquals(3, b.getInt());
    assertEquals(13, bytes[17]); // image 0, pixel 1: pixels are stored image by image
  }

  @Test
  void labelsRoundTrip() {
    Path file = tmp.resolve("l.gz");
    Idx.writeLabels(file, new int[] {7, 0, 255, 3});
    assertArrayEquals(new int[] {7, 0, 255, 3}, Idx.readLabels(file));
  }

  @Test
  void streamsAreReadRawOrGzipAndNamedInMessages() throws IOException {
    Path gz = tmp.resolve("l.gz");
    Path raw = tmp.resolve("l");
    Idx.writeLabels(gz, new int[] {3, 1, 4});
    Idx.writeLabels(raw, new int[] {3, 1, 4});
    assertArrayEquals(new int[] {3, 1, 4}, Idx.readLabels(Files.newInputStream(gz), "inside.jar!/l.gz"));
    assertArrayEquals(new int[] {3, 1, 4}, Idx.readLabels(Files.newInputStream(raw), "inside.jar!/l"));
    assertMessage("inside.jar!/l.gz is named .gz but is not gzip-compressed: expected the gzip magic bytes 1f 8b, "
        + "found 00 00. Fix: if it is an uncompressed IDX file, remove the .gz from its name; otherwise download "
        + "it again.", () -> Idx.readLabels(Files.newInputStream(raw), "inside.jar!/l.gz"));
  }

  @Test
  void missingFileIsAnIoProblemNotAFormatProblem() {
    Path file = tmp.resolve("nope.gz");
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> Idx.readImages(file));
    assertEquals("IDX file " + file + " does not exist. Check the path.", e.getMessage());
  }

  @Test
  void emptyFile() throws IOException {
    Path file = Files.createFile(tmp.resolve("empty-idx3-ubyte"));
    assertMessage(file + " is empty (0 bytes), but an IDX file starts with a header and then its data. "
        + "Fix: delete it and download or copy it again.", () -> Idx.readImages(file));
  }

  @Test
  void truncatedRawFile() throws IOException {
    Path file = tmp.resolve("images");
    Idx.writeImages(file, threeImages(), 2, 3);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 5));
    assertMessage(file + " is truncated: expected 3 images of 2 x 3 = 18 bytes of pixels, found only 13 bytes. "
        + "Fix: the download or copy was cut short; delete the file and download it again.",
        () -> Idx.readImages(file));
  }

  @Test
  void truncatedHeader() throws IOException {
    Path file = tmp.resolve("images");
    Files.write(file, new byte[] {0, 0, 8, 3, 0, 0});
    assertMessage(file + " is truncated: expected a 16-byte IDX header, found only 6 bytes. Fix: the download "
        + "or copy was cut short; delete the file and download it again.", () -> Idx.readImages(file));
  }

  @Test
  void truncatedGzipFile() throws IOException {
    Path file = tmp.resolve("images.gz");
    Idx.writeImages(file, threeImages(), 2, 3);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 12));
    assertMessage(file + " is truncated: the gzip stream ends before its data does (Unexpected end of ZLIB "
        + "input stream). Fix: the download or copy was cut short; delete the file and download it again.",
        () -> Idx.readImages(file));
  }

  @Test
  void wrongMagicNamesWhatWasFound() {
    Path labels = tmp.resolve("train-labels-idx1-ubyte.gz");
    Idx.writeLabels(labels, new int[] {1, 2});
    assertMessage(labels + " is not an IDX image file: expected magic number 0x00000803 (unsigned bytes, 3 "
        + "dimensions), found 0x00000801, an IDX file of unsigned bytes with 1 dimension (a label file). Fix: check that you passed the image file "
        + "(e.g. train-images-idx3-ubyte.gz).", () -> Idx.readImages(labels));
  }

  @Test
  void wrongMagicForLabels() throws IOException {
    Path file = tmp.resolve("labels");
    Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
    assertMessage(file + " is not an IDX label file: expected magic number 0x00000801 (unsigned bytes, 1 "
        + "dimension), found 0x504b0304, which is not an IDX file at all. Fix: check that you passed the label file (e.g. "
        + "train-labels-idx1-ubyte.gz).", () -> Idx.readLabels(file));
  }

  @Test
  void wrongDimensionCountOrTypeIsNamed() throws IOException {
    Path file = tmp.resolve("floats");
    Files.write(file, ByteBuffer.allocate(20).putInt(0x0D04).putInt(1).putInt(1).putInt(1).putInt(1).array());
    assertMessage(file + " is not an IDX image file: expected magic number 0x00000803 (unsigned bytes, 3 "
        + "dimensions), found 0x00000d04, an IDX file of floats with 4 dimensions. Fix: check that you passed "
        + "the image file (e.g. train-images-idx3-ubyte.gz).", () -> Idx.readImages(file));
  }

  @Test
  void dimensionsThatOverflowAreRejectedBeforeAllocating() throws IOException {
    Path file = tmp.resolve("images");
    ByteBuffer b = ByteBuffer.allocate(16).putInt(0x803).putInt(-1).putInt(28).putInt(28);
    Files.write(file, b.array());
    assertMessage(file + " has impossible dimensions 4294967295 x 28 x 28 (= 3367254359280 values): one matrix "
        + "holds at most 2147483639 values, so the header is corrupt. Fix: delete the file and download it "
        + "again.", () -> Idx.readImages(file));
  }

  @Test
  void gzNameButNotGzip() throws IOException {
    Path raw = tmp.resolve("raw");
    Idx.writeImages(raw, threeImages(), 2, 3);
    Path file = Files.copy(raw, tmp.resolve("train-images-idx3-ubyte.gz"));
    assertMessage(file + " is named .gz but is not gzip-compressed: expected the gzip magic bytes 1f 8b, found "
        + "00 00. Fix: if it is an uncompressed IDX file, remove the .gz from its name; otherwise download it "
        + "again.", () -> Idx.readImages(file));
  }

  @Test
  void trailingBytes() throws IOException {
    Path file = tmp.resolve("labels.gz");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(raw)) {
      out.write(ByteBuffer.allocate(8 + 2 + 3).putInt(0x801).putInt(2).put(new byte[] {4, 5, 6, 7, 8}).array());
    }
    Files.write(file, raw.toByteArray());
    assertMessage(file + " has 3 unexpected bytes after its data: the header promises 2 labels. Fix: the file "
        + "is corrupt (or two files were joined); download it again.", () -> Idx.readLabels(file));
  }

  @Test
  void writerRejectsPixelsOutsideZeroOne() {
    DoubleMatrix m = threeImages();
    m.put(4, 1, 1.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Idx.writeImages(tmp.resolve("x"), m, 2, 3));
    assertEquals("writeImages needs pixels in [0, 1], but value 10 (image 1) is 1.5.", e.getMessage());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable read) {
    DataFormatException e = assertThrows(DataFormatException.class, read);
    assertEquals(expected, e.getMessage());
  }
}
