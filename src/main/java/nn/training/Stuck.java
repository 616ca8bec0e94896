package nn.training;

import java.util.Locale;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Forward;
import nn.model.Init;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * Notices training that has stopped learning: the accuracy stays at chance level for {@link #PATIENCE}
 * epochs in a row while a hidden layer's sigmoids are saturated or its ReLUs dead. Neither recovers by
 * itself (a saturated sigmoid's slope and a dead ReLU's gradient are about zero), so more epochs would not
 * help; without this check such a run ends at about 11% without a word, since nothing becomes NaN.
 */
final class Stuck {
  /** Epochs in a row at chance level before we speak: a network may start saturated and still learn. */
  static final int PATIENCE = 3;
  /** "At chance level": within this of the share of the most common class (always answering it). */
  static final double MARGIN = 0.02;
  /** |z| beyond which a sigmoid counts as saturated: σ'(5) < 0.007 (lesson 01). */
  static final double SATURATED_Z = 5;
  /** |z| beyond which a tanh neuron counts as saturated: tanh'(2.5) < 0.027. */
  static final double SATURATED_TANH_Z = 2.5;
  /** A layer counts as saturated, or dead, when at least this share of it is. */
  static final double SHARE = 0.5;
  /** How many examples the diagnosis looks at. */
  static final int PROBE = 1000;

  private final Model net;
  private final Sgd sgd;
  private final Dataset probe;
  private final double chance;
  private final String setName;
  private int atChance;

  /** Watches {@code net}; {@code measured} is the set whose accuracy {@link #check} is given. */
  Stuck(Model net, Sgd sgd, Dataset measured, String setName) {
    this.net = net;
    this.sgd = sgd;
    this.setName = setName;
    this.probe = measured.head(PROBE);
    int most = 0;
    for (int c : measured.classCounts()) {
      most = Math.max(most, c);
    }
    this.chance = (double) most / measured.size();
  }

  /** The examples the diagnosis looks at (the first {@link #PROBE} of the watched set). */
  Dataset probe() {
    return probe;
  }

  /** After an epoch with the given accuracy: null while learning, else the one message to give. */
  String check(int epoch, double accuracy) {
    atChance = accuracy <= chance + MARGIN ? atChance + 1 : 0;
    if (atChance < PATIENCE || net.layers() < 2) {
      return null;
    }
    String cause = diagnose();
    if (cause == null) {
      return null;
    }
    double usual = TrainingChecks.usualEta(net, sgd);
    String fix;
    if (sgd.eta > usual) {
      fix = String.format(Locale.ROOT, "Likely cause: the learning rate eta = %s is too large for this network; "
          + "its first steps threw the weights where the gradient vanishes. Fix: start again from a new network "
          + "with a smaller learning rate, e.g. eta = %s (a usual value for this network).", Trainer.trim(sgd.eta),
          Trainer.trim(usual));
    } else if (net.init() == Init.ZERO) {
      fix = "Likely cause: every weight started at 0 (Init.ZERO), so the neurons of a layer are identical and "
          + "stay so (a ReLU at z = 0 passes no gradient at all). Fix: start again from a new network with random "
          + "weights, e.g. .init(Init.HE) for ReLU or .init(Init.SCALED_GAUSSIAN).";
    } else if ((net.hidden() == Activation.SIGMOID || net.hidden() == Activation.TANH)
        && net.init() == Init.GAUSSIAN) {
      fix = "Likely cause: the initial weights are too large for layers this wide. Fix: start again from a new "
          + "network built with .init(Init.SCALED_GAUSSIAN), whose first z's stay near 0, where "
          + (net.hidden() == Activation.SIGMOID ? "σ" : "tanh") + " is steep.";
    } else {
      fix = String.format(Locale.ROOT, "Fix: start again from a new network with a smaller learning rate, e.g. "
          + "eta = %s.", Trainer.trim(sgd.eta / 10));
    }
    return String.format(Locale.ROOT, "Training stopped in epoch %d: the network is not learning. The %s "
        + "accuracy has stayed at chance level (%.1f%% now; always answering the most common class gives %.1f%%) "
        + "for %d epochs, and %s, so more epochs would not help. %s The network keeps its weights after epoch %d.",
        epoch, setName, 100 * accuracy, 100 * chance, atChance, cause, fix, epoch);
  }

  /** "most of layer 1's sigmoids are saturated ..." or "... ReLUs are dead ...", or null if neither. */
  private String diagnose() {
    Activation f = net.hidden();
    if (f == Activation.IDENTITY) {
      return null; // a linear neuron neither saturates nor dies
    }
    Forward forward = net.forward(probe.images());
    for (int l = 1; l < net.layers(); l++) {
      DoubleMatrix z = forward.zs()[l];
      if (f == Activation.SIGMOID || f == Activation.TANH) {
        double limit = saturatedZ(f);
        double saturated = z.ge(limit).add(z.le(-limit)).sum() / z.length;
        if (saturated >= SHARE) {
          return String.format(Locale.ROOT, "%.0f%% of the %s of hidden layer %d are saturated (|z| > %s on %,d "
              + "%s examples, where %s): their gradients all but vanish", 100 * saturated,
              f == Activation.SIGMOID ? "sigmoids" : "tanh neurons", l, Trainer.trim(limit), probe.size(), setName,
              f == Activation.SIGMOID ? "σ'(z) < 0.007" : "tanh'(z) < 0.027");
        }
      } else {
        int dead = 0;
        for (int j = 0; j < z.rows; j++) {
          dead += z.getRow(j).max() <= 0 ? 1 : 0;
        }
        if (dead >= SHARE * z.rows) {
          return String.format(Locale.ROOT, "%d of the %d ReLUs of hidden layer %d are dead (z <= 0 on every one "
              + "of %,d %s examples): a dead ReLU passes no gradient and never comes back", dead, z.rows, l,
              probe.size(), setName);
        }
      }
    }
    return null;
  }

  /** |z| beyond which {@code f} counts as saturated: 5 for a sigmoid, 2.5 for tanh. */
  static double saturatedZ(Activation f) {
    return f == Activation.TANH ? SATURATED_TANH_Z : SATURATED_Z;
  }
}
