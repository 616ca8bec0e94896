package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Gradients;
import nn.model.Init;
import nn.model.Output;
import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;
import org.junit.jupiter.api.Test;

/**
 * Optimizer: the readable update follows its formulas, and the fast training step does exactly what the
 * readable loop (Model.backprop, then Optimizer.update on every weight and bias) does.
 */
class OptimizerTest {
  static final List<Optimizer> ALL = List.of(Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.rmsprop(0.9),
      Optimizer.adam(), Optimizer.adam(0.8, 0.99));

  @Test
  void theReferenceUpdateFollowsTheFormulasElementByElement() {
    double eta = 0.1;
    double[][] grads = {{0.5, -2.0}, {0.25, 1.0}, {-1.0, 0.0}};
    for (Optimizer opt : ALL) {
      DoubleMatrix w = new DoubleMatrix(1, 2, 1.0, -1.0);
      Optimizer.State state = opt.newState(1, 2);
      double[] p = {1.0, -1.0};
      double[] a = new double[2]; // v (momentum), s (RMSProp), m (Adam)
      double[] b = new double[2]; // Adam's v
      for (int t = 1; t <= grads.length; t++) {
        opt.update(w, new DoubleMatrix(1, 2, grads[t - 1]), state, eta);
        for (int i = 0; i < 2; i++) {
          double g = grads[t - 1][i];
          switch (opt.kind()) {
            case SGD -> p[i] -= eta * g;
            case MOMENTUM -> {
              a[i] = opt.mu() * a[i] - eta * g;
              p[i] += a[i];
            }
            case RMSPROP -> {
              a[i] = opt.rho() * a[i] + (1 - opt.rho()) * g * g;
              p[i] -= eta * g / (Math.sqrt(a[i]) + 1e-8);
            }
            case ADAM -> {
              a[i] = opt.beta1() * a[i] + (1 - opt.beta1()) * g;
              b[i] = opt.beta2() * b[i] + (1 - opt.beta2()) * g * g;
              double mHat = a[i] / (1 - Math.pow(opt.beta1(), t));
              double vHat = b[i] / (1 - Math.pow(opt.beta2(), t));
              p[i] -= eta * mHat / (Math.sqrt(vHat) + 1e-8);
            }
          }
        }
        assertArrayEquals(p, w.data, 1e-15, opt + " step " + t);
        assertEquals(t, state.t);
      }
    }
  }

  @Test
  void adamsFirstStepIsAboutEtaForEveryParameterWithAGradient() {
    DoubleMatrix w = DoubleMatrix.zeros(1, 3);
    Optimizer.State state = Optimizer.adam().newState(1, 3);
    Optimizer.adam().update(w, new DoubleMatrix(1, 3, 1e-3, -50, 0), state, 0.001);
    assertArrayEquals(new double[] {-0.001, 0.001, 0}, w.data, 2e-8); // g / (|g| + eps)
  }

  @Test
  void statesHoldWhatEachRuleNeeds() {
    Optimizer.State momentum = Optimizer.momentum(0.5).newState(3, 2);
    assertEquals(3, momentum.v.rows);
    assertNull(momentum.m);
    assertNull(momentum.s);
    Optimizer.State adam = Optimizer.adam().newState(4, 1);
    assertEquals(4, adam.m.length);
    assertEquals(4, adam.v.length);
    assertEquals(4, Optimizer.rmsprop(0.9).newState(2, 2).s.length);
    assertEquals("adam(0.9, 0.999)", Optimizer.adam().toString());
    assertEquals("momentum(0.9)", Optimizer.momentum(0.9).toString());
    assertEquals(Optimizer.adam(0.9, 0.999), Optimizer.adam());
  }

