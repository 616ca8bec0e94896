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
    net.checkDataset(train, "fit (training set)");
    if (test != null) {
      net.checkDataset(test, "fit (test set)");
    }
    int n = train.size();
    int batch = Math.min(sgd.batchSize, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random shuffler = new Random(sgd.seed);
    FastSgd steps = new FastSgd(net, sgd);
    History history = new History();
    // The weights after the last good epoch, so a diverged epoch loses nothing; buffers reused every epoch.
    DoubleMatrix[][] lastGood = snapshot(null);

    for (int epoch = 1; epoch <= sgd.epochs; epoch++) {
      shuffle(order, shuffler);
      long start = System.nanoTime();
      steps.beginEpoch();
      for (int from = 0; from < n; from += batch) {
        steps.step(train, order, from, Math.min(batch, n - from), n);
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
        String why = String.format(Locale.ROOT, "Training diverged in epoch %d: %s (eta = %s). The weights are "
            + "back where they were %s. Try a smaller learning rate, e.g. eta = %s.", epoch, problem,
            trim(sgd.eta), epoch == 1 ? "before training" : "after epoch " + (epoch - 1), trim(sgd.eta / 10));
        history.stop(why);
        if (sgd.verbose) {
          System.out.println(why);
        }
        break;
      }
      Epoch e = new Epoch(epoch, trainMeasure[0], trainMeasure[1], testMeasure[0], testMeasure[1], seconds);
      history.add(e);
      snapshot(lastGood);
      if (sgd.verbose) {
        System.out.println(line(e, test));
      }
      if (sgd.listener != null) {
        sgd.listener.onEpoch(history);
      }
    }
    return history;
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
      into[0][l] = into[0][l] == null ? net.weights[l].dup() : into[0][l].copy(net.weights[l]);
      into[1][l] = into[1][l] == null ? net.biases[l].dup() : into[1][l].copy(net.biases[l]);
    }
    return into;
  }

  private void restore(DoubleMatrix[][] good) {
    for (int l = 1; l <= net.layers(); l++) {
      net.weights[l].copy(good[0][l]);
      net.biases[l].copy(good[1][l]);
    }
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
