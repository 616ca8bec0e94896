package nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Init;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** Sgd.recordLayers: gradient norms and saturation per layer, before training and after every epoch. */
class LayerRecordsTest {
  private static final Dataset TRAIN = FastSgdTest.randomData(16, 1_300, 3, 1); // more than the 1,000 probed

  /** The numbers by hand, on the first 1,000 examples: {norm of layer 1, .., norm of L, saturation of 1..L-1}. */
  private static double[] byHand(Network net) {
    Dataset probe = TRAIN.head(1000);
    DoubleMatrix x = probe.images();
    DoubleMatrix y = probe.oneHot();
    int layers = net.layers();
    double[] out = new double[2 * layers];
    for (int l = 1; l <= layers; l++) {
      DoubleMatrix g = net.backprop(x, y).nablaW()[l];
      out[l - 1] = Math.sqrt(g.dot(g));
    }
    for (int l = 1; l < layers; l++) {
      DoubleMatrix z = net.forward(x).zs()[l];
      double count = 0;
      if (net.hidden() == Activation.RELU) {
        for (int j = 0; j < z.rows; j++) {
          count += z.getRow(j).max() <= 0 ? 1 : 0;
        }
        out[layers + l - 1] = count / z.rows;
      } else {
        for (double v : z.data) {
          count += Math.abs(v) > 5 ? 1 : 0;
        }
        out[layers + l - 1] = count / z.length;
      }
    }
    return out;
  }

  private static void assertRecords(Activation hidden, Init init, double eta) {
    Network net = Network.builder(16, 12, 8, 3).hidden(hidden).init(init).seed(2).build();
    double[] before = byHand(net);
    History h = net.fit(TRAIN, null, new Sgd().epochs(3).batchSize(20).eta(eta).seed(3).recordLayers(true)
        .verbose(false));
    double[] after = byHand(net);
    assertEquals(3, h.recordedLayers());
    for (int l = 1; l <= 3; l++) {
      double[] norms = h.gradientNorms(l);
      assertEquals(h.size() + 1, norms.length, "epochs + 1");
      assertEquals(before[l - 1], norms[0], 1e-12 * before[l - 1], "layer " + l + " before training");
      assertEquals(after[l - 1], norms[h.size()], 1e-12 * after[l - 1], "layer " + l + " after the last epoch");
    }
    for (int l = 1; l <= 2; l++) {
      double[] share = h.saturation(l);
      assertEquals(h.size() + 1, share.length);
      assertEquals(before[3 + l - 1], share[0], 1e-15, hidden + " layer " + l + " before");
      assertEquals(after[3 + l - 1], share[h.size()], 1e-15, hidden + " layer " + l + " after");
    }
  }

  @Test
  void sigmoidNormsAndSaturationAreWhatTheyAreByHand() {
    assertRecords(Activation.SIGMOID, Init.GAUSSIAN, 3.0); // large initial weights: many |z| > 5
    Network net = Network.builder(16, 12, 8, 3).init(Init.GAUSSIAN).seed(2).build();
    History h = net.fit(TRAIN, null, new Sgd().epochs(1).recordLayers(true).verbose(false));
    assertTrue(h.saturation(1)[0] > 0.02, "the test must see saturation: " + h.saturation(1)[0]);
    assertEquals("sigmoid: |z| > 5", h.saturationRule());
  }

  @Test
  void reluDeadNeuronsAreThoseZeroOnEveryProbedExample() {
    assertRecords(Activation.RELU, Init.UNIFORM, 0.05);
    Network net = Network.builder(16, 12, 8, 3).hidden(Activation.RELU).init(Init.UNIFORM).seed(2).build();
    net.biases[1].put(0, -1000); // neuron 0 of layer 1 can never fire: dead
    History h = net.fit(TRAIN, null, new Sgd().epochs(1).eta(0.05).recordLayers(true).verbose(false));
    assertTrue(h.saturation(1)[0] >= 1.0 / 12, "" + h.saturation(1)[0]);
    assertEquals("ReLU: dead, 0 on all of the first 1000 training examples", h.saturationRule());
  }

  @Test
  void offByDefaultWithAMessageThatSaysHowToTurnItOn() {
    History h = new Network(16, 4, 3).fit(TRAIN, null, new Sgd().epochs(1).verbose(false));
    assertEquals(0, h.recordedLayers());
    assertEquals("History.gradientNorms needs layer records, and this run did not keep them: train with new "
        + "Sgd().recordLayers(true).", assertThrows(IllegalStateException.class, () -> h.gradientNorms(1))
            .getMessage());
    History on = new Network(16, 4, 3).fit(TRAIN, null, new Sgd().epochs(1).recordLayers(true).verbose(false));
    assertEquals("History.saturation(l) needs a layer l in 1..1 (the hidden layers; layer 2 is the output layer), "
        + "got 2.", assertThrows(IllegalArgumentException.class, () -> on.saturation(2)).getMessage());
    assertEquals("History.gradientNorms(l) needs a layer l in 1..2 (layer 0 is the input and has no weights), "
        + "got 0.", assertThrows(IllegalArgumentException.class, () -> on.gradientNorms(0)).getMessage());
  }
}
