package nn.training;

import java.util.Locale;
import nn.data.Dataset;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * Early stopping for {@link Trainer} ({@code Sgd.earlyStop(patience)}): keeps a copy of the weights and biases
 * of the epoch with the best validation accuracy so far, and says when {@code patience} epochs in a row have
 * not beaten it. Only a strictly better accuracy counts as better (a tie keeps the earlier, shorter run).
 */
final class EarlyStopping {
  private final Model net;
  private final int patience;
  private final DoubleMatrix[] weights;
  private final DoubleMatrix[] biases;
  private double best = Double.NEGATIVE_INFINITY;
  private int bestEpoch;
  private int since;

  private EarlyStopping(Model net, int patience) {
    this.net = net;
    this.patience = patience;
    weights = new DoubleMatrix[net.layers() + 1];
    biases = new DoubleMatrix[net.layers() + 1];
  }

  /** Early stopping as {@code sgd} asks, or null when it is off; refuses a run without validation data. */
  static EarlyStopping of(Model net, Sgd sgd, Dataset validation) {
    if (sgd.patience == 0) {
      return null;
    }
    if (validation == null) {
      throw new IllegalArgumentException("Sgd.earlyStop(" + sgd.patience + ") watches the validation accuracy, "
          + "but fit got no validation set. Pass one: net.fit(data.train(), data.validation(), sgd) (or "
          + "net.fit(data, sgd) with a Split such as Mnist.sample()), or drop .earlyStop(..).");
    }
    return new EarlyStopping(net, sgd.patience);
  }

  /**
   * After epoch {@code epoch} with validation accuracy {@code accuracy}: remembers the network if it is the
   * best so far; when the best epoch is {@code patience} epochs back, puts it back into the network and tells
   * {@code history} to stop ({@code stoppedEarly}, the message). Keeps {@code history.bestEpoch()} up to date.
   */
  void after(int epoch, double accuracy, History history) {
    if (accuracy > best) {
      best = accuracy;
      bestEpoch = epoch;
      since = 0;
      for (int l = 1; l <= net.layers(); l++) {
        weights[l] = keep(weights[l], net.weights[l]);
        biases[l] = keep(biases[l], net.biases[l]);
      }
    } else if (++since >= patience) {
      restore();
      history.stopEarly(message(epoch));
    }
    history.best(bestEpoch);
  }

  /**
   * After the last epoch, if early stopping did not end the run and the last epoch was not the best: the best
   * epoch's weights go back too (a run that diverged, was interrupted or stuck keeps what its message says).
   */
  void finish(History history, boolean verbose) {
    if (!history.stopped() && bestEpoch > 0 && bestEpoch != history.size()) {
      restore();
      if (verbose) {
        System.out.println(keptMessage(history.size()));
      }
    }
  }

  private static DoubleMatrix keep(DoubleMatrix into, DoubleMatrix from) {
    if (into == null || into.rows != from.rows || into.columns != from.columns) {
      return from.dup();
    }
    into.copy(from); // copies `from` into `into` (and returns from: not used)
    return into;
  }

  /** Puts the best epoch's weights and biases back into the network (the same matrices, overwritten). */
  void restore() {
    for (int l = 1; l <= net.layers(); l++) {
      net.weights[l] = put(net.weights[l], weights[l]);
      net.biases[l] = put(net.biases[l], biases[l]);
    }
  }

  private static DoubleMatrix put(DoubleMatrix live, DoubleMatrix kept) {
    if (live == null || live.rows != kept.rows || live.columns != kept.columns) {
      return kept.dup();
    }
    live.copy(kept);
    return live;
  }

  /** The epoch whose weights are kept so far (1-based), 0 before the first. */
  int bestEpoch() {
    return bestEpoch;
  }

  /** Whether the epoch just measured was the best so far. */
  boolean improved(int epoch) {
    return epoch == bestEpoch;
  }

  /**
   * What the epoch line adds: {@code   best so far} or {@code   best: epoch 9 (2 of 5 epochs without
   * better)}, and on the last line of a run early stopping ended, the message on a line of its own.
   */
  String note(int epoch, History history) {
    String note = improved(epoch) ? "  best so far"
        : "  best: epoch " + bestEpoch + " (" + since + " of " + patience + " epochs without better)";
    return history.stoppedEarly() ? note + System.lineSeparator() + history.message() : note;
  }

  /** Why training stopped, and whose weights the network holds. */
  String message(int epoch) {
    return String.format(Locale.ROOT, "Stopped early after epoch %d: validation accuracy had not improved for "
        + "%d epoch%s; kept epoch %d's weights (%.1f%%).", epoch, since, since == 1 ? "" : "s", bestEpoch,
        100 * best);
  }

  /** When the epochs ran out first but a later epoch was worse: the best weights are still put back. */
  String keptMessage(int epochs) {
    return String.format(Locale.ROOT, "Early stopping kept epoch %d's weights (%.1f%%), the best validation "
        + "accuracy of the %d epochs.", bestEpoch, 100 * best, epochs);
  }
}
