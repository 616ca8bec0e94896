package nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** TANH and IDENTITY, HE and ZERO: their formulas, their derivatives, and what they draw. */
class ActivationsAndInitsTest {
  private static final double[] ZS = {-30, -3, -1, -0.25, 0, 0.5, 2, 30};

  @Test
  void tanhAndItsDerivativeMatchTheFormulaAndCentralDifferences() {
    for (double z : ZS) {
      assertEquals(2 * Activation.sigmoid(2 * z) - 1, Activation.TANH.apply(z), 1e-15, "tanh = 2σ(2z) - 1 at " + z);
      double h = 1e-6;
      double numeric = (Activation.TANH.apply(z + h) - Activation.TANH.apply(z - h)) / (2 * h);
      assertEquals(numeric, Activation.TANH.prime(z), 1e-9, "tanh' at " + z);
    }
    assertEquals(1.0, Activation.TANH.prime(0), 0.0);
    assertTrue(Activation.TANH.prime(2.5) < 0.027, "the saturation threshold of Stuck");
  }

  @Test
  void identityIsZAndSlopeOne() {
    DoubleMatrix z = new DoubleMatrix(2, 4, ZS);
    assertArrayEquals(ZS, Activation.IDENTITY.apply(z).data, 0.0);
    assertArrayEquals(DoubleMatrix.ones(2, 4).data, Activation.IDENTITY.prime(z).data, 0.0);
  }

  @Test
  void aNetworkWithoutNonLinearityIsOneLinearMap() {
    // Three identity layers: z^L = W3 W2 W1 x + (W3 W2 b1 + W3 b2 + b3), whatever the depth.
    Model net = new Model(new int[] {5, 7, 6, 3}, Activation.IDENTITY, Output.SIGMOID, Cost.QUADRATIC,
        Init.SCALED_GAUSSIAN, 3);
    DoubleMatrix w = net.weights[3].mmul(net.weights[2]).mmul(net.weights[1]);
    DoubleMatrix b = net.weights[3].mmul(net.weights[2].mmul(net.biases[1]).add(net.biases[2])).add(net.biases[3]);
    DoubleMatrix x = DoubleMatrix.rand(5, 9);
    DoubleMatrix z = net.forward(x).zs()[3];
    assertArrayEquals(w.mmul(x).addiColumnVector(b).data, z.data, 1e-12);
  }

  @Test
  void heDrawsWeightsWithVarianceTwoOverFanInAndZeroBiases() {
    Model net = new Model(new int[] {784, 100, 10}, Activation.RELU, Output.SOFTMAX, Cost.CROSS_ENTROPY, Init.HE,
        42);
    for (int l = 1; l <= 2; l++) {
      DoubleMatrix w = net.weights[l];
      double mean = w.mean();
      double sd = Math.sqrt(w.sub(mean).dot(w.sub(mean)) / w.length);
      double expected = Math.sqrt(2.0 / net.sizes[l - 1]);
      // 78,400 and 1,000 draws: the sample standard deviation is within 1% and 5% of sqrt(2/n_in).
      assertEquals(expected, sd, expected * (l == 1 ? 0.01 : 0.05), "sd of weights[" + l + "]");
      assertEquals(0, mean, 4 * expected / Math.sqrt(w.length), "mean of weights[" + l + "]");
      assertArrayEquals(new double[net.sizes[l]], net.biases[l].data, 0.0, "biases[" + l + "] are 0");
    }
    // Seeded like every init: the same seed gives the same weights, another seed others.
    Model again = new Model(new int[] {784, 100, 10}, Activation.RELU, Output.SOFTMAX, Cost.CROSS_ENTROPY, Init.HE,
        42);
    assertArrayEquals(net.weights[1].data, again.weights[1].data, 0.0);
  }

  @Test
  void zeroInitIsAllZero() {
    Model net = new Model(new int[] {6, 4, 3}, Activation.TANH, Output.SIGMOID, Cost.QUADRATIC, Init.ZERO, 1);
    for (int l = 1; l <= 2; l++) {
      assertEquals(0, net.weights[l].normmax(), 0.0);
      assertEquals(0, net.biases[l].normmax(), 0.0);
    }
  }
}
