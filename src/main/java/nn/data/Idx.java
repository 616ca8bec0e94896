package nn.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.jblas.DoubleMatrix;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (raw or gzip-compressed).
 *
 * <p>An IDX file is a header (magic number, then one big-endian 32-bit size per dimension) followed by the
 * values. Images: magic {@code 0x00000803} (type byte 0x08 = unsigned byte, 3 dimensions), sizes
 * {@code n, rows, cols}, then {@code n*rows*cols} pixels 0..255, image by image, row by row. Labels: magic
 * {@code 0x00000801}, size {@code n}, then {@code n} bytes.
 *
 * <p>Images come back as a {@code rows*cols x n} matrix, one image per column, pixels divided by 255 so they
 * lie in [0, 1]. jblas stores matrices column by column, so image {@code i} is exactly
 * {@code data[i*rows*cols .. (i+1)*rows*cols - 1]}: the bytes are scaled straight into place. They are read
 * first (one byte per pixel, an eighth of the matrix) so that a header promising more than the file holds
 * is reported as truncated before any large allocation.
 *
 * <p>Every problem with a file's contents throws {@link DataFormatException} naming the file, what was
 * expected, what was found and the fix. A missing or unreadable file throws {@link UncheckedIOException}.
 */
public final class Idx {
  /** Magic number of an image file: unsigned bytes, 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of a label file: unsigned bytes, 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** The most values one Java array (hence one DoubleMatrix) can hold on common JVMs. */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  private static final int BUFFER = 1 << 16;
  /** Pixels are read in chunks of this many bytes (1 MB) before they become doubles. */
  private static final int CHUNK = 1 << 20;
  /** byte value -> byte / 255.0, so the inner loop is a table look-up rather than a division. */
  private static final double[] SCALE = new double[256];

  static {
    for (int b = 0; b < 256; b++) {
      SCALE[b] = b / 255.0;
    }
  }

  private Idx() {}

  /** Reads an image file (raw or gzip) into a {@code rows*cols x n} matrix, pixels in [0, 1]. */
  public static DoubleMatrix readImages(Path file) {
    return withFile(file, in -> readImages(in, file.toString()));
  }

  /** Reads a label file (raw or gzip) into {@code n} ints 0..255. */
  public static int[] readLabels(Path file) {
    return withFile(file, in -> readLabels(in, file.toString()));
  }

  /**
   * Reads an image file from {@code in} (raw or gzip, detected by its first two bytes) into a
   * {@code rows*cols x n} matrix, pixels in [0, 1]. {@code source} names the data in error messages (a name
   * ending in ".gz" must be gzip). Reads the stream to its end, to catch trailing bytes, and closes it.
   */
  public static DoubleMatrix readImages(InputStream in, String source) {
    return readImages(in, source, -1)[0];
  }

  /**
   * Reads an image file into two matrices, columns {@code 0 .. first-1} and {@code first .. n-1}, without ever
   * holding a third, full-size one: how a validation set is held out of 60,000 images in a 1 GB heap.
   */
  static DoubleMatrix[] readImages(Path file, int first) {
    return withFile(file, in -> readImages(in, file.toString(), first));
  }

  /** One matrix of all images ({@code first < 0}) or two split after column {@code first}. */
  private static DoubleMatrix[] readImages(InputStream in, String source, int first) {
    try (InputStream data = open(in, source)) {
      long[] dims = IdxHeader.read(data, source, IMAGES_MAGIC, 3);
      int pixels = (int) (dims[1] * dims[2]);
      int n = (int) dims[0];
      String promised = n + " images of " + dims[1] + " x " + dims[2] + " = " + (long) pixels * n
          + " bytes of pixels";
      // The bytes first, the doubles after: a corrupt 16-byte header can promise two billion pixels, and
      // allocating 16 GB for them would end in an OutOfMemoryError instead of "truncated".
      byte[][] chunks = readChunks(data, (long) pixels * n, source, promised);
      checkNoTrailingBytes(data, source, promised);
      int split = first < 0 ? n : Math.min(first, n);
      DoubleMatrix[] parts = first < 0 ? new DoubleMatrix[] {new DoubleMatrix(pixels, n)}
          : new DoubleMatrix[] {new DoubleMatrix(pixels, split), new DoubleMatrix(pixels, n - split)};
      long boundary = (long) pixels * split;
      long at = 0;
      for (byte[] chunk : chunks) {
        for (byte b : chunk) {
          if (at < boundary) {
            parts[0].data[(int) at] = SCALE[b & 0xff];
          } else {
            parts[1].data[(int) (at - boundary)] = SCALE[b & 0xff];
          }
          at++;
        }
      }
      return parts;
    } catch (IOException e) {
      throw damaged(source, e);
    }
  }

  /** Reads a label file from {@code in} (raw or gzip) into {@code n} ints; closes the stream. */
  public static int[] readLabels(InputStream in, String source) {
    try (InputStream data = open(in, source)) {
      int n = (int) IdxHeader.read(data, source, LABELS_MAGIC, 1)[0];
      byte[] bytes = data.readNBytes(n);
      if (bytes.length < n) {
        throw IdxHeader.truncated(source, n + " labels", bytes.length);
      }
      checkNoTrailingBytes(data, source, n + " labels");
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw damaged(source, e);
    }
  }

