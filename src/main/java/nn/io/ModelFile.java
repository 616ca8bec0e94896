package nn.io;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * Saves a trained {@link Model} as a NumPy {@code .npz} file and loads it back.
 *
 * <h2>The format (model format version 1)</h2>
 * An {@code .npz} file is a zip archive of {@code .npy} arrays (entries stored uncompressed, like
 * {@code np.savez}). For a network with {@code sizes = {784, 30, 10}} (L = 2) it holds:
 * <pre>
 *   meta.npy       unicode scalar (dtype '&lt;Un', shape ()): a JSON object
 *                  {"format": "nn-workbook model", "format_version": 1, "hidden": "SIGMOID",
 *                   "output": "SIGMOID", "cost": "QUADRATIC", "init": "GAUSSIAN", "seed": 42}
 *   sizes.npy      int64 '&lt;i8', shape (L+1,)                  [784, 30, 10]
 *   weights_1.npy  float64 '&lt;f8', shape (30, 784)  = sizes[1] x sizes[0], Fortran (column) order
 *   biases_1.npy   float64 '&lt;f8', shape (30, 1)    = sizes[1] x 1
 *   weights_2.npy  float64 '&lt;f8', shape (10, 30)   = sizes[2] x sizes[1]
 *   biases_2.npy   float64 '&lt;f8', shape (10, 1)
 * </pre>
 * Weights are written in Fortran order because that is how jblas stores a matrix (column by column), so no
 * element moves; {@code np.load} still returns the right shape, and {@code w[j, k]} is the weight from neuron
 * {@code k} of layer {@code l-1} to neuron {@code j} of layer {@code l}, as in Java's
 * {@code weights[l].get(j, k)}. Nothing is pickled: {@code np.load("model.npz")} works with the default
 * {@code allow_pickle=False}, and {@code json.loads(str(z["meta"]))} reads the metadata. Loading also accepts
 * C-order arrays, so a file written by {@code np.savez} from NumPy loads too.
 *
 * <h2>Integrity</h2>
 * Zip stores a CRC-32 checksum of every entry, verified as the entry is read, so a changed byte is caught.
 * On top of that, loading checks that the archive is complete (its closing directory record is present),
 * that every expected entry is there, the element types, the shapes against {@code sizes}, the exact data
 * length, the format version, and that no weight or bias is NaN or infinite. Each problem is a
 * {@link ModelFormatException} naming the file, what was expected, what was found and the fix.
 *
 * <h2>Saving safely</h2>
 * {@link #save} writes to a temporary file in the same directory, named {@code .<name>.<digits>.tmp} (for
 * {@code model.npz}: {@code .model.npz.123456789.tmp}), forces it to disk, then renames it over the target
 * in one atomic step. An interrupted save (a crash, kill -9, a full disk) leaves the previous model file
 * intact; at worst a hidden {@code .tmp} file stays behind, which is never read as a model and may be deleted.
 *
 * <p>The work is split by direction: {@code ModelWriter} writes, {@code ModelReader} reads and checks.
 */
public final class ModelFile {
  /** The model format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** The {@code "format"} field of {@code meta.npy}. */
  static final String FORMAT_NAME = "nn-workbook model";
  static final String FIX_RESAVE = "save the model again (net.save(path), or train --save), or restore "
      + "a good copy";

  private ModelFile() {}

  // ---------------------------------------------------------------- saving

  /**
   * Writes {@code net}'s sizes, choices, weights and biases to {@code file} (an {@code .npz}), replacing it
   * atomically. Missing parent directories are created.
   *
   * @throws IllegalStateException if a weight or bias is NaN or infinite, or has the wrong shape
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void save(Model net, Path file) {
    save(net, file, UnaryOperator.identity());
  }

  /** {@link #save}, with the file's output stream wrapped by {@code wrap} (tests use it to write slowly). */
  static void save(Model net, Path file, UnaryOperator<OutputStream> wrap) {
    ModelWriter.save(net, file, wrap);
  }

  /** The metadata of {@code net} as the JSON text stored in {@code meta.npy}. */
  static String metaJson(Model net) {
    return ModelMeta.json(net);
  }

  // ---------------------------------------------------------------- loading

  /**
   * Reads a network saved by {@link #save} (or written by NumPy in the same format): the same sizes,
   * activations, cost, init and seed, and exactly the saved weights and biases.
   *
   * @throws ModelFormatException if the file is missing, damaged, incomplete or not a model file
   */
  public static Model load(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("ModelFile.load needs a file, got null.");
    }
    if (file.toString().isEmpty()) {
      throw new IllegalArgumentException("ModelFile.load needs a file name, got an empty path (which would mean "
          + "the current directory). Fix: pass the model's name, e.g. Path.of(\"model.npz\").");
    }
    Map<String, byte[]> entries = ModelReader.readEntries(file);
    ModelMeta.Meta meta = ModelMeta.read(file, entries);
    int[] sizes = ModelReader.readSizes(file, entries);
    ModelReader.checkEntryNames(file, entries, sizes);
    // Every matrix is read and checked against sizes before the network is built: sizes that promise a
    // 330,000-wide layer are refused by the first weight entry's shape, before gigabytes are allocated.
    DoubleMatrix[] weights = new DoubleMatrix[sizes.length];
    DoubleMatrix[] biases = new DoubleMatrix[sizes.length];
    for (int l = 1; l < sizes.length; l++) {
      weights[l] = ModelReader.readMatrix(file, entries, "weights_" + l, sizes[l], sizes[l - 1],
          "sizes[" + l + "] x sizes[" + (l - 1) + "]");
      biases[l] = ModelReader.readMatrix(file, entries, "biases_" + l, sizes[l], 1, "sizes[" + l + "] x 1");
    }
    entries.clear(); // the raw bytes are no longer needed: let them go before the network is allocated
    Model net;
    try {
      net = new Model(sizes, meta.hidden(), meta.output(), meta.cost(), meta.init(), meta.seed());
    } catch (IllegalArgumentException e) {
      throw fail(file, "meta.npy describes a network that cannot be built: " + e.getMessage(), FIX_RESAVE);
    }
    for (int l = 1; l < sizes.length; l++) {
      net.weights[l].copy(weights[l]);
      net.biases[l].copy(biases[l]);
    }
    return net;
  }

  /**
   * Like {@link #load(Path)}, but also requires the network to have exactly {@code expectedSizes}, e.g. when
   * a notebook or the command line needs a 784-30-10 network.
   */
  public static Model load(Path file, int... expectedSizes) {
    Model net = load(file);
    if (expectedSizes != null && !Arrays.equals(net.sizes, expectedSizes)) {
      throw new ModelFormatException("Cannot load model file " + file + " as the expected network: it holds "
          + "a network of sizes " + Arrays.toString(net.sizes) + " but sizes " + Arrays.toString(expectedSizes)
          + " were expected. Fix: load the file saved from a " + Arrays.toString(expectedSizes)
          + " network, or expect sizes " + Arrays.toString(net.sizes) + ".");
    }
    return net;
  }

  static ModelFormatException fail(Path file, String found, String fix) {
    return fail(file, found, fix, null);
  }

  static ModelFormatException fail(Path file, String found, String fix, Throwable cause) {
    return new ModelFormatException("Cannot load model file " + file + ": " + found + ". Fix: " + fix + ".", cause);
  }
}
