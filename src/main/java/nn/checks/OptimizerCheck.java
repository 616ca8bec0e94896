package nn.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nn.training.Optimizer;
import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;

/**
 * The checks of lesson 09's update exercises ({@link Check#momentum}, {@link Check#adam}): the learner's update
 * and the module's readable reference ({@link Optimizer#update}) take the same {@value #STEPS} steps from the
 * same start with the same gradients, and {@code w} must agree after every step.
 *
 * <p>The gradients' columns differ in scale (0.1, 1, 10, 100), as a network's parameters do, so that an
 * update which does not scale per parameter, or scales by the wrong thing, cannot agree by luck. A failure
 * says, where it can tell, what is wrong: the state not kept between steps (a new matrix assigned to a
 * parameter, which the caller never sees), {@code w} never changed, a NaN (a division by zero), or Adam without
 * its bias correction.
 */
final class OptimizerCheck {
  static final int ROWS = 3;
  static final int COLUMNS = 4;
  static final int STEPS = 5;

  private OptimizerCheck() {}

  /** One step of an update under test: {@code state} holds its matrices (v; or m and v), t is 1-based. */
  private interface Step {
    void apply(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix[] state, int t);
  }

  /** A known wrong version of the update, and what to tell a learner whose numbers match it. */
  private record Mistake(String says, Step step) {}

  static void momentum(String name, Check.MomentumStep yours) {
    double[][] settings = {{0.9, 0.1}, {0.5, 0.3}};
    for (double[] s : settings) {
      double mu = s[0];
      double eta = s[1];
      String setting = String.format(Locale.ROOT, "mu = %s, eta = %s", mu, eta);
      Step learner = (w, g, state, t) -> yours.apply(w, g, state[0], mu, eta);
      if (!agrees(name, learner, new String[] {"v"}, Optimizer.momentum(mu), eta, setting, List.of())) {
        return;
      }
    }
    Check.pass(name, "gives the reference's w after each of " + STEPS + " steps, for mu = 0.9, eta = 0.1 and "
        + "mu = 0.5, eta = 0.3");
  }

  static void adam(String name, Check.AdamStep yours) {
    double[][] settings = {{0.9, 0.999, 0.01}, {0.8, 0.99, 0.05}};
    for (double[] s : settings) {
      double beta1 = s[0];
      double beta2 = s[1];
      double eta = s[2];
      String setting = String.format(Locale.ROOT, "beta1 = %s, beta2 = %s, eta = %s", beta1, beta2, eta);
      Step learner = (w, g, state, t) -> yours.apply(w, g, state[0], state[1], t, beta1, beta2, eta);
      List<Mistake> mistakes = List.of(new Mistake("These are the steps of Adam without the bias correction: "
          + "divide m by (1 - beta1^t) and v by (1 - beta2^t) before the step (into new matrices: m and v "
          + "themselves stay uncorrected).", (w, g, st, t) -> uncorrectedAdam(w, g, st, beta1, beta2, eta)));
      if (!agrees(name, learner, new String[] {"m", "v"}, Optimizer.adam(beta1, beta2), eta, setting, mistakes)) {
        return;
      }
    }
    Check.pass(name, "gives the reference's w after each of " + STEPS + " steps, for beta1 = 0.9, beta2 = 0.999, "
        + "eta = 0.01 and beta1 = 0.8, beta2 = 0.99, eta = 0.05");
  }

