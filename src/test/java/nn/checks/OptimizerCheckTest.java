package nn.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;
import org.junit.jupiter.api.Test;

/** Lesson 09's update checks: the reference solutions pass, and each usual slip gets the message that names it. */
class OptimizerCheckTest {
  private static String captured(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  /** docs/solutions/09-optimisers/momentumStep.java. */
  static void momentumStep(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix v, double mu, double eta) {
    v.muli(mu).subi(grad.mul(eta));
    w.addi(v);
  }

  /** docs/solutions/09-optimisers/adamStep.java. */
  static void adamStep(DoubleMatrix w, DoubleMatrix grad, DoubleMatrix m, DoubleMatrix v, int t, double beta1,
      double beta2, double eta) {
    m.muli(beta1).addi(grad.mul(1 - beta1));
    v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
    DoubleMatrix mHat = m.div(1 - Math.pow(beta1, t));
    DoubleMatrix vHat = v.div(1 - Math.pow(beta2, t));
    w.subi(mHat.divi(MatrixFunctions.sqrt(vHat).addi(1e-8)).muli(eta));
  }

  @Test
  void theReferenceSolutionsPass() {
    assertEquals("✔ momentumStep gives the reference's w after each of 5 steps, for mu = 0.9, eta = 0.1 and "
        + "mu = 0.5, eta = 0.3. Well done!\nRESULT exercise_momentumStep = pass\n",
        captured(() -> Check.momentum("momentumStep", OptimizerCheckTest::momentumStep)));
    assertEquals("✔ adamStep gives the reference's w after each of 5 steps, for beta1 = 0.9, beta2 = 0.999, "
        + "eta = 0.01 and beta1 = 0.8, beta2 = 0.99, eta = 0.05. Well done!\nRESULT exercise_adamStep = pass\n",
        captured(() -> Check.adam("adamStep", OptimizerCheckTest::adamStep)));
  }

  @Test
  void pyTorchsFormOfMomentumIsTheSameOptimiser() {
    // v <- mu v + g, w <- w - eta v: the same w at every step for a constant eta (the note says so).
    String out = captured(() -> Check.momentum("momentumStep", (w, g, v, mu, eta) -> {
      v.muli(mu).addi(g);
      w.subi(v.mul(eta));
    }));
    assertTrue(out.endsWith("RESULT exercise_momentumStep = pass\n"), out);
  }

  @Test
  void theEmptyStubSaysThatWDidNotChange() {
    String out = captured(() -> Check.momentum("momentumStep", (w, g, v, mu, eta) -> { }));
    assertTrue(out.startsWith("✘ w after step 1 (mu = 0.9, eta = 0.1), row 0, column 0: "), out);
    assertTrue(out.contains(" w did not change in this step: change it in place (w.subi(...), w.addi(...)); "
        + "`w = ...` inside your method only changes its own copy of the reference.\n  Idea: "), out);
    assertTrue(out.endsWith("Check.hint(\"momentumStep\") shows the code.\nRESULT exercise_momentumStep = fail\n"),
        out);
  }

  @Test
  void aVelocityThatIsNotKeptIsNamed() {
    // v = ... makes a new matrix: the first step is right, the second is plain SGD again.
    String out = captured(() -> Check.momentum("momentumStep", (w, g, v, mu, eta) -> {
      v = v.mul(mu).sub(g.mul(eta));
      w.addi(v);
    }));
    assertTrue(out.startsWith("✘ w after step 2 (mu = 0.9, eta = 0.1), row 0, column 0: "), out);
    assertTrue(out.contains(" v is still all zeros after 2 steps: update it in place (v.muli(...).addi(...)) so "
        + "that the next step sees it; `v = ...` inside your method makes a new matrix that is lost when it "
        + "returns."), out);
  }

  @Test
  void aHardCodedMomentumFailsOnTheSecondSetting() {
    String out = captured(() -> Check.momentum("momentumStep", (w, g, v, mu, eta) -> momentumStep(w, g, v, 0.9,
        eta)));
    assertTrue(out.startsWith("✘ w after step 2 (mu = 0.5, eta = 0.3), "), out);
    assertTrue(out.contains("The first step agrees, so what is carried from one step to the next (v) is the "
        + "likely suspect."), out);
  }

  @Test
  void adamWithoutTheBiasCorrectionIsNamed() {
    String out = captured(() -> Check.adam("adamStep", (w, g, m, v, t, b1, b2, eta) -> {
      m.muli(b1).addi(g.mul(1 - b1));
      v.muli(b2).addi(g.mul(g).muli(1 - b2));
      w.subi(m.div(MatrixFunctions.sqrt(v).addi(1e-8)).muli(eta));
    }));
    assertTrue(out.startsWith("✘ w after step 1 (beta1 = 0.9, beta2 = 0.999, eta = 0.01), row 0, column 0: "), out);
    assertTrue(out.contains("These are the steps of Adam without the bias correction: divide m by (1 - beta1^t) "
        + "and v by (1 - beta2^t) before the step"), out);
  }

  @Test
  void aStepCountFromZeroIsADivisionByZero() {
    String out = captured(() -> Check.adam("adamStep", (w, g, m, v, t, b1, b2, eta) -> adamStep(w, g, m, v, t - 1,
        b1, b2, eta)));
    assertTrue(out.startsWith("✘ w after step 1 "), out);
    assertTrue(out.contains("w holds NaN or Infinity: a division by zero? (1 - beta^t is 0 when t = 0; the first "
        + "step has t = 1.)"), out);
  }

  @Test
  void correctingTheStoredAveragesIsCaughtAtTheSecondStep() {
    // m.divi(...) corrects m itself: right at step 1, wrong from step 2, since m no longer holds the average.
    String out = captured(() -> Check.adam("adamStep", (w, g, m, v, t, b1, b2, eta) -> {
      m.muli(b1).addi(g.mul(1 - b1)).divi(1 - Math.pow(b1, t));
      v.muli(b2).addi(g.mul(g).muli(1 - b2)).divi(1 - Math.pow(b2, t));
      w.subi(m.div(MatrixFunctions.sqrt(v).addi(1e-8)).muli(eta));
    }));
    assertTrue(out.startsWith("✘ w after step 2 (beta1 = 0.9, beta2 = 0.999, eta = 0.01), "), out);
    assertTrue(out.contains("The first step agrees, so what is carried from one step to the next (m, v, t) is "
        + "the likely suspect."), out);
  }

  @Test
  void anExceptionIsAFailureNotACrash() {
    String out = captured(() -> Check.adam("adamStep", (w, g, m, v, t, b1, b2, eta) -> w.mmuli(g)));
    assertTrue(out.startsWith("✘ Step 1 (beta1 = 0.9, beta2 = 0.999, eta = 0.01) threw "), out);
    assertTrue(out.endsWith("RESULT exercise_adamStep = fail\n"), out);
  }
}