  /**
   * The readable loop: the examples in their stored order (shuffle(false)), mini-batch by mini-batch,
   * Model.backprop, then for every weight matrix {@code g + (lambda/n) w + (lambda1/n) sign(w)} and for every
   * bias vector its gradient, each given to Optimizer.update with its own state.
   */
  static void readableFit(Network net, Dataset train, Sgd sgd, Schedule schedule) {
    int n = train.size();
    int batch = Math.min(sgd.batchSize(), n);
    int[] order = java.util.stream.IntStream.range(0, n).toArray();
    Optimizer opt = sgd.optimizer();
    Optimizer.State[] sw = new Optimizer.State[net.sizes.length];
    Optimizer.State[] sb = new Optimizer.State[net.sizes.length];
    for (int l = 1; l <= net.layers(); l++) {
      sw[l] = opt.newState(net.weights[l].rows, net.weights[l].columns);
      sb[l] = opt.newState(net.biases[l].rows, 1);
    }
    for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
      double eta = schedule.eta(sgd.eta(), epoch);
      for (int from = 0; from < n; from += batch) {
        int count = Math.min(batch, n - from);
        DoubleMatrix x = new DoubleMatrix(train.inputs(), count);
        train.copyColumns(order, from, count, x);
        int[] labels = Arrays.copyOfRange(train.labels(), from, from + count);
        Gradients g = net.backprop(x, Dataset.oneHot(labels, net.sizes[net.layers()]));
        for (int l = 1; l <= net.layers(); l++) {
          DoubleMatrix w = net.weights[l];
          DoubleMatrix gw = g.nablaW()[l];
          if (sgd.lambda() != 0 || sgd.l1() != 0) {
            gw = gw.add(w.mul(sgd.lambda() / n)).add(MatrixFunctions.signum(w).mul(sgd.l1() / n));
          }
          opt.update(w, gw, sw[l], eta);
          opt.update(net.biases[l], g.nablaB()[l], sb[l], eta);
        }
      }
    }
  }

  static double maxDifference(Network a, Network b) {
    double worst = 0;
    for (int l = 1; l <= a.layers(); l++) {
      worst = Math.max(worst, a.weights[l].sub(b.weights[l]).normmax());
      worst = Math.max(worst, a.biases[l].sub(b.biases[l]).normmax());
    }
    return worst;
  }

  private static Network relu(int inputs, int classes, long seed) {
    return Network.builder(inputs, 7, 5, classes).hidden(Activation.RELU).output(Output.SOFTMAX)
        .cost(Cost.CROSS_ENTROPY).init(Init.HE).seed(seed).build();
  }

  /** Fast fit against the readable loop; returns the largest difference of any weight or bias. */
  static double fastAgainstReadable(Network start, Dataset train, Sgd sgd, Schedule schedule) {
    Network slow = start.copy();
    Network fast = start.copy();
    readableFit(slow, train, sgd, schedule);
    History h = fast.fit(train, null, sgd);
    assertFalse(h.stopped(), h::message);
    assertTrue(maxDifference(fast, start) > 1e-3, "the weights moved");
    return maxDifference(fast, slow);
  }

  private static Sgd quiet(Optimizer opt, int batch, double eta) {
    return new Sgd().optimizer(opt).epochs(3).batchSize(batch).eta(eta).shuffle(false).monitorTraining(false)
        .verbose(false);
  }

  private static double etaFor(Optimizer opt) {
    return opt.kind() == Optimizer.Kind.SGD || opt.kind() == Optimizer.Kind.MOMENTUM ? 0.1 : 0.01;
  }

  @Test
  void fastMiniBatchStepsEqualTheReadableLoopForEveryOptimiserWithL2() {
    Dataset train = TrainerTest.blobs(95, 7); // 9 batches of 10 and one of 5
    for (Optimizer opt : ALL) {
      for (double lambda : new double[] {0, 2}) {
        Sgd sgd = quiet(opt, 10, etaFor(opt)).lambda(lambda);
        double d = fastAgainstReadable(relu(4, 3, 3), train, sgd, Schedule.constant());
        assertTrue(d < 1e-12, opt + " lambda " + lambda + ": " + d);
        Sgd sigmoid = quiet(opt, 10, etaFor(opt) * 10).lambda(lambda);
        double ds = fastAgainstReadable(Network.builder(4, 6, 3).seed(4).build(), train, sigmoid,
            Schedule.constant());
        assertTrue(ds < 1e-12, opt + " sigmoid lambda " + lambda + ": " + ds);
      }
    }
  }

  @Test
  void fastFullBatchStepsAcrossChunksEqualTheReadableLoop() {
    Dataset train = TrainerTest.blobs(FastSgd.CHUNK * 4 + 21, 10); // five chunks, the last short
    for (Optimizer opt : ALL) {
      Sgd sgd = quiet(opt, Sgd.FULL_BATCH, etaFor(opt)).epochs(5).lambda(1);
      double d = fastAgainstReadable(relu(4, 3, 11), train, sgd, Schedule.constant());
      assertTrue(d < 1e-12, opt + ": " + d);
    }
  }

  @Test
  void float32StepsStayCloseToTheFloat64Loop() {
    Dataset train = TrainerTest.blobs(95, 7);
    for (Optimizer opt : ALL) {
      Sgd sgd = quiet(opt, 10, etaFor(opt)).lambda(1).float32(true);
      double d = fastAgainstReadable(relu(4, 3, 3), train, sgd, Schedule.constant());
      assertTrue(d < 1e-4, opt + ": " + d);
    }
  }

  @Test
  void runsRepeatBitForBitBySeed() {
    Dataset train = TrainerTest.blobs(95, 7);
    for (Optimizer opt : ALL) {
      Network[] nets = {relu(4, 3, 3), relu(4, 3, 3), relu(4, 3, 3)};
      long[] seeds = {5, 5, 6};
      for (int i = 0; i < 3; i++) {
        nets[i].fit(train, null, new Sgd().optimizer(opt).epochs(2).batchSize(7).eta(etaFor(opt)).seed(seeds[i])
            .monitorTraining(false).verbose(false));
      }
      assertEquals(0.0, maxDifference(nets[0], nets[1]), opt + ": same seed, same weights");
      assertTrue(maxDifference(nets[0], nets[2]) > 1e-6, opt + ": another seed shuffles otherwise");
    }
  }

  @Test
  void badHyperparametersSayWhatIsAllowed() {
    assertEquals("Optimizer.momentum: mu (the momentum coefficient) must be in [0, 1) (at least 0, below 1), got "
        + "1.0. The usual value is 0.9.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.momentum(1.0)).getMessage());
    assertEquals("Optimizer.momentum: mu (the momentum coefficient) must be in [0, 1) (at least 0, below 1), got "
        + "-0.1. The usual value is 0.9.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.momentum(-0.1)).getMessage());
    assertEquals("Optimizer.rmsprop: rho (the decay of the mean of g²) must be in [0, 1) (at least 0, below 1), "
        + "got NaN. The usual value is 0.9.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.rmsprop(Double.NaN)).getMessage());
    assertEquals("Optimizer.adam: beta1 (the decay of the mean of g) must be in [0, 1) (at least 0, below 1), "
        + "got 1.5. The usual value is 0.9.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.adam(1.5, 0.999)).getMessage());
    assertEquals("Optimizer.adam: beta2 (the decay of the mean of g²) must be in [0, 1) (at least 0, below 1), "
        + "got 1.0. The usual value is 0.999.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.adam(0.9, 1.0)).getMessage());
    assertEquals("optimizer must not be null: pass Optimizer.sgd() (the default), Optimizer.momentum(0.9), "
        + "Optimizer.rmsprop(0.9) or Optimizer.adam().", assertThrows(IllegalArgumentException.class,
            () -> new Sgd().optimizer(null)).getMessage());
    assertEquals("Optimizer.update needs the parameter, its gradient of the same shape and its state "
        + "(opt.newState(rows, cols)); got 2 x 3, 3 x 2.", assertThrows(IllegalArgumentException.class,
            () -> Optimizer.adam().update(new DoubleMatrix(2, 3), new DoubleMatrix(3, 2),
                Optimizer.adam().newState(2, 3), 0.1)).getMessage());
    assertEquals("Sgd(epochs=30, batchSize=10, eta=0.001, lambda=0.0, seed=42, optimizer=adam(0.9, 0.999))",
        new Sgd().eta(0.001).optimizer(Optimizer.adam()).toString());
  }
}
