package nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.Network;
import nn.checks.GradientCheck;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * Rows A1.. of docs/bad-inputs.md: learner mistakes through the API (issue 13, item 5) that ended in a bare
 * exception or in silent nonsense.
 */
class LearnerMistakesTest {
  private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

  private static Dataset tiny() {
    return new Dataset(DoubleMatrix.rand(4, 3), new int[] {0, 1, 2}, 3, "tiny");
  }

  @Test
  void aNanWeightIsNamedInsteadOfPredictingClassZeroForEverything() {
    Network net = new Network(4, 5, 3);
    net.weights[1].put(2, 3, Double.NaN);
    String expected = "predict: weights[1] element (2, 3) is NaN, so the outputs are NaN and every prediction "
        + "would be class 0. Fix: retrain the network (if training diverged, with a smaller eta), or load a saved "
        + "model.";
    assertEquals(expected, assertThrows(IllegalStateException.class, () -> net.evaluate(tiny())).getMessage());
    assertEquals(expected, assertThrows(IllegalStateException.class, () -> net.predict(tiny())).getMessage());
    assertEquals(expected, assertThrows(IllegalStateException.class,
        () -> net.predict(DoubleMatrix.rand(4, 1))).getMessage());
    assertEquals(expected, assertThrows(IllegalStateException.class, () -> net.confusion(tiny())).getMessage());
  }

