package nn.training;

import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;

/**
 * How a step turns a gradient into a change of the weights and biases: plain SGD, momentum, RMSProp or Adam.
 * An immutable value, made by the factories and given to {@code new Sgd().optimizer(..)}; it applies to weights
 * and biases alike. For one parameter matrix {@code w} with gradient {@code g} (the gradient of the mini-batch's
 * mean cost, regularisation terms included) and learning rate {@code eta}, element by element:
 * <pre>
 *   sgd()            w ← w − eta·g
 *   momentum(mu)     v ← mu·v − eta·g;                  w ← w + v
 *   rmsprop(rho)     s ← rho·s + (1 − rho)·g²;          w ← w − eta·g / (√s + eps)
 *   adam(β1, β2)     t ← t + 1
 *                    m ← β1·m + (1 − β1)·g;             v ← β2·v + (1 − β2)·g²
 *                    m̂ = m / (1 − β1^t);  v̂ = v / (1 − β2^t)
 *                    w ← w − eta·m̂ / (√v̂ + eps)
 * </pre>
 * with {@code eps = 1e-8}, and every state ({@code v}, {@code s}, {@code m}) starting at zero. Momentum lets
 * the velocity {@code v} build up along directions the gradient keeps pointing to; RMSProp divides each
 * element's step by a running root mean square of its gradient; Adam does both, and its bias correction undoes
 * the pull towards 0 of moments that start at 0 (at {@code t = 1}, {@code m̂ = g} and {@code v̂ = g²}, so the
 * first step is about {@code eta} for every parameter with a gradient).
 *
 * <p>{@link #update} is the readable version of these lines, on jblas matrices (lesson 09's exercises are
 * checked against it); the training step does the same arithmetic on its own buffers ({@code UpdateRule}),
 * and the tests hold the two to 1e-12.
 */
public final class Optimizer {
  /** The {@code eps} of RMSProp and Adam: keeps a step finite where the running mean of g² is 0. */
  public static final double EPS = 1e-8;

  /** Which update rule. */
  public enum Kind {
    SGD,
    MOMENTUM,
    RMSPROP,
    ADAM
  }

  private static final Optimizer SGD = new Optimizer(Kind.SGD, 0, 0, 0, 0);

  private final Kind kind;
  private final double mu;
  private final double rho;
  private final double beta1;
  private final double beta2;

