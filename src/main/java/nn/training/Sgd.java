package nn.training;

/**
 * The hyperparameters of mini-batch stochastic gradient descent, set in a chain:
 * {@code new Sgd().epochs(30).batchSize(10).eta(3.0)}.
 *
 * <p>Every epoch shuffles the training set (seeded, so runs repeat bit for bit), cuts it into mini-batches of
 * {@code batchSize} examples and, for each, moves every weight and bias against the gradient:
 * {@code w ← (1 - eta·lambda/n) w - eta ∇_w C}, {@code b ← b - eta ∇_b C}, where {@code C} is the batch's mean
 * cost and {@code n} the training-set size. {@code batchSize(1)} is one example at a time;
 * {@code batchSize(Sgd.FULL_BATCH)} (or any size at least n) is full-batch gradient descent.
 */
public final class Sgd {
  /** A batch size meaning "the whole training set": full-batch gradient descent. */
  public static final int FULL_BATCH = Integer.MAX_VALUE;

  int epochs = 30;
  int batchSize = 10;
  double eta = 3.0;
  double lambda = 0.0;
  long seed = 42;
  boolean monitorTraining = true;
  boolean verbose = true;
  boolean float32 = false;
  boolean shuffle = true;
  EpochListener listener;
  // Issue 15 (optimisers, schedule, L1): set by optimizer(..), schedule(..), l1(..) below.
  Optimizer optimizer = Optimizer.sgd();
  Schedule schedule = Schedule.constant();
  double lambda1 = 0.0;

