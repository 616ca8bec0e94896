package nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import nn.Network;
import nn.data.Dataset;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Cost;
import org.junit.jupiter.api.Test;

/**
 * What lesson 07 (notebooks/07-overfitting.ipynb, docs/07-overfitting.md) says without running it by default:
 * the sweeps behind its choices ({@code SWEEPS = true}: L1's lambda1 = 0.5, dropout's p = 0.5, shifts of one
 * pixel rather than two) and the shorter patiences of early stopping. Every run is the notebook's: 784-30-10,
 * sigmoid, cross-entropy, N(0,1) weights, 40 epochs of mini-batches of 10 at eta 0.5 on the first 1,000 training
 * images of the sample, measured on its 1,000 validation images; a method's figure is the mean over seeds 1-3.
 * Figures the prose quotes are checked within half a point (another BLAS may round differently).
 */
class Lesson07SuggestionsTest {
  private static final Split SAMPLE = Mnist.sample();
  private static final Dataset SMALL = SAMPLE.train().head(1000);
  private static final long[] SEEDS = {1, 2, 3};

  private static Network network(long seed) {
    return Network.builder(784, 30, 10).cost(Cost.CROSS_ENTROPY).seed(seed).build();
  }

  private static Sgd sgd(long seed) {
    return new Sgd().epochs(40).batchSize(10).eta(0.5).seed(seed).verbose(false).monitorTraining(false);
  }

  /** The notebook's compare(): the mean validation accuracy over seeds 1-3 of the weights each run ends with. */
  private static double mean(UnaryOperator<Sgd> regulariser) {
    double sum = 0;
    for (long seed : SEEDS) {
      Network net = network(seed);
      History h = net.fit(SMALL, SAMPLE.validation(), regulariser.apply(sgd(seed)));
      assertFalse(h.stopped() && !h.stoppedEarly(), h::message);
      sum += net.evaluate(SAMPLE.validation()).accuracy();
    }
    return sum / SEEDS.length;
  }

  /** The best of {@code values} by mean validation accuracy, asserting it is {@code expected}. */
  private static void bestIs(double expected, double[] values, java.util.function.DoubleFunction<UnaryOperator<Sgd>> f,
      String what) {
    double best = Double.NaN;
    double bestMean = -1;
    StringBuilder all = new StringBuilder();
    for (double v : values) {
      double m = mean(f.apply(v));
      all.append(String.format(java.util.Locale.ROOT, " %s=%.4f", v, m));
      if (m > bestMean) {
        bestMean = m;
        best = v;
      }
    }
    assertEquals(expected, best, 0.0, what + ": the lesson chose " + expected + "; the sweep gave" + all);
  }

  @Test
  void lambda1HalfIsTheBestOfTheL1Sweep() {
    bestIs(0.5, new double[] {0.1, 0.3, 0.5, 1.0, 3.0}, l -> s -> s.l1(l), "L1's lambda1");
  }

  @Test
  void dropoutHalfIsTheBestOfTheDropoutSweep() {
    bestIs(0.5, new double[] {0.1, 0.2, 0.3, 0.5}, p -> s -> s.dropout(p), "dropout's p");
  }

  @Test
  void shiftsOfOnePixelBeatTwo() {
    double one = mean(s -> s.shift(1));
    double two = mean(s -> s.shift(2));
    assertEquals(0.887, one, 0.005, "shifts of 1 pixel (the notebook's RESULT shift_mean)");
    assertEquals(0.855, two, 0.005, "shifts of up to 2 pixels, as the prose says");
    assertTrue(one > two + 0.02, one + " vs " + two);
  }

  @Test
  void aShortPatienceStopsOnTheFirstDip() {
    Network one = network(42);
    History h1 = one.fit(SMALL, SAMPLE.validation(), sgd(42).earlyStop(1));
    assertTrue(h1.stoppedEarly(), h1::toString);
    assertEquals(3, h1.size());
    assertEquals(2, h1.bestEpoch());
    assertEquals(0.722, one.evaluate(SAMPLE.validation()).accuracy(), 0.005);

    Network two = network(42);
    History h2 = two.fit(SMALL, SAMPLE.validation(), sgd(42).earlyStop(2));
    assertEquals(12, h2.bestEpoch(), h2::toString);
    assertEquals(0.838, two.evaluate(SAMPLE.validation()).accuracy(), 0.005);

    Network ten = network(42);
    History h10 = ten.fit(SMALL, SAMPLE.validation(), sgd(42).earlyStop(10));
    assertEquals(33, h10.size(), h10::toString);
    assertEquals(23, h10.bestEpoch());
    assertTrue(ten.evaluate(SAMPLE.validation()).accuracy() > two.evaluate(SAMPLE.validation()).accuracy(),
        "a patience of 10 waits through the dips and keeps a better epoch than 2");
  }
}
