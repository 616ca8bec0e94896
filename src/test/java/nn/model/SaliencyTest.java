package nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** {@link Saliency} against central differences of the output, for each output layer and hidden activation. */
class SaliencyTest {
  private static final double H = 1e-5;

  private static DoubleMatrix inputs(int rows, int m, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(rows, m);
    for (int i = 0; i < x.length; i++) {
      x.data[i] = r.nextDouble();
    }
    return x;
  }

  /** ∂ a^L_j / ∂ x_k at column c by central differences of feedforward. */
  private static double numeric(Model net, DoubleMatrix x, int j, int k, int c) {
    DoubleMatrix column = x.getColumn(c);
    double keep = column.get(k);
    column.put(k, keep + H);
    double up = net.feedforward(column).get(j);
    column.put(k, keep - H);
    double down = net.feedforward(column).get(j);
    return (up - down) / (2 * H);
  }

  private static void agreesWithCentralDifferences(Model net) {
    DoubleMatrix x = inputs(net.sizes[0], 3, 7);
    for (int j = 0; j < net.sizes[net.layers()]; j++) {
      DoubleMatrix s = Saliency.of(net, x, j);
      assertEquals(net.sizes[0], s.rows, "one row per input");
      assertEquals(x.columns, s.columns, "one column per example");
      double largest = 0;
      for (int c = 0; c < x.columns; c++) {
        for (int k = 0; k < x.rows; k++) {
          double expected = numeric(net, x, j, k, c);
          largest = Math.max(largest, Math.abs(expected));
          assertEquals(expected, s.get(k, c), 1e-8 * Math.max(1, Math.abs(expected)),
              net + ": output " + j + ", input " + k + ", example " + c);
        }
      }
      assertTrue(largest > 1e-4, "the gradient is not trivially zero");
    }
  }

  @Test
  void sigmoidOutputTwoHiddenLayers() {
    agreesWithCentralDifferences(new Model(new int[] {6, 5, 4, 3}, Activation.SIGMOID, Output.SIGMOID,
        Cost.QUADRATIC, Init.GAUSSIAN, 1));
  }

  @Test
  void softmaxOutputOneHiddenLayer() {
    agreesWithCentralDifferences(new Model(new int[] {6, 5, 4}, Activation.SIGMOID, Output.SOFTMAX,
        Cost.CROSS_ENTROPY, Init.GAUSSIAN, 2));
  }

  @Test
  void reluHiddenSoftmaxOutput() {
    agreesWithCentralDifferences(new Model(new int[] {6, 8, 5, 3}, Activation.RELU, Output.SOFTMAX,
        Cost.CROSS_ENTROPY, Init.SCALED_GAUSSIAN, 3));
  }

  @Test
  void noHiddenLayerIsTheOutputsSlopeTimesTheWeights() {
    Model net = new Model(new int[] {4, 2}, Activation.SIGMOID, Output.SIGMOID, Cost.QUADRATIC, Init.GAUSSIAN, 4);
    agreesWithCentralDifferences(net);
    DoubleMatrix x = inputs(4, 1, 5);
    double z = net.weights[1].getRow(1).dot(x) + net.biases[1].get(1);
    DoubleMatrix expected = net.weights[1].getRow(1).transpose().mul(Activation.SIGMOID.prime(z));
    assertEquals(0, Saliency.of(net, x, 1).sub(expected).normmax(), 1e-15);
  }

  @Test
  void oneNeuronPerExampleGivesEachColumnItsOwnNeuron() {
    Model net = new Model(new int[] {6, 5, 4}, Activation.SIGMOID, Output.SOFTMAX, Cost.CROSS_ENTROPY,
        Init.GAUSSIAN, 6);
    DoubleMatrix x = inputs(6, 4, 8);
    int[] neurons = {3, 0, 2, 3};
    DoubleMatrix mixed = Saliency.of(net, x, neurons);
    for (int c = 0; c < 4; c++) {
      DoubleMatrix alone = Saliency.of(net, x, neurons[c]).getColumn(c);
      assertEquals(0, mixed.getColumn(c).sub(alone).normmax(), 1e-15);
    }
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    Model net = new Model(new int[] {6, 5, 4}, Activation.SIGMOID, Output.SOFTMAX, Cost.CROSS_ENTROPY,
        Init.GAUSSIAN, 6);
    DoubleMatrix x = inputs(6, 2, 9);
    assertEquals("The output neuron must be in 0..3 (one per class), got 4.",
        assertThrows(IllegalArgumentException.class, () -> Saliency.of(net, x, 4)).getMessage());
    assertEquals("Saliency.of needs one output neuron per example: x has 2 columns but 3 neurons were given.",
        assertThrows(IllegalArgumentException.class, () -> Saliency.of(net, x, new int[] {0, 1, 2})).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Saliency.of(net, x.transpose(), 0))
        .getMessage().contains("It looks transposed"));
  }
}
