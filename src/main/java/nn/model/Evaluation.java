package nn.model;

/**
 * How many examples a network classified correctly.
 *
 * @param correct examples whose predicted class equals the label
 * @param total examples evaluated
 */
public record Evaluation(int correct, int total) {
  /**
   * Counts the answers that equal their labels ({@code Model.evaluate}, {@code Ensemble.evaluate}).
   *
   * @param predicted one class per example, from {@code predict(data)}
   * @param labels {@code data.labels()}, as many
   */
  static Evaluation of(int[] predicted, int[] labels) {
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return new Evaluation(correct, predicted.length);
  }

  /** The fraction correct, in [0, 1]. */
  public double accuracy() {
    return total == 0 ? 0.0 : (double) correct / total;
  }

  /** For example {@code 1843 / 2000 (92.2%)}. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d / %d (%.1f%%)", correct, total, 100.0 * accuracy());
  }
}
