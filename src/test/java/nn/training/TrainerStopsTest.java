package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * Rows T1.. of docs/bad-inputs.md: fit stops early and loses nothing. A later divergence restores the last
 * good epoch (the jblas copy trap), an interrupt stops between mini-batches, and a listener that throws or
 * breaks the data or the weights stops training with the epoch's weights kept.
 */
class TrainerStopsTest {
  private static final Dataset TRAIN = TrainerTest.blobs(300, 9);
  private static final Dataset TEST = TrainerTest.blobs(100, 10);

  private static Sgd quiet() {
    return new Sgd().verbose(false).batchSize(10).eta(1.0);
  }

  /** The weights and biases of every layer, copied. */
  static double[][] weightsOf(Network net) {
    double[][] all = new double[2 * net.layers()][];
    for (int l = 1; l <= net.layers(); l++) {
      all[2 * l - 2] = net.weights[l].data.clone();
      all[2 * l - 1] = net.biases[l].data.clone();
    }
    return all;
  }

  private static void assertWeights(double[][] expected, Network net) {
    double[][] found = weightsOf(net);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], found[i], 0.0, "matrix " + i);
    }
  }

  @Test
  void aDivergenceAfterEpochOneRestoresTheLastGoodEpochNotTheLiveWeights() {
    // Trainer.snapshot used "into = into.copy(w)"; jblas's copy returns w, so from epoch 2 on the "last good"
    // weights were the live ones and a divergence restored nothing (weights near 1e191 in the issue).
    Network net = Network.builder(4, 5, 3).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).build();
    List<double[][]> after = new ArrayList<>();
    History h = net.fit(TRAIN, TEST, quiet().eta(0.1).epochs(10).onEpoch(soFar -> {
      after.add(weightsOf(net));
      if (soFar.size() == 3) {
        net.weights[1].muli(1e200); // finite, but the next epoch overflows
        net.weights[2].muli(1e200);
      }
    }));
    assertTrue(h.diverged(), h::toString);
    assertEquals(3, h.size());
    assertTrue(h.message().startsWith("Training diverged in epoch 4: "), h.message());
    assertTrue(h.message().contains("The weights are back where they were after epoch 3."), h.message());
    assertWeights(after.get(2), net);
  }

  @Test
  void anInterruptBeforeAMiniBatchStopsWithTheLastFullEpochsWeights() {
    Network net = new Network(4, 5, 3);
    List<double[][]> after = new ArrayList<>();
    History h = net.fit(TRAIN, TEST, quiet().epochs(30).onEpoch(soFar -> {
      after.add(weightsOf(net));
      if (soFar.size() == 2) {
        Thread.currentThread().interrupt(); // as the kernel's stop button does, here between two epochs
      }
    }));
    boolean flag = Thread.interrupted(); // read and clear, so the other tests run normally
    assertTrue(flag, "the interrupt status is left set, as Java expects");
    assertTrue(h.interrupted() && h.stopped() && !h.diverged(), h::toString);
    assertEquals(2, h.size());
    assertEquals("Training interrupted in epoch 3: the network has the weights after epoch 2 (the part of epoch 3 "
        + "already done is undone), and the history holds epochs 1..2. Call fit again to train more.", h.message());
    assertWeights(after.get(1), net);
  }

  @Test
  void anInterruptedThreadTrainsNothingAndSaysSo() {
    Network net = new Network(4, 5, 3);
    double[][] before = weightsOf(net);
    Thread.currentThread().interrupt();
    History h;
    try {
      h = net.fit(TRAIN, TEST, quiet().epochs(3));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals("Training interrupted in epoch 1: the network has the weights it had before training (the part "
        + "of epoch 1 already done is undone), and the history holds no epoch. Call fit again to train more.",
        h.message());
    assertWeights(before, net);
  }

  @Test
  void aListenerThatThrowsStopsTrainingAndKeepsTheEpoch() {
    Network net = new Network(4, 5, 3);
    List<double[][]> after = new ArrayList<>();
    RuntimeException boom = new IllegalStateException("the plot window was closed");
    History h = net.fit(TRAIN, TEST, quiet().epochs(5).onEpoch(soFar -> {
      after.add(weightsOf(net));
      if (soFar.size() == 2) {
        net.biases[2].put(0, 42); // half-done work of the listener is undone too
        throw boom;
      }
    }));
    assertSame(boom, h.failure());
    assertEquals("Training stopped after epoch 2, the epoch listener (Sgd.onEpoch) threw "
        + "java.lang.IllegalStateException: the plot window was closed. The network keeps the weights after "
        + "epoch 2, and the history holds epochs 1..2 (history.failure() is the exception). Fix the listener (it "
        + "may change the data or the weights, but must leave them usable), then call fit again to train more.",
        h.message());
    assertWeights(after.get(1), net);
  }

  /** Runs 4 epochs whose listener does {@code change} after epoch 1; returns the history. */
  private static History changedAfterEpochOne(Network net, Dataset train, Runnable change, List<double[][]> after) {
    return net.fit(train, TEST, quiet().epochs(4).onEpoch(soFar -> {
      after.add(weightsOf(net));
      if (soFar.size() == 1) {
        change.run();
      }
    }));
  }

  private static String stoppedAfterOne(String what) {
    return "Training stopped after epoch 1, after the epoch listener (Sgd.onEpoch) ran: " + what + " The network "
        + "keeps the weights after epoch 1, and the history holds epoch 1. Fix the listener (it may change the "
        + "data or the weights, but must leave them usable), then call fit again to train more.";
  }

  @Test
  void aListenerThatBreaksTheDataOrTheWeightsStopsTrainingWithTheEpochKept() {
    Dataset train = TRAIN.head(300);
    Network net = new Network(4, 5, 3);
    List<double[][]> after = new ArrayList<>();
    // One NaN pixel: was an exception escaping fit with every weight NaN.
    History h = changedAfterEpochOne(net, train, () -> train.images().put(3, 0, Double.NaN), after);
    assertEquals(stoppedAfterOne("fit (training set): blobs example 0, input 3 is NaN. Inputs must be finite "
        + "numbers (MNIST pixels are in [0, 1])."), h.message());
    assertWeights(after.get(0), net);

    // A weight matrix of another shape: was a bare ArrayIndexOutOfBoundsException; the epoch's matrix is back.
    Network other = new Network(4, 5, 3);
    after.clear();
    h = changedAfterEpochOne(other, TRAIN, () -> other.weights[1] = DoubleMatrix.zeros(10, 10), after);
    assertEquals(stoppedAfterOne("weights[1] must be 5 x 4 (sizes[1] x sizes[0]: one row per neuron of layer 1, "
        + "one column per neuron of layer 0) but is 10 x 10."), h.message());
    assertWeights(after.get(0), other);

    // A label out of range: trained silently on all-zero targets.
    Dataset labelled = TRAIN.head(300);
    Network third = new Network(4, 5, 3);
    after.clear();
    h = changedAfterEpochOne(third, labelled, () -> labelled.labels()[7] = 12, after);
    assertEquals(stoppedAfterOne("fit (training set): blobs example 7 has label 12 but its labels must be in 0..2. "
        + "Were the labels changed after the Dataset was made? (labels() is shared, not copied.)"), h.message());
    assertWeights(after.get(0), third);

    // A NaN weight: would have been "diverged", blaming eta.
    Network fourth = new Network(4, 5, 3);
    after.clear();
    h = changedAfterEpochOne(fourth, TRAIN, () -> fourth.biases[2].put(1, Double.NaN), after);
    assertFalse(h.diverged());
    assertEquals(stoppedAfterOne("biases[2] element (1, 0) is NaN."), h.message());
    assertWeights(after.get(0), fourth);
  }

  @Test
  void aListenerMayChangeTheWeightsUsablyAndTrainingGoesOn() {
    Network net = new Network(4, 5, 3);
    History h = net.fit(TRAIN, TEST, quiet().epochs(3).onEpoch(soFar -> net.weights[1].muli(0.5)));
    assertEquals(3, h.size());
    assertFalse(h.stopped(), h::toString);
  }
}
