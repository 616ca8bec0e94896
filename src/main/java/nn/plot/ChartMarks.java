package nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.training.History;

/**
 * A vertical marker on a chart: a dashed line at one x (the epoch early stopping keeps) on every panel, with a
 * short label above it. In the plotly figure it is a layout {@code shape} ({@code type: line}, {@code yref:
 * paper}) and an {@code annotation} per x axis; {@link ChartPainter} paints the same into the picture.
 */
final class ChartMarks {
  /** The marker's colour, a grey none of the chart's lines uses. */
  static final String COLOUR = "rgb(90,90,90)";

  private ChartMarks() {}

  /** A copy of {@code chart} with a dashed vertical line at {@code x} on every panel, labelled {@code label}. */
  static Chart at(Chart chart, double x, String label) {
    Map<String, Object> figure = PlotlyJson.cleaned(chart.plotly()); // a deep, modifiable copy
    Map<String, Object> layout = ChartPainter.map(figure.get("layout"));
    List<Object> shapes = new ArrayList<>(ChartPainter.list(layout.get("shapes")));
    List<Object> annotations = new ArrayList<>(ChartPainter.list(layout.get("annotations")));
    for (String axis : xAxes(layout)) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "line");
      line.put("xref", axis);
      line.put("yref", "paper");
      line.put("x0", x);
      line.put("x1", x);
      line.put("y0", 0.0);
      line.put("y1", 1.0);
      line.put("line", Map.of("color", COLOUR, "width", 1.5, "dash", "dash"));
      shapes.add(line);
      Map<String, Object> text = new LinkedHashMap<>();
      text.put("xref", axis);
      text.put("yref", "paper");
      text.put("x", x);
      text.put("y", 1.0);
      text.put("yanchor", "bottom");
      text.put("text", label);
      text.put("showarrow", false);
      text.put("font", Map.of("color", COLOUR));
      annotations.add(text);
    }
    layout.put("shapes", shapes);
    layout.put("annotations", annotations);
    return new Chart(figure);
  }

  /**
   * The training chart of {@code history} marked at its {@code bestEpoch()} when early stopping was on: "kept
   * epoch 9" once training is over ({@code finished}), else "best so far". Unchanged when it was off.
   */
  static Chart bestEpoch(Chart chart, History history, boolean finished) {
    int best = history.bestEpoch();
    return best == 0 ? chart : at(chart, best, finished ? "kept epoch " + best : "best so far");
  }

  /** What a title adds for early stopping: " (stopped early: kept epoch 9)", " (best so far: epoch 4)", "". */
  static String titleNote(History history) {
    int best = history.bestEpoch();
    return best == 0 ? "" : history.stoppedEarly() ? " (stopped early: kept epoch " + best + ")"
        : " (best so far: epoch " + best + ")";
  }

  /** The layout's x axes as plotly names them in {@code xref}: "x" for {@code xaxis}, "x2" for {@code xaxis2}. */
  private static List<String> xAxes(Map<String, Object> layout) {
    List<String> axes = new ArrayList<>();
    for (String key : layout.keySet()) {
      if (key.matches("xaxis[0-9]*")) {
        axes.add("x" + key.substring(5));
      }
    }
    return axes.isEmpty() ? List.of("x") : axes;
  }

  /** Paints the vertical lines and labels of {@code layout} that belong to the panel on x axis {@code xAxis}. */
  static void paint(ChartPanel panel, Map<String, Object> layout, String xAxis) {
    Color colour = ChartPainter.colourOf(Map.of("line", Map.of("color", COLOUR)), Color.DARK_GRAY);
    java.awt.Stroke stroke = panel.g.getStroke(); // put back after: the next panel's grid must not be dashed
    for (Object s : ChartPainter.list(layout.get("shapes"))) {
      Map<String, Object> shape = ChartPainter.map(s);
      if ("line".equals(shape.get("type")) && xAxis.equals(ChartPainter.str(shape.get("xref"), "x"))
          && shape.get("x0") instanceof Number x && x.equals(shape.get("x1")) && inside(panel, x.doubleValue())) {
        panel.g.setColor(colour);
        panel.g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f));
        int px = panel.px(x.doubleValue());
        panel.g.drawLine(px, panel.top + 1, px, panel.bottom - 1);
      }
    }
    panel.g.setFont(ChartPainter.TICK);
    FontMetrics fm = panel.g.getFontMetrics();
    for (Object a : ChartPainter.list(layout.get("annotations"))) {
      Map<String, Object> note = ChartPainter.map(a);
      if (xAxis.equals(ChartPainter.str(note.get("xref"), "x")) && note.get("x") instanceof Number x
          && inside(panel, x.doubleValue())) {
        String text = ChartPainter.str(note.get("text"), "");
        int px = Math.max(panel.left, Math.min(panel.right - fm.stringWidth(text), panel.px(x.doubleValue())
            - fm.stringWidth(text) / 2));
        panel.g.setColor(colour);
        panel.g.drawString(text, px, panel.top - 4);
      }
    }
    panel.g.setStroke(stroke);
  }

  private static boolean inside(ChartPanel panel, double x) {
    return x >= Math.min(panel.xMin, panel.xMax) && x <= Math.max(panel.xMin, panel.xMax);
  }
}
