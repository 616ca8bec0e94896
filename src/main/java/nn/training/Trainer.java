package nn.training;

import java.util.Locale;
import java.util.Random;
import nn.data.Chunks;
import nn.data.Dataset;
import nn.model.Evaluation;
import nn.model.Forward;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * Mini-batch stochastic gradient descent for one network: the loop behind {@code Network.fit}.
 *
 * <p>Each epoch: shuffle (seeded), cut into mini-batches, and for each mini-batch take one step against the
 * gradient of its mean cost. The step is {@link FastSgd}: the same maths as {@link Model#backprop} followed
 * by {@code w ← (1 - eta·lambda/n) w - eta ∇w}, arranged for speed, its products done by {@link nn.blas.Blas}
 * (lesson 05 writes the readable version out in the open), in float32 with {@code Sgd.float32(true)}. After
 * each epoch: measure, check for divergence, tell the listener.
 */
public final class Trainer {
  private final Model net;
  private final Sgd sgd;

  public Trainer(Model net, Sgd sgd) {
    if (sgd == null) {
      throw new IllegalArgumentException("fit needs the hyperparameters: pass new Sgd().epochs(..).eta(..).");
    }
    this.net = net;
    this.sgd = sgd;
  }

  /** Trains {@code net} on {@code train}; {@code test} (may be null) is measured after every epoch. */
  public History fit(Dataset train, Dataset test) {
    net.checkShapes();
    TrainingChecks.sameInputs(train, test);
    net.checkDataset(train, "fit (training set)");
    if (test != null) {
      net.checkDataset(test, "fit (test set)");
    }
    String nonFinite = TrainingChecks.nonFiniteWeight(net);
    if (nonFinite != null) {
      throw new IllegalStateException("fit: " + nonFinite + ", so training cannot start. Fix: make a new network "
          + "(or load a saved one); if an earlier fit diverged, use a smaller eta.");
    }
    int n = train.size();
    TrainingChecks.decay(sgd, n);
    TrainingChecks.memory(net, sgd, train);
    History history = new History();
    for (String warning : new String[] {TrainingChecks.inputRange(train, "training set"),
        test == null ? null : TrainingChecks.inputRange(test, "test set")}) {
      if (warning != null) {
        history.warn(warning);
        if (sgd.verbose) {
          System.out.println(warning);
        }
      }
    }
    int batch = Math.min(sgd.batchSize, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random shuffler = new Random(sgd.seed);
    FastSgd steps = new FastSgd(net, sgd);
    // The weights after the last good epoch, so a diverged or interrupted epoch loses nothing; buffers reused.
    DoubleMatrix[][] lastGood = snapshot(null);
    Thread thread = Thread.currentThread();

    for (int epoch = 1; epoch <= sgd.epochs; epoch++) {
      shuffle(order, shuffler);
      long start = System.nanoTime();
      steps.beginEpoch();
      boolean interrupted = false;
      for (int from = 0; from < n && !interrupted; from += batch) {
        // The kernel's stop button interrupts this thread. isInterrupted() leaves the flag set for the caller.
        interrupted = thread.isInterrupted();
        if (!interrupted) {
          steps.step(train, order, from, Math.min(batch, n - from), n);
        }
      }
      if (interrupted) {
        // Mid-epoch the biases are half updated and the weights sit in the step's buffers: undo the epoch.
        restore(lastGood);
        stop(history, String.format(Locale.ROOT, "Training interrupted in epoch %d: the network has the weights "
            + "%s (the part of epoch %d already done is undone), and the history holds %s. Call fit again to "
            + "train more.", epoch, after(epoch - 1), epoch, epochs(epoch - 1)), null, true);
        break;
      }
      steps.endEpoch();
      double seconds = (System.nanoTime() - start) / 1e9;

      double[] trainMeasure = sgd.monitorTraining ? measure(train) : new double[] {Double.NaN, Double.NaN};
      if (sgd.monitorTraining) {
        trainMeasure[0] += l2Term(n);
      }
      double[] testMeasure = test != null ? measure(test) : new double[] {Double.NaN, Double.NaN};
      String problem = divergence(trainMeasure[0], testMeasure[0], test != null);
      if (problem != null) {
        restore(lastGood);
        double eta = TrainingChecks.suggestedEta(net, sgd);
        history.diverge(String.format(Locale.ROOT, "Training diverged in epoch %d: %s (eta = %s). The weights "
            + "are back where they were %s. Try a smaller learning rate, e.g. eta = %s%s.", epoch, problem,
            trim(sgd.eta), epoch == 1 ? "before training" : "after epoch " + (epoch - 1), trim(eta),
            eta == sgd.eta / 10 ? "" : " (a usual value for this network)"));
        if (sgd.verbose) {
          System.out.println(history.message());
        }
        break;
      }
      Epoch e = new Epoch(epoch, trainMeasure[0], trainMeasure[1], testMeasure[0], testMeasure[1], seconds);
      history.add(e);
      snapshot(lastGood);
      if (sgd.verbose) {
        System.out.println(line(e, test));
      }
      if (sgd.listener != null && !listen(history, epoch, train, test, lastGood)) {
        break;
      }
    }
    return history;
  }

  /**
   * Calls the listener; true if training may go on. A listener may change the data or the weights, but if it
   * throws, or leaves a weight of the wrong shape, a NaN, or a bad label behind, training stops with the
   * epoch's weights put back and a message saying what happened.
   */
  private boolean listen(History history, int epoch, Dataset train, Dataset test, DoubleMatrix[][] lastGood) {
    String what;
    RuntimeException thrown;
    try {
      sgd.listener.onEpoch(history);
    } catch (RuntimeException e) {
      thrown = e;
      what = "the epoch listener (Sgd.onEpoch) threw " + e;
      return stopAfterListener(history, epoch, lastGood, what, e);
    }
    try {
      net.checkShapes();
      String nonFinite = TrainingChecks.nonFiniteWeight(net);
      if (nonFinite != null) {
        throw new IllegalStateException(nonFinite + ".");
      }
      net.checkDataset(train, "fit (training set)");
      if (test != null) {
        net.checkDataset(test, "fit (test set)");
      }
      return true;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return stopAfterListener(history, epoch, lastGood, "after the epoch listener (Sgd.onEpoch) ran: "
          + e.getMessage(), null);
    }
  }

  private boolean stopAfterListener(History history, int epoch, DoubleMatrix[][] lastGood, String what,
      RuntimeException thrown) {
    restore(lastGood);
    stop(history, String.format(Locale.ROOT, "Training stopped after epoch %d, %s The network keeps the weights "
        + "after epoch %d, and the history holds %s%s. Fix the listener (it may change the data or the weights, "
        + "but must leave them usable), then call fit again to train more.", epoch,
        what.endsWith(".") || what.endsWith(".)") ? what : what + ".", epoch, epochs(epoch),
        thrown != null ? " (history.failure() is the exception)" : ""), thrown, false);
    return false;
  }

  private void stop(History history, String why, RuntimeException failure, boolean interrupted) {
    if (interrupted) {
      history.interrupt(why);
    } else {
      history.fail(why, failure);
    }
    if (sgd.verbose) {
      System.out.println(why);
    }
  }

  private static String after(int epoch) {
    return epoch == 0 ? "it had before training" : "after epoch " + epoch;
  }

  private static String epochs(int done) {
    return done == 0 ? "no epoch" : done == 1 ? "epoch 1" : "epochs 1.." + done;
  }

  /** Mean cost (no L2 term) and accuracy over a dataset, in one forward pass per chunk. */
  private double[] measure(Dataset data) {
    double[] sums = new double[2];
    int outputs = net.sizes[net.layers()];
    int last = net.layers();
    Chunks.forEach(data, (start, x, labels) -> {
      Forward f = net.forward(x);
      DoubleMatrix y = Dataset.oneHot(labels, outputs);
      sums[0] += net.cost().sum(net.output(), f.zs()[last], f.output(), y);
      int[] predicted = Model.argmaxColumns(f.output());
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == labels[i]) {
          sums[1]++;
        }
      }
    });
    return new double[] {sums[0] / data.size(), sums[1] / data.size()};
  }

  /** The L2 term of the regularised cost, {@code (lambda / 2n) Σ w²} over all weights. */
  private double l2Term(int n) {
    if (sgd.lambda == 0) {
      return 0;
    }
    double squares = 0;
    for (int l = 1; l <= net.layers(); l++) {
      squares += net.weights[l].dot(net.weights[l]);
    }
    return sgd.lambda / (2.0 * n) * squares;
  }

  /** What went wrong, or null: a measured cost that is not finite, or a weight that is not. */
  private String divergence(double trainCost, double testCost, boolean testMeasured) {
    if (sgd.monitorTraining && !Double.isFinite(trainCost)) {
      return "the training cost became " + trainCost;
    }
    if (testMeasured && !Double.isFinite(testCost)) {
      return "the test cost became " + testCost;
    }
    for (int l = 1; l <= net.layers(); l++) {
      double sum = net.weights[l].sum() + net.biases[l].sum();
      if (!Double.isFinite(sum)) {
        return "a weight or bias of layer " + l + " became " + sum;
      }
    }
    return null;
  }

  /** Copies every weight and bias into {@code into} ({weights, biases}), allocating it on first use. */
  private DoubleMatrix[][] snapshot(DoubleMatrix[][] into) {
    if (into == null) {
      into = new DoubleMatrix[][] {new DoubleMatrix[net.layers() + 1], new DoubleMatrix[net.layers() + 1]};
    }
    for (int l = 1; l <= net.layers(); l++) {
      // Not "into = into.copy(w)": jblas's copy copies w into `into` but returns w, which made the "last good"
      // weights the live ones after epoch 1, so a later divergence restored nothing.
      if (into[0][l] == null) {
        into[0][l] = net.weights[l].dup();
        into[1][l] = net.biases[l].dup();
      } else {
        into[0][l].copy(net.weights[l]);
        into[1][l].copy(net.biases[l]);
      }
    }
    return into;
  }

  /** Puts the snapshot back; a matrix a listener replaced by one of another shape is replaced again. */
  private void restore(DoubleMatrix[][] good) {
    for (int l = 1; l <= net.layers(); l++) {
      net.weights[l] = put(net.weights[l], good[0][l]);
      net.biases[l] = put(net.biases[l], good[1][l]);
    }
  }

  private static DoubleMatrix put(DoubleMatrix live, DoubleMatrix good) {
    if (live == null || live.rows != good.rows || live.columns != good.columns) {
      return good.dup();
    }
    live.copy(good);
    return live;
  }

  /** Fisher-Yates, from the trainer's own seeded generator. */
  static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static String line(Epoch e, Dataset test) {
    String time = String.format(Locale.ROOT, "  %.1f s", e.seconds());
    if (test != null) {
      int total = test.size();
      int correct = (int) Math.round(e.testAccuracy() * total);
      return "Epoch " + e.epoch() + ": " + new Evaluation(correct, total) + time;
    }
    if (!Double.isNaN(e.trainAccuracy())) {
      return String.format(Locale.ROOT, "Epoch %d: training accuracy %.1f%%, cost %.4f%s", e.epoch(),
          100 * e.trainAccuracy(), e.trainCost(), time);
    }
    return "Epoch " + e.epoch() + " complete" + time;
  }

  /** A learning rate written the way a learner would type it: 3, 0.3, 1E+199 (two significant digits). */
  static String trim(double v) {
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 ? d.toPlainString() : d.toString();
  }
}
