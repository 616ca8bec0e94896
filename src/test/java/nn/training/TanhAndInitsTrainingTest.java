package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.Network;
import nn.data.Dataset;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Gradients;
import nn.model.Init;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The fast step with tanh and identity hidden layers, He and zero initial weights, and Stuck's tanh rule. */
class TanhAndInitsTrainingTest {
  private static double maxDifference(DoubleMatrix a, DoubleMatrix b) {
    return a.sub(b).normmax() / Math.max(1.0, b.normmax());
  }

  @Test
  void fastGradientMatchesBackpropForTanhAndIdentity() {
    for (Activation f : new Activation[] {Activation.TANH, Activation.IDENTITY}) {
      Network net = Network.builder(9, 7, 5, 3).hidden(f).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
          .init(Init.HE).seed(4).build();
      Dataset data = FastSgdTest.randomData(9, FastSgd.CHUNK + 17, 3, 5); // two chunks
      DoubleMatrix y = data.oneHot();
      Gradients slow = net.backprop(data.images(), y);
      Gradients fast = FastSgd.gradient(net, data.images(), y);
      for (int l = 1; l <= net.layers(); l++) {
        assertTrue(maxDifference(fast.nablaW()[l], slow.nablaW()[l]) < 1e-12, f + " nablaW[" + l + "]");
        assertTrue(maxDifference(fast.nablaB()[l], slow.nablaB()[l]) < 1e-12, f + " nablaB[" + l + "]");
      }
    }
  }

  @Test
  void tanhTrainingStepsMatchTheReadableTrainer() {
    Dataset train = FastSgdTest.randomData(10, 95, 4, 7);
    for (int batch : new int[] {10, Sgd.FULL_BATCH}) {
      Network slow = Network.builder(10, 6, 4).hidden(Activation.TANH).init(Init.SCALED_GAUSSIAN).seed(8).build();
      Network fast = slow.copy();
      Sgd sgd = new Sgd().epochs(2).batchSize(batch).eta(0.5).lambda(0.1).seed(9).monitorTraining(false)
          .verbose(false);
      FastSgdTest.readableFit(slow, train, sgd);
      fast.fit(train, null, sgd);
      for (int l = 1; l <= 2; l++) {
        assertTrue(maxDifference(fast.weights[l], slow.weights[l]) < 1e-12, "weights[" + l + "] b" + batch);
        assertTrue(maxDifference(fast.biases[l], slow.biases[l]) < 1e-12, "biases[" + l + "] b" + batch);
      }
    }
  }

  @Test
  void zeroWeightsKeepEveryHiddenNeuronIdentical() {
    // Symmetry: from all-zero weights every hidden neuron gets the same gradient, so after training the rows of
    // weights[1] (one per hidden neuron) are still equal to each other, and so are their biases.
    Dataset train = FastSgdTest.randomData(6, 200, 3, 2);
    Network net = Network.builder(6, 5, 3).init(Init.ZERO).build();
    net.fit(train, null, new Sgd().epochs(3).batchSize(10).eta(3).monitorTraining(false).verbose(false));
    assertTrue(net.weights[1].normmax() > 1e-3, "the weights did move");
    for (int j = 1; j < 5; j++) {
      assertArrayEquals(net.weights[1].getRow(0).data, net.weights[1].getRow(j).data, 1e-15, "row " + j);
      assertEquals(net.biases[1].get(0), net.biases[1].get(j), 1e-15);
    }
  }

  @Test
  void saturatedTanhNeuronsStopTrainingNamingTanh() {
    Split data = Mnist.sample();
    History h = Network.builder(784, 30, 10).hidden(Activation.TANH).build().fit(data,
        new Sgd().epochs(10).batchSize(10).eta(100).verbose(false));
    assertTrue(h.stuck(), h::toString);
    assertTrue(h.message().contains("of the tanh neurons of hidden layer 1 are saturated (|z| > 2.5 on 1,000 "
        + "validation examples, where tanh'(z) < 0.027): their gradients all but vanish"), h.message());
    assertTrue(h.message().contains("Likely cause: the learning rate eta = 100 is too large for this network"),
        h.message());
  }

  @Test
  void heInitialisedReluLearnsTheSample() {
    Split data = Mnist.sample();
    Network net = Network.builder(784, 30, 10).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.HE).build();
    History h = net.fit(data, new Sgd().epochs(3).batchSize(10).eta(0.1).monitorTraining(false).verbose(false));
    assertFalse(h.stopped(), h::message);
    assertTrue(h.last().validationAccuracy() > 0.85, h::toString);
  }
}
