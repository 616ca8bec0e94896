package nn.training;

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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FastSgd must compute what the readable Network.backprop and Trainer compute. */
class FastSgdTest {

  /** n examples of `inputs` uniform [0,1) numbers with random labels 0..classes-1. */
  static Dataset randomData(int inputs, int n, int classes, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(inputs, n);
    for (int i = 0; i < x.length; i++) {
      x.data[i] = r.nextDouble();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(classes);
    }
    return new Dataset(x, labels, classes, "random");
  }

  /** Largest |a - b| relative to max(1, |b|) over all elements. */
  private static double maxRelativeDifference(DoubleMatrix a, DoubleMatrix b) {
    assertEquals(b.rows, a.rows);
    assertEquals(b.columns, a.columns);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(1.0, Math.abs(b.data[i])));
    }
    return worst;
  }

  private static void assertSameGradient(Network net, Dataset data) {
    DoubleMatrix y = data.oneHot();
    Gradients slow = net.backprop(data.images(), y);
    Gradients fast = FastSgd.gradient(net, data.images(), y);
    for (int l = 1; l <= net.layers(); l++) {
      assertTrue(maxRelativeDifference(fast.nablaW()[l], slow.nablaW()[l]) < 1e-12, "nablaW[" + l + "]");
      assertTrue(maxRelativeDifference(fast.nablaB()[l], slow.nablaB()[l]) < 1e-12, "nablaB[" + l + "]");
    }
  }

  @Test
  void sigmoidQuadraticGradientMatchesBackprop() {
    Network net = Network.builder(12, 7, 5, 3).seed(1).build();
    assertSameGradient(net, randomData(12, 10, 3, 2));
  }

  @Test
  void reluSoftmaxGradientMatchesBackpropAcrossChunks() {
    Network net = Network.builder(6, 8, 4).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.UNIFORM).seed(3).build();
    assertSameGradient(net, randomData(6, FastSgd.CHUNK + 234, 4, 4)); // two chunks, the second short
  }

  @Test
  void sigmoidCrossEntropyGradientMatchesBackprop() {
    Network net = Network.builder(5, 9, 2).cost(Cost.CROSS_ENTROPY).seed(5).build();
    assertSameGradient(net, randomData(5, 7, 2, 6));
  }

  /**
   * SGD written the readable way (as lesson 05 shows it): the same seeded shuffle as fit, each mini-batch
   * copied out, {@code Network.backprop}, then {@code w <- (1 - eta lambda/n) w - eta nablaW}, {@code b <- b - eta nablaB}.
   */
  static void readableFit(Network net, Dataset train, Sgd sgd) {
    int n = train.size();
    int batch = Math.min(sgd.batchSize(), n);
    int[] order = java.util.stream.IntStream.range(0, n).toArray();
    java.util.Random shuffler = new java.util.Random(sgd.seed());
    for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
      Trainer.shuffle(order, shuffler);
      for (int from = 0; from < n; from += batch) {
        int count = Math.min(batch, n - from);
        DoubleMatrix x = new DoubleMatrix(train.inputs(), count);
        train.copyColumns(order, from, count, x);
        int[] labels = new int[count];
        for (int c = 0; c < count; c++) {
          labels[c] = train.labels()[order[from + c]];
        }
        Gradients g = net.backprop(x, Dataset.oneHot(labels, net.sizes[net.layers()]));
        double decay = 1.0 - sgd.eta() * sgd.lambda() / n;
        for (int l = 1; l <= net.layers(); l++) {
          net.weights[l].muli(decay).subi(g.nablaW()[l].mul(sgd.eta()));
          net.biases[l].subi(g.nablaB()[l].mul(sgd.eta()));
        }
      }
    }
  }

  @Test
  void trainingStepsMatchTheReadableTrainer() {
    Dataset train = randomData(10, 95, 4, 7); // 95 = 9 batches of 10 and one of 5
    for (int batch : new int[] {10, 95}) {
      Network slow = Network.builder(10, 6, 4).seed(8).build();
      Network fast = slow.copy();
      Sgd sgd = new Sgd().epochs(2).batchSize(batch).eta(0.5).lambda(0.1).seed(9).monitorTraining(false)
          .verbose(false);
      readableFit(slow, train, sgd);
      fast.fit(train, null, sgd);
      for (int l = 1; l <= 2; l++) {
        assertTrue(maxRelativeDifference(fast.weights[l], slow.weights[l]) < 1e-12, "weights[" + l + "] b" + batch);
        assertTrue(maxRelativeDifference(fast.biases[l], slow.biases[l]) < 1e-12, "biases[" + l + "] b" + batch);
      }
    }
  }

  @Test
  void fullBatchStepsAcrossChunksMatchTheReadableTrainer() {
    Dataset train = randomData(8, FastSgd.CHUNK + 321, 3, 10);
    Network slow = Network.builder(8, 5, 3).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.UNIFORM).seed(11).build();
    Network fast = slow.copy();
    Sgd sgd = new Sgd().epochs(3).batchSize(Sgd.FULL_BATCH).eta(0.1).seed(12).monitorTraining(false)
        .verbose(false);
    readableFit(slow, train, sgd);
    fast.fit(train, null, sgd);
    for (int l = 1; l <= 2; l++) {
      assertTrue(maxRelativeDifference(fast.weights[l], slow.weights[l]) < 1e-12, "weights[" + l + "]");
      assertTrue(maxRelativeDifference(fast.biases[l], slow.biases[l]) < 1e-12, "biases[" + l + "]");
    }
  }
}
