package nn.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nn.Network;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** A long gradient check says so before it starts and reports progress (row A7 of docs/bad-inputs.md). */
class GradientCheckProgressTest {
  @Test
  void aLongCheckAnnouncesItselfAndReportsProgress() {
    double before = GradientCheck.progressSeconds;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    GradientCheck.progressSeconds = 0; // every check counts as long here; the real threshold is 5 s
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      Network net = new Network(20, 10, 3);
      GradientCheck.run(net, DoubleMatrix.rand(20, 4), Dataset.oneHot(new int[] {0, 1, 2, 0}, 3), 5, 1);
    } finally {
      System.setOut(out);
      GradientCheck.progressSeconds = before;
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).matches("GradientCheck: checking 18 weights and biases, two cost evaluations each: "
        + "about [0-9]+ s"), lines::toString);
    assertTrue(lines.get(1).matches("GradientCheck: 1 of 18 checked, about [0-9]+ s to go"), lines::toString);
    assertTrue(lines.size() == 18, lines::toString); // the header, then after each of the first 17
  }
}
