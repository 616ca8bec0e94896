package nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nn.Network;
import nn.model.Model;

/**
 * Feeds the model loader arbitrary files. {@code mvn test} replays the seeds (and every crash found so far) in
 * {@code src/test/resources/nn/io/ModelFileFuzzTestInputs/loadModel/}; {@code mvn test -Pfuzz} lets Jazzer
 * mutate them, guided by coverage.
 *
 * <p>The first byte of an input chooses what the rest is. 0: the whole {@code .npz} file, so the zip layer
 * is fuzzed. 1..6: the contents of one entry of a valid 4-3-2 model ({@code meta.npy}, {@code sizes.npy},
 * {@code weights_1.npy}, {@code biases_1.npy}, {@code weights_2.npy}, {@code biases_2.npy}), zipped with a
 * correct CRC, so the fuzzer gets past the checksum to the .npy headers, the JSON and the shape checks.
 *
 * <p>The contract: {@link ModelFile#load(Path)} returns a network or throws {@link ModelFormatException}
 * whose message names the file and says "Fix: ". Anything else escapes and is a finding (docs/bad-inputs.md).
 */
class ModelFileFuzzTest {
  /** Entry names of the baseline model, in the order the selector byte picks them. */
  static final List<String> ENTRIES = List.of("meta.npy", "sizes.npy", "weights_1.npy", "biases_1.npy",
      "weights_2.npy", "biases_2.npy");

  private static Path file;
  private static Map<String, byte[]> baseline;

  @FuzzTest(maxDuration = "25s")
  void loadModel(byte[] bytes) {
    fuzzerTestOneInput(bytes);
  }

  /** The target itself; also the entry point of Jazzer's command line for long runs ({@code make fuzz}). */
  public static void fuzzerTestOneInput(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    int mode = (bytes[0] & 0xff) % (ENTRIES.size() + 1);
    byte[] rest = Arrays.copyOfRange(bytes, 1, bytes.length);
    try {
      Files.write(file(), mode == 0 ? rest : withEntry(ENTRIES.get(mode - 1), rest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Model net = ModelFile.load(file());
      for (int l = 1; l <= net.layers(); l++) {
        if (!Double.isFinite(net.weights[l].sum()) || !Double.isFinite(net.biases[l].sum())) {
          throw new AssertionError("loaded a network with a NaN or infinite weight");
        }
      }
    } catch (ModelFormatException e) {
      String m = e.getMessage();
      if (m == null || !m.startsWith("Cannot load model file " + file()) || !m.contains("Fix: ")) {
        throw new AssertionError("A ModelFormatException must name the file and say \"Fix: \", got: " + m, e);
      }
    }
  }

  private static synchronized Path file() {
    if (file == null) {
      try {
        Path dir = Files.createTempDirectory("model-fuzz");
        dir.toFile().deleteOnExit();
        file = dir.resolve("fuzz.npz");
        file.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /** The baseline model's entries with {@code name} replaced by {@code contents}, as a valid zip. */
  private static byte[] withEntry(String name, byte[] contents) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>(baseline());
    entries.put(name, contents);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static synchronized Map<String, byte[]> baseline() throws IOException {
    if (baseline == null) {
      Path tmp = Files.createTempFile("model-fuzz-baseline", ".npz");
      try {
        ModelFile.save(Network.builder(4, 3, 2).seed(7).build(), tmp);
        baseline = unzip(Files.readAllBytes(tmp));
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return baseline;
  }

  private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /**
   * Writes the seed inputs into {@code args[0]}: the whole file of two valid models (mode 0), and every
   * entry of the baseline model (modes 1..6). Run once; the seeds are committed.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    List<byte[]> models = new ArrayList<>();
    Path tmp = Files.createTempFile("model-fuzz-seed", ".npz");
    ModelFile.save(Network.builder(4, 3, 2).seed(7).build(), tmp);
    models.add(Files.readAllBytes(tmp));
    ModelFile.save(Network.builder(2, 2).hidden(nn.model.Activation.RELU).output(nn.model.Output.SOFTMAX)
        .cost(nn.model.Cost.CROSS_ENTROPY).init(nn.model.Init.SCALED_GAUSSIAN).seed(3).build(), tmp);
    models.add(Files.readAllBytes(tmp));
    Files.delete(tmp);
    for (int i = 0; i < models.size(); i++) {
      Files.write(dir.resolve("file-model-" + i), prefixed(0, models.get(i)));
    }
    Map<String, byte[]> entries = unzip(models.get(0));
    for (int k = 0; k < ENTRIES.size(); k++) {
      Files.write(dir.resolve("entry-" + ENTRIES.get(k)), prefixed(k + 1, entries.get(ENTRIES.get(k))));
    }
  }

  private static byte[] prefixed(int mode, byte[] rest) {
    byte[] b = new byte[rest.length + 1];
    b[0] = (byte) mode;
    System.arraycopy(rest, 0, b, 1, rest.length);
    return b;
  }
}
