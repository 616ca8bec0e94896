package nn.training;

import java.util.Arrays;
import java.util.Locale;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Model;

/**
 * What {@link Trainer} checks before the first step, so that a run that cannot work says why at once instead
 * of after minutes (or with a bare {@code OutOfMemoryError}), and a run that will learn badly says so.
 */
final class TrainingChecks {
  /** Inputs beyond this (in absolute value) are "far outside [0, 1]": raw 0..255 pixels, for instance. */
  static final double FAR_OUTSIDE = 20;

  private TrainingChecks() {}

  /** The training and validation sets hold the same kind of examples (checked before either against the net). */
  static void sameInputs(Dataset train, Dataset validation) {
    if (train != null && validation != null && train.inputs() != validation.inputs()) {
      throw new IllegalArgumentException("fit: the training set " + train.name() + " has " + train.inputs()
          + " inputs per example but the validation set " + validation.name() + " has " + validation.inputs()
          + ": both must hold "
          + "the same kind of examples (were they read from different files, or one of them resized?).");
    }
  }

  /**
   * {@code eta·lambda/n ≥ 1} makes the decay factor {@code 1 - eta·lambda/n} zero or negative: every step would
   * zero or flip every weight, whatever the data. Refused before training, naming L2 as the cause.
   */
  static void decay(Sgd sgd, int n) {
    if (!stepsScaleWithEta(sgd)) {
      return; // RMSProp and Adam divide each step by the gradient's size: no decay factor to flip
    }
    double rate = sgd.eta * sgd.lambda / n;
    if (rate >= 1) {
      double most = n / sgd.eta;
      throw new IllegalArgumentException(String.format(Locale.ROOT, "fit: eta·lambda/n = %s · %s / %d = %s is "
          + "at least 1, so the L2 decay factor 1 - eta·lambda/n = %s would zero or flip the sign of every weight "
          + "at every step. lambda is scaled by the training-set size n: use lambda below n/eta = %s (e.g. "
          + "lambda = %s), or a smaller eta.", Trainer.trim(sgd.eta), Trainer.trim(sgd.lambda), n,
          Trainer.trim(rate), Trainer.trim(1 - rate), Trainer.trim(most), Trainer.trim(Math.min(5, most / 10))));
    }
  }

  /**
   * L1's push {@code eta·(lambda1/n)·sign(w)} at least as large as every weight (after L2's decay) would send
   * every weight across 0 at the first step, and then make each jump back and forth across 0 by that much at
   * every step, whatever the data: refused before training, naming L1 as the cause. (From all-zero weights
   * there is nothing to push: sign(0) = 0.)
   */
  static void l1(Model net, Sgd sgd, int n) {
    if (sgd.lambda1 == 0 || !stepsScaleWithEta(sgd)) {
      return;
    }
    double largest = 0;
    for (int l = 1; l <= net.layers(); l++) {
      largest = Math.max(largest, net.weights[l].normmax());
    }
    double push = sgd.eta * sgd.lambda1 / n;
    double kept = (1 - sgd.eta * sgd.lambda / n) * largest;
    if (largest > 0 && push >= kept) {
      double most = kept * n / sgd.eta;
      throw new IllegalArgumentException(String.format(Locale.ROOT, "fit: eta·lambda1/n = %s · %s / %d = %s is "
          + "at least the largest weight (|w| = %s%s), so the L1 step eta·(lambda1/n)·sign(w) would push every "
          + "weight across 0 at the first step and then make it jump back and forth across 0 at every step. "
          + "lambda1 is scaled by the training-set size n: use lambda1 well below %s (e.g. lambda1 = %s), or a "
          + "smaller eta.", Trainer.trim(sgd.eta), Trainer.trim(sgd.lambda1), n, Trainer.trim(push),
          Trainer.trim(largest), sgd.lambda == 0 ? "" : ", after L2's decay " + Trainer.trim(kept),
          Trainer.trim(most), Trainer.trim(most / 1000)));
    }
  }

  /** Plain SGD and momentum move a weight by eta times its gradient; RMSProp and Adam rescale each step. */
  private static boolean stepsScaleWithEta(Sgd sgd) {
    Optimizer.Kind kind = sgd.optimizer.kind();
    return kind == Optimizer.Kind.SGD || kind == Optimizer.Kind.MOMENTUM;
  }

