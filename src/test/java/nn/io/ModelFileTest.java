package nn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nn.Network;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Model;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static nn.io.ModelFiles.*;

/** Saving and loading .npz model files: exact round trips, byte for byte. */
class ModelFileTest {
  @TempDir
  Path dir;

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
  void everyActivationAndInitRoundTrips() {
    for (Activation hidden : Activation.values()) {
      for (Init init : Init.values()) {
        Network net = Network.builder(3, 4, 2).hidden(hidden).init(init).seed(5).build();
        Path file = dir.resolve(hidden + "-" + init + ".npz");
        net.save(file);
        Network back = Network.load(file);
        assertEquals(hidden, back.hidden());
        assertEquals(init, back.init());
        assertArrayEquals(net.weights[1].data, back.weights[1].data, 0.0);
        assertArrayEquals(net.biases[2].data, back.biases[2].data, 0.0);
      }
    }
  }

  @Test
  void roundTripKeepsTrainedWeightsNotTheSeedsInitialOnes() {
    Network net = small();
    net.weights[1].put(2, 3, 0.125);
    net.biases[2].put(1, 0, -7.5);
    net.save(dir.resolve("m.npz"));
    Model back = ModelFile.load(dir.resolve("m.npz"));
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
    Path file = zip(dir, entries, "numpy.npz");
    Model back = ModelFile.load(file);
    for (int l = 1; l <= 2; l++) {
      assertEquals(net.weights[l], back.weights[l]);
      assertEquals(net.biases[l], back.biases[l]);
    }
  }
}