  /**
   * Writes {@code images} ({@code rows*cols x n}, one image per column, values in [0, 1]) as an IDX image
   * file, each pixel stored as {@code round(v * 255)}. Gzip-compressed when the name ends in ".gz"; the gzip
   * header carries no time stamp, so equal images give equal files.
   */
  public static void writeImages(Path file, DoubleMatrix images, int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols != images.rows) {
      throw new IllegalArgumentException("writeImages needs a rows*cols x n matrix: " + rows + " x " + cols
          + " = " + ((long) rows * cols) + " rows, but the matrix has " + images.rows + " rows.");
    }
    byte[] bytes = new byte[images.data.length];
    for (int i = 0; i < bytes.length; i++) {
      double v = images.data[i];
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("writeImages needs pixels in [0, 1], but value " + i
            + " (image " + (i / Math.max(1, images.rows)) + ") is " + v + ".");
      }
      bytes[i] = (byte) Math.round(v * 255);
    }
    write(file, new int[] {IMAGES_MAGIC, images.columns, rows, cols}, bytes);
  }

  /** Writes {@code labels} (each 0..255) as an IDX label file, gzip-compressed when the name ends in ".gz". */
  public static void writeLabels(Path file, int[] labels) {
    byte[] bytes = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] > 255) {
        throw new IllegalArgumentException("writeLabels stores one unsigned byte per label, but label " + i
            + " is " + labels[i] + ". Use labels in 0..255.");
      }
      bytes[i] = (byte) labels[i];
    }
    write(file, new int[] {LABELS_MAGIC, labels.length}, bytes);
  }

  // ---------------------------------------------------------------------------------------------------

  private interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private static <T> T withFile(Path file, Reader<T> reader) {
    if (!Files.exists(file)) {
      throw new UncheckedIOException("IDX file " + file + " does not exist. Check the path.",
          new NoSuchFileException(file.toString()));
    }
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException("IDX file " + file + " is " + (Files.isDirectory(file) ? "a directory"
          : "not a regular file (a device or a pipe)") + ". Fix: pass the file itself, e.g. "
          + file.resolve("train-images-idx3-ubyte.gz") + ".", new IOException(file + " is not a regular file"));
    }
    // FileInputStream, not Files.newInputStream: a channel is closed by Thread.interrupt(), so loading data
    // right after the kernel's stop button would fail with ClosedByInterruptException.
    try {
      return reader.read(new java.io.FileInputStream(file.toFile()));
    } catch (IOException e) {
      // FileInputStream's message ends with the system's reason, e.g. "t10k.gz (Permission denied)".
      throw new UncheckedIOException("Cannot read IDX file " + file + ": " + e.getMessage() + ". Fix: check that "
          + "it is readable (ls -l " + file + ").", e);
    }
  }

  /** Wraps {@code raw} in a gzip decoder when it starts with the gzip magic bytes 1f 8b. */
  private static InputStream open(InputStream raw, String source) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == -1) {
      in.close();
      throw new DataFormatException(source + " is empty (0 bytes), but an IDX file starts with a header "
          + "and then its data. Fix: delete it and download or copy it again.");
    }
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
    }
    if (source.endsWith(".gz")) {
      in.close();
      throw new DataFormatException(String.format("%s is named .gz but is not gzip-compressed: expected the "
          + "gzip magic bytes 1f 8b, found %02x %02x. Fix: if it is an uncompressed IDX file, remove the .gz "
          + "from its name; otherwise download it again.", source, b0, Math.max(b1, 0)));
    }
    return in;
  }

  /**
   * The next {@code total} bytes of {@code in}, in chunks of at most {@link #CHUNK} bytes, each allocated only
   * once the previous one is full: memory grows with the bytes that really arrive, not with the header's claim.
   */
  private static byte[][] readChunks(InputStream in, long total, String source, String promised)
      throws IOException {
    java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    long done = 0;
    while (done < total) {
      int want = (int) Math.min(CHUNK, total - done);
      byte[] chunk = new byte[want];
      int got = in.readNBytes(chunk, 0, want);
      done += got;
      if (got < want) {
        throw IdxHeader.truncated(source, promised, done);
      }
      chunks.add(chunk);
    }
    return chunks.toArray(new byte[0][]);
  }

  private static void checkNoTrailingBytes(InputStream in, String source, String promised) throws IOException {
    long extra = in.transferTo(OutputStream.nullOutputStream());
    if (extra > 0) {
      throw new DataFormatException(source + " has " + extra + " unexpected bytes after its data: the header "
          + "promises " + promised + ". Fix: the file is corrupt (or two files were joined); download it "
          + "again.");
    }
  }

  /** Problems the gzip decoder finds: a cut-off stream, or bytes that are not valid compressed data. */
  private static RuntimeException damaged(String source, IOException e) {
    if (e instanceof EOFException) {
      return new DataFormatException(source + " is truncated: the gzip stream ends before its data does ("
          + e.getMessage() + "). Fix: the download or copy was cut short; delete the file and download it "
          + "again.", e);
    }
    if (e instanceof ZipException) {
      return new DataFormatException(source + " is a damaged gzip file (" + e.getMessage() + "). Fix: delete "
          + "the file and download it again.", e);
    }
    return new UncheckedIOException("Cannot read IDX file " + source + ": " + e.getMessage() + ". Fix: check that "
        + "it is readable (ls -l " + source + ").", e);
  }

  private static void write(Path file, int[] header, byte[] values) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
      OutputStream sink = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, BUFFER) : raw;
      try (DataOutputStream out = new DataOutputStream(sink)) {
        for (int h : header) {
          out.writeInt(h);
        }
        out.write(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write IDX file " + file + ": " + e.getMessage(), e);
    }
  }
}
