package nn.model;

import org.jblas.DoubleMatrix;

/**
 * The cost of one example, and the output error {@code δ^L = ∂C/∂z^L} it gives (equation BP1).
 *
 * <ul>
 *   <li>{@code QUADRATIC}: {@code C = ½ Σ_j (a_j - y_j)²}; with a sigmoid output
 *       {@code δ^L = (a - y) ⊙ σ'(z^L)}.
 *   <li>{@code CROSS_ENTROPY} with a sigmoid output: {@code C = -Σ_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)]};
 *       with a softmax output it is the log-likelihood {@code C = -Σ_j y_j ln a_j}. In both cases
 *       {@code δ^L = a - y}: the {@code σ'} factor that slows learning cancels.
 * </ul>
 *
 * <p>Costs are computed from {@code z} in a form that cannot overflow, so a saturated output (a = 1.0 in
 * floating point) gives a large finite cost rather than infinity.
 */
public enum Cost {
  QUADRATIC,
  CROSS_ENTROPY;

  /**
   * The summed cost of the columns: {@code z}, {@code a}, {@code y} are {@code sizes[L] x m}; returns
   * {@code Σ_x C_x} (divide by m for the mean).
   */
  public double sum(Output output, DoubleMatrix z, DoubleMatrix a, DoubleMatrix y) {
    sameShape("sum", z, a, y);
    double total = 0;
    if (this == QUADRATIC) {
      for (int i = 0; i < a.length; i++) {
        double d = a.data[i] - y.data[i];
        total += 0.5 * d * d;
      }
    } else if (output == Output.SIGMOID) {
      // -y ln σ(z) - (1-y) ln(1-σ(z)) = softplus(z) - y z.
      for (int i = 0; i < z.length; i++) {
        double zi = z.data[i];
        total += softplus(zi) - y.data[i] * zi;
      }
    } else {
      // -Σ_j y_j ln softmax(z)_j = Σ_j y_j (logsumexp(z) - z_j).
      for (int c = 0; c < z.columns; c++) {
        int base = c * z.rows;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < z.rows; r++) {
          max = Math.max(max, z.data[base + r]);
        }
        double s = 0;
        for (int r = 0; r < z.rows; r++) {
          s += Math.exp(z.data[base + r] - max);
        }
        double logSumExp = max + Math.log(s);
        for (int r = 0; r < z.rows; r++) {
          total += y.data[base + r] * (logSumExp - z.data[base + r]);
        }
      }
    }
    return total;
  }

  /** The output error {@code δ^L} ({@code sizes[L] x m}) for one column per example (BP1). */
  public DoubleMatrix delta(Output output, DoubleMatrix z, DoubleMatrix a, DoubleMatrix y) {
    sameShape("delta", z, a, y);
    DoubleMatrix delta = a.sub(y);
    if (this == QUADRATIC) {
      // Only sigmoid outputs reach here: Network refuses softmax with the quadratic cost.
      delta.muli(Activation.SIGMOID.prime(z));
    }
    return delta;
  }

  /** z, a and y must all be {@code sizes[L] x m}; otherwise the loops would read past y's end. */
  private void sameShape(String method, DoubleMatrix z, DoubleMatrix a, DoubleMatrix y) {
    if (z == null || a == null || y == null || a.rows != z.rows || a.columns != z.columns || y.rows != z.rows
        || y.columns != z.columns) {
      throw new IllegalArgumentException(name() + "." + method + " needs z, a and y of the same shape (outputs x "
          + "examples), got z " + shape(z) + ", a " + shape(a) + ", y " + shape(y) + ". For labels, "
          + "Dataset.oneHot(labels, outputs) makes y.");
    }
  }

  private static String shape(DoubleMatrix m) {
    return m == null ? "null" : m.rows + " x " + m.columns;
  }

  /** {@code ln(1 + e^z)}, computed without overflow. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }
}
