package nn.checks;

import java.util.Random;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Gradients;
import nn.model.Init;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backprop against central differences, for every pairing of activation, output and cost. */
class GradientCheckTest {
  static DoubleMatrix inputs(int rows, int m, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(rows, m);
    for (int i = 0; i < x.length; i++) {
      x.data[i] = r.nextDouble();
    }
    return x;
  }

  static DoubleMatrix targets(int classes, int m, long seed) {
    Random r = new Random(seed);
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      labels[i] = r.nextInt(classes);
    }
    return Dataset.oneHot(labels, classes);
  }

  @ParameterizedTest(name = "{0} hidden, {1} output, {2} cost, {3} init")
  @CsvSource({
    "SIGMOID, SIGMOID, QUADRATIC, GAUSSIAN",
    "SIGMOID, SIGMOID, CROSS_ENTROPY, SCALED_GAUSSIAN",
    "SIGMOID, SOFTMAX, CROSS_ENTROPY, GAUSSIAN",
    "RELU, SIGMOID, QUADRATIC, SCALED_GAUSSIAN",
    "RELU, SIGMOID, CROSS_ENTROPY, UNIFORM",
    "RELU, SOFTMAX, CROSS_ENTROPY, UNIFORM",
    "RELU, SOFTMAX, CROSS_ENTROPY, HE",
    "TANH, SIGMOID, QUADRATIC, SCALED_GAUSSIAN",
    "TANH, SIGMOID, CROSS_ENTROPY, HE",
    "TANH, SOFTMAX, CROSS_ENTROPY, GAUSSIAN",
    "IDENTITY, SIGMOID, QUADRATIC, UNIFORM",
    "IDENTITY, SOFTMAX, CROSS_ENTROPY, SCALED_GAUSSIAN",
  })
  void backpropAgreesWithCentralDifferences(Activation hidden, Output output, Cost cost, Init init) {
    Network net = Network.builder(6, 5, 4, 3).hidden(hidden).output(output).cost(cost).init(init).seed(7).build();
    GradientCheck.Result result = GradientCheck.run(net, inputs(6, 8, 1), targets(3, 8, 2));
    assertTrue(result.maxError() < 1e-7, () -> result.toString());
    assertTrue(result.layers().size() == 3);
  }

  @Test
  void mnistShapedNetworkPassesOnSampledParameters() {
    Network net = Network.builder(784, 30, 10).build();
    GradientCheck.Result result = GradientCheck.run(net, inputs(784, 5, 3), targets(10, 5, 4), 60, 9);
    assertTrue(result.maxError() < 1e-7, () -> result.toString());
  }

  @Test
  void theCheckNoticesAWrongGradient() {
    Network net = Network.builder(4, 3, 2).seed(3).build();
    DoubleMatrix x = inputs(4, 5, 5);
    DoubleMatrix y = targets(2, 5, 6);
    Gradients g = net.backprop(x, y);
    assertTrue(GradientCheck.compare(net, x, y, g).passed());
    g.nablaW()[1].put(1, 2, g.nablaW()[1].get(1, 2) + 0.01); // one wrong entry in layer 1
    GradientCheck.Result result = GradientCheck.compare(net, x, y, g);
    assertFalse(result.passed(), result::toString);
    assertTrue(result.layers().get(0).weightError() > 1e-3, result::toString);
    assertTrue(result.layers().get(1).weightError() < 1e-7, result::toString);
  }

  @Test
  void batchGradientIsTheMeanOfPerExampleGradients() {
    Network net = Network.builder(5, 4, 3).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).seed(11).build();
    DoubleMatrix x = inputs(5, 6, 12);
    DoubleMatrix y = targets(3, 6, 13);
    Gradients batch = net.backprop(x, y);
    for (int l = 1; l <= net.layers(); l++) {
      DoubleMatrix sumW = DoubleMatrix.zeros(net.sizes[l], net.sizes[l - 1]);
      DoubleMatrix sumB = DoubleMatrix.zeros(net.sizes[l], 1);
      for (int c = 0; c < x.columns; c++) {
        Gradients one = net.backprop(x.getColumn(c), y.getColumn(c));
        sumW.addi(one.nablaW()[l]);
        sumB.addi(one.nablaB()[l]);
      }
      assertArrayEquals(sumW.divi(x.columns).data, batch.nablaW()[l].data, 1e-14);
      assertArrayEquals(sumB.divi(x.columns).data, batch.nablaB()[l].data, 1e-14);
    }
  }
}
