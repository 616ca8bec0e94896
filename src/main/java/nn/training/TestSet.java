package nn.training;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nn.data.Dataset;
import nn.model.Ensemble;
import nn.model.Evaluation;
import nn.model.Model;

/**
 * The test set, measured once: every choice is made on the validation set, and the final choice alone is
 * measured on the test set, so that its accuracy is an honest estimate for digits nobody chose by.
 *
 * <p>{@link #measureOnce} remembers, for as long as the JVM (the notebook's kernel) runs, which networks each
 * test set was measured for. Measuring the <em>same</em> networks again (the same weights: re-running the
 * cell, or all cells, with the same seeds) gives the same figure and tells nothing new, so it is allowed.
 * Measuring <em>other</em> networks on a test set that was already measured is refused: comparing two test
 * figures and keeping the better would make the test set a second validation set. A kernel restart forgets
 * everything: this guards against accidents, not against intent.
 */
public final class TestSet {
  /** The first measurement of one test set. */
  public record Measurement(String setup, long fingerprint, Evaluation evaluation) {}

  private static final Map<String, Measurement> MEASURED = new ConcurrentHashMap<>();

  private TestSet() {}

  /** {@link #measureOnce(String, Ensemble, Dataset)} for one network. */
  public static Evaluation measureOnce(String setup, Model net, Dataset test) {
    if (net == null) {
      throw new IllegalArgumentException("measureOnce(\"" + setup + "\", ..) needs the trained network you chose "
          + "on the validation set, got null.");
    }
    return measureOnce(setup, Ensemble.of(net), test);
  }

  /**
   * The accuracy of {@code choice} on {@code test}, the first time this test set is measured in this session,
   * or again for the same weights; refused (an {@link IllegalStateException} that names the first
   * measurement) for other networks.
   */
  public static synchronized Evaluation measureOnce(String setup, Ensemble choice, Dataset test) {
    if (choice == null || test == null) {
      throw new IllegalArgumentException("measureOnce needs the chosen networks and the test set, e.g. "
          + "TestSet.measureOnce(best.setup(), best.choice(), data.test()); got " + (choice == null
          ? "no networks" : "no test set") + " (null).");
    }
    String key = key(test);
    long fingerprint = choice.fingerprint();
    Measurement first = MEASURED.get(key);
    if (first != null) {
      if (first.fingerprint() == fingerprint) {
        return first.evaluation();
      }
      throw new IllegalStateException("Not measured: the test set " + test.name() + " was already measured once "
          + "in this session, for \"" + first.setup() + "\" (" + first.evaluation() + "). Measuring \"" + setup
          + "\" on it as well would make it a second validation set: whichever of the two you then kept, its "
          + "test figure would no longer be an honest estimate. Compare set-ups on the validation set (the "
          + "results table) and report the first test figure. To start a new study on purpose, restart the "
          + "kernel and run the notebook from the top, and report only the new figure.");
    }
    Evaluation e = choice.evaluate(test);
    MEASURED.put(key, new Measurement(setup, fingerprint, e));
    return e;
  }

  /** The first measurement of {@code test} in this session, or null if it has not been measured. */
  public static Measurement measured(Dataset test) {
    return test == null ? null : MEASURED.get(key(test));
  }

  /** Forgets every measurement (the module's tests start from a clean session). */
  static void forgetAll() {
    MEASURED.clear();
  }

  /** The same images and labels give the same key, whichever copy of the data holds them. */
  private static String key(Dataset test) {
    return test.name() + "|" + test.size() + "|" + Arrays.hashCode(test.labels()) + "|"
        + Arrays.hashCode(test.images().data);
  }
}
