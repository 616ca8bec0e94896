package nn.training;

import nn.Network;
import nn.data.Dataset;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sgd.float32(true): the same training in float32, as close to float64 as float32 allows, and as good. */
class Float32Test {
  private static final Split SAMPLE = Mnist.sample();

  /** Largest |a - b| over all weights and biases of two networks of the same shape. */
  private static double largestDifference(Network a, Network b) {
    double worst = 0;
    for (int l = 1; l <= a.layers(); l++) {
      worst = Math.max(worst, a.weights[l].sub(b.weights[l]).normmax());
      worst = Math.max(worst, a.biases[l].sub(b.biases[l]).normmax());
    }
    return worst;
  }

  @Test
  void miniBatchStepsAgreeWithFloat64ToSinglePrecision() {
    Dataset train = FastSgdTest.randomData(20, 95, 4, 1); // 9 batches of 10 and one of 5
    for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.RELU}) {
      Network start = Network.builder(20, 8, 4).hidden(hidden).seed(2).build();
      Network doubles = start.copy();
      Network floats = start.copy();
      Sgd sgd = new Sgd().epochs(2).batchSize(10).eta(0.5).lambda(0.1).seed(3).monitorTraining(false).verbose(false);
      doubles.fit(train, null, sgd);
      floats.fit(train, null, sgd.float32(true));
      double change = largestDifference(start, doubles);
      double error = largestDifference(doubles, floats);
      assertTrue(change > 0.01, "training moved the weights by " + change);
      // float32 keeps about 7 digits; 20 steps of rounding stay far below 1e-4 of weights of size about 1.
      assertTrue(error < 1e-5, hidden + ": float32 differs from float64 by " + error);
      assertTrue(error > 0, "float32 gave bit-identical float64 weights: it did not run in float32");
    }
  }

  @Test
  void chunkedFullBatchStepsAgreeWithFloat64() {
    Dataset train = FastSgdTest.randomData(12, FastSgd.CHUNK + 321, 3, 4); // two chunks, the second short
    Network start = Network.builder(12, 6, 3).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.UNIFORM).seed(5).build();
    Network doubles = start.copy();
    Network floats = start.copy();
    Sgd sgd = new Sgd().epochs(5).batchSize(Sgd.FULL_BATCH).eta(0.5).seed(6).monitorTraining(false).verbose(false);
    doubles.fit(train, null, sgd);
    floats.fit(train, null, sgd.float32(true));
    double change = largestDifference(start, doubles);
    double error = largestDifference(doubles, floats);
    assertTrue(change > 1e-3, "training moved the weights by " + change);
    assertTrue(error < 1e-5, "float32 full batch differs from float64 by " + error);
  }

  @Test
  void float32LearnsMnistAsWellAsFloat64() {
    Network doubles = new Network(784, 30, 10);
    Network floats = new Network(784, 30, 10);
    History hd = doubles.fit(SAMPLE.train(), SAMPLE.validation(), new Sgd().epochs(10).batchSize(10).eta(3.0).verbose(false));
    History hf = floats.fit(SAMPLE.train(), SAMPLE.validation(),
        new Sgd().epochs(10).batchSize(10).eta(3.0).verbose(false).float32(true));
    double bestFloat = hf.epochs().stream().mapToDouble(Epoch::validationAccuracy).max().orElse(0);
    assertTrue(bestFloat >= 0.90, hf::toString);
    assertEquals(hd.last().validationAccuracy(), hf.last().validationAccuracy(), 0.01, "float64:\n" + hd + "float32:\n" + hf);
    // The history and the network agree: the trained float32 weights were written back into the network.
    assertEquals(floats.evaluate(SAMPLE.validation()).accuracy(), hf.last().validationAccuracy(), 1e-12);
  }

  @Test
  void divergenceInFloat32StopsAndRestoresLikeFloat64() {
    Dataset train = FastSgdTest.randomData(20, 200, 4, 7);
    Network net = Network.builder(20, 8, 4).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).seed(8).build();
    Network before = net.copy();
    History h = net.fit(train, null, new Sgd().epochs(3).batchSize(10).eta(1e30).seed(9).verbose(false)
        .float32(true));
    assertTrue(h.diverged(), h::toString);
    assertTrue(h.message().startsWith("Training diverged in epoch 1: "), h.message());
    assertEquals(0.0, largestDifference(before, net), "the weights must be back where they were");
  }

  @Test
  void sgdSaysWhenItIsFloat32() {
    assertEquals("Sgd(epochs=30, batchSize=10, eta=3.0, lambda=0.0, seed=42, float32)",
        new Sgd().float32(true).toString());
    assertEquals("Sgd(epochs=30, batchSize=10, eta=3.0, lambda=0.0, seed=42)", new Sgd().toString());
  }
}
