package nn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;

class PlotlyJsonTest {
  private static Table history() {
    return Table.create("h",
        IntColumn.create("epoch", 1, 2, 3),
        DoubleColumn.create("train cost", 0.5, Double.NaN, 0.25));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  @Test
  void linePlotKeepsChartAndAxisTitlesInPlotly3Form() {
    Map<String, Object> plot = PlotlyJson.of(LinePlot.create("Cost per epoch", history(), "epoch", "train cost"));
    Map<String, Object> layout = map(plot.get("layout"));
    assertEquals(Map.of("text", "Cost per epoch"), layout.get("title"));
    assertEquals(Map.of("text", "epoch"), map(layout.get("xaxis")).get("title"));
    assertEquals(Map.of("text", "train cost"), map(layout.get("yaxis")).get("title"));
    String json = PlotlyJson.toJson(plot);
    assertTrue(json.contains("\"title\":{\"text\":\"Cost per epoch\"}"), json);
    assertFalse(json.contains("\"title\":\"Cost"), json);
  }

  @Test
  void numbersWrittenAsStringsBecomeNumbersAndGapsBecomeNull() {
    Map<String, Object> trace = map(list(PlotlyJson.of(
        LinePlot.create("Cost", history(), "epoch", "train cost")).get("data")).get(0));
    assertEquals(List.of(1.0, 2.0, 3.0), trace.get("x"));
    List<Object> y = list(trace.get("y"));
    assertEquals(0.5, y.get(0));
    assertNull(y.get(1));
    assertEquals(0.25, y.get(2));
    assertEquals("scatter", trace.get("type"));
    assertTrue(PlotlyJson.toJson(trace).contains("\"y\":[0.5,null,0.25]"));
  }

  @Test
  void heatmapAndHistogramConvert() {
    Figure heat = new Figure(Layout.builder("Confusion", "predicted", "true").build(),
        HeatmapTrace.builder(new Object[] {"a", "b"}, new Object[] {"a", "b"},
            new double[][] {{1, 2}, {3, 4}}).build());
    Map<String, Object> trace = map(list(PlotlyJson.of(heat).get("data")).get(0));
    assertEquals("heatmap", trace.get("type"));
    assertEquals(List.of("a", "b"), trace.get("x"), "category labels stay strings");
    assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), trace.get("z"));

    Figure hist = new Figure(Layout.builder("Activations").build(),
        HistogramTrace.builder(new double[] {0.1, 0.2, 0.2}).build());
    Map<String, Object> h = PlotlyJson.of(hist);
    assertEquals("histogram", map(list(h.get("data")).get(0)).get("type"));
    assertEquals(Map.of("text", "Activations"), map(h.get("layout")).get("title"));
  }

  @Test
  void jsonEscapesTextAndWritesNaNAsNull() {
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("a", "x\"y</script>");
    value.put("b", Double.NaN);
    value.put("c", List.of(1.0, 2.5));
    assertEquals("{\"a\":\"x\\\"y\\u003c/script\\u003e\",\"b\":null,\"c\":[1,2.5]}", PlotlyJson.toJson(value));
  }

  @Test
  void nullFigureIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PlotlyJson.of(null));
  }

  @Test
  void badScriptNamesThePosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlotlyJson.parse("{a: @}", 0));
    assertTrue(e.getMessage().contains("character 4"), e.getMessage());
  }
}
