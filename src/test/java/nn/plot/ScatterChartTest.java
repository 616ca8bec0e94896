package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Charts#scatter}: one trace of dots per label, in plotly JSON and in the painted picture. */
class ScatterChartTest {
  private static final double[] X = {0, 1, 2, 3, 4, 5};
  private static final double[] Y = {0, 1, 0, 1, 0, 1};
  private static final int[] LABELS = {3, 0, 3, 9, 0, 3};

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> traces(Chart chart) {
    return (List<Map<String, Object>>) chart.plotly().get("data");
  }

  @Test
  void oneTraceOfDotsPerLabelInIncreasingOrder() {
    Chart chart = Charts.scatter(X, Y, LABELS, "Hidden layer, first two components", "component 1",
        "component 2");
    assertEquals("Hidden layer, first two components", chart.title());
    List<Map<String, Object>> traces = traces(chart);
    assertEquals(List.of("0", "3", "9"), traces.stream().map(t -> t.get("name")).toList());
    Map<String, Object> three = traces.get(1);
    assertEquals("markers", three.get("mode"));
    assertEquals(List.of(0.0, 2.0, 5.0), three.get("x"), "the points labelled 3, in their order");
    assertEquals(List.of(0.0, 0.0, 1.0), three.get("y"));
    assertEquals(Charts.CATEGORY10.get(3), ((Map<?, ?>) three.get("marker")).get("color"));
    assertTrue(chart.toJson().contains("\"title\":{\"text\":\"component 1\"}"), chart.toJson());
  }

  @Test
  void pictureDrawsEachLabelsDotsInItsColour() {
    double[] x = new double[200];
    double[] y = new double[200];
    int[] labels = new int[200];
    for (int i = 0; i < 200; i++) {
      labels[i] = i < 100 ? 1 : 2;                 // label 1 on the left, label 2 on the right
      x[i] = (i < 100 ? 0 : 10) + (i % 10) * 0.1;
      y[i] = (i / 10) % 10;
    }
    BufferedImage image = Charts.scatter(x, y, labels, "two clusters", "x", "y").image();
    assertEquals(700, image.getWidth());
    assertEquals(560, image.getHeight());
    Color orange = new Color(255, 127, 14);        // CATEGORY10[1]
    Color green = new Color(44, 160, 44);          // CATEGORY10[2]
    int[] orangeX = columnsOf(image, orange);
    int[] greenX = columnsOf(image, green);
    assertTrue(orangeX[2] > 50 && greenX[2] > 50, "both labels' dots are painted: " + orangeX[2] + ", " + greenX[2]);
    // By the mean column: the legend's short line in each colour is too small to move it.
    assertTrue(orangeX[0] < image.getWidth() / 3, "label 1 on the left (mean x = " + orangeX[0] + ")");
    assertTrue(greenX[0] > image.getWidth() / 2, "label 2 on the right (mean x = " + greenX[0] + ")");
  }

  /** The mean column of the pixels of colour c below the title, and their count (twice, for the index). */
  private static int[] columnsOf(BufferedImage image, Color c) {
    long sum = 0;
    int count = 0;
    for (int py = 60; py < image.getHeight(); py++) {
      for (int px = 0; px < image.getWidth(); px++) {
        if (image.getRGB(px, py) == c.getRGB()) {
          sum += px;
          count++;
        }
      }
    }
    return new int[] {count == 0 ? -1 : (int) (sum / count), count, count};
  }

  @Test
  void mismatchedLengthsSayWhatIsWrong() {
    assertEquals("Charts.scatter needs as many y values and labels as x values, at least one; got 6 x, 6 y and "
        + "5 labels.", assertThrows(IllegalArgumentException.class,
            () -> Charts.scatter(X, Y, new int[5], "t", "x", "y")).getMessage());
    assertEquals("Charts.scatter needs as many y values and labels as x values, at least one; got 6 x, no y and "
        + "6 labels.", assertThrows(IllegalArgumentException.class,
            () -> Charts.scatter(X, null, LABELS, "t", "x", "y")).getMessage());
  }
}
