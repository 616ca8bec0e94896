package nn.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.DropoutModel;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The readable dropout backprop (DropoutModel) against central differences of the masked network's cost. */
class DropoutGradientCheckTest {
  private static DoubleMatrix[] batch(int inputs, int classes, int m, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(inputs, m);
    int[] labels = new int[m];
    for (int i = 0; i < x.length; i++) {
      x.data[i] = r.nextDouble();
    }
    for (int c = 0; c < m; c++) {
      labels[c] = r.nextInt(classes);
    }
    return new DoubleMatrix[] {x, Dataset.oneHot(labels, classes)};
  }

  @Test
  void maskedBackpropPassesTheGradientCheck() {
    Network[] nets = {
      Network.builder(6, 5, 4, 3).seed(1).build(),
      Network.builder(6, 7, 5, 3).hidden(Activation.SIGMOID).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
          .seed(2).build()};
    for (Network net : nets) {
      DoubleMatrix[] xy = batch(6, 3, 8, 3);
      DropoutModel dropped = new DropoutModel(net, DropoutModel.masks(net.sizes, 8, 0.4, 5));
      GradientCheck.Result r = GradientCheck.run(dropped, xy[0], xy[1]);
      assertTrue(r.passed(), r::toString);
      // The masks are part of the maths: the plain backprop is not the masked network's gradient.
      assertTrue(!GradientCheck.compare(dropped, xy[0], xy[1], net.backprop(xy[0], xy[1])).passed());
    }
  }

  @Test
  void masksMustFitTheNetworkAndTheBatch() {
    Network net = Network.builder(6, 5, 3).seed(1).build();
    assertEquals("masks[1] must be 5 x m (a row per neuron of layer 1, a column per example, the same m for every "
        + "layer), got 4 x 8.", assertThrows(IllegalArgumentException.class, () -> new DropoutModel(net,
            DropoutModel.masks(new int[] {6, 4, 3}, 8, 0.5, 1))).getMessage());
    DropoutModel d = new DropoutModel(net, DropoutModel.masks(net.sizes, 8, 0.5, 1));
    assertEquals("These masks are for 8 examples, got 3: make masks for as many examples as x has columns.",
        assertThrows(IllegalArgumentException.class, () -> d.forward(new DoubleMatrix(6, 3))).getMessage());
  }
}
