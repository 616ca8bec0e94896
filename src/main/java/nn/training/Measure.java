package nn.training;

import nn.data.Chunks;
import nn.data.Dataset;
import nn.model.Forward;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/** What {@link Trainer} measures after each epoch: cost and accuracy, the L2 and L1 terms, and divergence. */
final class Measure {
  private Measure() {}

  /** Mean cost (no L2 term) and accuracy over a dataset, in one forward pass per chunk: {cost, accuracy}. */
  static double[] of(Model net, Dataset data) {
    double[] sums = new double[2];
    int outputs = net.sizes[net.layers()];
    int last = net.layers();
    Chunks.forEach(data, (start, x, labels) -> {
      Forward f = net.forward(x);
      DoubleMatrix y = Dataset.oneHot(labels, outputs);
      sums[0] += net.cost().sum(net.output(), f.zs()[last], f.output(), y);
      int[] predicted = Model.argmaxColumns(f.output());
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == labels[i]) {
          sums[1]++;
        }
      }
    });
    return new double[] {sums[0] / data.size(), sums[1] / data.size()};
  }

  /** The L2 term of the regularised cost, {@code (lambda / 2n) Σ w²} over all weights. */
  static double l2Term(Model net, double lambda, int n) {
    if (lambda == 0) {
      return 0;
    }
    double squares = 0;
    for (int l = 1; l <= net.layers(); l++) {
      squares += net.weights[l].dot(net.weights[l]);
    }
    return lambda / (2.0 * n) * squares;
  }

  /** The L1 term of the regularised cost, {@code (lambda1 / n) Σ |w|} over all weights. */
  static double l1Term(Model net, double lambda1, int n) {
    if (lambda1 == 0) {
      return 0;
    }
    double sum = 0;
    for (int l = 1; l <= net.layers(); l++) {
      sum += net.weights[l].norm1();
    }
    return lambda1 / n * sum;
  }

  /** What went wrong, or null: a measured cost that is not finite (NaN = not measured), or a weight. */
  static String divergence(Model net, double trainCost, boolean trainMeasured, double validationCost,
      boolean validationMeasured) {
    if (trainMeasured && !Double.isFinite(trainCost)) {
      return "the training cost became " + trainCost;
    }
    if (validationMeasured && !Double.isFinite(validationCost)) {
      return "the validation cost became " + validationCost;
    }
    for (int l = 1; l <= net.layers(); l++) {
      double sum = net.weights[l].sum() + net.biases[l].sum();
      if (!Double.isFinite(sum)) {
        return "a weight or bias of layer " + l + " became " + sum;
      }
    }
    return null;
  }
}
