package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rows P1..P3 of docs/bad-inputs.md: plot inputs that used to escape as bare NPE/AIOOBE. */
class BadPlotInputsTest {
  @Test
  void raggedConfusionCountsAreExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plots.confusion(new int[][] {{1, 2}, {3}}));
    assertEquals("Charts.confusion needs a square counts[true][predicted] matrix: row 1 has 1 entries but there "
        + "are 2 rows. Use ConfusionMatrix.counts().", e.getMessage());
  }

  @Test
  void aNullRowOfConfusionCountsIsExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plots.confusion(new int[][] {{1, 2}, null}));
    assertEquals("Charts.confusion needs a square counts[true][predicted] matrix: row 1 has no entries (null) "
        + "but there are 2 rows. Use ConfusionMatrix.counts().", e.getMessage());
  }

  @Test
  void otherPlotMistakesAreExplained() {
    assertMessage("Plots.training needs the History that fit returned, got null.",
        () -> Plots.training((nn.training.History) null));
    assertMessage("Charts.training needs a history table with an \"epoch\" column; got null. Use History.toTable().",
        () -> Plots.training((tech.tablesaw.api.Table) null));
    assertMessage("Plots.show needs a chart or a Tablesaw figure, got null.", () -> Plots.show((Chart) null));
    assertMessage("plannedEpochs must be 0 (unknown) or more, got -1.", () -> Plots.liveTraining(-1));
    nn.data.Dataset d = new nn.data.Dataset(new org.jblas.DoubleMatrix(784, 3), new int[] {0, 1, 2}, 10, "three");
    assertMessage("Index -1 is outside three (0..2).", () -> Digits.grid(d, new int[] {-1}));
    assertMessage("Digits.image needs 784 values (a 28 x 28 image, e.g. dataset.image(i)); got 28 x 1.",
        () -> Digits.image(new org.jblas.DoubleMatrix(28, 1)));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, action).getMessage());
  }

  @Test
  void histogramWithoutTitlesStillDraws() {
    assertNotNull(Charts.histogram(new double[] {1, 2, 2, 3}, null, null));
  }
}
