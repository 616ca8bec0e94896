package nn.checks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import nn.model.Activation;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {
  private static String captured(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rightFunctionPassesWrongOneGetsTheHint() {
    double[] zs = {-2, 0, 3};
    String ok = captured(() -> assertTrue(Check.function("sigmoidPrime",
        z -> Activation.SIGMOID.prime(z), Activation.SIGMOID::prime, zs, "σ'(z) = σ(z)(1 - σ(z))")));
    assertTrue(ok.contains("RESULT exercise_sigmoidPrime = pass"), ok);
    String bad = captured(() -> assertFalse(Check.function("sigmoidPrime",
        z -> Activation.sigmoid(z), Activation.SIGMOID::prime, zs, "σ'(z) = σ(z)(1 - σ(z))")));
    assertEquals("✘ sigmoidPrime(-2.0) returned 0.11920292202211755 but should be 0.1049935854035065.\n"
        + "  Hint: σ'(z) = σ(z)(1 - σ(z))\nRESULT exercise_sigmoidPrime = fail\n", bad.replace("\r", ""));
  }

  @Test
  void transposedMatrixIsNamed() {
    String bad = captured(() -> assertFalse(Check.matrix("delta", new DoubleMatrix(3, 2), new DoubleMatrix(2, 3),
        "BP1")));
    assertTrue(bad.startsWith("✘ delta has shape 3 x 2 but should be 2 x 3. Is it transposed?"), bad);
  }
}
