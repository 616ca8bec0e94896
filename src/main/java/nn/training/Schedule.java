package nn.training;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch: {@code new Sgd().eta(0.5).schedule(Schedule.step(10, 0.5))}.
 * An immutable value; {@link #eta(double, int)} gives the rate of epoch {@code e} (1-based) for a starting rate
 * {@code eta0}:
 * <pre>
 *   constant()                 eta_e = eta0
 *   step(everyEpochs, factor)  eta_e = eta0 · factor^⌊(e − 1) / everyEpochs⌋   (step(10, 0.5): halved after
 *                              epochs 10, 20, ...)
 *   exponential(f)             eta_e = eta0 · f^(e − 1)
 * </pre>
 * Large steps early cover ground; small steps late let the weights settle into a minimum instead of bouncing
 * around it with the noise of the mini-batches.
 */
public final class Schedule {
  private enum Kind {
    CONSTANT,
    STEP,
    EXPONENTIAL
  }

  private static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 1, 1.0);

  private final Kind kind;
  private final int every;
  private final double factor;

  private Schedule(Kind kind, int every, double factor) {
    this.kind = kind;
    this.every = every;
    this.factor = factor;
  }

  /** The same rate every epoch: the default. */
  public static Schedule constant() {
    return CONSTANT;
  }

  /** The rate times {@code factor} (in (0, 1]) after every {@code everyEpochs} epochs (at least 1). */
  public static Schedule step(int everyEpochs, double factor) {
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("Schedule.step: everyEpochs must be at least 1, got " + everyEpochs
          + ". Example: Schedule.step(10, 0.5) halves the rate after every 10 epochs.");
    }
    return new Schedule(Kind.STEP, everyEpochs, factor("step", factor, "0.5"));
  }

  /** The rate times {@code factorPerEpoch} (in (0, 1]) after every epoch. */
  public static Schedule exponential(double factorPerEpoch) {
    return new Schedule(Kind.EXPONENTIAL, 1, factor("exponential", factorPerEpoch, "0.95"));
  }

  private static double factor(String factory, double f, String example) {
    if (!(f > 0 && f <= 1)) {
      throw new IllegalArgumentException("Schedule." + factory + ": the factor must be in (0, 1] (above 0, at most 1: "
          + "a schedule lowers the rate), got " + f + ". Example: " + example + ".");
    }
    return f;
  }

  /** The learning rate of epoch {@code epoch} (1-based) when training starts at {@code eta0}. */
  public double eta(double eta0, int epoch) {
    if (epoch < 1) {
      throw new IllegalArgumentException("Schedule.eta: epochs count from 1, got " + epoch + ".");
    }
    switch (kind) {
      case STEP:
        return eta0 * Math.pow(factor, (epoch - 1) / every);
      case EXPONENTIAL:
        return eta0 * Math.pow(factor, epoch - 1);
      default:
        return eta0;
    }
  }

  /** Whether the rate ever changes (what the epoch line shows). */
  public boolean isConstant() {
    return kind == Kind.CONSTANT || factor == 1.0;
  }

  /** {@code constant}, {@code step(10, 0.5)}, {@code exponential(0.95)}: as typed in Java. */
  @Override
  public String toString() {
    switch (kind) {
      case STEP:
        return String.format(Locale.ROOT, "step(%d, %s)", every, factor);
      case EXPONENTIAL:
        return String.format(Locale.ROOT, "exponential(%s)", factor);
      default:
        return "constant";
    }
  }
}
