package nn.data;

/** Which examples of a training file become the validation set: the two rules {@link Split} offers. */
final class Holdout {
  private Holdout() {}

  /** Per class, quotas by largest remainder; each class gives its last examples in file order. */
  static boolean[] stratified(Dataset data, int size) {
    check(data, size);
    int n = data.size();
    int[] counts = data.classCounts();
    int[] quota = new int[counts.length];
    long[] remainder = new long[counts.length];
    int given = 0;
    for (int c = 0; c < counts.length; c++) {
      long exact = (long) counts[c] * size;
      quota[c] = (int) (exact / n);
      remainder[c] = exact % n;
      given += quota[c];
    }
    for (; given < size; given++) {
      int best = -1;
      for (int c = 0; c < counts.length; c++) {
        if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1;
    }
    boolean[] held = new boolean[n];
    int[] labels = data.labels();
    for (int i = n - 1; i >= 0; i--) {
      if (quota[labels[i]] > 0) {
        quota[labels[i]]--;
        held[i] = true;
      }
    }
    return held;
  }

  /** The last {@code size} examples. */
  static boolean[] last(Dataset data, int size) {
    check(data, size);
    boolean[] held = new boolean[data.size()];
    for (int i = data.size() - size; i < data.size(); i++) {
      held[i] = true;
    }
    return held;
  }

  /** The examples whose {@code held} flag equals {@code validation}, in file order, named {@code name}. */
  static Dataset part(Dataset data, boolean[] held, boolean validation, String name) {
    int count = 0;
    for (boolean h : held) {
      count += h == validation ? 1 : 0;
    }
    int[] indices = new int[count];
    for (int i = 0, k = 0; i < held.length; i++) {
      if (held[i] == validation) {
        indices[k++] = i;
      }
    }
    Dataset picked = data.select(indices);
    return new Dataset(picked.images(), picked.labels(), picked.classes(), name);
  }

  private static void check(Dataset data, int size) {
    if (data == null) {
      throw new IllegalArgumentException("A validation set is held out of a training set, got none (null).");
    }
    if (size < 1 || size >= data.size()) {
      throw new IllegalArgumentException("Cannot hold out " + size + " validation examples of " + data.name()
          + ", which has " + data.size() + ": use 1 .. " + (data.size() - 1) + " (a sixth is usual).");
    }
  }
}