  @Test
  void softmaxTargetsThatAreNotDistributionsAreRefused() {
    Network net = Network.builder(4, 5, 3).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY).build();
    DoubleMatrix x = DoubleMatrix.rand(4, 2);
    DoubleMatrix twoHot = new DoubleMatrix(new double[][] {{1, 0}, {1, 1}, {0, 0}});
    assertEquals("backprop: column 0 of y sums to 2.0, but a softmax network's desired outputs must sum to 1 in "
        + "every column (a one-hot column has a single 1): the gradient a - y is only right then. Use "
        + "Dataset.oneHot(labels, 3).", assertThrows(IAE, () -> net.backprop(x, twoHot)).getMessage());
    DoubleMatrix allZero = DoubleMatrix.zeros(3, 2);
    assertEquals("cost: column 0 of y sums to 0.0, but a softmax network's desired outputs must sum to 1 in every "
        + "column (a one-hot column has a single 1): the gradient a - y is only right then. Use "
        + "Dataset.oneHot(labels, 3).", assertThrows(IAE, () -> net.cost(x, allZero)).getMessage());
    // GradientCheck reported the library's own backprop wrong (1.6e-1) on such targets; now it is refused.
    assertThrows(IAE, () -> GradientCheck.run(net, x, twoHot));
    DoubleMatrix negative = new DoubleMatrix(new double[][] {{2, 1}, {-1, 0}, {0, 0}});
    assertEquals("backprop: y element (0, 0) is 2.0, but a softmax network's desired outputs are probabilities in "
        + "[0, 1], one column per example summing to 1. Use one-hot columns: Dataset.oneHot(labels, 3).",
        assertThrows(IAE, () -> net.backprop(x, negative)).getMessage());
    assertEquals("backprop: y element (1, 0) is NaN. Desired outputs must be finite (one-hot columns: "
        + "Dataset.oneHot(labels, 3)).", assertThrows(IAE, () -> new Network(4, 5, 3).backprop(x,
            new DoubleMatrix(new double[][] {{0, 0}, {Double.NaN, 1}, {1, 0}}))).getMessage());
    // Soft targets that are distributions (label smoothing) are fine.
    DoubleMatrix smooth = new DoubleMatrix(new double[][] {{0.9, 0.05}, {0.05, 0.9}, {0.05, 0.05}});
    assertTrue(GradientCheck.run(net, x, smooth).passed());
  }

  @Test
  void sizesThatCannotBeAllocatedAreRefusedBeforeAllocating() {
    // Were NegativeArraySizeException (or an OutOfMemoryError).
    assertEquals("oneHot: 1000000000 classes x 3 labels = 3000000000 numbers, more than one matrix holds "
        + "(2147483639). Did you pass the number of labels instead of the number of classes (MNIST has 10)? For "
        + "many labels, make the one-hot columns a chunk at a time.",
        assertThrows(IAE, () -> Dataset.oneHot(new int[] {0, 1, 2}, 1_000_000_000)).getMessage());
    String m = assertThrows(IAE, () -> Dataset.oneHot(new int[] {0}, 1_000_000_000)).getMessage();
    assertTrue(m.startsWith("oneHot: 1000000000 classes x 1 labels = 1000000000 numbers (7629 MB), more than the "),
        m);
    assertEquals("Dataset classes is 2000000000, more than the 1000000 this workbook supports (each class needs "
        + "an output neuron). Did you pass the number of examples instead of the number of classes? MNIST has 10.",
        assertThrows(IAE, () -> new Dataset(DoubleMatrix.rand(4, 3), new int[] {0, 1, 2}, 2_000_000_000, "big"))
            .getMessage());
    assertEquals("dataset: 3 examples, 4 inputs, 3 classes [1, 1, 1]",
        new Dataset(DoubleMatrix.rand(4, 3), new int[] {0, 1, 2}, 3, null).toString(), "a null name is not 'null'");
  }

  @Test
  void gradientCheckSamplesABigNetworkByDefaultAndSaysHowMany() {
    Network net = new Network(784, 300, 10); // 238,510 parameters: checking all took minutes
    Dataset ten = new Dataset(DoubleMatrix.rand(784, 10), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, "ten");
    GradientCheck.Result r = GradientCheck.run(net, ten.images(), ten.oneHot());
    assertEquals(100 + 100 + 100 + 10, r.checked(), r::toString); // layer 2 has only 10 biases
    assertEquals(238_510, r.parameters());
    assertTrue(r.passed(), r::toString);
    assertTrue(r.toString().endsWith("checked 310 of the 238,510 weights and biases, a random sample per layer "
        + "(GradientCheck.run(net, x, y, Integer.MAX_VALUE, 0) checks every one)"), r::toString);

    Network small = new Network(4, 3, 2);
    GradientCheck.Result all = GradientCheck.run(small, DoubleMatrix.rand(4, 2), Dataset.oneHot(new int[] {0, 1}, 2));
    assertEquals(all.parameters(), all.checked(), "a small network is checked completely");
    assertTrue(!all.toString().contains("random sample"), all::toString);
  }

  @Test
  void twoSlotsHoldingOneMatrixAreRefused() {
    // net.weights[2] = net.weights[1] trained both as one matrix, silently.
    Network net = new Network(4, 4, 4);
    net.weights[2] = net.weights[1];
    assertEquals("weights[2] is the same matrix as weights[1], so a step to one would change both. Fix: give it "
        + "its own copy, e.g. net.weights[2] = net.weights[1].dup().", assertThrows(IllegalStateException.class,
            () -> net.fit(new Dataset(DoubleMatrix.rand(4, 5), new int[5], 4, "d"), null,
                new nn.training.Sgd().verbose(false))).getMessage());
  }

  @Test
  void anEmptyHistorySaysWhyItIsEmpty() {
    Thread.currentThread().interrupt();
    nn.training.History h;
    try {
      h = new Network(4, 5, 3).fit(tiny(), null, new nn.training.Sgd().verbose(false));
    } finally {
      Thread.interrupted();
    }
    assertEquals("History is empty: no epoch has finished yet. (Training interrupted in epoch 1: the network has "
        + "the weights it had before training (the part of epoch 1 already done is undone), and the history holds "
        + "no epoch. Call fit again to train more.)", assertThrows(IllegalStateException.class, h::last)
            .getMessage());
  }

  @Test
  void anEmptyPathIsNotTheCurrentDirectory() {
    assertEquals("ModelFile.load needs a file name, got an empty path (which would mean the current directory). "
        + "Fix: pass the model's name, e.g. Path.of(\"model.npz\").", assertThrows(IAE,
            () -> Network.load(java.nio.file.Path.of(""))).getMessage());
  }

  @Test
  void aNetworkThatFitsTheHeapButNotWhatIsFreeIsRefusedBeforeAllocating() {
    // What earlier cells hold (here: a ballast array) is not free: the network must fit in what is.
    // The ballast is many 8 MB arrays, not one: one array of ~700 MB needs that much contiguous heap, which a
    // heap fragmented by earlier tests may not have, and an OutOfMemoryError ends the whole test JVM.
    Runtime rt = Runtime.getRuntime();
    System.gc();
    java.util.List<long[]> ballast = new java.util.ArrayList<>();
    while (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) > (150L << 20) + (8L << 20)) {
      ballast.add(new long[1 << 20]);
    }
    try {
      // 784 x 40000 + 40000 x 10 = 31.8 M weights and biases = 242 MB: below the heap, above the ~150 MB left free.
      String m = assertThrows(IAE, () -> new Network(784, 40_000, 10)).getMessage();
      assertTrue(m.matches("A network with sizes \\[784, 40000, 10\\] has 31800010 weights and biases \\(242 MB\\), "
          + "but only [0-9]+ MB of the Java heap \\([0-9]+ MB\\) is free\\. Use smaller layers \\(or start Java with a "
          + "larger -Xmx\\)\\."), m);
    } finally {
      ballast.get(0)[0] = ballast.size(); // keep it reachable until here
    }
  }
}
