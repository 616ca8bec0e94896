package nn.training;

import java.util.Locale;
import java.util.Random;
import nn.data.Dataset;
import nn.data.Shift;
import nn.model.Evaluation;
import nn.model.Model;
import nn.model.ModelChecks;
import org.jblas.DoubleMatrix;

/**
 * Mini-batch stochastic gradient descent for one network: the loop behind {@code Network.fit}.
 *
 * <p>Each epoch: shuffle (seeded), cut into mini-batches, and for each mini-batch take one step against the
 * gradient of its mean cost. The step is {@link FastSgd}: the same maths as {@link Model#backprop} followed
 * by {@code w ← (1 - eta·lambda/n) w - eta ∇w}, arranged for speed, its products done by {@link nn.blas.Blas}
 * (lesson 05 writes the readable version out in the open), in float32 with {@code Sgd.float32(true)}. After
 * each epoch: measure the training set and the validation set ({@link Measure}), check for divergence and for
 * a run that stopped learning ({@link Stuck}), tell the listener.
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

  /**
   * Trains {@code net} on {@code train}; {@code validation} (may be null) is measured after every epoch, and is
   * what hyperparameters are chosen by. Keep the test set out of it: measure that once, at the end.
   */
  public History fit(Dataset train, Dataset validation) {
    net.checkShapes();
    TrainingChecks.sameInputs(train, validation);
    net.checkDataset(train, "fit (training set)");
    if (validation != null) {
      net.checkDataset(validation, "fit (validation set)");
    }
    String nonFinite = ModelChecks.firstNonFiniteWeight(net);
    if (nonFinite != null) {
      throw new IllegalStateException("fit: " + nonFinite + ", so training cannot start. Fix: make a new network "
          + "(or load a saved one); if an earlier fit diverged, use a smaller eta.");
    }
    int n = train.size();
    TrainingChecks.decay(sgd, n);
    TrainingChecks.l1(net, sgd, n);
    TrainingChecks.memory(net, sgd, train);
    EarlyStopping early = EarlyStopping.of(net, sgd, validation); // null when off; refuses no validation set
    Shift shifts = sgd.shift > 0 ? Shift.reusing(train, sgd.shift, sgd.seed) : null; // refuses non-square images
    History history = new History();
    for (String warning : new String[] {TrainingChecks.hugeEta(net, sgd),
        TrainingChecks.inputRange(train, "training set"),
        validation == null ? null : TrainingChecks.inputRange(validation, "validation set")}) {
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
    LayerRecords records = LayerRecords.start(net, sgd, train, history); // null when off; measures epoch 0
    // The weights after the last good epoch, so a diverged or interrupted epoch loses nothing; buffers reused.
    DoubleMatrix[][] lastGood = snapshot(null);
    Thread thread = Thread.currentThread();
    // Watches the set whose accuracy is measured anyway; with neither measured, the first examples of train.
    boolean watchTrain = validation == null;
    Stuck stuck = new Stuck(net, sgd, watchTrain ? train : validation, watchTrain ? "training" : "validation");

    for (int epoch = 1; epoch <= sgd.epochs; epoch++) {
      if (sgd.shuffle) {
        shuffle(order, shuffler);
      }
      Dataset epochTrain = shifts == null ? train : shifts.next(); // this epoch's shifted copy of train
      long start = System.nanoTime();
      steps.rate(sgd.schedule.eta(sgd.eta, epoch));
      steps.beginEpoch();
      boolean interrupted = false;
      for (int from = 0; from < n && !interrupted; from += batch) {
        // The kernel's stop button interrupts this thread. isInterrupted() leaves the flag set for the caller.
        interrupted = thread.isInterrupted();
        if (!interrupted) {
          steps.step(epochTrain, order, from, Math.min(batch, n - from), n);
        }
      }
      if (interrupted) {
        // The step keeps its own copy during an epoch and endEpoch() is skipped, so the network still holds the
        // last full epoch; restore() makes sure of it (and puts back a matrix a listener replaced).
        restore(lastGood);
        stop(history, String.format(Locale.ROOT, "Training interrupted in epoch %d: the network has the weights "
            + "%s (the part of epoch %d already done is undone), and the history holds %s. Call fit again to "
            + "train more.", epoch, after(epoch - 1), epoch, epochs(epoch - 1)), null, true);
        break;
      }
      steps.endEpoch();
      double seconds = (System.nanoTime() - start) / 1e9;

      double[] trainMeasure = sgd.monitorTraining ? Measure.of(net, train) : new double[] {Double.NaN, Double.NaN};
      trainMeasure[0] += Measure.l2Term(net, sgd.lambda, n);
      trainMeasure[0] += Measure.l1Term(net, sgd.lambda1, n);
      double[] validationMeasure = validation != null ? Measure.of(net, validation)
          : new double[] {Double.NaN, Double.NaN};
      String problem = Measure.divergence(net, trainMeasure[0], sgd.monitorTraining, validationMeasure[0],
          validation != null);
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
      Epoch e = new Epoch(epoch, trainMeasure[0], trainMeasure[1], validationMeasure[0], validationMeasure[1],
          seconds);
      history.add(e);
      if (records != null) {
        records.measure();
      }
      if (early != null) {
        early.after(epoch, validationMeasure[1], history); // before the snapshot: a stop restores the best
      }
      snapshot(lastGood);
      if (sgd.verbose) {
        System.out.println(line(e, validation) + rate(epoch) + (early == null ? "" : early.note(epoch, history)));
      }
      if (sgd.listener != null && !listen(history, epoch, train, validation, lastGood)) {
        break;
      }
      if (history.stoppedEarly()) {
        break;
      }
      double watched = watchTrain ? (sgd.monitorTraining ? trainMeasure[1] : Measure.of(net, stuck.probe())[1])
          : validationMeasure[1];
      String notLearning = stuck.check(epoch, watched);
      if (notLearning != null) {
        history.getStuck(notLearning);
        if (sgd.verbose) {
          System.out.println(notLearning);
        }
        break;
      }
    }
    if (early != null) {
      early.finish(history, sgd.verbose); // the epochs ran out after the best one: keep the best one too
    }
    return history;
  }

  /**
   * Calls the listener; true if training may go on. A listener may change the data or the weights, but if it
   * throws, or leaves a weight of the wrong shape, a NaN, or a bad label behind, training stops with the
   * epoch's weights put back and a message saying what happened.
   */
  private boolean listen(History history, int epoch, Dataset train, Dataset validation,
      DoubleMatrix[][] lastGood) {
    try {
      sgd.listener.onEpoch(history);
    } catch (RuntimeException e) {
      return stopAfterListener(history, epoch, lastGood, "the epoch listener (Sgd.onEpoch) threw " + e, e);
    }
    try {
      net.checkShapes();
      String nonFinite = ModelChecks.firstNonFiniteWeight(net);
      if (nonFinite != null) {
        throw new IllegalStateException(nonFinite + ".");
      }
      net.checkDataset(train, "fit (training set)");
      if (validation != null) {
        net.checkDataset(validation, "fit (validation set)");
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

  /** {@code Epoch 3: validation 921 / 1000 (92.1%)  35 ms}, the line {@code fit} prints. */
  private static String line(Epoch e, Dataset validation) {
    String time = "  " + e.time();
    if (validation != null) {
      int total = validation.size();
      int correct = (int) Math.round(e.validationAccuracy() * total);
      return "Epoch " + e.epoch() + ": validation " + new Evaluation(correct, total) + time;
    }
    if (!Double.isNaN(e.trainAccuracy())) {
      return String.format(Locale.ROOT, "Epoch %d: training accuracy %.1f%%, cost %.4f%s", e.epoch(),
          100 * e.trainAccuracy(), e.trainCost(), time);
    }
    return "Epoch " + e.epoch() + " complete" + time;
  }

  /** {@code "  eta 0.25"} after the epoch line when a schedule changes the rate, else nothing. */
  private String rate(int epoch) {
    return sgd.schedule.isConstant() ? "" : "  eta " + trim(sgd.schedule.eta(sgd.eta, epoch));
  }

  /** A learning rate written the way a learner would type it: 3, 0.3, 1E+199 (two significant digits). */
  static String trim(double v) {
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 ? d.toPlainString() : d.toString();
  }
}