  /**
   * A warning (or null) when the inputs lie far outside [0, 1], e.g. raw 0..255 pixels, which saturate sigmoid
   * neurons: training then runs without an error and lands near chance.
   */
  static String inputRange(Dataset data, String which) {
    double[] x = data.images().data;
    int at = -1;
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) > FAR_OUTSIDE && (at < 0 || Math.abs(x[i]) > Math.abs(x[at]))) {
        at = i;
      }
    }
    if (at < 0) {
      return null;
    }
    int rows = data.inputs();
    return "Warning: the " + which + " " + data.name() + " has inputs far outside [0, 1] (up to " + x[at]
        + ", example " + at / rows + ", input " + at % rows + "): sigmoid neurons saturate and learn little. "
        + "If these are raw pixels 0..255, scale them first: new Dataset(images.div(255), labels, classes, "
        + "name). (The nn.data.Mnist datasets are already scaled.)";
  }

  /**
   * A warning (or null) when eta is so far above the usual values that the first steps throw sigmoid neurons
   * into saturation: training then reports chance accuracy without any NaN to stop it (eta = 1E+300).
   */
  static String hugeEta(Model net, Sgd sgd) {
    double usual = usualEta(net, sgd);
    if (sgd.eta <= 1000 * usual) {
      return null;
    }
    return "Warning: eta = " + Trainer.trim(sgd.eta) + " is far above the usual values (about " + Trainer.trim(usual)
        + " for this network): the first steps throw the weights so far that the neurons saturate and stop "
        + "learning, often without any NaN to stop training. Try eta = " + Trainer.trim(usual) + ".";
  }

  /**
   * Training needs, besides the network: the step's transposed copy of the weights, the last good epoch's
   * weights (to undo a diverged or interrupted epoch), the mini-batch buffers, and for float32 a float copy of
   * the training set. If that much heap is not free, say so now rather than with an OutOfMemoryError.
   */
  static void memory(Model net, Sgd sgd, Dataset train) {
    long weights = 0;
    long params = 0;
    long neurons = 0;
    for (int l = 1; l <= net.layers(); l++) {
      weights += (long) net.sizes[l] * net.sizes[l - 1];
      params += (long) net.sizes[l] * net.sizes[l - 1] + net.sizes[l];
      neurons += net.sizes[l];
    }
    int element = sgd.float32 ? Float.BYTES : Double.BYTES;
    int m = (int) Math.min(Math.min(sgd.batchSize, train.size()), FastSgd.CHUNK);
    long needed = Double.BYTES * params // the last good epoch
        + element * weights // the step's transposed weights
        + (sgd.patience > 0 ? Double.BYTES * params : 0) // Sgd.earlyStop: the best epoch's weights
        + (sgd.shift > 0 ? (long) Double.BYTES * train.images().length : 0) // Sgd.shift: the shifted copy
        + 2L * element * m * (3 * neurons + net.sizes[0]) // two sets of batch buffers
        + (sgd.batchSize > FastSgd.CHUNK ? element * params : 0) // gradient sums of a chunked batch
        + (sgd.optimizer.kind() != Optimizer.Kind.SGD || sgd.lambda1 > 0 ? element * params : 0) // (or unfused)
        + (long) UpdateRule.buffers(sgd.optimizer) * element * params // the optimiser's state
        + (sgd.float32 ? (long) Float.BYTES * train.images().length : 0);
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (needed > free) {
      System.gc(); // what is not free may be garbage of earlier cells: count only what is really in use
      free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
    if (needed > free) {
      long mb = 1 << 20;
      throw new IllegalArgumentException(String.format(Locale.ROOT, "fit: training the network %s (%,d weights "
          + "and biases) needs about %,d MB more memory (a copy of the weights for the fast steps, one of the "
          + "last good epoch's, and the mini-batch buffers), but only %,d MB of the Java heap (%,d MB) is free. "
          + "Use smaller layers, or give Java more heap (java -Xmx%dg ...; for the notebooks, set "
          + "JJAVA_JVM_OPTS=-Xmx%dg before starting JupyterLab).", Arrays.toString(net.sizes), params,
          needed / mb + 1, free / mb, rt.maxMemory() / mb, gigabytes(rt.maxMemory() + needed - free),
          gigabytes(rt.maxMemory() + needed - free)));
    }
  }

  /**
   * The learning rate a diverged run should try: a tenth of eta, or, when that is still far above the usual
   * values, the usual value for this kind of network (a tenth of 1E+200 would diverge just the same).
   */
  static double suggestedEta(Model net, Sgd sgd) {
    double usual = usualEta(net, sgd);
    return sgd.eta / 10 > usual ? usual : sgd.eta / 10;
  }

  /** As {@link #usualEta(Model)}, but 0.001 for the optimisers that scale each step themselves (RMSProp, Adam). */
  static double usualEta(Model net, Sgd sgd) {
    Optimizer.Kind kind = sgd.optimizer.kind();
    return kind == Optimizer.Kind.ADAM || kind == Optimizer.Kind.RMSPROP ? 0.001 : usualEta(net);
  }

  /**
   * The learning rate the lessons use for this kind of network: ReLU or identity (unbounded) 0.1; tanh 0.1 with
   * cross-entropy, else 0.5 (its slope is up to 4x σ's); sigmoid with cross-entropy 0.5, else 3.
   */
  static double usualEta(Model net) {
    Activation f = net.hidden();
    boolean crossEntropy = net.cost() == Cost.CROSS_ENTROPY;
    if (f == Activation.RELU || f == Activation.IDENTITY) {
      return 0.1;
    }
    if (f == Activation.TANH) {
      return crossEntropy ? 0.1 : 0.5;
    }
    return crossEntropy ? 0.5 : 3.0;
  }

  /** Whole gigabytes for -Xmx, with a quarter to spare (the heap is never all usable for large arrays). */
  private static long gigabytes(long bytes) {
    return Math.max(1, (bytes + bytes / 4 + (1L << 30) - 1) >> 30);
  }
}
