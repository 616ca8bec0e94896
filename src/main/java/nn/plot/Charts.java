package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblas.DoubleMatrix;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;

/**
 * The workbook's charts, as {@link Chart} objects (for display use {@link Plots}, which also falls back to a
 * picture when no kernel renderer is there).
 */
public final class Charts {
  /** Pale yellow to dark blue, the same stops as the Java painter, for counts. */
  private static final List<Object> SEQUENTIAL = List.of(
      List.of(0.0, "rgb(255,255,217)"), List.of(0.333, "rgb(127,205,187)"),
      List.of(0.667, "rgb(29,145,192)"), List.of(1.0, "rgb(8,29,88)"));
  /** Blue (negative), white (zero), red (positive), for weights. */
  private static final List<Object> DIVERGING = List.of(
      List.of(0.0, "rgb(0,0,255)"), List.of(0.5, "rgb(255,255,255)"), List.of(1.0, "rgb(255,0,0)"));

  private Charts() {}

  /**
   * Cost and accuracy per epoch, side by side, from a history table with columns {@code epoch},
   * {@code train cost}, {@code validation cost}, {@code train accuracy}, {@code validation accuracy} (as
   * {@code nn.training.History.toTable()} makes it; columns that are missing or all NaN are left out).
   */
  public static Chart training(Table history, String title) {
    if (history == null || !history.containsColumn("epoch")) {
      throw new IllegalArgumentException("Charts.training needs a history table with an \"epoch\" column; got "
          + (history == null ? "null" : history.columnNames()) + ". Use History.toTable().");
    }
    List<Object> data = new ArrayList<>();
    double[] epochs = column(history, "epoch");
    addLine(data, history, epochs, "train cost", "x", "y");
    addLine(data, history, epochs, "validation cost", "x", "y");
    addLine(data, history, epochs, "train accuracy", "x2", "y2");
    addLine(data, history, epochs, "validation accuracy", "x2", "y2");
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", title(title));
    layout.put("width", 900);
    layout.put("height", 400);
    layout.put("xaxis", axis("epoch", List.of(0.0, 0.45), "y"));
    layout.put("yaxis", axis("cost", null, "x"));
    layout.put("xaxis2", axis("epoch", List.of(0.55, 1.0), "y2"));
    Map<String, Object> accuracy = axis("accuracy", null, "x2");
    accuracy.put("tickformat", ".0%");
    layout.put("yaxis2", accuracy);
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("data", data);
    figure.put("layout", layout);
    return new Chart(figure);
  }

  /** A heatmap of {@code counts[true][predicted]}, true labels down, predicted labels across. */
  public static Chart confusion(int[][] counts) {
    if (counts == null || counts.length == 0 || counts[0].length != counts.length) {
      throw new IllegalArgumentException("Charts.confusion needs a square counts[true][predicted] matrix; got "
          + (counts == null ? "null" : counts.length + " rows") + ". Use ConfusionMatrix.counts().");
    }
    int k = counts.length;
    for (int i = 0; i < k; i++) {
      if (counts[i] == null || counts[i].length != k) {
        throw new IllegalArgumentException("Charts.confusion needs a square counts[true][predicted] matrix: row "
            + i + " has " + (counts[i] == null ? "no entries (null)" : counts[i].length + " entries") + " but there "
            + "are " + k + " rows. Use ConfusionMatrix.counts().");
      }
    }
    double[][] z = new double[k][k];
    String[] labels = new String[k];
    for (int i = 0; i < k; i++) {
      labels[i] = Integer.toString(i);
      for (int j = 0; j < k; j++) {
        z[i][j] = counts[i][j];
      }
    }
    Figure figure = new Figure(
        Layout.builder("Confusion matrix", "predicted label", "true label").width(560).height(500).build(),
        HeatmapTrace.builder(labels, labels, z).build());
    Map<String, Object> plot = PlotlyJson.of(figure);
    trace(plot).put("colorscale", SEQUENTIAL);
    axisOf(plot, "yaxis").put("autorange", "reversed");
    axisOf(plot, "xaxis").put("type", "category");
    axisOf(plot, "yaxis").put("type", "category");
    return new Chart(plot);
  }

  /**
   * The 784 weights into one hidden neuron as a 28 x 28 heatmap, blue negative, red positive, white zero.
   * {@code weights} is {@code weights[1]} of a network ({@code hidden x 784}); {@code neuron} picks the row.
   */
  public static Chart weights(DoubleMatrix weights, int neuron) {
    if (weights == null || weights.columns != 784) {
      throw new IllegalArgumentException("Charts.weights needs weights[1] with 784 columns (one per pixel); got "
          + (weights == null ? "null" : weights.rows + " x " + weights.columns) + ".");
    }
    if (neuron < 0 || neuron >= weights.rows) {
      throw new IllegalArgumentException("Neuron must be in 0.." + (weights.rows - 1) + ", got " + neuron + ".");
    }
    double[][] z = Digits.square(weights.getRow(neuron).toArray());
    double limit = 1e-12;
    for (double[] row : z) {
      for (double v : row) {
        limit = Math.max(limit, Math.abs(v));
      }
    }
    String[] index = new String[28];
    for (int i = 0; i < 28; i++) {
      index[i] = Integer.toString(i);
    }
    Figure figure = new Figure(
        Layout.builder("Weights into hidden neuron " + neuron, "pixel column", "pixel row")
            .width(520).height(480).build(),
        HeatmapTrace.builder(index, index, z).build());
    Map<String, Object> plot = PlotlyJson.of(figure);
    Map<String, Object> trace = trace(plot);
    trace.put("colorscale", DIVERGING);
    trace.put("zmid", 0.0);
    trace.put("zmin", -limit);
    trace.put("zmax", limit);
    axisOf(plot, "yaxis").put("autorange", "reversed");
    axisOf(plot, "yaxis").put("scaleanchor", "x");
    return new Chart(plot);
  }

