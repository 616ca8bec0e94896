package nn.model;

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
    softmaxColumns(z.data, a.data, z.rows, z.columns);
    return a;
  }

  /**
   * Softmax of each column of {@code z} into {@code a}; both hold {@code rows x m} numbers, column by column
   * (jblas's storage order). Shared by {@link #apply} and the training loop's buffers.
   */
  static void softmaxColumns(double[] z, double[] a, int rows, int m) {
    for (int c = 0; c < m; c++) {
      int base = c * rows;
      // Subtracting the column's largest z leaves softmax unchanged and keeps exp from overflowing.
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        max = Math.max(max, z[base + r]);
      }
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        double e = Math.exp(z[base + r] - max);
        a[base + r] = e;
        sum += e;
      }
      for (int r = 0; r < rows; r++) {
        a[base + r] /= sum;
      }
    }
  }
}
