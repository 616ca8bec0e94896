package nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Feeds the model file's metadata parser ({@code meta.npy}: a JSON object) arbitrary text. {@code mvn test}
 * replays the seeds in {@code src/test/resources/nn/io/MetadataFuzzTestInputs/readMeta/}; {@code mvn test -Pfuzz}
 * fuzzes it for 25 s. The contract: {@link ModelMeta#read} returns the metadata or throws a
 * {@link ModelFormatException} naming the file and the fix; a StackOverflowError (metadata nested 20,000
 * deep, issue 13) or any other exception is a finding.
 */
class MetadataFuzzTest {
  private static final Path FILE = Path.of("fuzz-meta.npz"); // only named in messages; never opened

  @FuzzTest(maxDuration = "25s")
  void readMeta(byte[] bytes) {
    fuzzerTestOneInput(bytes);
  }

  /** The target itself; also the entry point of Jazzer's command line for long runs ({@code make fuzz}). */
  public static void fuzzerTestOneInput(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      ModelMeta.read(FILE, Map.of("meta.npy", Npy.unicode(text)));
    } catch (ModelFormatException e) {
      String m = e.getMessage();
      if (m == null || !m.startsWith("Cannot load model file " + FILE) || !m.contains("Fix: ")) {
        throw new AssertionError("A ModelFormatException must name the file and say \"Fix: \", got: " + m, e);
      }
    }
  }
}
