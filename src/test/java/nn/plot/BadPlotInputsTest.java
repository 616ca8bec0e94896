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
  void histogramWithoutTitlesStillDraws() {
    assertNotNull(Charts.histogram(new double[] {1, 2, 2, 3}, null, null));
  }
}
