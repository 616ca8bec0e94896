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
    Runtime rt = Runtime.getRuntime();
    long free = heap - (rt.totalMemory() - rt.freeMemory());
    if (doubles * Double.BYTES > free) {
      System.gc(); // what is in use may be garbage of earlier cells
      free = heap - (rt.totalMemory() - rt.freeMemory());
    }
    if (doubles * Double.BYTES > free) {
      throw new IllegalArgumentException("A network with sizes " + Arrays.toString(sizes) + " has " + doubles
          + " weights and biases (" + doubles * Double.BYTES / (1 << 20) + " MB), but only " + free / (1 << 20)
          + " MB of the Java heap (" + heap / (1 << 20) + " MB) is free. Use smaller layers (or start Java with a "
          + "larger -Xmx).");
    }
  }

  /** Checks that every weight and bias still has the shape the convention requires, and is its own matrix. */
  public static void shapes(Model net) {
    java.util.Map<DoubleMatrix, String> seen = new java.util.IdentityHashMap<>();
    for (int l = 1; l <= net.layers(); l++) {
      for (String name : new String[] {"weights[" + l + "]", "biases[" + l + "]"}) {
        DoubleMatrix m = name.startsWith("w") ? net.weights[l] : net.biases[l];
        String other = m == null ? null : seen.put(m, name);
        if (other != null) {
          // Two slots holding one matrix train as one: every step to either changes both, silently.
          throw new IllegalStateException(name + " is the same matrix as " + other + ", so a step to one would "
              + "change both. Fix: give it its own copy, e.g. net." + name + " = net." + other + ".dup().");
        }
      }
    }
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
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y.data[i])) {
        throw new IllegalArgumentException(method + ": y element (" + i % y.rows + ", " + i / y.rows + ") is "
            + y.data[i] + ". Desired outputs must be finite (one-hot columns: Dataset.oneHot(labels, "
            + y.rows + ")).");
      }
    }
    if (net.output() == Output.SOFTMAX) {
      softmaxTargets(y, method);
    }
  }

  /**
   * A softmax output is a probability distribution, and its cross-entropy gradient a - y is the gradient only
   * when each column of y is one too (non-negative, summing to 1): a two-hot or all-zero column would train,
   * and check, against a cost the network does not have.
   */
  private static void softmaxTargets(DoubleMatrix y, String method) {
    for (int c = 0; c < y.columns; c++) {
      double sum = 0;
      for (int r = 0; r < y.rows; r++) {
        double v = y.get(r, c);
        if (v < 0 || v > 1) {
          throw new IllegalArgumentException(method + ": y element (" + r + ", " + c + ") is " + v + ", but a "
              + "softmax network's desired outputs are probabilities in [0, 1], one column per example summing "
              + "to 1. Use one-hot columns: Dataset.oneHot(labels, " + y.rows + ").");
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException(method + ": column " + c + " of y sums to " + sum + ", but a softmax "
            + "network's desired outputs must sum to 1 in every column (a one-hot column has a single 1): the "
            + "gradient a - y is only right then. Use Dataset.oneHot(labels, " + y.rows + ").");
      }
    }
  }

  /**
   * Outputs that are NaN make every prediction class 0 (argmax of NaNs) and evaluate report chance: name the
   * weight that made them NaN instead.
   */
  static void outputs(Model net, DoubleMatrix out, String method) {
    for (int i = 0; i < out.length; i++) {
      if (Double.isNaN(out.data[i])) {
        String weight = firstNonFiniteWeight(net);
        if (weight != null) {
          throw new IllegalStateException(method + ": " + weight + ", so the outputs are NaN and every prediction "
              + "would be class 0. Fix: retrain the network (if training diverged, with a smaller eta), or load a "
              + "saved model.");
        }
        throw new IllegalStateException(method + ": output element (" + i % out.rows + ", " + i / out.rows
            + ") is NaN although every weight and input is finite: the weights are so large that the sums "
            + "overflow. Fix: retrain the network with a smaller eta (or some L2 regularisation).");
      }
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

  /** "weights[2] element (1, 0) is NaN" for the first weight or bias that is not finite, or null. */
  public static String firstNonFiniteWeight(Model net) {
    for (int l = 1; l <= net.layers(); l++) {
      for (DoubleMatrix m : new DoubleMatrix[] {net.weights[l], net.biases[l]}) {
        for (int i = 0; m != null && i < m.length; i++) {
          if (!Double.isFinite(m.data[i])) {
            return (m == net.weights[l] ? "weights[" : "biases[") + l + "] element (" + i % m.rows + ", "
                + i / m.rows + ") is " + m.data[i];
          }
        }
      }
    }
    return null;
  }
}
