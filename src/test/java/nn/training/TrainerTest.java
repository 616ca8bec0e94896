package nn.training;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.ConfusionMatrix;
import nn.model.Cost;
import nn.model.Evaluation;
import nn.model.Gradients;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SGD loop on small synthetic problems: mechanics, reproducibility, divergence, bad hyperparameters. */
class TrainerTest {
  /** Two well-separated Gaussian blobs per class in 4 dimensions: learnable in a few epochs. */
  static Dataset blobs(int n, long seed) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(4, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(3);
      labels[i] = c;
      for (int k = 0; k < 4; k++) {
        x.put(k, i, (k == c ? 0.8 : 0.2) + 0.1 * r.nextGaussian());
      }
    }
    return new Dataset(x, labels, 3, "blobs");
  }

  private static Sgd quiet() {
    return new Sgd().verbose(false);
  }

  @Test
  void learnsSeparableBlobs() {
    Network net = new Network(4, 8, 3);
    History h = net.fit(blobs(600, 1), blobs(200, 2), quiet().epochs(10).batchSize(10).eta(3.0));
    assertEquals(10, h.size());
    assertTrue(h.last().validationAccuracy() > 0.95, h::toString);
    assertTrue(h.last().trainCost() < h.epochs().get(0).trainCost(), h::toString);
    assertFalse(h.diverged());
  }

  @Test
  void sameSeedsGiveBitIdenticalRuns() {
    Dataset train = blobs(300, 3);
    Network a = Network.builder(4, 5, 3).seed(5).build();
    Network b = Network.builder(4, 5, 3).seed(5).build();
    History ha = a.fit(train, null, quiet().epochs(3).batchSize(7).eta(1.0).lambda(0.5).seed(9));
    History hb = b.fit(train, null, quiet().epochs(3).batchSize(7).eta(1.0).lambda(0.5).seed(9));
    for (int l = 1; l <= a.layers(); l++) {
      assertArrayEquals(a.weights[l].data, b.weights[l].data, 0.0);
      assertArrayEquals(a.biases[l].data, b.biases[l].data, 0.0);
    }
    for (int e = 0; e < 3; e++) {
      assertEquals(ha.epochs().get(e).trainCost(), hb.epochs().get(e).trainCost(), 0.0);
    }
    Network c = Network.builder(4, 5, 3).seed(5).build();
    c.fit(train, null, quiet().epochs(3).batchSize(7).eta(1.0).lambda(0.5).seed(10));
    assertFalse(java.util.Arrays.equals(a.weights[1].data, c.weights[1].data), "another shuffle seed differs");
  }

  @Test
  void oneFullBatchStepIsOneGradientStep() {
    // 2,500 examples: the trainer sums the full-batch gradient over chunks of 1,000; the result must equal
    // one plain step with the gradient of the whole batch.
    Dataset train = blobs(2500, 4);
    Network net = Network.builder(4, 6, 3).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY).seed(2).build();
    Network expected = net.copy();
    Gradients g = expected.backprop(train.images(), train.oneHot());
    for (int l = 1; l <= expected.layers(); l++) {
      expected.weights[l].subi(g.nablaW()[l].mul(0.5));
      expected.biases[l].subi(g.nablaB()[l].mul(0.5));
    }
    net.fit(train, null, quiet().epochs(1).batchSize(Sgd.FULL_BATCH).eta(0.5).monitorTraining(false));
    for (int l = 1; l <= net.layers(); l++) {
      assertArrayEquals(expected.weights[l].data, net.weights[l].data, 1e-12);
      assertArrayEquals(expected.biases[l].data, net.biases[l].data, 1e-12);
    }
  }

  @Test
  void oneExampleAtATimeWorks() {
    Network net = new Network(4, 6, 3);
    History h = net.fit(blobs(200, 5), blobs(100, 6), quiet().epochs(3).batchSize(1).eta(1.0));
    assertTrue(h.last().validationAccuracy() > 0.9, h::toString);
  }

  @Test
  void listenerSeesEveryEpochAndTableHasTheColumns() {
    List<Integer> seen = new ArrayList<>();
    Network net = new Network(4, 5, 3);
    History h = net.fit(blobs(100, 7), blobs(50, 8),
        quiet().epochs(4).onEpoch(soFar -> seen.add(soFar.last().epoch())));
    assertEquals(List.of(1, 2, 3, 4), seen);
    Table t = h.toTable();
    assertEquals(List.of("epoch", "train cost", "train accuracy", "validation cost", "validation accuracy", "seconds"),
        t.columnNames());
    assertEquals(4, t.rowCount());
  }

  @Test
  void divergenceStopsWithAMessageAndKeepsTheHistory() {
    Network net = Network.builder(4, 5, 3).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).build();
    History h = net.fit(blobs(300, 9), blobs(100, 10), quiet().epochs(20).batchSize(30).eta(1e200));
    assertTrue(h.diverged(), h::toString);
    assertTrue(h.message().startsWith("Training diverged in epoch " + (h.size() + 1) + ": "), h.message());
    // Was "e.g. eta = 1E+199", which diverges just the same: far above the usual values, suggest a usual one.
    assertTrue(h.message().endsWith("Try a smaller learning rate, e.g. eta = 0.1 (a usual value for this "
        + "network)."), h.message());
    for (int l = 1; l <= net.layers(); l++) {
      assertTrue(Double.isFinite(net.weights[l].sum()), "weights restored to the last good epoch");
    }
    for (Epoch e : h.epochs()) {
      assertTrue(Double.isFinite(e.validationAccuracy()) && Double.isFinite(e.trainCost()));
    }
  }

  @Test
  void badHyperparametersAreExplained() {
    assertEquals("eta (the learning rate) must be a positive finite number, got NaN. Typical values: 3.0 for "
        + "sigmoid + quadratic cost, 0.1 to 0.5 for softmax + cross-entropy.",
        assertThrows(IllegalArgumentException.class, () -> new Sgd().eta(Double.NaN)).getMessage());
    assertEquals("epochs must be at least 1, got 0.",
        assertThrows(IllegalArgumentException.class, () -> new Sgd().epochs(0)).getMessage());
    assertEquals("batchSize must be at least 1 (1 = one example at a time; Sgd.FULL_BATCH = the whole training"
        + " set), got 0.", assertThrows(IllegalArgumentException.class, () -> new Sgd().batchSize(0)).getMessage());
    assertEquals("lambda (L2 weight decay) must be 0 or a positive finite number, got -1.0. Try 0 (no "
        + "regularisation) or 1.0.", assertThrows(IllegalArgumentException.class, () -> new Sgd().lambda(-1))
        .getMessage());
    Network net = new Network(5, 3, 3);
    assertEquals("fit (training set): the network takes 5 inputs but blobs has 4 per example. Build the network"
        + " with sizes[0] = 4.", assertThrows(IllegalArgumentException.class,
            () -> net.fit(blobs(10, 1), null, quiet())).getMessage());
  }

  @Test
  void learningRatesAreWrittenAsALearnerWouldTypeThem() {
    assertEquals("0.3", Trainer.trim(3.0 / 10));
    assertEquals("3", Trainer.trim(3.0));
    assertEquals("1E+199", Trainer.trim(1e200 / 10));
  }

  @Test
  void epochTimesReadAsMillisecondsBelowASecond() {
    assertEquals("35 ms", new Epoch(1, 0, 0, 0, 0, 0.0351).time());
    assertEquals("0 ms", new Epoch(1, 0, 0, 0, 0, 0.0004).time());
    assertEquals("999 ms", new Epoch(1, 0, 0, 0, 0, 0.9994).time());
    assertEquals("1.0 s", new Epoch(1, 0, 0, 0, 0, 0.9996).time());
    assertEquals("12.3 s", new Epoch(1, 0, 0, 0, 0, 12.34).time());
  }

  /** fit's verbose lines: {@code Epoch 1: 190 / 200 (95.0%)  35 ms}, the time as {@link Epoch#time()} writes it. */
  @Test
  void fitPrintsEpochLinesWithMilliseconds() {
    PrintStream saved = System.out;
    History h;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      h = new Network(4, 8, 3).fit(blobs(600, 1), blobs(200, 2), new Sgd().epochs(2).batchSize(10).eta(3.0));
    } finally {
      System.setOut(saved);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines::toString);
    for (int e = 1; e <= 2; e++) {
      String line = lines.get(e - 1);
      String time = "(?:[0-9]{1,3} ms|[1-9][0-9]*\\.[0-9] s)";
      assertTrue(line.matches("Epoch " + e + ": validation [0-9]+ / 200 \\([0-9.]+%\\)  " + time), line);
      assertTrue(line.endsWith(")  " + h.epochs().get(e - 1).time()), line);
    }
  }

  @Test
  void evaluationPrintsLikeNielsen() {
    assertEquals("1843 / 2000 (92.2%)", new Evaluation(1843, 2000).toString());
  }

  @Test
  void confusionMatrixCountsAndRanks() {
    ConfusionMatrix cm = new ConfusionMatrix(new int[] {0, 0, 1, 1, 1, 2}, new int[] {0, 1, 2, 2, 1, 2}, 3);
    assertEquals(2, cm.counts()[1][2]);
    assertEquals(3, cm.correct());
    assertEquals(6, cm.total());
    assertEquals(new ConfusionMatrix.Confusion(1, 2, 2), cm.mostConfused(1).get(0));
    assertEquals(4, cm.toTable().columnCount());
  }
}
