package nn.model;

import nn.Network;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbook's indexing convention on the {2, 3, 1} example network, and a forward pass by hand. */
class IndexingTest {
  private static Network handMade() {
    Network net = new Network(2, 3, 1);
    // weights[1] is 3 x 2: row j is neuron j of layer 1, column k is input k.
    net.weights[1].copy(new DoubleMatrix(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
    net.biases[1].copy(new DoubleMatrix(new double[] {0, 0, -1}));
    net.weights[2].copy(new DoubleMatrix(new double[][] {{1, -1, 2}}));
    net.biases[2].copy(new DoubleMatrix(new double[] {0.5}));
    return net;
  }

  @Test
  void shapesFollowTheConvention() {
    Network net = new Network(2, 3, 1);
    assertEquals(2, net.layers());
    assertEquals(3, net.weights.length);
    assertEquals(0, net.weights[0].length, "slot 0 is unused and empty");
    assertEquals(0, net.biases[0].length, "slot 0 is unused and empty");
    assertEquals(3, net.weights[1].rows);
    assertEquals(2, net.weights[1].columns);
    assertEquals(1, net.weights[2].rows);
    assertEquals(3, net.weights[2].columns);
    assertEquals(3, net.biases[1].rows);
    assertEquals(1, net.biases[1].columns);
    assertEquals(1, net.biases[2].rows);
  }

  @Test
  void elementJKJoinsNeuronKOfThePreviousLayerToNeuronJ() {
    Network net = handMade();
    // Only weights[1](2, 0) joins input 0 to neuron 2 of layer 1: changing it moves z[1] of neuron 2 only.
    DoubleMatrix x = new DoubleMatrix(new double[] {1, 0});
    DoubleMatrix before = net.forward(x).zs()[1];
    net.weights[1].put(2, 0, 5.0);
    DoubleMatrix after = net.forward(x).zs()[1];
    assertEquals(before.get(0), after.get(0));
    assertEquals(before.get(1), after.get(1));
    assertEquals(before.get(2) + 4.0, after.get(2), 1e-15);
  }

  @Test
  void forwardPassMatchesHandComputation() {
    Network net = handMade();
    // Two examples, one per column: x = (1, 2) and x = (0, -1).
    DoubleMatrix x = new DoubleMatrix(new double[][] {{1, 0}, {2, -1}});
    Forward f = net.forward(x);
    assertEquals(0, f.zs()[0].length);
    assertTrue(f.activations()[0] == x, "activations[0] is the input itself");
    assertArrayEquals(new double[] {1, 2, 2, 0, -1, -2}, f.zs()[1].data, 1e-15);
    assertArrayEquals(new double[] {0.7310585786300049, 0.8807970779778823, 0.8807970779778823},
        f.activations()[1].getColumn(0).data, 1e-15);
    assertEquals(2.1118556566078874, f.zs()[2].get(0, 0), 1e-14);
    assertEquals(0.9694644226742399, f.zs()[2].get(0, 1), 1e-14);
    assertEquals(0.8920501568431154, f.output().get(0, 0), 1e-15);
    assertEquals(0.7250127329983244, f.output().get(0, 1), 1e-15);
    assertArrayEquals(f.output().data, net.feedforward(x).data, 0.0);
  }

  @Test
  void softmaxColumnsSumToOne() {
    Network net = Network.builder(4, 5, 3).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY).build();
    DoubleMatrix out = net.feedforward(DoubleMatrix.rand(4, 7));
    for (int c = 0; c < 7; c++) {
      assertEquals(1.0, out.getColumn(c).sum(), 1e-12);
    }
  }

  @Test
  void sameSeedSameNetworkAndInitialisationsDiffer() {
    assertArrayEquals(new Network(784, 30, 10).weights[1].data, new Network(784, 30, 10).weights[1].data, 0.0);
    Network scaled = Network.builder(784, 30, 10).init(Init.SCALED_GAUSSIAN).build();
    assertEquals(1.0 / 28, Math.sqrt(scaled.weights[1].dot(scaled.weights[1]) / scaled.weights[1].length), 0.002);
    Network uniform = Network.builder(784, 30, 10).init(Init.UNIFORM).build();
    assertTrue(uniform.weights[1].max() <= 0.5 && uniform.weights[1].min() >= -0.5);
  }

  @Test
  void wrongShapesAreExplained() {
    Network net = new Network(2, 3, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.feedforward(new DoubleMatrix(5, 2)));
    assertEquals("feedforward expects 2 rows (one example per column, 2 inputs each) but got a 5 x 2 matrix."
        + " It looks transposed: use x.transpose(), so that each example is a column.", e.getMessage());
    net.weights[1] = new DoubleMatrix(2, 3);
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> net.feedforward(new DoubleMatrix(2, 1)));
    assertEquals("weights[1] must be 3 x 2 (sizes[1] x sizes[0]: one row per neuron of layer 1, one column per "
        + "neuron of layer 0) but is 2 x 3. Did you transpose it?", s.getMessage());
  }

  @Test
  void badSizesAreExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Network(784));
    assertEquals("A network needs at least two layer sizes (inputs and outputs), e.g. new Network(784, 30, 10);"
        + " got [784].", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Network(784, 0, 10));
    assertEquals("sizes[1] is 0 but every layer needs at least one neuron; got sizes [784, 0, 10].",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Network.builder(4, 2).output(Output.SOFTMAX).build());
    assertTrue(e.getMessage().startsWith("A softmax output pairs with the cross-entropy"));
  }

  @Test
  void nanInputIsRefused() {
    Network net = new Network(2, 3, 1);
    DoubleMatrix x = new DoubleMatrix(new double[] {1, Double.NaN});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.feedforward(x));
    assertEquals("feedforward: input element (1, 0) is NaN. Inputs must be finite numbers (MNIST pixels are in"
        + " [0, 1]).", e.getMessage());
  }
}
