package nn.training;

import java.util.ArrayList;
import java.util.List;
import nn.data.Dataset;
import nn.model.Forward;
import nn.model.Gradients;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * What {@code Sgd.recordLayers(true)} records, once before training and after every epoch, on a fixed probe:
 * the first {@link #PROBE} training examples (all of them in a smaller set).
 *
 * <ul>
 *   <li>per layer {@code l = 1..L}: the Frobenius norm {@code ‖∇_{weights[l]} C‖} of the gradient of the mean
 *       cost over the probe (without the L2 or L1 term), by {@link Model#backprop};
 *   <li>per hidden layer {@code l = 1..L-1}: the share of saturated neurons. Sigmoid: the share of the
 *       (neuron, example) pairs with {@code |zs[l]| > 5} (σ' below 0.0067); tanh: {@code |zs[l]| > 2.5}
 *       (tanh' below 0.027); ReLU: the share of neurons that are dead, 0 on every example of the probe;
 *       an activation without a flat part (identity) records 0.
 * </ul>
 */
final class LayerRecords {
  /** How many training examples the records are measured on. */
  static final int PROBE = 1_000;

  private final Model net;
  private final DoubleMatrix x;
  private final DoubleMatrix y;
  private final List<double[]> norms = new ArrayList<>();      // norms.get(e)[l]
  private final List<double[]> saturation = new ArrayList<>(); // saturation.get(e)[l], l < L

  LayerRecords(Model net, Dataset train) {
    this.net = net;
    Dataset probe = train.head(Math.min(PROBE, train.size()));
    x = probe.images();
    y = Dataset.oneHot(probe.labels(), net.sizes[net.layers()]);
  }

  /** The records {@code sgd} asks for, attached to {@code history} and measured once; null when off. */
  static LayerRecords start(Model net, Sgd sgd, Dataset train, History history) {
    if (!sgd.recordLayers) {
      return null;
    }
    LayerRecords records = new LayerRecords(net, train);
    history.record(records);
    records.measure(); // index 0: before training
    return records;
  }

  /** Measures the network as it is now and appends the numbers: index 0 before training, e after epoch e. */
  void measure() {
    Gradients g = net.backprop(x, y);
    Forward f = net.forward(x);
    int layers = net.layers();
    double[] n = new double[layers + 1];
    double[] s = new double[layers + 1];
    for (int l = 1; l <= layers; l++) {
      n[l] = g.nablaW()[l].norm2(); // jblas's norm2 of a matrix is the Frobenius norm (the data as one vector)
      s[l] = l < layers ? saturated(f.zs()[l]) : Double.NaN;
    }
    norms.add(n);
    saturation.add(s);
  }

  /** The share of saturated (or dead) neurons in one hidden layer's weighted inputs {@code z} (sizes[l] x m). */
  private double saturated(DoubleMatrix z) {
    switch (net.hidden().name()) {
      case "SIGMOID":
        return beyond(z, 5.0);
      case "TANH": // Activation.TANH (helper optim's): matched by name so this compiles without it
        return beyond(z, 2.5);
      case "RELU":
        int dead = 0;
        for (int j = 0; j < z.rows; j++) {
          boolean alive = false;
          for (int c = 0; c < z.columns && !alive; c++) {
            alive = z.get(j, c) > 0;
          }
          dead += alive ? 0 : 1;
        }
        return (double) dead / z.rows;
      default:
        return 0.0;
    }
  }

  private static double beyond(DoubleMatrix z, double limit) {
    int count = 0;
    for (double v : z.data) {
      if (Math.abs(v) > limit) {
        count++;
      }
    }
    return (double) count / z.length;
  }

  /** What counts as saturated for this network's hidden activation, in words (a chart's subtitle). */
  String saturationRule() {
    switch (net.hidden().name()) {
      case "SIGMOID":
        return "sigmoid: |z| > 5";
      case "TANH":
        return "tanh: |z| > 2.5";
      case "RELU":
        return "ReLU: dead, 0 on all of the first " + x.columns + " training examples";
      default:
        return net.hidden().name().toLowerCase(java.util.Locale.ROOT) + ": never saturates";
    }
  }

  int layers() {
    return net.layers();
  }

  double[] gradientNorms(int l) {
    checkLayer(l, net.layers(), "gradientNorms");
    return column(norms, l);
  }

  double[] saturation(int l) {
    checkLayer(l, net.layers() - 1, "saturation");
    return column(saturation, l);
  }

  private static double[] column(List<double[]> rows, int l) {
    double[] out = new double[rows.size()];
    for (int e = 0; e < out.length; e++) {
      out[e] = rows.get(e)[l];
    }
    return out;
  }

  private void checkLayer(int l, int last, String what) {
    if (l < 1 || l > last) {
      throw new IllegalArgumentException("History." + what + "(l) needs a layer l in 1.." + last + " ("
          + (what.equals("saturation") ? "the hidden layers; layer " + net.layers() + " is the output layer"
              : "layer 0 is the input and has no weights") + "), got " + l + ".");
    }
  }
}
