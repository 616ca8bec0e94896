package nn.checks;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import nn.model.Gradients;
import org.jblas.DoubleMatrix;

/**
 * Checks a learner's exercise against the reference on fixed inputs, and prints a pass or a specific hint.
 *
 * <p>A check never throws for a wrong answer: it prints what went wrong and a hint, so the learner can fix
 * the cell and re-run it. It also prints a machine-readable line {@code RESULT exercise_<name> = pass|fail}
 * that the workbook's tests read (they run every exercise with its reference solution).
 */
public final class Check {
  private Check() {}

  /**
   * Compares {@code yours} with {@code reference} at every point of {@code inputs}.
   *
   * @param name what the exercise is called, e.g. "sigmoidPrime"
   * @param hint shown on the first wrong value, e.g. "σ'(z) = σ(z)(1 - σ(z))"
   * @return true if every value agrees to 1e-9 (relative)
   */
  public static boolean function(String name, DoubleUnaryOperator yours, DoubleUnaryOperator reference,
      double[] inputs, String hint) {
    for (double z : inputs) {
      double expected = reference.applyAsDouble(z);
      double got;
      try {
        got = yours.applyAsDouble(z);
      } catch (RuntimeException e) {
        return fail(name, name + "(" + z + ") threw " + e, hint);
      }
      if (!close(got, expected)) {
        return fail(name, String.format(Locale.ROOT, "%s(%s) returned %s but should be %s.", name, z, got,
            expected), hint);
      }
    }
    return pass(name, "matches the reference on " + inputs.length + " inputs");
  }

  /**
   * Compares a matrix the learner computed with the reference: shape first, then every element.
   *
   * @return true if the shapes are equal and every element agrees to 1e-9 (relative)
   */
  public static boolean matrix(String name, DoubleMatrix yours, DoubleMatrix reference, String hint) {
    if (yours == null) {
      return fail(name, name + " is null: the exercise cell has not computed it yet.", hint);
    }
    if (yours.rows != reference.rows || yours.columns != reference.columns) {
      return fail(name, name + " has shape " + yours.rows + " x " + yours.columns + " but should be "
          + reference.rows + " x " + reference.columns + "."
          + (yours.rows == reference.columns && yours.columns == reference.rows ? " Is it transposed?" : ""),
          hint);
    }
    for (int i = 0; i < reference.length; i++) {
      if (!close(yours.data[i], reference.data[i])) {
        return fail(name, String.format(Locale.ROOT, "%s(%d, %d) is %s but should be %s.", name,
            i % reference.rows, i / reference.rows, yours.data[i], reference.data[i]), hint);
      }
    }
    return pass(name, "matches the reference (" + reference.rows + " x " + reference.columns + ")");
  }

  /** Compares every {@code nablaW[l]} and {@code nablaB[l]} for l = 1..L with the reference gradients. */
  public static boolean gradients(String name, Gradients yours, Gradients reference, String hint) {
    if (yours == null || yours.nablaW() == null || yours.nablaB() == null) {
      return fail(name, name + " is null: the exercise cell has not computed it yet.", hint);
    }
    int slots = reference.nablaW().length;
    if (yours.nablaW().length != slots || yours.nablaB().length != slots) {
      return fail(name, "nablaW and nablaB must have length " + slots + " (L + 1, slot 0 unused) but have "
          + yours.nablaW().length + " and " + yours.nablaB().length + ".", hint);
    }
    for (int l = 1; l < slots; l++) {
      if (!quietMatch(yours.nablaW()[l], reference.nablaW()[l])) {
        return fail(name, "nablaW[" + l + "] differs from the reference.", hint);
      }
      if (!quietMatch(yours.nablaB()[l], reference.nablaB()[l])) {
        return fail(name, "nablaB[" + l + "] differs from the reference.", hint);
      }
    }
    return pass(name, "every nablaW[l] and nablaB[l] matches the reference");
  }

  private static boolean quietMatch(DoubleMatrix a, DoubleMatrix b) {
    if (a == null || a.rows != b.rows || a.columns != b.columns) {
      return false;
    }
    for (int i = 0; i < b.length; i++) {
      if (!close(a.data[i], b.data[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean close(double got, double expected) {
    return Math.abs(got - expected) <= 1e-9 * Math.max(1.0, Math.abs(expected));
  }

  private static boolean pass(String name, String what) {
    System.out.println("✔ " + name + " " + what + ". Well done!");
    System.out.println("RESULT exercise_" + name + " = pass");
    return true;
  }

  private static boolean fail(String name, String what, String hint) {
    System.out.println("✘ " + what);
    System.out.println("  Hint: " + hint);
    System.out.println("RESULT exercise_" + name + " = fail");
    return false;
  }
}
