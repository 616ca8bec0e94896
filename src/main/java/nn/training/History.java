package nn.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The per-epoch record of one call to {@code fit}: what a learning curve is drawn from.
 *
 * <p>If training stopped early, the epochs before it are kept, {@link #stopped()} is true and
 * {@link #message()} says why, whose weights the network holds, and what to try. The reasons:
 * {@link #diverged()} (a cost or weight became NaN or infinite), {@link #stuck()} (accuracy stayed at chance
 * level with saturated sigmoids or dead ReLUs, so more epochs would not help), {@link #interrupted()} (the thread was
 * interrupted, e.g. by the kernel's stop button), or the epoch listener threw ({@link #failure()}) or left
 * the network or the data unusable.
 */
public final class History {
  private final List<Epoch> epochs = new ArrayList<>();
  private boolean diverged;
  private boolean stuck;
  private boolean interrupted;
  private boolean stopped;
  private Throwable failure;
  private String message = "";
  private final List<String> warnings = new ArrayList<>();

  /** Every epoch so far, oldest first (read-only). */
  public List<Epoch> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The newest epoch. */
  public Epoch last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("History is empty: no epoch has finished yet." + (stopped ? " (" + message
          + ")" : ""));
    }
    return epochs.get(epochs.size() - 1);
  }

  /** Number of epochs recorded. */
  public int size() {
    return epochs.size();
  }

  /** True if training stopped early because a cost or a weight became NaN or infinite. */
  public boolean diverged() {
    return diverged;
  }

  /**
   * True if training stopped because it stopped learning: the accuracy stayed at chance level for several
   * epochs while the hidden sigmoids were saturated or the hidden ReLUs dead. {@link #message()} names the
   * cause and a fix; the network keeps its last weights (earlier ones were no better).
   */
  public boolean stuck() {
    return stuck;
  }

  /**
   * True if training stopped because its thread was interrupted (the kernel's stop button does that). The
   * thread's interrupt status is left set, as Java expects of code that does not throw InterruptedException.
   */
  public boolean interrupted() {
    return interrupted;
  }

  /** True if training stopped before its last epoch, for any reason; {@link #message()} says which. */
  public boolean stopped() {
    return stopped;
  }

  /** The exception the epoch listener threw, if that is what stopped training; else null. */
  public Throwable failure() {
    return failure;
  }

  /** Why training stopped early, or "" if it did not. */
  public String message() {
    return message;
  }

  /** Warnings fit printed before training (e.g. inputs far outside [0, 1]); empty if none. */
  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  void add(Epoch epoch) {
    epochs.add(epoch);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  void diverge(String why) {
    diverged = true;
    stop(why);
  }

  void getStuck(String why) {
    stuck = true;
    stop(why);
  }

  void interrupt(String why) {
    interrupted = true;
    stop(why);
  }

  void fail(String why, Throwable cause) {
    failure = cause;
    stop(why);
  }

  void stop(String why) {
    stopped = true;
    message = why;
  }

  // Early stopping (Sgd.earlyStop) and layer records (Sgd.recordLayers).
  private int bestEpoch;
  private boolean stoppedEarly;
  private LayerRecords layers;

  /**
   * With {@code Sgd.earlyStop(patience)}: the epoch (1-based) whose weights the network holds, the one with the
   * best validation accuracy (during training: the best so far). 0 when early stopping is off.
   */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** True if early stopping ended training: {@link #message()} names the epoch kept and its accuracy. */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /**
   * With {@code Sgd.recordLayers(true)}: the Frobenius norm of the gradient of {@code weights[l]} ({@code l} in
   * 1..L) over the first 1,000 training examples; index 0 is before training, {@code e} after epoch {@code e}.
   */
  public double[] gradientNorms(int l) {
    return records("gradientNorms").gradientNorms(l);
  }

  /**
   * With {@code Sgd.recordLayers(true)}: the share of saturated neurons of hidden layer {@code l} (sigmoid
   * {@code |z| > 5}, tanh {@code |z| > 2.5}, ReLU: dead on all of the first 1,000 training examples), indexed
   * like {@link #gradientNorms}.
   */
  public double[] saturation(int l) {
    return records("saturation").saturation(l);
  }

  /** The number of layers L with records (weights[1..L]), or 0 if layers were not recorded. */
  public int recordedLayers() {
    return layers == null ? 0 : layers.layers();
  }

  /** With {@code Sgd.recordLayers(true)}: what {@link #saturation} counts, e.g. "sigmoid: |z| > 5". */
  public String saturationRule() {
    return records("saturationRule").saturationRule();
  }

  private LayerRecords records(String what) {
    if (layers == null) {
      throw new IllegalStateException("History." + what + " needs layer records, and this run did not keep "
          + "them: train with new Sgd().recordLayers(true).");
    }
    return layers;
  }

  void best(int epoch) {
    bestEpoch = epoch;
  }

  void stopEarly(String why) {
    stoppedEarly = true;
    stop(why);
  }

  void record(LayerRecords records) {
    layers = records;
  }

  /**
   * The history as a Tablesaw table with columns {@code epoch}, {@code train cost}, {@code train accuracy},
   * {@code validation cost}, {@code validation accuracy}, {@code seconds}: one row per epoch, ready to plot.
   */
  public Table toTable() {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn trainCost = DoubleColumn.create("train cost");
    DoubleColumn trainAccuracy = DoubleColumn.create("train accuracy");
    DoubleColumn validationCost = DoubleColumn.create("validation cost");
    DoubleColumn validationAccuracy = DoubleColumn.create("validation accuracy");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (Epoch e : epochs) {
      epoch.append(e.epoch());
      trainCost.append(e.trainCost());
      trainAccuracy.append(e.trainAccuracy());
      validationCost.append(e.validationCost());
      validationAccuracy.append(e.validationAccuracy());
      seconds.append(e.seconds());
    }
    return Table.create("training history", epoch, trainCost, trainAccuracy, validationCost,
        validationAccuracy, seconds);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Epoch e : epochs) {
      s.append(String.format(Locale.ROOT,
          "Epoch %d: train cost %.4f, train accuracy %.4f, validation cost %.4f, validation accuracy %.4f, "
          + "%s%n", e.epoch(), e.trainCost(), e.trainAccuracy(), e.validationCost(), e.validationAccuracy(),
          e.time()));
    }
    if (stopped) {
      s.append(message).append(System.lineSeparator());
    }
    return s.toString();
  }
}
