package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;

class ChartTest {
  private static Table history() {
    return Table.create("training history",
        IntColumn.create("epoch", 1, 2, 3),
        DoubleColumn.create("train cost", 0.9, 0.5, 0.3),
        DoubleColumn.create("train accuracy", Double.NaN, Double.NaN, Double.NaN),
        DoubleColumn.create("validation cost", 1.0, 0.6, 0.4),
        DoubleColumn.create("validation accuracy", 0.5, 0.7, 0.8));
  }

  @Test
  void pictureHasTheLayoutSizeOrTheDefault() {
    Chart line = Chart.of(LinePlot.create("Cost", history(), "epoch", "train cost"));
    assertEquals(800, line.image().getWidth()); // Tablesaw's layout says 800 x 600
    assertEquals(600, line.image().getHeight());
    Chart training = Charts.training(history(), "Training");
    assertEquals(900, training.image().getWidth());
    assertEquals(400, training.image().getHeight());
    BufferedImage small = training.image(300, 200);
    assertEquals(300, small.getWidth());
    assertEquals(200, small.getHeight());
    assertThrows(IllegalArgumentException.class, () -> training.image(10, 10));
  }

  @Test
  void pictureIsNotBlank() {
    BufferedImage image = Charts.training(history(), "Training").image();
    int white = 0xffffffff;
    int inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        if (image.getRGB(x, y) != white) {
          inked++;
        }
      }
    }
    assertTrue(inked > 500, "only " + inked + " painted pixels");
  }

  @Test
  void trainingChartLeavesOutUnmeasuredColumnsAndPutsAccuracyOnTheSecondPanel() {
    Chart chart = Charts.training(history(), "Training: epoch 3 of 3");
    List<?> data = (List<?>) chart.plotly().get("data");
    assertEquals(3, data.size(), "train accuracy is all NaN and is left out");
    Map<?, ?> testAccuracy = (Map<?, ?>) data.get(2);
    assertEquals("validation accuracy", testAccuracy.get("name"));
    assertEquals("y2", testAccuracy.get("yaxis"));
    assertEquals("Training: epoch 3 of 3", chart.title());
    Map<?, ?> layout = (Map<?, ?>) chart.plotly().get("layout");
    assertEquals(Map.of("text", "accuracy"), ((Map<?, ?>) layout.get("yaxis2")).get("title"));
  }

  @Test
  void mimeBundleHasJsonObjectAndPngPicture() throws Exception {
    Chart chart = Chart.of(LinePlot.create("Cost", history(), "epoch", "train cost"));
    Map<String, Object> bundle = chart.mimeBundle();
    assertEquals(Chart.MIME_TYPES, List.copyOf(bundle.keySet()));
    assertInstanceOf(Map.class, bundle.get("application/vnd.plotly.v1+json"),
        "a String would reach the browser as a quoted JSON string");
    String html = (String) bundle.get("text/html");
    assertTrue(html.startsWith("<img src=\"data:image/png;base64,"), html.substring(0, 40));
    String base64 = html.substring(html.indexOf(',') + 1, html.indexOf('"', html.indexOf(',')));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    assertEquals(800, decoded.getWidth());
    assertEquals("Chart \"Cost\" with 1 trace(s)", bundle.get("text/plain"));
  }

  @Test
  void confusionWeightsAndHistogramCharts() {
    Chart confusion = Charts.confusion(new int[][] {{5, 1}, {2, 7}});
    assertEquals("Confusion matrix", confusion.title());
    assertEquals(560, confusion.image().getWidth());
    DoubleMatrix weights = DoubleMatrix.rand(3, 784).subi(0.5);
    Chart w = Charts.weights(weights, 2);
    assertEquals("Weights into hidden neuron 2", w.title());
    Map<?, ?> trace = (Map<?, ?>) ((List<?>) w.plotly().get("data")).get(0);
    assertEquals(28, ((List<?>) trace.get("z")).size());
    assertEquals(0.0, trace.get("zmid"));
    assertThrows(IllegalArgumentException.class, () -> Charts.weights(weights, 3));
    assertThrows(IllegalArgumentException.class, () -> Charts.weights(new DoubleMatrix(3, 10), 0));
    Chart h = Charts.histogram(new double[] {0.1, 0.5, 0.9, 0.9}, "Activations", "activation");
    assertEquals(700, h.image().getWidth());
    assertNotEquals("", h.title());
    assertThrows(IllegalArgumentException.class, () -> Charts.confusion(new int[][] {{1, 2}}));
  }

  @Test
  void histogramBinsCountEveryValue() {
    double[] bins = ChartPainter.histogram(Map.of("x", List.of(0.0, 0.25, 0.5, 1.0), "nbinsx", 2.0));
    assertEquals(0.0, bins[0]);
    assertEquals(0.5, bins[1]);
    assertEquals(2.0, bins[2]);
    assertEquals(2.0, bins[3], "the top value falls into the last bin");
  }
}
