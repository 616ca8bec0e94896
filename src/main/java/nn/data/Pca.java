package nn.data;

import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;
import org.jblas.Singular;

/**
 * Principal components of a set of points, by the singular-value decomposition of the centred data
 * (jblas's {@link Singular#sparseSVD}, LAPACK underneath).
 *
 * <p>The points are the columns of {@code x}, {@code d x n} (one example per column, as everywhere in the
 * workbook: a batch of images, or the activations {@code activations[l]} of a layer). With the mean column
 * {@code mean} ({@code d x 1}) and the centred data {@code xc = x - mean} (every column),
 * <pre>
 *   xc = U · diag(s) · Vᵀ                    U: d x r, s: r values, largest first, r = min(d, n)
 *   components() = U                         column i: the i-th direction, a unit vector of length d
 *   variances()[i] = s[i]² / (n - 1)         the variance of the points along direction i
 *   project(x, k) = Uₖᵀ · (x - mean)         k x m: each point's coordinates on the first k directions
 * </pre>
 * The first direction is the one along which the points are most spread out; each next one is the most
 * spread out of those at right angles to the ones before. A direction's sign is arbitrary (−u is as good as
 * u); this class fixes it so that the largest entry of each direction, by absolute value, is positive, so the
 * same data give the same picture on every machine. Immutable.
 */
public final class Pca {
  private final DoubleMatrix mean;
  private final DoubleMatrix components;
  private final double[] variances;
  private final double totalVariance;

  private Pca(DoubleMatrix mean, DoubleMatrix components, double[] variances, double totalVariance) {
    this.mean = mean;
    this.components = components;
    this.variances = variances;
    this.totalVariance = totalVariance;
  }

  /** The principal components of the columns of {@code x} ({@code d x n}, at least two columns). */
  public static Pca fit(DoubleMatrix x) {
    if (x == null || x.columns < 2 || x.rows < 1) {
      throw new IllegalArgumentException("Pca.fit needs at least two points, one per column (d x n); got "
          + (x == null ? "null" : x.rows + " x " + x.columns) + ". Pass e.g. activations[1] of a batch.");
    }
    for (double v : x.data) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("Pca.fit needs finite numbers; the data hold " + v
            + ". Check the network's activations (a diverged run gives NaN).");
      }
    }
    DoubleMatrix mean = x.rowMeans();
    DoubleMatrix centred = x.subColumnVector(mean);
    DoubleMatrix[] usv = Singular.sparseSVD(centred);
    DoubleMatrix u = usv[0];
    DoubleMatrix s = usv[1];
    int n = x.columns;
    double[] variances = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      variances[i] = s.get(i) * s.get(i) / (n - 1);
      DoubleMatrix direction = u.getColumn(i);
      int largest = MatrixFunctions.abs(direction).argmax();
      if (direction.get(largest) < 0) {
        u.putColumn(i, direction.neg());
      }
    }
    double total = centred.mul(centred).sum() / (n - 1);
    return new Pca(mean, u, variances, total);
  }

  /** The mean of the points, {@code d x 1} (a copy). */
  public DoubleMatrix mean() {
    return mean.dup();
  }

  /** The directions, one unit column each, {@code d x r}, r = min(d, n), largest variance first (a copy). */
  public DoubleMatrix components() {
    return components.dup();
  }

  /** Direction {@code i} (0-based), {@code d x 1}. */
  public DoubleMatrix component(int i) {
    checkIndex(i);
    return components.getColumn(i);
  }

  /** The variance of the points along each direction, largest first (a copy). */
  public double[] variances() {
    return variances.clone();
  }

  /** The share of the total variance that direction {@code i} (0-based) explains, in [0, 1]. */
  public double explained(int i) {
    checkIndex(i);
    return totalVariance == 0 ? 0 : variances[i] / totalVariance;
  }

  /** The share of the total variance that the first {@code k} directions explain together. */
  public double explainedBy(int k) {
    checkCount(k);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += explained(i);
    }
    return sum;
  }

  /**
   * The coordinates of the columns of {@code x} ({@code d x m}, the same d as the fitted data; new points
   * are fine) on the first {@code k} directions: {@code k x m}, row i the coordinate along direction i.
   */
  public DoubleMatrix project(DoubleMatrix x, int k) {
    checkCount(k);
    if (x == null || x.rows != mean.rows) {
      throw new IllegalArgumentException("Pca.project needs points with " + mean.rows + " rows (one per "
          + "column), like the data it was fitted on; got " + (x == null ? "null" : x.rows + " x " + x.columns)
          + "." + (x != null && x.columns == mean.rows ? " Is it transposed?" : ""));
    }
    DoubleMatrix first = components.getRange(0, components.rows, 0, k);
    return first.transpose().mmul(x.subColumnVector(mean));
  }

  /** How many directions there are, {@code min(d, n)}. */
  public int count() {
    return variances.length;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= variances.length) {
      throw new IllegalArgumentException("Component index must be in 0.." + (variances.length - 1) + ", got " + i
          + ".");
    }
  }

  private void checkCount(int k) {
    if (k < 1 || k > variances.length) {
      throw new IllegalArgumentException("Number of components must be in 1.." + variances.length + ", got " + k
          + ".");
    }
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "PCA of %d-dimensional points: the first two directions explain "
        + "%.1f%% and %.1f%% of the variance", mean.rows, 100 * explained(0),
        100 * (variances.length > 1 ? explained(1) : 0));
  }
}
