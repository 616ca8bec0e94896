package nn.data;

import java.util.Arrays;
import org.jblas.DoubleMatrix;

/**
 * A labelled set of examples, stored the way the network reads them: one example per column.
 *
 * <ul>
 *   <li>{@code images}: {@code inputs x n}, e.g. {@code 784 x n} for MNIST, pixels scaled to [0, 1];
 *       column {@code i} is example {@code i}.
 *   <li>{@code labels}: {@code n} class indices in {@code 0 .. classes-1}.
 * </ul>
 *
 * <p>Column-major storage makes one example a contiguous run of doubles, so copying a mini-batch is a
 * handful of {@code System.arraycopy} calls.
 */
public final class Dataset {
  /** The most classes a dataset may have: a network needs an output neuron per class. */
  public static final int MAX_CLASSES = 1_000_000;

  private final DoubleMatrix images;
  private final int[] labels;
  private final int classes;
  private final String name;

  /** Wraps {@code images} ({@code inputs x n}) and {@code labels} ({@code n}) for 10 classes. */
  public Dataset(DoubleMatrix images, int[] labels) {
    this(images, labels, 10, "dataset");
  }

  /** Wraps {@code images} ({@code inputs x n}) and {@code labels} ({@code n}) in {@code 0..classes-1}. */
  public Dataset(DoubleMatrix images, int[] labels, int classes, String name) {
    if (images == null || labels == null) {
      throw new IllegalArgumentException("Dataset needs images and labels; got "
          + (images == null ? "no images" : "no labels") + ".");
    }
    if (images.columns != labels.length) {
      throw new IllegalArgumentException("Dataset has " + images.columns + " images (columns) but "
          + labels.length + " labels: every column of images needs exactly one label. "
          + "Check that the image and label files belong together.");
    }
    if (classes < 1) {
      throw new IllegalArgumentException("Dataset classes must be at least 1, got " + classes + ".");
    }
    if (classes > MAX_CLASSES) {
      // Every class needs an output neuron and a row of each one-hot matrix: 2,000,000,000 classes ended in a
      // NegativeArraySizeException (classCounts, oneHot) long after the Dataset was made.
      throw new IllegalArgumentException("Dataset classes is " + classes + ", more than the " + MAX_CLASSES
          + " this workbook supports (each class needs an output neuron). Did you pass the number of examples "
          + "instead of the number of classes? MNIST has 10.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("Label " + i + " is " + labels[i] + " but labels must be in 0.."
            + (classes - 1) + ". Check the label file, or pass the right number of classes.");
      }
    }
    this.images = images;
    this.labels = labels;
    this.classes = classes;
    this.name = name == null || name.isBlank() ? "dataset" : name;
  }

  /** The images, {@code inputs x n}, one example per column. Shared, not copied: do not modify. */
  public DoubleMatrix images() {
    return images;
  }

  /** The labels, {@code n} ints. Shared, not copied: do not modify. */
  public int[] labels() {
    return labels;
  }

  /** Number of examples {@code n}. */
  public int size() {
    return labels.length;
  }

  /** Number of input rows, e.g. 784. */
  public int inputs() {
    return images.rows;
  }

  /** Number of classes, e.g. 10. */
  public int classes() {
    return classes;
  }

  /** A short human-readable name, e.g. "MNIST sample (train)". */
  public String name() {
    return name;
  }

  /** Example {@code i} as a column vector, {@code inputs x 1} (a copy). */
  public DoubleMatrix image(int i) {
    checkIndex(i);
    return images.getColumn(i);
  }

  /** Label of example {@code i}. */
  public int label(int i) {
    checkIndex(i);
    return labels[i];
  }

  /** Labels as one-hot columns, {@code classes x n}: column {@code i} has a 1 in row {@code labels[i]}. */
  public DoubleMatrix oneHot() {
    return oneHot(labels, classes);
  }

  /** One-hot columns for {@code labels}, {@code classes x labels.length}. */
  public static DoubleMatrix oneHot(int[] labels, int classes) {
    if (labels == null || classes < 1) {
      throw new IllegalArgumentException("oneHot needs labels and at least 1 class, got "
          + (labels == null ? "no labels" : classes + " classes") + ".");
    }
    long numbers = (long) classes * labels.length;
    if (numbers > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("oneHot: " + classes + " classes x " + labels.length + " labels = "
          + numbers + " numbers, more than one matrix holds (" + (Integer.MAX_VALUE - 8) + "). Did you pass the "
          + "number of labels instead of the number of classes (MNIST has 10)? For many labels, make the one-hot "
          + "columns a chunk at a time.");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (numbers * Double.BYTES > free) {
      throw new IllegalArgumentException("oneHot: " + classes + " classes x " + labels.length + " labels = "
          + numbers + " numbers (" + numbers * Double.BYTES / (1 << 20) + " MB), more than the "
          + free / (1 << 20) + " MB of Java heap that is free. Did you pass the number of labels instead of the "
          + "number of classes (MNIST has 10)? Otherwise make the one-hot columns a chunk at a time.");
    }
    DoubleMatrix y = new DoubleMatrix(classes, labels.length);
    for (int i = 0; i < labels.length; i++) {
      // Out of range, put(row, col) would land in the next column (or past the end): refuse instead.
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("oneHot: label " + i + " is " + labels[i] + " but labels must be in "
            + "0.." + (classes - 1) + " for " + classes + " classes. Check the labels (were they changed?) or "
            + "the number of classes.");
      }
      y.put(labels[i], i, 1.0);
    }
    return y;
  }

  /** The first {@code n} examples (copied), or all of them if there are fewer. */
  public Dataset head(int n) {
    return slice(0, Math.min(n, size()));
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied into a new dataset. */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IllegalArgumentException("slice(" + from + ", " + to + ") is outside 0.." + size()
          + ": use 0 <= from <= to <= size().");
    }
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return select(idx);
  }

  /** The examples at {@code indices}, in that order, copied into a new dataset. */
  public Dataset select(int[] indices) {
    if (indices == null) {
      throw new IllegalArgumentException("select needs an array of example numbers, got null.");
    }
    DoubleMatrix x = new DoubleMatrix(inputs(), indices.length);
    int[] y = new int[indices.length];
    copyColumns(indices, 0, indices.length, x);
    for (int i = 0; i < indices.length; i++) {
      y[i] = labels[indices[i]];
    }
    return new Dataset(x, y, classes, name);
  }

  /**
   * Copies the columns {@code indices[from .. from+count)} into the first {@code count} columns of
   * {@code into} ({@code inputs x >=count}). This is how a mini-batch becomes its own small matrix: jblas
   * copies every array it hands to native code, so it must never see the whole training set.
   */
  public void copyColumns(int[] indices, int from, int count, DoubleMatrix into) {
    if (indices == null || into == null) {
      throw new IllegalArgumentException("copyColumns needs indices and a matrix to copy into, got "
          + (indices == null ? "no indices" : "no matrix") + ".");
    }
    if (from < 0 || count < 0 || (long) from + count > indices.length) {
      throw new IllegalArgumentException("copyColumns(indices, " + from + ", " + count + ", into) reads "
          + "indices[" + from + " .. " + ((long) from + count) + ") but indices has " + indices.length
          + " entries: use 0 <= from, 0 <= count, from + count <= indices.length.");
    }
    if (into.rows != inputs() || into.columns < count) {
      throw new IllegalArgumentException("copyColumns needs a " + inputs() + " x " + count
          + " (or wider) matrix, got " + into.rows + " x " + into.columns + ".");
    }
    int rows = inputs();
    for (int c = 0; c < count; c++) {
      int i = indices[from + c];
      checkIndex(i);
      System.arraycopy(images.data, i * rows, into.data, c * rows, rows);
    }
  }

  /** How many examples of each class, {@code classes} counts. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("Example " + i + " does not exist: " + name + " has " + size()
          + " examples, numbered 0.." + (size() - 1) + ".");
    }
  }

  @Override
  public String toString() {
    return name + ": " + size() + " examples, " + inputs() + " inputs, " + classes + " classes "
        + Arrays.toString(classCounts());
  }
}
