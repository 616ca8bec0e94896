package nn.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import nn.model.Gradients;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * Checks a learner's exercise against the reference on fixed inputs, and prints a pass or what went wrong.
 *
 * <p>Hints come in two tiers. A failure names the first wrong value (for a matrix or a network: the layer, row
 * and column) and gives the <em>idea</em> of the solution, without code. {@link #hint(String) Check.hint(name)}
 * then shows the code, for a learner who wants it. The hints live in {@link Hints}, not in the notebook, so the
 * code stays out of sight until asked for.
 *
 * <p>A check never throws for a wrong answer, and returns nothing (a notebook cell ends without a stray
 * {@code true}). It prints a machine-readable line {@code RESULT exercise_<name> = pass|fail} that the
 * workbook's tests read (they run every exercise with its reference solution).
 */
public final class Check {
  private Check() {}

  /**
   * A backpropagation written in a lesson: the gradients of the mean cost of the batch {@code x, y}, for a
   * network of type {@code M} (a lesson's {@code nn.Network}).
   */
  @FunctionalInterface
  public interface Backprop<M extends Model> {
    Gradients apply(M net, DoubleMatrix x, DoubleMatrix y);
  }

  /**
   * A momentum update written in a lesson (lesson 09): changes {@code w} and the velocity {@code v} in place,
   * {@code v ← mu·v − eta·grad}, {@code w ← w + v}. All three matrices have the same shape.
   */
  @FunctionalInterface
  public interface MomentumStep {
    void apply(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix v, double mu, double eta);
  }

  /**
   * An Adam update written in a lesson (lesson 09): changes {@code w} and the running averages {@code m} (of
   * the gradients) and {@code v} (of their squares) in place; {@code t} is 1 at the first step.
   */
  @FunctionalInterface
  public interface AdamStep {
    void apply(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix m, DoubleMatrix v, int t, double beta1,
        double beta2, double eta);
  }

  /**
   * Runs the learner's momentum update for several steps on a small matrix, and compares {@code w} after every
   * step with the module's reference, {@code Optimizer.momentum(mu).update(...)}, for two settings of mu and
   * eta. A failure names the step, the setting and the first wrong element, and what is likely wrong.
   */
  public static void momentum(String name, MomentumStep yours) {
    OptimizerCheck.momentum(name, yours);
  }

  /** As {@link #momentum}, for an Adam update against {@code Optimizer.adam(beta1, beta2).update(...)}. */
  public static void adam(String name, AdamStep yours) {
    OptimizerCheck.adam(name, yours);
  }

  /**
   * Compares {@code yours} with {@code reference} at every point of {@code inputs}; a value agrees if it is
   * within 1e-9 (relative, or absolute below 1).
   */
  public static void function(String name, DoubleUnaryOperator yours, DoubleUnaryOperator reference,
      double... inputs) {
    List<Double> points = new ArrayList<>();
    for (double z : inputs) {
      points.add(z);
    }
    cases(name, points, z -> name + "(" + z + ")", z -> yours.applyAsDouble(z), z -> reference.applyAsDouble(z));
  }

  /**
   * Compares {@code yours} with {@code reference} on every input; {@code call} says in words what was called,
   * e.g. {@code sizes -> "parameterCount(" + Arrays.toString(sizes) + ")"}, for the message.
   */
  public static <T> void cases(String name, List<T> inputs, Function<T, String> call,
      Function<T, ? extends Number> yours, Function<T, ? extends Number> reference) {
    for (T input : inputs) {
      double expected = reference.apply(input).doubleValue();
      Number got;
      try {
        got = yours.apply(input);
      } catch (RuntimeException e) {
        fail(name, call.apply(input) + " threw " + e + ".");
        return;
      }
      if (got == null || !close(got.doubleValue(), expected)) {
        fail(name, call.apply(input) + " returned " + (got == null ? "null" : number(got.doubleValue()))
            + " but should be " + number(expected) + ".");
        return;
      }
    }
    pass(name, "matches the reference on " + inputs.size() + " inputs");
  }

  /** Compares a matrix the learner computed with the reference: shape first, then every element. */
  public static void matrix(String name, DoubleMatrix yours, DoubleMatrix reference) {
    String wrong = difference(name, yours, reference);
    if (wrong != null) {
      fail(name, wrong);
    } else {
      pass(name, "matches the reference (" + reference.rows + " x " + reference.columns + ")");
    }
  }

  /**
   * Compares every {@code weights[l]} and {@code biases[l]} (l = 1..L) of two networks, e.g. after a training
   * step the learner wrote and the same step taken by {@code fit}.
   */
  public static void network(String name, Model yours, Model reference) {
    if (yours == null) {
      fail(name, "the network is null.");
      return;
    }
    for (int l = 1; l <= reference.layers(); l++) {
      String wrong = difference("weights[" + l + "]", yours.weights[l], reference.weights[l]);
      if (wrong == null) {
        wrong = difference("biases[" + l + "]", yours.biases[l], reference.biases[l]);
      }
      if (wrong != null) {
        fail(name, "Layer " + l + ": " + wrong);
        return;
      }
    }
    pass(name, "gives the reference's weights and biases in every layer");
  }

  /**
   * Runs the learner's backprop on {@code net} and the batch {@code x} ({@code sizes[0] x m}), {@code y}, and
   * compares it with central differences ({@link GradientCheck#compare}). A failure names the layer, and the
   * row and column of the gradient that is furthest from its central difference.
   */
  public static <M extends Model> void backprop(String name, Backprop<M> yours, M net, DoubleMatrix x,
      DoubleMatrix y) {
    Gradients g;
    GradientCheck.Result result;
    try {
      g = yours.apply(net, x, y);
    } catch (RuntimeException e) {
      fail(name, name + " threw " + e + ".");
      return;
    }
    try {
      result = GradientCheck.compare(net, x, y, g);
    } catch (IllegalArgumentException e) {
      fail(name, e.getMessage());
      return;
    }
    if (result.passed()) {
      pass(name, String.format(Locale.ROOT, "passes the gradient check: largest relative error %.1e, below %.0e",
          result.maxError(), GradientCheck.THRESHOLD));
      return;
    }
    for (GradientCheck.Layer layer : result.layers()) {
      boolean weightsWrong = !(layer.weightError() < GradientCheck.THRESHOLD);
      if (weightsWrong || !(layer.biasError() < GradientCheck.THRESHOLD)) {
        int l = layer.layer();
        String what = weightsWrong ? "nablaW[" + l + "]" : "nablaB[" + l + "]";
        DoubleMatrix param = weightsWrong ? net.weights[l] : net.biases[l];
        DoubleMatrix got = weightsWrong ? g.nablaW()[l] : g.nablaB()[l];
        int worstRow = 0;
        int worstColumn = 0;
        double worstNumeric = 0;
        double worst = -1;
        for (int c = 0; c < param.columns; c++) {
          for (int r = 0; r < param.rows; r++) {
            double numeric = GradientCheck.centralDifference(net, x, y, param, r, c);
            double gap = Math.abs(got.get(r, c) - numeric);
            if (Double.isNaN(gap)) {
              gap = Double.POSITIVE_INFINITY; // a NaN is as far off as it gets
            }
            if (gap > worst) {
              worst = gap;
              worstRow = r;
              worstColumn = c;
              worstNumeric = numeric;
            }
          }
        }
        fail(name, String.format(Locale.ROOT, "Layer %d: %s fails the gradient check (relative error %.1e, "
            + "threshold %.0e). Furthest off: row %d, column %d is %s but central differences give %s.",
            l, what, weightsWrong ? layer.weightError() : layer.biasError(), GradientCheck.THRESHOLD, worstRow,
            worstColumn, number(got.get(worstRow, worstColumn)), number(worstNumeric))
            + "\n  Every layer:\n    " + result.toString().replace("\n", "\n    "));
        return;
      }
    }
  }

  /** Prints the second tier of the hint for exercise {@code name}: the code. */
  public static void hint(String name) {
    Hints.Hint h = Hints.of(name);
    if (h == null) {
      System.out.println("No hint is stored for \"" + name + "\". Exercises with hints: "
          + String.join(", ", Hints.names()) + ".");
      return;
    }
    System.out.println("Hint for " + name + ", the code:");
    for (String line : h.code().split("\n", -1)) {
      System.out.println("    " + line);
    }
  }

  /** What differs between two matrices (shape, then the first element), or null if nothing does. */
  static String difference(String name, DoubleMatrix yours, DoubleMatrix reference) {
    if (yours == null) {
      return name + " is null: the exercise has not computed it yet.";
    }
    if (yours.rows != reference.rows || yours.columns != reference.columns) {
      return name + " has shape " + yours.rows + " x " + yours.columns + " but should be " + reference.rows
          + " x " + reference.columns + "."
          + (yours.rows == reference.columns && yours.columns == reference.rows ? " Is it transposed?" : "");
    }
    for (int c = 0; c < reference.columns; c++) {
      for (int r = 0; r < reference.rows; r++) {
        if (!close(yours.get(r, c), reference.get(r, c))) {
          return name + ", row " + r + ", column " + c + ": " + number(yours.get(r, c)) + " but should be "
              + number(reference.get(r, c)) + ".";
        }
      }
    }
    return null;
  }

  static boolean close(double got, double expected) {
    return Math.abs(got - expected) <= 1e-9 * Math.max(1.0, Math.abs(expected));
  }

  /** A number as Java prints a double, but whole numbers without ".0" (counts read better). */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * For graded notebooks (nbgrader): throws unless the last check of exercise {@code name} in this kernel
   * passed, so an autograder sees a failing cell. JShell runs with assertions off, so {@code assert} would
   * pass silently; this does not. Lessons never need it: a check there only prints.
   *
   * @throws AssertionError naming the exercise, when its last check failed or it was never checked
   */
  public static void require(String name) {
    Boolean passed = OUTCOMES.get(name);
    if (passed == null) {
      throw new AssertionError(name + " has not been checked yet: run its check first.");
    }
    if (!passed) {
      throw new AssertionError(name + " is not right yet: see the message and the idea above.");
    }
  }

  /** The outcome of the last check of each exercise in this kernel (read by {@link #require}). */
  private static final Map<String, Boolean> OUTCOMES = new ConcurrentHashMap<>();

  static void pass(String name, String what) {
    OUTCOMES.put(name, true);
    System.out.println("✔ " + name + " " + what + ". Well done!");
    System.out.println("RESULT exercise_" + name + " = pass");
  }

  static void fail(String name, String what) {
    OUTCOMES.put(name, false);
    System.out.println("✘ " + what);
    Hints.Hint h = Hints.of(name);
    if (h != null) {
      System.out.println("  Idea: " + h.idea());
      System.out.println("  Still stuck? Check.hint(\"" + name + "\") shows the code.");
    }
    System.out.println("RESULT exercise_" + name + " = fail");
  }
}