  /** A histogram of {@code values} (e.g. the activations of a layer). */
  public static Chart histogram(double[] values, String title, String xTitle) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("Charts.histogram needs at least one value; got "
          + (values == null ? "null" : "none") + ".");
    }
    // Tablesaw's Layout throws a bare NullPointerException for a null title.
    title = title == null ? "" : title;
    xTitle = xTitle == null ? "" : xTitle;
    Figure figure = new Figure(
        Layout.builder(title, xTitle, "count").width(700).height(400).build(),
        HistogramTrace.builder(values).build());
    return Chart.of(figure);
  }

  /** Ten distinct colours (plotly's and d3's category 10), one per digit in {@link #scatter}. */
  static final List<String> CATEGORY10 = List.of("rgb(31,119,180)", "rgb(255,127,14)", "rgb(44,160,44)",
      "rgb(214,39,40)", "rgb(148,103,189)", "rgb(140,86,75)", "rgb(227,119,194)", "rgb(127,127,127)",
      "rgb(188,189,34)", "rgb(23,190,207)");

  /**
   * Points {@code (x[i], y[i])} as dots coloured by {@code labels[i]} (e.g. a digit), one legend entry per label
   * that occurs, labels in increasing order: a projection of a layer's activations, say.
   */
  public static Chart scatter(double[] x, double[] y, int[] labels, String title, String xTitle, String yTitle) {
    if (x == null || y == null || labels == null || x.length == 0 || x.length != y.length
        || x.length != labels.length) {
      throw new IllegalArgumentException("Charts.scatter needs as many y values and labels as x values, at least "
          + "one; got " + count(x) + " x, " + count(y) + " y and " + count(labels) + " labels.");
    }
    java.util.TreeMap<Integer, List<Integer>> byLabel = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    List<Object> data = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> group : byLabel.entrySet()) {
      List<Object> xs = new ArrayList<>();
      List<Object> ys = new ArrayList<>();
      for (int i : group.getValue()) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
      Map<String, Object> trace = new LinkedHashMap<>();
      trace.put("type", "scatter");
      trace.put("mode", "markers");
      trace.put("name", Integer.toString(group.getKey()));
      trace.put("x", xs);
      trace.put("y", ys);
      trace.put("marker", Map.of("size", 5, "color",
          CATEGORY10.get(Math.floorMod(group.getKey(), CATEGORY10.size()))));
      data.add(trace);
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", title(title));
    layout.put("width", 700);
    layout.put("height", 560);
    layout.put("xaxis", axis(xTitle, null, "y"));
    layout.put("yaxis", axis(yTitle, null, "x"));
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("data", data);
    figure.put("layout", layout);
    return new Chart(figure);
  }

  private static String count(Object array) {
    return array == null ? "no" : Integer.toString(java.lang.reflect.Array.getLength(array));
  }

  private static void addLine(List<Object> data, Table history, double[] epochs, String name, String x,
      String y) {
    if (!history.containsColumn(name)) {
      return;
    }
    double[] values = column(history, name);
    boolean any = false;
    List<Object> ys = new ArrayList<>();
    List<Object> xs = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      any |= !Double.isNaN(values[i]);
      xs.add(epochs[i]);
      ys.add(Double.isNaN(values[i]) ? null : values[i]);
    }
    if (!any) {
      return;
    }
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("type", "scatter");
    trace.put("mode", "lines+markers");
    trace.put("name", name);
    trace.put("x", xs);
    trace.put("y", ys);
    trace.put("xaxis", x);
    trace.put("yaxis", y);
    data.add(trace);
  }

  private static double[] column(Table table, String name) {
    NumericColumn<?> c = table.numberColumn(name);
    double[] out = new double[c.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
    }
    return out;
  }

  private static Map<String, Object> title(String text) {
    Map<String, Object> title = new LinkedHashMap<>();
    title.put("text", text == null ? "" : text);
    return title;
  }

  private static Map<String, Object> axis(String title, List<Double> domain, String anchor) {
    Map<String, Object> axis = new LinkedHashMap<>();
    axis.put("title", title(title));
    if (domain != null) {
      axis.put("domain", domain);
    }
    axis.put("anchor", anchor);
    return axis;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> trace(Map<String, Object> plot) {
    return (Map<String, Object>) ((List<Object>) plot.get("data")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> axisOf(Map<String, Object> plot, String name) {
    Map<String, Object> layout = (Map<String, Object>) plot.get("layout");
    return (Map<String, Object>) layout.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
  }
}
