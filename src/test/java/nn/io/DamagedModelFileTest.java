package nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nn.Network;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static nn.io.ModelFiles.*;

/** Loading a damaged or foreign .npz model file: a clear message for every kind of damage. */
class DamagedModelFileTest {
  @TempDir
  Path dir;

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
    Path damaged = zip(dir, entries, "missing.npz");
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
    Path damaged = zip(dir, entries, "shape.npz");
    assertMessage("Cannot load model file " + damaged + ": entry weights_2.npy has shape (2, 5) but sizes.npy "
        + "needs (2, 3) = sizes[2] x sizes[1]. Fix: save the weights and biases together with the sizes they "
        + "belong to (net.save(path)).", damaged);

    entries.put("weights_2.npy", Npy.float64(DoubleMatrix.ones(3, 2)));
    Path transposed = zip(dir, entries, "transposed.npz");
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
    Path shortData = zip(dir, entries, "short.npz");
    assertMessage("Cannot load model file " + shortData + ": entry weights_1.npy has 88 bytes of data but its "
        + "shape (3, 4) of '<f8' needs exactly 96. Fix: " + RESAVE, shortData);

    byte[] f4 = Npy.header("<f4", true, new long[] {3, 4});
    entries.put("weights_1.npy", java.util.Arrays.copyOf(f4, f4.length + 48));
    Path float32 = zip(dir, entries, "float32.npz");
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
    Path future = zip(dir, entries, "future.npz");
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
        "\"SOFTSIGN\", \"output\"")));
    Path softsign = zip(dir, entries, "softsign.npz");
    assertMessage("Cannot load model file " + softsign + ": meta.npy field \"hidden\" must be one of [SIGMOID, "
        + "RELU, TANH, IDENTITY] but is \"SOFTSIGN\". Fix: " + RESAVE, softsign);
  }

  @Test
  void nanWeight() throws IOException {
    Path file = dir.resolve("model.npz");
    small().save(file);
    Map<String, byte[]> entries = unzip(file);
    DoubleMatrix w = DoubleMatrix.ones(3, 4);
    w.put(1, 2, Double.NaN);
    entries.put("weights_1.npy", Npy.float64(w));
    Path nan = zip(dir, entries, "nan.npz");
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
}