  /** Adam as it would be without the bias correction: the step uses m and v as they are. */
  private static void uncorrectedAdam(DoubleMatrix w, DoubleMatrix g, DoubleMatrix[] state, double beta1,
      double beta2, double eta) {
    state[0].muli(beta1).addi(g.mul(1 - beta1));
    state[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
    w.subi(state[0].div(MatrixFunctions.sqrt(state[1]).addi(1e-8)).muli(eta));
  }

  /**
   * Runs the learner's update and the reference side by side; prints the failure and returns false at the first
   * step where {@code w} differs.
   */
  private static boolean agrees(String name, Step learner, String[] stateNames, Optimizer reference, double eta,
      String setting, List<Mistake> mistakes) {
    Random random = new Random(9);
    DoubleMatrix start = gaussian(random, 1);
    DoubleMatrix yours = start.dup();
    DoubleMatrix expected = start.dup();
    DoubleMatrix[] yourState = zeros(stateNames.length);
    Optimizer.State referenceState = reference.newState(ROWS, COLUMNS);
    List<DoubleMatrix> mistaken = new ArrayList<>();
    List<DoubleMatrix[]> mistakenState = new ArrayList<>();
    for (int k = 0; k < mistakes.size(); k++) {
      mistaken.add(start.dup());
      mistakenState.add(zeros(stateNames.length));
    }
    for (int t = 1; t <= STEPS; t++) {
      DoubleMatrix grad = gaussian(random, 1);
      for (int c = 0; c < COLUMNS; c++) {
        grad.putColumn(c, grad.getColumn(c).muli(Math.pow(10, c - 1))); // scales 0.1, 1, 10, 100
      }
      DoubleMatrix before = yours.dup();
      try {
        learner.apply(yours, grad.dup(), yourState, t);
      } catch (RuntimeException e) {
        Check.fail(name, "Step " + t + " (" + setting + ") threw " + e + ".");
        return false;
      }
      reference.update(expected, grad.dup(), referenceState, eta);
      for (int k = 0; k < mistakes.size(); k++) {
        mistakes.get(k).step().apply(mistaken.get(k), grad.dup(), mistakenState.get(k), t);
      }
      String where = "w after step " + t + " (" + setting + ")";
      String wrong = Check.difference(where, yours, expected);
      if (wrong == null) {
        continue;
      }
      Check.fail(name, wrong + " " + diagnosis(yours, before, yourState, stateNames, t, mistakes, mistaken));
      return false;
    }
    return true;
  }

  /** What is likely wrong, from what the learner's matrices look like after the first wrong step. */
  private static String diagnosis(DoubleMatrix yours, DoubleMatrix before, DoubleMatrix[] state,
      String[] stateNames, int t, List<Mistake> mistakes, List<DoubleMatrix> mistaken) {
    if (yours.isNaN().sum() > 0 || yours.isInfinite().sum() > 0) {
      return "w holds NaN or Infinity: a division by zero? (1 - beta^t is 0 when t = 0; the first step has "
          + "t = 1.)";
    }
    if (yours.equals(before)) {
      return "w did not change in this step: change it in place (w.subi(...), w.addi(...)); `w = ...` inside "
          + "your method only changes its own copy of the reference.";
    }
    for (int k = 0; k < mistakes.size(); k++) {
      if (Check.difference("w", yours, mistaken.get(k)) == null) {
        return mistakes.get(k).says();
      }
    }
    for (int i = 0; i < state.length; i++) {
      if (state[i] != null && state[i].normmax() == 0) {
        return stateNames[i] + " is still all zeros after " + (t == 1 ? "the first step" : t + " steps")
            + ": update it in place (" + stateNames[i] + ".muli(...).addi(...)) so that the next step sees it; `"
            + stateNames[i] + " = ...` inside your method makes a new matrix that is lost when it returns.";
      }
    }
    return t == 1 ? "The first step is already wrong: compare your update with the note's, term by term."
        : (t == 2 ? "The first step agrees" : "The first " + (t - 1) + " steps agree") + ", so what is carried "
            + "from one step to the next (" + String.join(", ", stateNames) + (stateNames.length > 1 ? ", t" : "")
            + ") is the likely suspect.";
  }

  private static DoubleMatrix gaussian(Random random, double scale) {
    DoubleMatrix m = new DoubleMatrix(ROWS, COLUMNS);
    for (int i = 0; i < m.length; i++) {
      m.data[i] = scale * random.nextGaussian();
    }
    return m;
  }

  private static DoubleMatrix[] zeros(int count) {
    DoubleMatrix[] state = new DoubleMatrix[count];
    for (int i = 0; i < count; i++) {
      state[i] = DoubleMatrix.zeros(ROWS, COLUMNS);
    }
    return state;
  }
}
