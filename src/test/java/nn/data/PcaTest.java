package nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** {@link Pca} on data whose principal components are known by construction. */
class PcaTest {
  /**
   * 2,000 points in 3-D: independent normal coordinates with standard deviations 3, 1 and 0.1 along the
   * orthonormal directions u1, u2, u3 (a rotation), shifted by the mean (5, -2, 1).
   */
  private static final DoubleMatrix U = rotation();
  private static final double[] SD = {3, 1, 0.1};
  private static final DoubleMatrix MEAN = new DoubleMatrix(new double[] {5, -2, 1});

  private static DoubleMatrix rotation() {
    double c = Math.cos(0.5);
    double s = Math.sin(0.5);
    DoubleMatrix rz = new DoubleMatrix(new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}});
    DoubleMatrix rx = new DoubleMatrix(new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}});
    return rz.mmul(rx);
  }

  private static DoubleMatrix points(int n, long seed) {
    Random r = new Random(seed);
    DoubleMatrix coordinates = new DoubleMatrix(3, n);
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < 3; i++) {
        coordinates.put(i, c, SD[i] * r.nextGaussian());
      }
    }
    return U.mmul(coordinates).addColumnVector(MEAN);
  }

  @Test
  void findsTheDirectionsAndVariancesOfConstructedData() {
    Pca pca = Pca.fit(points(2000, 1));
    assertEquals(3, pca.count());
    assertEquals(0, pca.mean().sub(MEAN).normmax(), 0.2, "mean");
    double[] v = pca.variances();
    for (int i = 0; i < 3; i++) {
      // Sample variance of 2,000 normal draws: relative standard error sqrt(2 / 1999), about 3%.
      assertEquals(SD[i] * SD[i], v[i], 0.1 * SD[i] * SD[i], "variance " + i);
      double cosine = Math.abs(pca.component(i).dot(U.getColumn(i)));
      assertTrue(cosine > 0.99, "direction " + i + " is u" + (i + 1) + ": |cos| = " + cosine);
      assertEquals(1, pca.component(i).norm2(), 1e-12, "unit length");
    }
    assertEquals(0, pca.component(0).dot(pca.component(1)), 1e-12, "at right angles");
    assertEquals(9 / 10.01, pca.explained(0), 0.02);
    assertEquals(10 / 10.01, pca.explainedBy(2), 0.005);
    assertEquals(1, pca.explainedBy(3), 1e-12, "all directions explain all the variance");
  }

  @Test
  void exactAnswerOnFourPoints() {
    // The corners of a 4 x 2 rectangle centred on (1, 1): directions x then y, variances 16/3 and 4/3.
    DoubleMatrix x = new DoubleMatrix(new double[][] {{-1, 3, 3, -1}, {0, 0, 2, 2}});
    Pca pca = Pca.fit(x);
    assertEquals(0, pca.mean().sub(new DoubleMatrix(new double[] {1, 1})).normmax(), 1e-12);
    assertEquals(16.0 / 3, pca.variances()[0], 1e-12);
    assertEquals(4.0 / 3, pca.variances()[1], 1e-12);
    assertEquals(0.8, pca.explained(0), 1e-12);
    // Signs are fixed: the largest entry of each direction is positive.
    assertEquals(0, pca.component(0).sub(new DoubleMatrix(new double[] {1, 0})).normmax(), 1e-12);
    assertEquals(0, pca.component(1).sub(new DoubleMatrix(new double[] {0, 1})).normmax(), 1e-12);
    DoubleMatrix projected = pca.project(x, 2);
    DoubleMatrix expected = new DoubleMatrix(new double[][] {{-2, 2, 2, -2}, {-1, -1, 1, 1}});
    assertEquals(0, projected.sub(expected).normmax(), 1e-12);
    assertEquals(1, pca.project(x, 1).rows);
  }

  @Test
  void projectionIsTheCentredDataTimesTheDirections() {
    DoubleMatrix x = points(500, 2);
    Pca pca = Pca.fit(x);
    DoubleMatrix byHand = pca.components().getRange(0, 3, 0, 2).transpose().mmul(x.subColumnVector(pca.mean()));
    assertEquals(0, pca.project(x, 2).sub(byHand).normmax(), 1e-12);
    // The projected coordinates have mean 0 and the variances of their directions.
    DoubleMatrix p = pca.project(x, 3);
    for (int i = 0; i < 3; i++) {
      DoubleMatrix row = p.getRow(i);
      assertEquals(0, row.mean(), 1e-9);
      assertEquals(pca.variances()[i], row.dot(row) / (x.columns - 1), 1e-9 * pca.variances()[0]);
    }
  }

  @Test
  void moreDimensionsThanPoints() {
    DoubleMatrix x = randomMatrix(784, 20, 3);
    Pca pca = Pca.fit(x);
    assertEquals(20, pca.count(), "min(d, n) directions");
    assertEquals(0, pca.variances()[19], 1e-9, "20 centred points span 19 dimensions");
    assertEquals(1, pca.explainedBy(19), 1e-9);
  }

  private static DoubleMatrix randomMatrix(int rows, int columns, long seed) {
    Random r = new Random(seed);
    DoubleMatrix m = new DoubleMatrix(rows, columns);
    for (int i = 0; i < m.length; i++) {
      m.data[i] = r.nextDouble();
    }
    return m;
  }

  @Test
  void badInputsSayWhatIsWrong() {
    assertEquals("Pca.fit needs at least two points, one per column (d x n); got 3 x 1. Pass e.g. "
        + "activations[1] of a batch.", assertThrows(IllegalArgumentException.class,
            () -> Pca.fit(new DoubleMatrix(3, 1))).getMessage());
    DoubleMatrix nan = new DoubleMatrix(new double[][] {{1, Double.NaN}, {0, 1}});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(nan)).getMessage()
        .contains("finite numbers"));
    Pca pca = Pca.fit(points(10, 4));
    assertEquals("Pca.project needs points with 3 rows (one per column), like the data it was fitted on; got "
        + "5 x 3. Is it transposed?", assertThrows(IllegalArgumentException.class,
            () -> pca.project(new DoubleMatrix(5, 3), 2)).getMessage());
    assertEquals("Number of components must be in 1..3, got 4.",
        assertThrows(IllegalArgumentException.class, () -> pca.project(points(2, 5), 4)).getMessage());
  }
}
