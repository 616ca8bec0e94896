package nn.data;

import org.jblas.DoubleMatrix;

/**
 * Walks a dataset in column chunks of at most {@link #SIZE} examples, each copied into its own small matrix.
 *
 * <p>Why: jblas copies every Java array it hands to native code on every call, so a product that reads a
 * view of the whole 60,000-column training set copies all of it; and a forward pass over 60,000 columns at
 * once would need hundreds of megabytes for its intermediate values.
 */
public final class Chunks {
  /** Examples per chunk. */
  public static final int SIZE = 1000;

  /** What to do with one chunk: {@code x} is {@code inputs x count}, its labels, and where it starts. */
  @FunctionalInterface
  public interface Body {
    void accept(int from, DoubleMatrix x, int[] labels);
  }

  private Chunks() {}

  /** Calls {@code body} on consecutive chunks covering the whole dataset, in order. */
  public static void forEach(Dataset data, Body body) {
    int n = data.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    forEach(data, all, 0, n, body);
  }

  /** Calls {@code body} on chunks of the examples {@code order[from .. from+count)}. */
  public static void forEach(Dataset data, int[] order, int from, int count, Body body) {
    DoubleMatrix buffer = null;
    for (int start = 0; start < count; start += SIZE) {
      int size = Math.min(SIZE, count - start);
      if (buffer == null || buffer.columns != size) {
        buffer = new DoubleMatrix(data.inputs(), size);
      }
      data.copyColumns(order, from + start, size, buffer);
      int[] labels = new int[size];
      for (int c = 0; c < size; c++) {
        labels[c] = data.labels()[order[from + start + c]];
      }
      body.accept(start, buffer, labels);
    }
  }
}
