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
 * <p>If training diverged, the epochs before it are kept, {@link #diverged()} is true and {@link #message()}
 * says what happened and what to try.
 */
public final class History {
  private final List<Epoch> epochs = new ArrayList<>();
  private boolean diverged;
  private String message = "";

  /** Every epoch so far, oldest first (read-only). */
  public List<Epoch> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The newest epoch. */
  public Epoch last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("History is empty: no epoch has finished yet.");
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

  /** Why training stopped early, or "" if it did not. */
  public String message() {
    return message;
  }

  void add(Epoch epoch) {
    epochs.add(epoch);
  }

  void stop(String why) {
    diverged = true;
    message = why;
  }

  /**
   * The history as a Tablesaw table with columns {@code epoch}, {@code train cost}, {@code train accuracy},
   * {@code test cost}, {@code test accuracy}, {@code seconds}: one row per epoch, ready to plot.
   */
  public Table toTable() {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn trainCost = DoubleColumn.create("train cost");
    DoubleColumn trainAccuracy = DoubleColumn.create("train accuracy");
    DoubleColumn testCost = DoubleColumn.create("test cost");
    DoubleColumn testAccuracy = DoubleColumn.create("test accuracy");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    for (Epoch e : epochs) {
      epoch.append(e.epoch());
      trainCost.append(e.trainCost());
      trainAccuracy.append(e.trainAccuracy());
      testCost.append(e.testCost());
      testAccuracy.append(e.testAccuracy());
      seconds.append(e.seconds());
    }
    return Table.create("training history", epoch, trainCost, trainAccuracy, testCost, testAccuracy, seconds);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Epoch e : epochs) {
      s.append(String.format(Locale.ROOT,
          "Epoch %d: train cost %.4f, train accuracy %.4f, test cost %.4f, test accuracy %.4f, %.2f s%n",
          e.epoch(), e.trainCost(), e.trainAccuracy(), e.testCost(), e.testAccuracy(), e.seconds()));
    }
    if (diverged) {
      s.append(message).append(System.lineSeparator());
    }
    return s.toString();
  }
}
