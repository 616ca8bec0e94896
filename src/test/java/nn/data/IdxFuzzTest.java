package nn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;
import org.jblas.DoubleMatrix;

/**
 * Feeds the IDX reader arbitrary bytes. {@code mvn test} replays the seeds (and every crash found so far) in
 * {@code src/test/resources/nn/data/IdxFuzzTestInputs/readIdx/}; {@code mvn test -Pfuzz} (JAZZER_FUZZ=1) lets
 * Jazzer mutate them, guided by coverage, for {@code maxDuration}.
 *
 * <p>The contract being fuzzed: on any bytes, the reader either returns a well-formed result or throws
 * {@link DataFormatException} whose message names the source. Every other throwable (NullPointerException,
 * ArrayIndexOutOfBoundsException, NegativeArraySizeException, OutOfMemoryError, an UncheckedIOException for
 * bytes that are merely corrupt, ...) escapes and is reported by Jazzer as a finding. The list of allowed
 * exceptions is documented in docs/bad-inputs.md.
 */
class IdxFuzzTest {
  @FuzzTest(maxDuration = "25s")
  void readIdx(byte[] bytes) {
    fuzzerTestOneInput(bytes);
  }

  /** The target itself; also the entry point of Jazzer's command line for long runs ({@code make fuzz}). */
  public static void fuzzerTestOneInput(byte[] bytes) {
    // The same bytes as an image file and as a label file, under a plain name and under a ".gz" name (which
    // must then be gzip): four readers' paths per input.
    for (String source : new String[] {"fuzz-images", "fuzz-images.gz"}) {
      DoubleMatrix m = expectDataFormatOr(source, () -> Idx.readImages(new ByteArrayInputStream(bytes), source));
      if (m != null) {
        for (double v : m.data) {
          if (!(v >= 0 && v <= 1)) {
            throw new AssertionError(source + ": pixel " + v + " outside [0, 1]");
          }
        }
      }
    }
    for (String source : new String[] {"fuzz-labels", "fuzz-labels.gz"}) {
      int[] labels = expectDataFormatOr(source, () -> Idx.readLabels(new ByteArrayInputStream(bytes), source));
      if (labels != null) {
        for (int label : labels) {
          if (label < 0 || label > 255) {
            throw new AssertionError(source + ": label " + label + " outside 0..255");
          }
        }
      }
    }
  }

  /** The result, or null when the reader refused the bytes with a DataFormatException that names them. */
  static <T> T expectDataFormatOr(String source, Supplier<T> read) {
    try {
      return read.get();
    } catch (DataFormatException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith(source + " ")) {
        throw new AssertionError("A DataFormatException must start with the name of the file, got: "
            + e.getMessage(), e);
      }
      if (!e.getMessage().contains("Fix: ")) {
        throw new AssertionError("A DataFormatException must say what to do (\"Fix: ...\"), got: "
            + e.getMessage(), e);
      }
      return null;
    }
  }
}
