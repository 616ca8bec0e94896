package nn.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import nn.Network;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Gradients;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

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
    return out.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  private static String idea(String name) {
    return "  Idea: " + Hints.of(name).idea() + "\n  Still stuck? Check.hint(\"" + name + "\") shows the code.\n";
  }

  @Test
  void aFailureGivesTheIdeaButNotTheCode() {
    double[] zs = {-2, 0, 3};
    String ok = captured(() -> Check.function("sigmoidPrime", z -> Activation.SIGMOID.prime(z),
        Activation.SIGMOID::prime, zs));
    assertEquals("✔ sigmoidPrime matches the reference on 3 inputs. Well done!\n"
        + "RESULT exercise_sigmoidPrime = pass\n", ok);
    String bad = captured(() -> Check.function("sigmoidPrime", z -> Activation.sigmoid(z),
        Activation.SIGMOID::prime, zs));
    assertEquals("✘ sigmoidPrime(-2.0) returned 0.11920292202211755 but should be 0.1049935854035065.\n"
        + "  Idea: Differentiate σ(z) = 1 / (1 + e^(-z)) with the chain rule, then write the result in terms of "
        + "σ(z) itself (Activation.sigmoid(z)). That form needs no exponential of its own, so it also works at "
        + "z = ±800, where e^800 overflows to Infinity.\n"
        + "  Still stuck? Check.hint(\"sigmoidPrime\") shows the code.\n"
        + "RESULT exercise_sigmoidPrime = fail\n", bad);
    assertTrue(!bad.contains("s * (1 - s)"), "the first tier must not show the code: " + bad);
  }

  @Test
  void theSecondTierShowsTheCode() {
    assertEquals("Hint for sigmoidPrime, the code:\n"
        + "    double s = Activation.sigmoid(z);\n"
        + "    return s * (1 - s);\n", captured(() -> Check.hint("sigmoidPrime")));
    String unknown = captured(() -> Check.hint("sigmoidprime"));
    assertTrue(unknown.startsWith("No hint is stored for \"sigmoidprime\". Exercises with hints: sigmoidPrime, "
        + "parameterCount, weightedInput, "), unknown);
  }

  @Test
  void everyHintHasAnIdeaWithoutCodeAndSomeCode() {
    for (String name : Hints.names()) {
      Hints.Hint h = Hints.of(name);
      assertTrue(h.idea().length() > 40 && h.code().contains(";"), name);
      for (String line : h.code().split("\n")) {
        String statement = line.replaceAll("//.*", "").trim();
        if (statement.length() > 12) {
          assertTrue(!h.idea().contains(statement), name + "'s idea gives away the code line " + statement);
        }
      }
    }
  }

  @Test
  void anExceptionInTheLearnersCodeIsAFailureNotACrash() {
    String bad = captured(() -> Check.function("sigmoidPrime", z -> {
      throw new ArithmeticException("oops");
    }, Activation.SIGMOID::prime, 1.0));
    assertEquals("✘ sigmoidPrime(1.0) threw java.lang.ArithmeticException: oops.\n" + idea("sigmoidPrime")
        + "RESULT exercise_sigmoidPrime = fail\n", bad);
  }

  @Test
  void casesSayWhatWasCalled() {
    List<int[]> sizes = List.of(new int[] {2, 3, 1}, new int[] {784, 30, 10});
    String bad = captured(() -> Check.cases("parameterCount", sizes,
        s -> "parameterCount(" + Arrays.toString(s) + ")", s -> 13L, s -> (long) (s[0] == 2 ? 13 : 23860)));
    assertEquals("✘ parameterCount([784, 30, 10]) returned 13 but should be 23860.\n" + idea("parameterCount")
        + "RESULT exercise_parameterCount = fail\n", bad);
  }

  @Test
  void aWrongMatrixElementIsNamedByRowAndColumn() {
    DoubleMatrix reference = new DoubleMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    DoubleMatrix yours = reference.dup();
    yours.put(1, 2, 6.5);
    String bad = captured(() -> Check.matrix("feedforward", yours, reference));
    assertEquals("✘ feedforward, row 1, column 2: 6.5 but should be 6.\n" + idea("feedforward")
        + "RESULT exercise_feedforward = fail\n", bad);
    String transposed = captured(() -> Check.matrix("delta", new DoubleMatrix(3, 2), new DoubleMatrix(2, 3)));
    assertEquals("✘ delta has shape 3 x 2 but should be 2 x 3. Is it transposed?\n"
        + "RESULT exercise_delta = fail\n", transposed);
  }

  @Test
  void aWrongNetworkIsNamedByLayerRowAndColumn() {
    Network reference = Network.builder(4, 5, 3).seed(2).build();
    Network yours = reference.copy();
    String ok = captured(() -> Check.network("sgdStep", yours, reference));
    assertEquals("✔ sgdStep gives the reference's weights and biases in every layer. Well done!\n"
        + "RESULT exercise_sgdStep = pass\n", ok);
    yours.weights[2].put(1, 3, 0.25);
    String bad = captured(() -> Check.network("sgdStep", yours, reference));
    assertEquals("✘ Layer 2: weights[2], row 1, column 3: 0.25 but should be " + reference.weights[2].get(1, 3)
        + ".\n" + idea("sgdStep") + "RESULT exercise_sgdStep = fail\n", bad);
  }

  private static DoubleMatrix batch() {
    java.util.Random random = new java.util.Random(7);
    DoubleMatrix x = new DoubleMatrix(4, 6);
    for (int i = 0; i < x.length; i++) {
      x.data[i] = random.nextDouble();
    }
    return x;
  }

  @Test
  void backpropPassesTheGradientCheckOrNamesTheWorstElement() {
    Network net = Network.builder(4, 5, 4, 3).seed(1).build();
    DoubleMatrix x = batch();
    DoubleMatrix y = Dataset.oneHot(new int[] {0, 2, 1, 1, 0, 2}, 3);
    String ok = captured(() -> Check.backprop("backprop", Network::backprop, net, x, y));
    assertTrue(ok.matches("✔ backprop passes the gradient check: largest relative error \\d\\.\\de-\\d\\d, below "
        + "1e-07\\. Well done!\nRESULT exercise_backprop = pass\n"), ok);

    Gradients right = net.backprop(x, y);
    String bad = captured(() -> Check.backprop("backprop", (n, a, b) -> {
      Gradients g = n.backprop(a, b);
      g.nablaW()[2].put(3, 1, right.nablaW()[2].get(3, 1) + 0.01); // one slip, in layer 2
      return g;
    }, net, x, y));
    String prefix = "✘ Layer 2: nablaW[2] fails the gradient check (relative error ";
    assertTrue(bad.startsWith(prefix), bad);
    String rest = bad.substring(prefix.length());
    assertTrue(rest.matches("\\d\\.\\de-\\d\\d, threshold 1e-07\\)\\. Furthest off: row 3, column 1 is "
        + "[-0-9.E]+ but central differences give [-0-9.E]+\\.\n(?s).*"), rest);
    assertTrue(bad.endsWith(idea("backprop") + "RESULT exercise_backprop = fail\n"), bad);
  }

  @Test
  void theStubOfTheBackpropExerciseGetsTheShapeMessage() {
    Network net = Network.builder(4, 5, 4, 3).seed(1).build();
    DoubleMatrix x = batch();
    DoubleMatrix y = Dataset.oneHot(new int[] {0, 2, 1, 1, 0, 2}, 3);
    String bad = captured(() -> Check.backprop("backprop", (n, a, b) -> {
      DoubleMatrix[] w = new DoubleMatrix[4];
      DoubleMatrix[] bias = new DoubleMatrix[4];
      w[0] = new DoubleMatrix(0, 0);
      bias[0] = new DoubleMatrix(0, 0);
      return new Gradients(w, bias); // the loop body left empty
    }, net, x, y));
    assertEquals("✘ nablaW[1] and nablaB[1] must be matrices (like weights[1] and biases[1]), but nablaW[1] is "
        + "null: compute every layer from 1 to L.\n" + idea("backprop") + "RESULT exercise_backprop = fail\n", bad);
    String threw = captured(() -> Check.backprop("backpropRelu", (n, a, b) -> {
      throw new IllegalStateException("no");
    }, net, x, y));
    assertTrue(threw.startsWith("✘ backpropRelu threw java.lang.IllegalStateException: no.\n  Idea: "), threw);
  }
}
