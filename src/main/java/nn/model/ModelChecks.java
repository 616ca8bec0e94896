package nn.model;

import java.util.Arrays;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;

/** The checks that turn a learner's slip into a message that says what to do: sizes, shapes, inputs, data. */
public final class ModelChecks {
  private ModelChecks() {}

  /** Checks the layer sizes before anything is allocated. */
  static void sizes(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException("A network needs at least two layer sizes (inputs and outputs), e.g. "
          + "new Network(784, 30, 10); got " + Arrays.toString(sizes) + ".");
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        throw new IllegalArgumentException("sizes[" + l + "] is " + sizes[l] + " but every layer needs at "
            + "least one neuron; got sizes " + Arrays.toString(sizes) + ".");
      }
    }
    // Too large a layer would overflow jblas's int element count (a bare NegativeArraySizeException) or end
    // in an OutOfMemoryError halfway through the constructor: say so before allocating anything.
    long doubles = 0;
    for (int l = 1; l < sizes.length; l++) {
      long w = (long) sizes[l] * sizes[l - 1];
      if (w > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("weights[" + l + "] would be " + sizes[l] + " x " + sizes[l - 1]
            + " = " + w + " numbers, but one matrix holds at most " + (Integer.MAX_VALUE - 8) + "; got sizes "
            + Arrays.toString(sizes) + ". Use smaller layers.");
      }
      doubles += w + sizes[l];
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (doubles * Double.BYTES > heap) {
      throw new IllegalArgumentException("A network with sizes " + Arrays.toString(sizes) + " has " + doubles
          + " weights and biases (" + doubles * Double.BYTES / (1 << 20) + " MB), more than the Java heap of "
          + heap / (1 << 20) + " MB. Use smaller layers (or start Java with a larger -Xmx).");
    }
  }

  /** Checks that every weight and bias still has the shape the convention requires. */
  public static void shapes(Model net) {
    for (int l = 1; l <= net.layers(); l++) {
      DoubleMatrix w = net.weights[l];
      DoubleMatrix b = net.biases[l];
      if (w == null || w.rows != net.sizes[l] || w.columns != net.sizes[l - 1]) {
        throw new IllegalStateException("weights[" + l + "] must be " + net.sizes[l] + " x " + net.sizes[l - 1]
            + " (sizes[" + l + "] x sizes[" + (l - 1) + "]: one row per neuron of layer " + l
            + ", one column per neuron of layer " + (l - 1) + ") but is "
            + (w == null ? "null" : w.rows + " x " + w.columns)
            + (w != null && w.rows == net.sizes[l - 1] && w.columns == net.sizes[l] ? ". Did you transpose it?" : "."));
      }
      if (b == null || b.rows != net.sizes[l] || b.columns != 1) {
        throw new IllegalStateException("biases[" + l + "] must be a column of " + net.sizes[l] + " (" + net.sizes[l]
            + " x 1) but is " + (b == null ? "null" : b.rows + " x " + b.columns) + ".");
      }
    }
  }

  static void input(Model net, DoubleMatrix x, String method) {
    shapes(net);
    if (x == null) {
      throw new IllegalArgumentException(method + " needs an input matrix, got null.");
    }
    if (x.rows != net.sizes[0]) {
      String hint = x.columns == net.sizes[0]
          ? " It looks transposed: use x.transpose(), so that each example is a column."
          : x.length == net.sizes[0]
              ? " Reshape the example into one column: x.reshape(" + net.sizes[0] + ", 1)."
              : "";
      throw new IllegalArgumentException(method + " expects " + net.sizes[0] + " rows (one example per column, "
          + net.sizes[0] + " inputs each) but got a " + x.rows + " x " + x.columns + " matrix." + hint);
    }
    if (x.columns < 1) {
      throw new IllegalArgumentException(method + " needs at least one example (column), got none.");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x.data[i])) {
        throw new IllegalArgumentException(method + ": input element (" + (i % x.rows) + ", " + (i / x.rows)
            + ") is " + x.data[i] + ". Inputs must be finite numbers (MNIST pixels are in [0, 1]).");
      }
    }
  }

  static void target(Model net, DoubleMatrix x, DoubleMatrix y, String method) {
    if (x == null) {
      throw new IllegalArgumentException(method + " needs an input matrix x, got null.");
    }
    if (y == null || y.rows != net.sizes[net.layers()] || x == null || y.columns != x.columns) {
      throw new IllegalArgumentException(method + " expects y to be " + net.sizes[net.layers()] + " x m, one desired "
          + "output column per input column" + (x == null ? "" : " (m = " + x.columns + ")") + ", but got "
          + (y == null ? "null" : y.rows + " x " + y.columns)
          + ". For labels, Dataset.oneHot(labels, " + net.sizes[net.layers()] + ") makes it.");
    }
  }

  /** Checks that {@code data} fits the network: inputs, classes, labels in range, finite inputs. */
  public static void dataset(Model net, Dataset data, String method) {
    if (data == null) {
      throw new IllegalArgumentException(method + " needs a dataset, got null.");
    }
    if (data.inputs() != net.sizes[0]) {
      throw new IllegalArgumentException(method + ": the network takes " + net.sizes[0] + " inputs but "
          + data.name() + " has " + data.inputs() + " per example. Build the network with sizes[0] = "
          + data.inputs() + ".");
    }
    if (data.classes() > net.sizes[net.layers()]) {
      throw new IllegalArgumentException(method + ": " + data.name() + " has " + data.classes()
          + " classes but the network has only " + net.sizes[net.layers()] + " outputs. Build it with sizes[L] = "
          + data.classes() + ".");
    }
    if (data.size() < 1) {
      throw new IllegalArgumentException(method + ": " + data.name() + " is empty.");
    }
    // Checked here, over the whole set, so the message names the example's number in the dataset (the
    // per-batch checks only know a position in a shuffled batch). Dataset checks both when it is made, but
    // images() and labels() are shared arrays that a lesson can change afterwards.
    int[] labels = data.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= data.classes()) {
        throw new IllegalArgumentException(method + ": " + data.name() + " example " + i + " has label "
            + labels[i] + " but its labels must be in 0.." + (data.classes() - 1) + ". Were the labels changed "
            + "after the Dataset was made? (labels() is shared, not copied.)");
      }
    }
    DoubleMatrix x = data.images();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x.data[i])) {
        throw new IllegalArgumentException(method + ": " + data.name() + " example " + (i / x.rows) + ", input "
            + (i % x.rows) + " is " + x.data[i] + ". Inputs must be finite numbers (MNIST pixels are in [0, 1]).");
      }
    }
  }
}
