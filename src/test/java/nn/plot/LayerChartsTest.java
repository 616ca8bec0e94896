package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import nn.Network;
import nn.training.History;
import nn.training.Sgd;
import org.junit.jupiter.api.Test;

/** Plots.layers and Plots.saturation: the records as charts, a log axis painted with powers of ten. */
class LayerChartsTest {
  private static History recorded() {
    return Network.builder(4, 6, 5, 3).seed(1).build().fit(EarlyStopChartTest.blobs(300, 1), null,
        new Sgd().epochs(4).batchSize(10).eta(3.0).recordLayers(true).verbose(false));
  }

  private static int inked(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        count += image.getRGB(x, y) != 0xffffffff ? 1 : 0;
      }
    }
    return count;
  }

  @Test
  void gradientNormChartHasALinePerLayerOnALogAxis() {
    History h = recorded();
    Chart chart = LayerCharts.gradientNorms(h);
    List<?> data = (List<?>) chart.plotly().get("data");
    assertEquals(3, data.size(), "layers 1, 2 and 3");
    Map<?, ?> first = (Map<?, ?>) data.get(0);
    assertEquals("layer 1", first.get("name"));
    assertEquals(5, ((List<?>) first.get("x")).size(), "epochs 0..4");
    assertEquals(h.gradientNorms(1)[4], ((List<?>) first.get("y")).get(4));
    Map<?, ?> y = (Map<?, ?>) ((Map<?, ?>) chart.plotly().get("layout")).get("yaxis");
    assertEquals("log", y.get("type"));
    assertTrue(inked(chart.image()) > 500);
    assertEquals("0.001", LogAxis.label(-3));
    assertEquals("100", LogAxis.label(2));
  }

  @Test
  void logAxisPaintsTheLogarithms() {
    List<Map<String, Object>> traces = List.of(Map.of("y", List.of(0.01, 1.0, 0.0)));
    List<Map<String, Object>> painted = LogAxis.traces(traces, Map.of("type", "log"));
    assertEquals(List.of(-2.0, 0.0), ((List<?>) painted.get(0).get("y")).subList(0, 2));
    assertEquals(null, ((List<?>) painted.get(0).get("y")).get(2), "0 has no logarithm: a gap");
    assertEquals(traces, LogAxis.traces(traces, Map.of()), "a linear axis leaves the traces alone");
  }

  @Test
  void saturationChartHasALinePerHiddenLayer() {
    History h = recorded();
    Chart chart = LayerCharts.saturation(h);
    List<?> data = (List<?>) chart.plotly().get("data");
    assertEquals(2, data.size(), "hidden layers 1 and 2");
    assertEquals("Saturated hidden neurons (sigmoid: |z| > 5)", chart.title());
    assertTrue(inked(chart.image()) > 300);
    assertTrue(Plots.layers(h) != null && Plots.saturation(h) != null);
  }

  @Test
  void withoutRecordsTheChartsSayHowToGetThem() {
    History h = new Network(4, 3, 3).fit(EarlyStopChartTest.blobs(50, 1), null, new Sgd().epochs(1).verbose(false));
    assertEquals("Plots.layers needs layer records, and this run did not keep them: train with new "
        + "Sgd().recordLayers(true).", assertThrows(IllegalArgumentException.class, () -> Plots.layers(h))
            .getMessage());
    assertEquals("Plots.saturation needs the History that fit returned, got null.",
        assertThrows(IllegalArgumentException.class, () -> Plots.saturation(null)).getMessage());
  }
}
