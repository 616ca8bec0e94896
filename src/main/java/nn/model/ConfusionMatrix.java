package nn.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Which classes a network confuses: {@code counts()[t][p]} is how many examples of true class {@code t} it
 * predicted as {@code p}. The diagonal holds the correct answers.
 */
public final class ConfusionMatrix {
  /** One off-diagonal cell: {@code count} examples of {@code trueLabel} predicted as {@code predicted}. */
  public record Confusion(int trueLabel, int predicted, int count) {
    @Override
    public String toString() {
      return trueLabel + " taken for " + predicted + ": " + count;
    }
  }

  private final int[][] counts;

  /** Counts pairs of {@code labels[i]} and {@code predicted[i]}, both in {@code 0..classes-1}. */
  public ConfusionMatrix(int[] labels, int[] predicted, int classes) {
    if (labels == null || predicted == null || classes < 1) {
      throw new IllegalArgumentException("ConfusionMatrix needs labels, predictions and at least 1 class; got "
          + (labels == null ? "no labels" : predicted == null ? "no predictions" : classes + " classes") + ".");
    }
    if (labels.length != predicted.length) {
      throw new IllegalArgumentException("ConfusionMatrix needs one prediction per label: got " + labels.length
          + " labels and " + predicted.length + " predictions.");
    }
    counts = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("ConfusionMatrix: example " + i + " has label " + labels[i]
            + " and prediction " + predicted[i] + ", but both must be in 0.." + (classes - 1) + " for "
            + classes + " classes.");
      }
      counts[labels[i]][predicted[i]]++;
    }
  }

  /** {@code classes x classes} counts, {@code [true][predicted]} (a copy). */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Number of classes. */
  public int classes() {
    return counts.length;
  }

  /** Examples on the diagonal (predicted correctly). */
  public int correct() {
    int c = 0;
    for (int i = 0; i < counts.length; i++) {
      c += counts[i][i];
    }
    return c;
  }

  /** All examples counted. */
  public int total() {
    int t = 0;
    for (int[] row : counts) {
      for (int v : row) {
        t += v;
      }
    }
    return t;
  }

  /** The {@code k} largest off-diagonal cells, largest first (ties by true label, then predicted). */
  public List<Confusion> mostConfused(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("mostConfused(k) needs k >= 0 (how many cells to list), got " + k + ".");
    }
    List<Confusion> all = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        if (t != p && counts[t][p] > 0) {
          all.add(new Confusion(t, p, counts[t][p]));
        }
      }
    }
    all.sort(Comparator.comparingInt(Confusion::count).reversed()
        .thenComparingInt(Confusion::trueLabel).thenComparingInt(Confusion::predicted));
    return all.subList(0, Math.min(k, all.size()));
  }

  /** A Tablesaw table: column {@code true} then one column per predicted class {@code 0..classes-1}. */
  public Table toTable() {
    Table table = Table.create("confusion matrix (rows: true label, columns: predicted)");
    StringColumn label = StringColumn.create("true");
    for (int t = 0; t < counts.length; t++) {
      label.append(Integer.toString(t));
    }
    table.addColumns(label);
    for (int p = 0; p < counts.length; p++) {
      IntColumn column = IntColumn.create(Integer.toString(p));
      for (int t = 0; t < counts.length; t++) {
        column.append(counts[t][p]);
      }
      table.addColumns(column);
    }
    return table;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("true\\pred");
    for (int p = 0; p < counts.length; p++) {
      s.append(String.format("%6d", p));
    }
    for (int t = 0; t < counts.length; t++) {
      s.append(String.format("%n%9d", t));
      for (int p = 0; p < counts.length; p++) {
        s.append(String.format("%6d", counts[t][p]));
      }
    }
    return s.toString();
  }
}
