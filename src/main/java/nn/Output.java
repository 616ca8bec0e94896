package nn;

import org.jblas.DoubleMatrix;

/**
 * The activation of the output layer {@code L}.
 *
 * <p>{@code SIGMOID}: each output {@code σ(z_j)} on its own, in (0, 1).
 * {@code SOFTMAX}: {@code e^{z_j} / Σ_k e^{z_k}} per column, so a column's outputs are positive and sum to 1
 * (a probability for each class). Softmax pairs with the log-likelihood (cross-entropy) cost.
 */
public enum Output {
  SIGMOID,
  SOFTMAX;

  /** The output activations for {@code z} ({@code sizes[L] x m}); returns a new matrix. */
  public DoubleMatrix apply(DoubleMatrix z) {
    if (this == SIGMOID) {
      return Activation.SIGMOID.apply(z);
    }
    DoubleMatrix a = new DoubleMatrix(z.rows, z.columns);
    for (int c = 0; c < z.columns; c++) {
      int base = c * z.rows;
      // Subtracting the column's largest z leaves softmax unchanged and keeps exp from overflowing.
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < z.rows; r++) {
        max = Math.max(max, z.data[base + r]);
      }
      double sum = 0;
      for (int r = 0; r < z.rows; r++) {
        double e = Math.exp(z.data[base + r] - max);
        a.data[base + r] = e;
        sum += e;
      }
      for (int r = 0; r < z.rows; r++) {
        a.data[base + r] /= sum;
      }
    }
    return a;
  }
}
