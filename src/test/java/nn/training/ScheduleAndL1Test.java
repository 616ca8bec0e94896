package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules and L1 regularisation: their formulas, the fast step against the readable loop. */
class ScheduleAndL1Test {
  @Test
  void schedulesGiveTheRateOfEachEpoch() {
    double[] step = new double[6];
    double[] exponential = new double[6];
    for (int e = 1; e <= 6; e++) {
      step[e - 1] = Schedule.step(2, 0.5).eta(0.8, e);
      exponential[e - 1] = Schedule.exponential(0.9).eta(2.0, e);
      assertEquals(0.8, Schedule.constant().eta(0.8, e), 0.0);
    }
    assertArrayEquals(new double[] {0.8, 0.8, 0.4, 0.4, 0.2, 0.2}, step, 0.0);
    assertArrayEquals(new double[] {2.0, 1.8, 1.62, 1.458, 1.3122, 1.18098}, exponential, 1e-12);
    assertEquals("step(2, 0.5)", Schedule.step(2, 0.5).toString());
    assertEquals("exponential(0.9)", Schedule.exponential(0.9).toString());
    assertEquals("constant", Schedule.constant().toString());
  }

  @Test
  void badSchedulesSayWhatIsAllowed() {
    assertEquals("Schedule.step: everyEpochs must be at least 1, got 0. Example: Schedule.step(10, 0.5) halves the "
        + "rate after every 10 epochs.", assertThrows(IllegalArgumentException.class,
            () -> Schedule.step(0, 0.5)).getMessage());
    assertEquals("Schedule.step: the factor must be in (0, 1] (above 0, at most 1: a schedule lowers the rate), got "
        + "1.5. Example: 0.5.", assertThrows(IllegalArgumentException.class,
            () -> Schedule.step(3, 1.5)).getMessage());
    assertEquals("Schedule.exponential: the factor must be in (0, 1] (above 0, at most 1: a schedule lowers the "
        + "rate), got NaN. Example: 0.95.", assertThrows(IllegalArgumentException.class,
            () -> Schedule.exponential(Double.NaN)).getMessage());
    assertEquals("Schedule.eta: epochs count from 1, got 0.", assertThrows(IllegalArgumentException.class,
        () -> Schedule.constant().eta(1, 0)).getMessage());
    assertEquals("schedule must not be null: pass Schedule.constant() (the default), Schedule.step(10, 0.5) or "
        + "Schedule.exponential(0.95).", assertThrows(IllegalArgumentException.class,
            () -> new Sgd().schedule(null)).getMessage());
    assertEquals("lambda1 (L1 regularisation) must be 0 or a positive finite number, got -1.0. Try 0 (none) or "
        + "1.0.", assertThrows(IllegalArgumentException.class, () -> new Sgd().l1(-1)).getMessage());
  }

  /** Tanh neither dies nor (from these weights) saturates, so no run here is stopped as stuck. */
  private static Network tanh(long seed) {
    return Network.builder(4, 7, 5, 3).hidden(Activation.TANH).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
        .init(Init.SCALED_GAUSSIAN).seed(seed).build();
  }

  private static Network relu(long seed) {
    return Network.builder(4, 7, 5, 3).hidden(Activation.RELU).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
        .init(Init.HE).seed(seed).build();
  }

  private static Sgd quiet(Optimizer opt, int batch) {
    double eta = opt.kind() == Optimizer.Kind.SGD || opt.kind() == Optimizer.Kind.MOMENTUM ? 0.1 : 0.01;
    return new Sgd().optimizer(opt).epochs(4).batchSize(batch).eta(eta).shuffle(false).monitorTraining(false)
        .verbose(false);
  }

  @Test
  void scheduledStepsEqualTheReadableLoop() {
    Dataset train = TrainerTest.blobs(95, 7);
    for (Optimizer opt : List.of(Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.adam())) {
      for (Schedule schedule : List.of(Schedule.step(2, 0.5), Schedule.exponential(0.7))) {
        for (int batch : new int[] {10, Sgd.FULL_BATCH}) {
          Sgd sgd = quiet(opt, batch).schedule(schedule).lambda(1);
          double d = OptimizerTest.fastAgainstReadable(tanh(3), train, sgd, schedule);
          assertTrue(d < 1e-12, opt + " " + schedule + " batch " + batch + ": " + d);
        }
      }
    }
    // And the schedule changes the result: a constant rate ends elsewhere.
    Network constant = relu(3);
    Network stepped = relu(3);
    constant.fit(train, null, quiet(Optimizer.sgd(), 10));
    stepped.fit(train, null, quiet(Optimizer.sgd(), 10).schedule(Schedule.step(1, 0.5)));
    assertTrue(OptimizerTest.maxDifference(constant, stepped) > 1e-3);
  }