  private Optimizer(Kind kind, double mu, double rho, double beta1, double beta2) {
    this.kind = kind;
    this.mu = mu;
    this.rho = rho;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  /** Plain stochastic gradient descent, {@code w ← w − eta·g}: the default. */
  public static Optimizer sgd() {
    return SGD;
  }

  /** Classical momentum with coefficient {@code mu} in [0, 1) (0.9 is usual; 0 is plain SGD). */
  public static Optimizer momentum(double mu) {
    return new Optimizer(Kind.MOMENTUM, fraction("momentum", "mu (the momentum coefficient)", mu, "0.9"), 0, 0, 0);
  }

  /** RMSProp with decay {@code rho} in [0, 1) of the running mean of g² (0.9 is usual). */
  public static Optimizer rmsprop(double rho) {
    return new Optimizer(Kind.RMSPROP, 0, fraction("rmsprop", "rho (the decay of the mean of g²)", rho, "0.9"), 0,
        0);
  }

  /** Adam with the usual {@code beta1 = 0.9}, {@code beta2 = 0.999}; pair it with a small eta such as 0.001. */
  public static Optimizer adam() {
    return adam(0.9, 0.999);
  }

  /** Adam with decays {@code beta1} (of m, the mean of g) and {@code beta2} (of v, the mean of g²), each in [0, 1). */
  public static Optimizer adam(double beta1, double beta2) {
    return new Optimizer(Kind.ADAM, 0, 0, fraction("adam", "beta1 (the decay of the mean of g)", beta1, "0.9"),
        fraction("adam", "beta2 (the decay of the mean of g²)", beta2, "0.999"));
  }

  private static double fraction(String factory, String what, double value, String usual) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException("Optimizer." + factory + ": " + what + " must be in [0, 1) (at least 0, "
          + "below 1), got " + value + ". The usual value is " + usual + ".");
    }
    return value;
  }

  public Kind kind() {
    return kind;
  }

  /** The momentum coefficient (0 unless {@link Kind#MOMENTUM}). */
  public double mu() {
    return mu;
  }

  /** RMSProp's decay (0 unless {@link Kind#RMSPROP}). */
  public double rho() {
    return rho;
  }

  /** Adam's decay of m (0 unless {@link Kind#ADAM}). */
  public double beta1() {
    return beta1;
  }

  /** Adam's decay of v (0 unless {@link Kind#ADAM}). */
  public double beta2() {
    return beta2;
  }

  /**
   * What {@link #update} remembers between steps for one parameter matrix: momentum's velocity {@code v},
   * RMSProp's {@code s}, Adam's {@code m} and {@code v} (each the shape of the parameter, starting at 0; null
   * when the rule has none) and {@code t}, the number of updates made so far.
   */
  public static final class State {
    public final DoubleMatrix m;
    public final DoubleMatrix v;
    public final DoubleMatrix s;
    public int t;

    State(DoubleMatrix m, DoubleMatrix v, DoubleMatrix s) {
      this.m = m;
      this.v = v;
      this.s = s;
    }
  }

  /** A fresh state for a parameter of {@code rows x cols} (e.g. {@code weights[l].rows, weights[l].columns}). */
  public State newState(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("newState needs the parameter's shape, rows x cols, got " + rows + " x "
          + cols + ".");
    }
    switch (kind) {
      case MOMENTUM:
        return new State(null, new DoubleMatrix(rows, cols), null);
      case RMSPROP:
        return new State(null, null, new DoubleMatrix(rows, cols));
      case ADAM:
        return new State(new DoubleMatrix(rows, cols), new DoubleMatrix(rows, cols), null);
      default:
        return new State(null, null, null);
    }
  }

  /**
   * One step on {@code param}, in place, from its gradient {@code grad} (the same shape) and learning rate
   * {@code eta}, updating {@code state} (from {@link #newState} for this parameter); the rules are in the class
   * comment.
   */
  public void update(DoubleMatrix param, DoubleMatrix grad, State state, double eta) {
    if (param == null || grad == null || state == null || !param.sameSize(grad)) {
      throw new IllegalArgumentException("Optimizer.update needs the parameter, its gradient of the same shape and "
          + "its state (opt.newState(rows, cols)); got " + shape(param) + ", " + shape(grad)
          + (state == null ? " and no state" : "") + ".");
    }
    state.t++;
    switch (kind) {
      case MOMENTUM:
        state.v.muli(mu).subi(grad.mul(eta));                              // v ← mu·v − eta·g
        param.addi(state.v);                                                // w ← w + v
        break;
      case RMSPROP:
        state.s.muli(rho).addi(grad.mul(grad).muli(1 - rho));              // s ← rho·s + (1 − rho)·g²
        param.subi(grad.mul(eta).divi(MatrixFunctions.sqrt(state.s).addi(EPS))); // w ← w − eta·g / (√s + eps)
        break;
      case ADAM:
        state.m.muli(beta1).addi(grad.mul(1 - beta1));                     // m ← β1·m + (1 − β1)·g
        state.v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));          // v ← β2·v + (1 − β2)·g²
        DoubleMatrix mHat = state.m.div(1 - Math.pow(beta1, state.t));     // m̂ = m / (1 − β1^t)
        DoubleMatrix vHat = state.v.div(1 - Math.pow(beta2, state.t));     // v̂ = v / (1 − β2^t)
        param.subi(mHat.muli(eta).divi(MatrixFunctions.sqrt(vHat).addi(EPS))); // w ← w − eta·m̂ / (√v̂ + eps)
        break;
      default:
        param.subi(grad.mul(eta));                                          // w ← w − eta·g
    }
  }

  private static String shape(DoubleMatrix m) {
    return m == null ? "null" : m.rows + " x " + m.columns;
  }

  /** {@code sgd}, {@code momentum(0.9)}, {@code rmsprop(0.9)}, {@code adam(0.9, 0.999)}: as typed in Java. */
  @Override
  public String toString() {
    switch (kind) {
      case MOMENTUM:
        return "momentum(" + num(mu) + ")";
      case RMSPROP:
        return "rmsprop(" + num(rho) + ")";
      case ADAM:
        return "adam(" + num(beta1) + ", " + num(beta2) + ")";
      default:
        return "sgd";
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Optimizer p && p.kind == kind && p.mu == mu && p.rho == rho && p.beta1 == beta1
        && p.beta2 == beta2;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, mu, rho, beta1, beta2);
  }
}
