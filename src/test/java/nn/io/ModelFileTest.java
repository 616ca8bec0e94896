package nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nn.Activation;
import nn.Cost;
import nn.Init;
import nn.Network;
import nn.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading .npz model files: exact round trips, and a clear message for every kind of damage. */
class ModelFileTest {
  @TempDir
  Path dir;

  private static final String RESAVE = "save the model again (net.save(path), or train --save), or restore a "
      + "good copy.";

  private static Network small() {
    return Network.builder(4, 3, 2).seed(7).build();
  }

  // ------------------------------------------------------------ round trips

  @Test
  void roundTripKeepsEveryWeightBitForBitAndEveryChoice() {
    Network net = Network.builder(5, 4, 3, 2).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.SCALED_GAUSSIAN).seed(123456789012L).build();
    Path file = dir.resolve("model.npz");
    net.save(file);
    Network back = Network.load(file);

    assertArrayEquals(net.sizes, back.sizes);
    assertEquals(Activation.RELU, back.hidden());
    assertEquals(Output.SOFTMAX, back.output());
    assertEquals(Cost.CROSS_ENTROPY, back.cost());
    assertEquals(Init.SCALED_GAUSSIAN, back.init());
    assertEquals(123456789012L, back.seed());
    for (int l = 1; l <= net.layers(); l++) {
      assertArrayEquals(net.weights[l].data, back.weights[l].data, 0.0, "weights " + l);
      assertArrayEquals(net.biases[l].data, back.biases[l].data, 0.0, "biases " + l);
      assertEquals(net.weights[l].rows, back.weights[l].rows);
      assertEquals(net.weights[l].columns, back.weights[l].columns);
    }
    DoubleMatrix x = DoubleMatrix.rand(5, 50);
    assertArrayEquals(net.feedforward(x).data, back.feedforward(x).data, 0.0);
    assertArrayEquals(net.predict(x), back.predict(x));
  }

  @Test
  void roundTripKeepsTrainedWeightsNotTheSeedsInitialOnes() {
    Network net = small();
    net.weights[1].put(2, 3, 0.125);
    net.biases[2].put(1, 0, -7.5);
    net.save(dir.resolve("m.npz"));
    Network back = ModelFile.load(dir.resolve("m.npz"));
    assertEquals(0.125, back.weights[1].get(2, 3), 0.0);
    assertEquals(-7.5, back.biases[2].get(1, 0), 0.0);
  }

  @Test
  void theSameNetworkGivesTheSameBytesAndSavingReplacesTheOldFile() throws IOException {
    Path a = dir.resolve("a.npz");
    Path b = dir.resolve("b.npz");
    small().save(a);
    Network.builder(4, 9, 2).build().save(b); // something else first, replaced below
    small().save(b);
    assertEquals(-1, Files.mismatch(a, b), "fixed zip timestamps make the file a function of the network");
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file is left after a successful save");
    }
    if (Files.getFileStore(a).supportsFileAttributeView("posix")) {
      Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives any new file
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(a),
          "a model file gets the usual permissions, not a temp file's owner-only ones");
    }
  }

  @Test
  void entriesAreTheDocumentedNpyArrays() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    assertEquals(java.util.List.of("meta.npy", "sizes.npy", "weights_1.npy", "biases_1.npy", "weights_2.npy",
        "biases_2.npy"), java.util.List.copyOf(entries.keySet()));
    assertEquals("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 4), }",
        header(entries.get("weights_1.npy")));
    assertEquals("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 1), }", header(entries.get("biases_1.npy")));
    assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", header(entries.get("sizes.npy")));
    String meta = "{\"format\": \"nn-workbook model\", \"format_version\": 1, \"hidden\": \"SIGMOID\", "
        + "\"output\": \"SIGMOID\", \"cost\": \"QUADRATIC\", \"init\": \"GAUSSIAN\", \"seed\": 7}";
    assertEquals("{'descr': '<U" + meta.length() + "', 'fortran_order': False, 'shape': (), }",
        header(entries.get("meta.npy")));
    assertEquals(meta, ModelFile.metaJson(small()));
  }

  @Test
  void loadsAFileWrittenByNumpyInCOrder() throws IOException {
    // np.savez writes C-order (row by row) arrays; such a file loads with the same values.
    Network net = small();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.npy", Npy.unicode(ModelFile.metaJson(net)));
    entries.put("sizes.npy", Npy.int64(new long[] {4, 3, 2}));
    for (int l = 1; l <= 2; l++) {
      entries.put("weights_" + l + ".npy", cOrder(net.weights[l]));
      entries.put("biases_" + l + ".npy", cOrder(net.biases[l]));
    }
    Path file = zip(entries, "numpy.npz");
    Network back = ModelFile.load(file);
    for (int l = 1; l <= 2; l++) {
      assertEquals(net.weights[l], back.weights[l]);
      assertEquals(net.biases[l], back.biases[l]);
    }
  }

  // ------------------------------------------------------------ damage, each with its message

  @Test
  void truncatedFile() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertMessage("Cannot load model file " + file + ": it is truncated (" + bytes.length / 2 + " bytes): the zip "
        + "archive's closing directory record is missing, so the file was cut short. Fix: the save or copy was "
        + "interrupted; " + RESAVE, file);
  }

  @Test
  void flippedByteIsCaughtByTheZipCrc() throws IOException {
    Path file = dir.resolve("model.npz");
    Network.builder(4, 30, 2).build().save(file);
    byte[] bytes = Files.readAllBytes(file);
    int name = indexOf(bytes, "weights_1.npy".getBytes(StandardCharsets.US_ASCII));
    int inData = name + "weights_1.npy".length() + 128 + 500; // past the local header and the .npy header
    bytes[inData] ^= 0x01;
    Files.write(file, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertEquals("Cannot load model file " + file + ": entry weights_1.npy fails its CRC-32 checksum, so its "
        + "bytes changed after it was saved. Fix: the file is corrupt; " + RESAVE, e.getMessage());
    assertTrue(e.getCause() instanceof java.util.zip.ZipException, "ZipInputStream detected it: " + e.getCause());
  }

  @Test
  void missingEntry() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    entries.remove("biases_2.npy");
    Path damaged = zip(entries, "missing.npz");
    assertMessage("Cannot load model file " + damaged + ": entry biases_2.npy is missing (a model file holds "
        + "meta.npy, sizes.npy, and weights_l.npy, biases_l.npy for l = 1..2 (sizes [4, 3, 2]); this one has "
        + "meta.npy, sizes.npy, weights_1.npy, biases_1.npy, weights_2.npy). Fix: save the complete network "
        + "again with net.save(path).", damaged);
  }

  @Test
  void wrongShape() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    entries.put("weights_2.npy", Npy.float64(DoubleMatrix.ones(2, 5)));
    Path damaged = zip(entries, "shape.npz");
    assertMessage("Cannot load model file " + damaged + ": entry weights_2.npy has shape (2, 5) but sizes.npy "
        + "needs (2, 3) = sizes[2] x sizes[1]. Fix: save the weights and biases together with the sizes they "
        + "belong to (net.save(path)).", damaged);

    entries.put("weights_2.npy", Npy.float64(DoubleMatrix.ones(3, 2)));
    Path transposed = zip(entries, "transposed.npz");
    assertMessage("Cannot load model file " + transposed + ": entry weights_2.npy has shape (3, 2) but "
        + "sizes.npy needs (2, 3) = sizes[2] x sizes[1]. Fix: it looks transposed: a weight matrix has one row "
        + "per neuron of its layer; save a.T.", transposed);
  }

  @Test
  void wrongDataLengthAndWrongDtype() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    byte[] w = entries.get("weights_1.npy");
    entries.put("weights_1.npy", java.util.Arrays.copyOf(w, w.length - 8)); // one double short, valid zip
    Path shortData = zip(entries, "short.npz");
    assertMessage("Cannot load model file " + shortData + ": entry weights_1.npy has 88 bytes of data but its "
        + "shape (3, 4) of '<f8' needs exactly 96. Fix: " + RESAVE, shortData);

    byte[] f4 = Npy.header("<f4", true, new long[] {3, 4});
    entries.put("weights_1.npy", java.util.Arrays.copyOf(f4, f4.length + 48));
    Path float32 = zip(entries, "float32.npz");
    assertMessage("Cannot load model file " + float32 + ": entry weights_1.npy has dtype '<f4' but weights and "
        + "biases must be float64 ('<f8'). Fix: save it again; from NumPy, convert with a.astype('<f8').",
        float32);
  }

  @Test
  void anotherNetworksSizes() {
    Path file = dir.resolve("model.npz");
    small().save(file);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file, 784, 30, 10));
    assertEquals("Cannot load model file " + file + " as the expected network: it holds a network of sizes "
        + "[4, 3, 2] but sizes [784, 30, 10] were expected. Fix: load the file saved from a [784, 30, 10] "
        + "network, or expect sizes [4, 3, 2].", e.getMessage());
    assertArrayEquals(new int[] {4, 3, 2}, ModelFile.load(file, 4, 3, 2).sizes);
  }

  @Test
  void unknownFutureFormatVersion() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    entries.put("meta.npy", Npy.unicode(ModelFile.metaJson(small()).replace("\"format_version\": 1",
        "\"format_version\": 2")));
    Path future = zip(entries, "future.npz");
    assertMessage("Cannot load model file " + future + ": it is model format version 2, but this nn-workbook "
        + "reads only format version 1. Fix: load it with a newer nn-workbook (rebuild target/nn-workbook.jar "
        + "from a newer checkout), or save the model again with this one.", future);
  }

  @Test
  void unknownActivationNameInMetadata() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    entries.put("meta.npy", Npy.unicode(ModelFile.metaJson(small()).replace("\"SIGMOID\", \"output\"",
        "\"TANH\", \"output\"")));
    Path tanh = zip(entries, "tanh.npz");
    assertMessage("Cannot load model file " + tanh + ": meta.npy field \"hidden\" must be one of [SIGMOID, RELU] "
        + "but is \"TANH\". Fix: " + RESAVE, tanh);
  }

  @Test
  void nanWeight() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    DoubleMatrix w = DoubleMatrix.ones(3, 4);
    w.put(1, 2, Double.NaN);
    entries.put("weights_1.npy", Npy.float64(w));
    Path nan = zip(entries, "nan.npz");
    assertMessage("Cannot load model file " + nan + ": weights_1 element (1, 2) is NaN. Fix: the network was "
        + "saved after its training diverged; retrain (e.g. with a smaller eta) and save again.", nan);
  }

  @Test
  void savingRefusesNanWeights() {
    Network net = small();
    net.biases[2].put(1, 0, Double.POSITIVE_INFINITY);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.save(dir.resolve("x.npz")));
    assertEquals("Cannot save the network: biases[2] element (1, 0) is Infinity. Fix: a model with NaN or "
        + "infinite weights cannot predict; retrain (with a smaller eta if training diverged), then save.",
        e.getMessage());
    assertTrue(Files.notExists(dir.resolve("x.npz")));
  }

  @Test
  void notAZipAtAll() throws IOException {
    Path text = dir.resolve("notes.npz");
    Files.writeString(text, "hello, world");
    assertMessage("Cannot load model file " + text + ": it is not an .npz file (a zip archive, starting with "
        + "the bytes PK); its first bytes are 68 65 6c 6c 6f 2c 20 77. Fix: pass the .npz file written by "
        + "net.save(path) or train --save.", text);

    Path npy = dir.resolve("weights.npy");
    Files.write(npy, Npy.float64(DoubleMatrix.ones(2, 2)));
    assertMessage("Cannot load model file " + npy + ": it is a single .npy array, not an .npz archive of a whole "
        + "network. Fix: pass the .npz file written by net.save(path) or train --save.", npy);

    Path empty = dir.resolve("empty.npz");
    Files.write(empty, new byte[0]);
    assertMessage("Cannot load model file " + empty + ": it is empty (0 bytes). Fix: " + RESAVE, empty);
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nothing-here.npz");
    assertMessage("Cannot load model file " + file + ": there is no such file (looked in " + dir.toAbsolutePath()
        + "). Fix: check the name, or train and save a model first (net.save(path), or train --save).", file);
  }

  // ------------------------------------------------------------ helpers

  private static void assertMessage(String expected, Path file) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    assertEquals(expected, e.getMessage());
  }

  static Map<String, byte[]> unzip(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /** A valid zip of {@code entries} (deflated, to show that compressed .npz files load too). */
  private Path zip(Map<String, byte[]> entries, String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static byte[] cOrder(DoubleMatrix m) {
    byte[] header = Npy.header("<f8", false, new long[] {m.rows, m.columns});
    ByteBuffer b = ByteBuffer.allocate(header.length + 8 * m.length).order(ByteOrder.LITTLE_ENDIAN).put(header);
    for (int r = 0; r < m.rows; r++) {
      for (int c = 0; c < m.columns; c++) {
        b.putDouble(m.get(r, c));
      }
    }
    return b.array();
  }

  private static String header(byte[] npy) {
    int length = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
    return new String(npy, 10, length, StandardCharsets.US_ASCII).strip();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

}
