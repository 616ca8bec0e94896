package nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.Network;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import org.junit.jupiter.api.Test;

/**
 * Every suggestion of lesson 09's play cell (section 7: the knobs, their comments and the table above them),
 * tried exactly as that cell trains: the lesson's digit network (784-30-10, ReLU, He, softmax + cross-entropy,
 * seed 1) and {@code new Sgd().epochs(PLAY_EPOCHS).batchSize(32).eta(ETA).optimizer(OPTIMIZER)
 * .schedule(SCHEDULE).seed(1)} on the sample, the other knobs at their defaults (Adam, eta 0.003, constant
 * rate, 3 epochs). The figures are the table's (validation accuracy), within a point, since another BLAS may
 * round differently; the comparisons are what the table says.
 */
class Lesson09SuggestionsTest {
  private static final Split DATA = Mnist.sample();

  private static double accuracy(Optimizer opt, double eta, Schedule schedule, int epochs) {
    Network net = Network.builder(784, 30, 10).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.HE).seed(1).build();
    History h = net.fit(DATA, new Sgd().epochs(epochs).batchSize(32).eta(eta).optimizer(opt).schedule(schedule)
        .seed(1).monitorTraining(false).verbose(false));
    assertFalse(h.stopped(), h::message);
    assertEquals(epochs, h.size());
    return net.validate(DATA).accuracy();
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 0.01, what + ": the lesson's table says " + expected);
  }

  @Test
  void adamsLearningRate() {
    double chosen = accuracy(Optimizer.adam(), 0.003, Schedule.constant(), 3);
    double usual = accuracy(Optimizer.adam(), 0.001, Schedule.constant(), 3);
    double large = accuracy(Optimizer.adam(), 0.03, Schedule.constant(), 3);
    double huge = accuracy(Optimizer.adam(), 0.1, Schedule.constant(), 3);
    near(0.927, chosen, "the defaults");
    near(0.917, usual, "ETA = 0.001");
    near(0.874, large, "ETA = 0.03");
    near(0.542, huge, "ETA = 0.1");
    assertTrue(usual < chosen, "0.001 is slower on this budget: " + usual + " vs " + chosen);
    assertTrue(huge < large && large < chosen - 0.03, "too large: " + large + ", " + huge);
  }

  @Test
  void sgdAndMomentumEachAtTheirOwnRate() {
    near(0.932, accuracy(Optimizer.sgd(), 0.3, Schedule.constant(), 3), "SGD, ETA = 0.3");
    double tooLarge = accuracy(Optimizer.momentum(0.9), 0.3, Schedule.constant(), 3);
    double tenth = accuracy(Optimizer.momentum(0.9), 0.03, Schedule.constant(), 3);
    near(0.414, tooLarge, "momentum 0.9, ETA = 0.3");
    near(0.921, tenth, "momentum 0.9, ETA = 0.03");
    assertTrue(tooLarge < 0.6 && tenth > 0.9, "SGD's rate is too large with momentum, a tenth of it works");
  }

  @Test
  void schedules() {
    near(0.927, accuracy(Optimizer.adam(), 0.003, Schedule.exponential(0.5), 3), "exponential(0.5)");
    double constant = accuracy(Optimizer.adam(), 0.003, Schedule.constant(), 10);
    double exponential = accuracy(Optimizer.adam(), 0.003, Schedule.exponential(0.7), 10);
    double step = accuracy(Optimizer.adam(), 0.003, Schedule.step(3, 0.3), 10);
    near(0.928, constant, "10 epochs");
    near(0.933, exponential, "10 epochs, exponential(0.7)");
    near(0.934, step, "10 epochs, step(3, 0.3)");
    assertTrue(exponential > constant && step > constant, "a falling rate does better over 10 epochs (seed 1): "
        + constant + ", " + exponential + ", " + step);
  }
}
