package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.data.Mnist;
import nn.data.Split;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import nn.training.History;
import nn.training.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Every suggestion that lesson 05's hyperparameter cell (cells 10-13: the knobs, their comments and the table
 * above them) makes, tried exactly as that cell trains: {@code Network.builder(SIZES).output(OUTPUT).cost(COST)
 * .init(INIT).seed(SEED)} and {@code net.fit(data, new Sgd().epochs(10)...)} on the sample, seed 42, the other
 * knobs at their defaults. The figures are the table's (validation accuracy after 10 epochs), within a point,
 * since another BLAS may round differently; the comparisons are what the comments promise.
 *
 * <p>A JUnit test rather than notebook runs: the notebook would need one kernel run per suggestion (a minute
 * each); here each is the same two calls, a few seconds. Training history is not monitored on the training set
 * (as in the cell it is), which changes no weight.
 */
class PlayCellSuggestionsTest {
  private static final Split DATA = Mnist.sample();
  private static final int[] SIZES = {784, 30, 10};

  private static History run(int[] sizes, Init init, Output output, Cost cost, double eta, int batch,
      double lambda) {
    Network net = Network.builder(sizes).output(output).cost(cost).init(init).seed(42).build();
    return net.fit(DATA, new Sgd().epochs(10).batchSize(batch).eta(eta).lambda(lambda).seed(42)
        .monitorTraining(false).verbose(false));
  }

  private static double accuracy(int[] sizes, Init init, Output output, Cost cost, double eta, int batch,
      double lambda) {
    History h = run(sizes, init, output, cost, eta, batch, lambda);
    assertFalse(h.stopped(), h::message);
    assertEquals(10, h.size());
    return h.last().validationAccuracy();
  }

  private static double quadratic(int[] sizes, Init init, double eta, int batch, double lambda) {
    return accuracy(sizes, init, Output.SIGMOID, Cost.QUADRATIC, eta, batch, lambda);
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 0.01, what + ": the lesson's table says " + expected);
  }

  @Test
  void lambdaOneHelpsAndFiveIsTooStrong() {
    double none = quadratic(SIZES, Init.GAUSSIAN, 3.0, 10, 0);
    double one = quadratic(SIZES, Init.GAUSSIAN, 3.0, 10, 1.0);
    double five = quadratic(SIZES, Init.GAUSSIAN, 3.0, 10, 5.0);
    near(0.908, none, "defaults");
    near(0.927, one, "LAMBDA = 1.0");
    near(0.904, five, "LAMBDA = 5.0");
    assertTrue(one > none + 0.01, "try 1.0: better than no L2 " + one + " vs " + none);
    assertTrue(five < one, "5.0 is too strong at ETA = 3: " + five + " vs " + one);
  }

  @Test
  void crossEntropyWithEtaHalf() {
    near(0.907, accuracy(SIZES, Init.GAUSSIAN, Output.SIGMOID, Cost.CROSS_ENTROPY, 0.5, 10, 0), "CE, eta 0.5");
    near(0.927, accuracy(SIZES, Init.GAUSSIAN, Output.SIGMOID, Cost.CROSS_ENTROPY, 0.5, 10, 5.0),
        "CE, eta 0.5, lambda 5");
  }

  @Test
  void scaledInitAndSoftmax() {
    near(0.940, quadratic(SIZES, Init.SCALED_GAUSSIAN, 3.0, 10, 0), "INIT = SCALED_GAUSSIAN");
    near(0.929, accuracy(SIZES, Init.SCALED_GAUSSIAN, Output.SOFTMAX, Cost.CROSS_ENTROPY, 0.5, 10, 0),
        "softmax, CE, eta 0.5, scaled init");
  }

  @Test
  void aWiderLayerNeedsTheScaledInit() {
    int[] wide = {784, 100, 10};
    double gaussian = quadratic(wide, Init.GAUSSIAN, 3.0, 10, 0);
    double scaled = quadratic(wide, Init.SCALED_GAUSSIAN, 3.0, 10, 0);
    near(0.677, gaussian, "784-100-10, N(0,1)");
    near(0.953, scaled, "784-100-10, scaled");
    near(0.905, quadratic(new int[] {784, 30, 30, 10}, Init.GAUSSIAN, 3.0, 10, 0), "784-30-30-10");
  }

  @Test
  void batchSizeOneNeedsASmallerEta() {
    double small = quadratic(SIZES, Init.GAUSSIAN, 0.3, 1, 0);
    double large = quadratic(SIZES, Init.GAUSSIAN, 3.0, 1, 0);
    near(0.916, small, "BATCH_SIZE = 1, ETA = 0.3");
    near(0.798, large, "BATCH_SIZE = 1, ETA = 3");
    assertTrue(small > large + 0.05);
  }

  @Test
  void fullBatchMakesOnlyTenSteps() {
    near(0.191, quadratic(SIZES, Init.GAUSSIAN, 3.0, Sgd.FULL_BATCH, 0), "BATCH_SIZE = FULL_BATCH");
  }

  @Test
  void etaHundredStopsWithAMessageWhoseFixWorks() {
    History h = run(SIZES, Init.GAUSSIAN, Output.SIGMOID, Cost.QUADRATIC, 100, 10, 0);
    assertTrue(h.stuck(), h::toString);
    assertEquals(3, h.size());
    assertTrue(h.message().startsWith("Training stopped in epoch 3: the network is not learning."), h.message());
    assertTrue(h.message().contains("Fix: start again from a new network with a smaller learning rate, e.g. "
        + "eta = 3 (a usual value for this network)."), h.message());
    // The fix, tried: it is the defaults again.
    near(0.908, quadratic(SIZES, Init.GAUSSIAN, 3.0, 10, 0), "eta = 3, as the message suggests");
  }
}
