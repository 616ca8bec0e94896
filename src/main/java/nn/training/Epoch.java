package nn.training;

/**
 * What one epoch of training measured. Accuracies are fractions in [0, 1]; a value that was not measured
 * (no validation set, or training-set monitoring turned off) is {@code NaN}.
 *
 * @param epoch 1 for the first epoch
 * @param trainCost mean cost on the training set after the epoch, including the L2 term if any (so with
 *     {@code lambda > 0} it is not comparable with {@code validationCost})
 * @param trainAccuracy fraction of the training set classified correctly after the epoch
 * @param validationCost mean cost on the validation set after the epoch (no L2 term)
 * @param validationAccuracy fraction of the validation set classified correctly after the epoch
 * @param seconds time spent training in this epoch, not counting the evaluation
 */
public record Epoch(int epoch, double trainCost, double trainAccuracy, double validationCost,
    double validationAccuracy, double seconds) {

  /** The epoch's time as the epoch lines print it: {@code 35 ms} below a second, {@code 1.2 s} above. */
  public String time() {
    long ms = Math.round(seconds * 1000);
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", seconds);
  }
}
