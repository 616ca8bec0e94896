package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import nn.training.History;
import nn.training.Sgd;
import org.junit.jupiter.api.Test;

/**
 * What lesson 06 says its two longest classic set-ups reach on the sample, at their full length (the notebook's
 * test run shortens C to 300 iterations, so these figures are checked here): C's 750 full-batch iterations reach
 * about 87%, and B, trained with its repository's call, is still at chance after 30 epochs, one answer for every
 * image, without a "not learning" message (nothing is saturated or dead). With "MSE" read as summed over the
 * outputs (learning rate 6 is then eta = 12 here) the same set-up learns: about 87% with the default seed, 89.9%
 * to 91.6% for seeds 1 to 5 (the lesson and its note quote these).
 */
class ClassicSetupsTest {
  private static final Split DATA = Mnist.sample();

  @Test
  void cReachesAbout87PercentAfterIts750Iterations() {
    Network c = Network.builder(784, 10, 10).hidden(Activation.RELU).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
        .init(Init.UNIFORM).build();
    History h = c.fit(DATA, new Sgd().epochs(750).batchSize(Sgd.FULL_BATCH).eta(0.1).float32(true)
        .monitorTraining(false).verbose(false));
    assertFalse(h.stopped(), h::message);
    assertEquals(750, h.size());
    assertEquals(0.871, h.last().validationAccuracy(), 0.01, "measured 87.1%");
  }

  @Test
  void bAsItsRepositoryTrainsItStaysAtChanceOnTheSample() {
    Network b = Network.builder(784, 20, 20, 20, 10).init(Init.TINY_UNIFORM).build();
    History h = b.fit(DATA, new Sgd().epochs(30).batchSize(32).eta(6.0 / 5).shuffle(false).monitorTraining(false)
        .verbose(false));
    assertFalse(h.stopped(), h::message);
    assertEquals(30, h.size());
    assertTrue(h.last().validationAccuracy() < 0.12, h::toString);
    assertEquals(1, Arrays.stream(b.predict(DATA.validation())).distinct().count());
  }

  @Test
  void bWithItsMseSummedOverOutputsLearnsOverSeeds() {
    double[] expected = {0.916, 0.899, 0.904, 0.907, 0.916}; // seeds 1..5, measured
    for (int seed = 1; seed <= 5; seed++) {
      Network b = Network.builder(784, 20, 20, 20, 10).init(Init.TINY_UNIFORM).seed(seed).build();
      History h = b.fit(DATA, new Sgd().epochs(30).batchSize(32).eta(12).shuffle(false).monitorTraining(false)
          .verbose(false));
      assertFalse(h.stopped(), h::message);
      assertEquals(expected[seed - 1], h.last().validationAccuracy(), 0.0015, "seed " + seed);
    }
    Network b = Network.builder(784, 20, 20, 20, 10).init(Init.TINY_UNIFORM).build();
    History h = b.fit(DATA, new Sgd().epochs(30).batchSize(32).eta(12).shuffle(false).monitorTraining(false)
        .verbose(false));
    assertEquals(0.872, h.last().validationAccuracy(), 0.0015, "default seed");
  }
}