  @Test
  void l1StepsEqualTheReadableLoopForEveryOptimiserWithAndWithoutL2() {
    Dataset train = TrainerTest.blobs(95, 7);
    Dataset big = TrainerTest.blobs(FastSgd.CHUNK * 4 + 21, 10);
    for (Optimizer opt : OptimizerTest.ALL) {
      for (double lambda : new double[] {0, 3}) {
        Sgd sgd = quiet(opt, 10).l1(2).lambda(lambda);
        double d = OptimizerTest.fastAgainstReadable(tanh(3), train, sgd, Schedule.constant());
        assertTrue(d < 1e-12, opt + " lambda " + lambda + ": " + d);
        Sgd full = quiet(opt, Sgd.FULL_BATCH).l1(2).lambda(lambda);
        double df = OptimizerTest.fastAgainstReadable(tanh(5), big, full, Schedule.constant());
        assertTrue(df < 1e-12, opt + " full batch lambda " + lambda + ": " + df);
      }
    }
  }

  @Test
  void theTrainingCostCarriesTheL1Term() {
    Dataset train = TrainerTest.blobs(200, 3);
    Network net = relu(2);
    History h = net.fit(train, null, new Sgd().epochs(2).batchSize(10).eta(0.1).l1(4).lambda(2).verbose(false));
    double sumAbs = 0;
    double squares = 0;
    for (int l = 1; l <= net.layers(); l++) {
      sumAbs += net.weights[l].norm1();
      squares += net.weights[l].dot(net.weights[l]);
    }
    double expected = net.cost(train) + 4.0 / 200 * sumAbs + 2.0 / (2 * 200) * squares;
    assertEquals(expected, h.last().trainCost(), 1e-12);
  }

  @Test
  void l1ShrinksTheWeightsMoreThanNoRegularisation() {
    Dataset train = TrainerTest.blobs(300, 4);
    Network plain = relu(6);
    Network l1 = relu(6);
    plain.fit(train, null, new Sgd().epochs(20).batchSize(10).eta(0.1).monitorTraining(false).verbose(false));
    History h = l1.fit(train, null, new Sgd().epochs(20).batchSize(10).eta(0.1).l1(5).monitorTraining(false)
        .verbose(false));
    assertFalse(h.stopped(), h::message);
    double a = plain.weights[1].norm1();
    double b = l1.weights[1].norm1();
    assertTrue(b < 0.8 * a, "sum |w| of layer 1: L1 " + b + ", none " + a);
    assertTrue(l1.evaluate(train).accuracy() > 0.9, "and it still learns the blobs");
  }

  @Test
  void anL1PushLargerThanEveryWeightIsRefusedNamingL1() {
    Dataset train = TrainerTest.blobs(100, 1);
    Network net = Network.builder(4, 5, 3).init(Init.SCALED_GAUSSIAN).build();
    double[] before = net.weights[1].data.clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.fit(train, null, new Sgd().epochs(3).eta(3).l1(200).verbose(false)));
    assertEquals("fit: eta·lambda1/n = 3 · 200 / 100 = 6 is at least the largest weight (|w| = 1.1), so the L1 "
        + "step eta·(lambda1/n)·sign(w) would push every weight across 0 at the first step and then make it jump "
        + "back and forth across 0 at every step. lambda1 is scaled by the training-set size n: use lambda1 well "
        + "below 38 (e.g. lambda1 = 0.038), or a smaller eta.", e.getMessage());
    assertArrayEquals(before, net.weights[1].data, 0.0);
    // The advice works: lambda1 = 0.038 trains (0.38 still pulls it back to 73%) and learns.
    History h = net.fit(train, null, new Sgd().epochs(10).eta(3).l1(0.038).verbose(false));
    assertFalse(h.stopped(), h::message);
    assertTrue(h.last().trainAccuracy() > 0.9, h::toString);
    // Adam rescales its steps: no refusal there, the L1 term only enters its gradient.
    Network adam = Network.builder(4, 5, 3).init(Init.SCALED_GAUSSIAN).build();
    assertFalse(adam.fit(train, null, new Sgd().epochs(1).eta(0.001).l1(200).optimizer(Optimizer.adam())
        .verbose(false)).diverged());
  }

  @Test
  void theEpochLineShowsTheScheduledRate() {
    PrintStream old = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      relu(1).fit(TrainerTest.blobs(100, 2), null, new Sgd().epochs(3).batchSize(10).eta(0.2)
          .schedule(Schedule.step(1, 0.5)));
    } finally {
      System.setOut(old);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).matches("Epoch 1: training accuracy .*  eta 0.2"), lines.get(0));
    assertTrue(lines.get(2).matches("Epoch 3: training accuracy .*  eta 0.05"), lines.get(2));
    assertEquals("Sgd(epochs=30, batchSize=10, eta=3.0, lambda=0.0, seed=42, schedule=step(1, 0.5), l1=0.5)",
        new Sgd().schedule(Schedule.step(1, 0.5)).l1(0.5).toString());
  }
}