  /** How many passes over the training set (at least 1). Default 30. */
  public Sgd epochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs + ".");
    }
    this.epochs = epochs;
    return this;
  }

  /** Examples per mini-batch: 1 up to n (larger means full batch). Default 10. */
  public Sgd batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1 (1 = one example at a time; "
          + "Sgd.FULL_BATCH = the whole training set), got " + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /** The learning rate eta, a positive finite number. Default 3.0. */
  public Sgd eta(double eta) {
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("eta (the learning rate) must be a positive finite number, got " + eta
          + ". Typical values: 3.0 for sigmoid + quadratic cost, 0.1 to 0.5 for softmax + cross-entropy.");
    }
    this.eta = eta;
    return this;
  }

  /** L2 regularisation strength lambda, 0 (the default, none) or positive. */
  public Sgd lambda(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda (L2 weight decay) must be 0 or a positive finite number, got "
          + lambda + ". Try 0 (no regularisation) or 1.0.");
    }
    this.lambda = lambda;
    return this;
  }

  /** Seed of the per-epoch shuffles. Default 42. */
  public Sgd seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Whether to shuffle the training set before every epoch (default true). {@code shuffle(false)} takes the
   * examples in their stored order every epoch, so every epoch sees the same mini-batches: what some tutorials
   * do (lesson 06 runs one of them as written). It only makes sense for data stored in a mixed order, as
   * every {@code nn.data.Mnist} set is.
   */
  public Sgd shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /**
   * Whether to measure cost and accuracy on the whole training set after each epoch (default true). Turning it
   * off saves a forward pass over the training set per epoch.
   */
  public Sgd monitorTraining(boolean monitorTraining) {
    this.monitorTraining = monitorTraining;
    return this;
  }

  /** Whether to print one line per epoch, e.g. {@code Epoch 3: validation 921 / 1000 (92.1%)  35 ms}. Default true. */
  public Sgd verbose(boolean verbose) {
    this.verbose = verbose;
    return this;
  }

  /**
   * Whether to train in float32 instead of float64 (default false). 1.0-1.7x faster at mini-batches
   * and about 2x in full-batch descent (bench/README.md); the network keeps
   * float64 weights between epochs, and accuracy is the same within the noise of SGD. Leave it off when you
   * compare against a hand-written loop digit by digit, as lesson 05 does.
   */
  public Sgd float32(boolean float32) {
    this.float32 = float32;
    return this;
  }

  /**
   * Called after every epoch with the history so far (for example a live plot). It may change the data or the
   * weights; if it throws, or leaves them unusable (a NaN, a wrong shape, a label out of range), training stops
   * with that epoch's weights and {@code History.message()} says why.
   */
  public Sgd onEpoch(EpochListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * The update rule (default {@code Optimizer.sgd()}): {@code Optimizer.momentum(0.9)}, {@code rmsprop(0.9)},
   * {@code adam()}. Its state (velocities, moments) starts at zero at every {@code fit}. Adam takes a much
   * smaller eta than SGD: 0.001 is usual.
   */
  public Sgd optimizer(Optimizer optimizer) {
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer must not be null: pass Optimizer.sgd() (the default), "
          + "Optimizer.momentum(0.9), Optimizer.rmsprop(0.9) or Optimizer.adam().");
    }
    this.optimizer = optimizer;
    return this;
  }

  /**
   * L1 regularisation strength lambda1, 0 (the default, none) or positive: the cost gains
   * {@code (lambda1/n) Σ|w|} over the weights (not the biases), and each step
   * {@code w ← w − eta·(lambda1/n)·sign(w) − eta·∇w} (with L2's decay too when lambda is set). L1 drives
   * unhelpful weights to zero, where L2 only shrinks them.
   */
  public Sgd l1(double lambda1) {
    if (!(lambda1 >= 0) || Double.isInfinite(lambda1)) {
      throw new IllegalArgumentException("lambda1 (L1 regularisation) must be 0 or a positive finite number, got "
          + lambda1 + ". Try 0 (none) or 1.0.");
    }
    this.lambda1 = lambda1;
    return this;
  }

  /**
   * How the learning rate changes from epoch to epoch (default {@code Schedule.constant()}): epoch {@code e}
   * trains at {@code schedule.eta(eta, e)}, e.g. {@code Schedule.step(10, 0.5)} halves it every 10 epochs.
   */
  public Sgd schedule(Schedule schedule) {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must not be null: pass Schedule.constant() (the default), "
          + "Schedule.step(10, 0.5) or Schedule.exponential(0.95).");
    }
    this.schedule = schedule;
    return this;
  }

  // The values set above, read back (by Trainer, the command line and the lessons).
  public Optimizer optimizer() { return optimizer; }
  public Schedule schedule() { return schedule; }
  public double l1() { return lambda1; }
  public int epochs() { return epochs; }
  public int batchSize() { return batchSize; }
  public double eta() { return eta; }
  public double lambda() { return lambda; }
  public long seed() { return seed; }
  public boolean float32() { return float32; }
  public boolean shuffle() { return shuffle; }

  // Regularisation and measurement: dropout, early stopping, shifts, layer records.
  double dropout = 0.0;
  int patience = 0;
  int shift = 0;
  boolean recordLayers = false;

  /**
   * Inverted dropout of the hidden neurons in training: each one, in each example of each mini-batch, is dropped
   * (set to 0) with probability p, the kept ones scaled by 1/(1-p); predict and evaluate use every neuron,
   * unscaled. Masks seeded by {@link #seed}. {@code 0 <= p < 1}; 0 (the default) is off. Typical: 0.2 to 0.5.
   */
  public Sgd dropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout p (the probability of dropping each hidden neuron) must be "
          + "at least 0 and below 1, got " + p + ". Try 0.2 or 0.5; 0 turns dropout off.");
    }
    this.dropout = p;
    return this;
  }

  /**
   * Early stopping: stops after {@code patience} epochs without a better validation accuracy and puts back the
   * best epoch's weights and biases ({@code History.bestEpoch()}). Needs validation data; 0 (the default) is off.
   */
  public Sgd earlyStop(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("earlyStop(patience) needs the number of epochs to wait for a better "
          + "validation accuracy, at least 1 (0 turns early stopping off), got " + patience + ". Try 5.");
    }
    this.patience = patience;
    return this;
  }

  /**
   * Augmentation: every epoch each (square) training image moves by a random (dx, dy), each in
   * {@code -pixels..pixels}, seeded by {@link #seed}, zeros filling; validation and test never move. 0 is off.
   */
  public Sgd shift(int pixels) {
    if (pixels < 0) {
      throw new IllegalArgumentException("shift(pixels) needs how far an image may move, 0 or more pixels "
          + "(0 = no shift), got " + pixels + ". Try 1 or 2.");
    }
    this.shift = pixels;
    return this;
  }

  /**
   * Records, before training and after every epoch, each layer's gradient norm and share of saturated or dead
   * hidden neurons on the first 1,000 training examples ({@code History.gradientNorms}, {@code saturation}).
   */
  public Sgd recordLayers(boolean record) {
    this.recordLayers = record;
    return this;
  }

  public double dropout() { return dropout; }
  public int earlyStop() { return patience; }
  public int shift() { return shift; }
  public boolean recordLayers() { return recordLayers; }

  /** toString's part: ", dropout=0.2, earlyStop=5, shift=1, recordLayers" (the ones that are on). */
  private String regul() {
    return (dropout > 0 ? ", dropout=" + dropout : "") + (patience > 0 ? ", earlyStop=" + patience : "")
        + (shift > 0 ? ", shift=" + shift : "") + (recordLayers ? ", recordLayers" : "");
  }

  @Override
  public String toString() {
    return "Sgd(epochs=" + epochs + ", batchSize=" + (batchSize == FULL_BATCH ? "full" : batchSize) + ", eta="
        + eta + ", lambda=" + lambda + ", seed=" + seed + (shuffle ? "" : ", no shuffle") + (float32 ? ", float32" : "")
        + (optimizer.kind() == Optimizer.Kind.SGD ? "" : ", optimizer=" + optimizer)
        + (schedule.isConstant() ? "" : ", schedule=" + schedule) + (lambda1 == 0 ? "" : ", l1=" + lambda1)
        + regul() + ")";
  }
}
