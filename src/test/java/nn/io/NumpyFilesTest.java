package nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.stream.Stream;
import nn.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows N1.. of docs/bad-inputs.md: model files written by NumPy (src/test/resources/nn/io/numpy/, made by
 * make_fixtures.py there), the ways a learner might write one from Python. The right ones load with exactly
 * NumPy's numbers; the others are refused with a fix that says what to write in NumPy.
 */
class NumpyFilesTest {
  private static final Path DIR = Path.of("src/test/resources/nn/io/numpy");

  @ParameterizedTest
  @ValueSource(strings = {"c-order.npz", "fortran-order.npz", "compressed.npz", "int32-sizes.npz",
      "extra-entry.npz", "meta-lowercase-names.npz", "npy-version-2.npz", "npy-version-3.npz", "zip-comment.npz",
      "zip64.npz", "biases-1d.npz"})
  void loadsWithNumpysNumbers(String name) {
    Model net = ModelFile.load(DIR.resolve(name));
    assertArrayEquals(new int[] {4, 3, 2}, net.sizes);
    for (int j = 0; j < 3; j++) {
      for (int k = 0; k < 4; k++) {
        assertEquals((4 * j + k) / 10.0 - 0.5, net.weights[1].get(j, k), 0.0, "weights_1[" + j + ", " + k + "]");
      }
    }
    for (int j = 0; j < 2; j++) {
      for (int k = 0; k < 3; k++) {
        assertEquals((3 * j + k) / 7.0 - 0.4, net.weights[2].get(j, k), 0.0, "weights_2[" + j + ", " + k + "]");
      }
    }
    assertArrayEquals(new double[] {0.1, -0.2, 0.3}, net.biases[1].data, 0.0);
    assertArrayEquals(new double[] {-0.05, 0.5}, net.biases[2].data, 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"subnormal-and-negative-zero.npz"})
  void keepsSubnormalsAndNegativeZeroBitForBit(String name) {
    Model net = ModelFile.load(DIR.resolve(name));
    assertEquals(Double.doubleToRawLongBits(5e-324), Double.doubleToRawLongBits(net.biases[1].get(0)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(net.biases[1].get(1)));
    assertEquals(Double.MIN_NORMAL, net.biases[1].get(2), 0.0);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("big-endian-sizes.npz",
            "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but has "
            + "dtype '>i8' and shape (3,). Fix: save the model again (net.save(path), or train --save), or "
            + "restore a good copy; from NumPy, write sizes=np.array([784, 30, 10], dtype='<i8')."),
        Arguments.of("big-endian-weights.npz",
            "entry weights_2.npy has dtype '>f8' but weights and biases must be float64 ('<f8'). Fix: save "
            + "it again; from NumPy, convert with a.astype('<f8')."),
        Arguments.of("bzip2-entries.npz",
            "entry meta.npy is compressed with a method this reader does not know (only stored and deflated "
            + "entries are read, as np.savez and np.savez_compressed write them; bzip2 and lzma are not). "
            + "Fix: write the file with np.savez or np.savez_compressed (in Python's zipfile: ZIP_STORED or "
            + "ZIP_DEFLATED)."),
        Arguments.of("entries-in-a-folder.npz",
            "entry meta.npy is missing (a model file holds meta.npy, sizes.npy, weights_l.npy and "
            + "biases_l.npy for each layer l; this one has model/meta.npy, model/sizes.npy, "
            + "model/weights_1.npy, model/biases_1.npy, model/weights_2.npy, model/biases_2.npy). Fix: the "
            + "entries are inside a folder (model/meta.npy); put them at the top of the zip archive, as "
            + "np.savez does."),
        Arguments.of("float-sizes.npz",
            "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but has "
            + "dtype '<f8' and shape (3,). Fix: save the model again (net.save(path), or train --save), or "
            + "restore a good copy; from NumPy, write sizes=np.array([784, 30, 10], dtype='<i8')."),
        Arguments.of("float32-weights.npz",
            "entry weights_1.npy has dtype '<f4' but weights and biases must be float64 ('<f8'). Fix: save "
            + "it again; from NumPy, convert with a.astype('<f8')."),
        Arguments.of("inf-weight.npz",
            "weights_1 element (2, 3) is Infinity. Fix: the network was saved after its training diverged; "
            + "retrain (e.g. with a smaller eta) and save again."),
        Arguments.of("int64-weights.npz",
            "entry biases_1.npy has dtype '<i8' but weights and biases must be float64 ('<f8'). Fix: save "
            + "it again; from NumPy, convert with a.astype('<f8')."),
        Arguments.of("meta-bytes.npz",
            "entry meta.npy must be a unicode string scalar (dtype '<U…', shape ()) but has dtype '|S147' "
            + "and shape (). Fix: save the model again (net.save(path), or train --save), or restore a good "
            + "copy; from NumPy, store the JSON text as a str: meta=np.array(json.dumps({...}))."),
        Arguments.of("meta-dict-pickled.npz",
            "entry meta.npy must be a unicode string scalar (dtype '<U…', shape ()) but has dtype '|O' and "
            + "shape (); nothing pickled is read (like np.load's allow_pickle=False). Fix: save the model "
            + "again (net.save(path), or train --save), or restore a good copy; from NumPy, store the JSON "
            + "text as a str: meta=np.array(json.dumps({...}))."),
        Arguments.of("meta-json-list.npz",
            "entry meta.npy is not a JSON object (it is an array): [{\"format\": \"nn-workbook model\", "
            + "\"format_version\": 1, \"hidden\": \"SIGMOID\", \"o.... Fix: save the model again (net.save(path), "
            + "or train --save), or restore a good copy."),
        Arguments.of("meta-not-json.npz",
            "entry meta.npy is not a JSON object (Unrecognized token 'hidden': was expecting (JSON String, Number, "
            + "Array, Object or token 'null', 'true' or 'false') at character 6): hidden=SIGMOID, seed=42. Fix: save "
            + "the model again (net.save(path), or train --save), or restore a good copy."),
        Arguments.of("meta-seed-float.npz",
            "meta.npy field \"seed\" must be a whole number but is 42.5. Fix: save the model again "
            + "(net.save(path), or train --save), or restore a good copy."),
        Arguments.of("meta-version-as-text.npz",
            "meta.npy has no whole-number \"format_version\" (found \"1\"). Fix: save the model again "
            + "(net.save(path), or train --save), or restore a good copy."),
        Arguments.of("meta-without-version.npz",
            "meta.npy has no whole-number \"format_version\" (found nothing). Fix: save the model again "
            + "(net.save(path), or train --save), or restore a good copy."),
        Arguments.of("nan-weight.npz",
            "biases_2 element (0, 0) is NaN. Fix: the network was saved after its training diverged; "
            + "retrain (e.g. with a smaller eta) and save again."),
        Arguments.of("positional-arr0.npz",
            "entry meta.npy is missing (a model file holds meta.npy, sizes.npy, weights_l.npy and "
            + "biases_l.npy for each layer l; this one has arr_0.npy, arr_1.npy, arr_2.npy, arr_3.npy, "
            + "arr_4.npy, arr_5.npy). Fix: np.savez(file, a, b, ...) names its entries arr_0, arr_1, ...: "
            + "pass them by name, np.savez(file, meta=..., sizes=..., weights_1=..., biases_1=..., ...)."),
        Arguments.of("sizes-2d.npz",
            "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but has "
            + "dtype '<i8' and shape (1, 3). Fix: save the model again (net.save(path), or train --save), or "
            + "restore a good copy; from NumPy, write sizes=np.array([784, 30, 10], dtype='<i8')."),
        Arguments.of("structured-weights.npz",
            "entry weights_2.npy is not a valid .npy array: its header is not a simple array header "
            + "(expected 'descr', 'fortran_order' and 'shape'), found {'descr': [('w', '<f8')], "
            + "'fortran_order': False, 'shape': (2, 3), }. Fix: save the model again (net.save(path), or "
            + "train --save), or restore a good copy; from NumPy, save plain arrays (np.asarray(a, "
            + "dtype='<f8'), no record dtypes)."),
        Arguments.of("uint8-sizes.npz",
            "entry sizes.npy must be a one-dimensional int64 array (dtype '<i8', shape (L+1,)) but has "
            + "dtype '|u1' and shape (3,). Fix: save the model again (net.save(path), or train --save), or "
            + "restore a good copy; from NumPy, write sizes=np.array([784, 30, 10], dtype='<i8')."),
        Arguments.of("weights-3d.npz",
            "entry weights_1.npy has shape (1, 3, 4) but sizes.npy needs (3, 4) = sizes[1] x sizes[0]. Fix: "
            + "save the weights and biases together with the sizes they belong to (net.save(path))."));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void isRefusedWithAFixForNumpy(String name, String message) {
    Path file = DIR.resolve(name);
    assertEquals("Cannot load model file " + file + ": " + message,
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file)).getMessage());
  }
}
