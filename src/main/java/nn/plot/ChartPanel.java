package nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One set of axes of a {@link ChartPainter} picture and the traces drawn on it: scatter lines and markers,
 * heatmap cells, histogram bars, ticks, axis titles and a legend.
 */
final class ChartPanel {
  final Graphics2D g;
  final int left;
  final int top;
  final int right;
  final int bottom;
  double xMin = Double.POSITIVE_INFINITY;
  double xMax = Double.NEGATIVE_INFINITY;
  double yMin = Double.POSITIVE_INFINITY;
  double yMax = Double.NEGATIVE_INFINITY;
  List<String> xCategories;
  List<String> yCategories;
  boolean yReversed;
  boolean yPercent;
  boolean yLog; // traces come in as log10(y) (LogAxis); ticks are labelled with the powers of ten
  boolean xWhole = true;
  /** A contour fills the panel: no padding around the data, no grid lines under it. */
  boolean filled;
  final List<int[]> drawnPoints = new ArrayList<>();

  ChartPanel(Graphics2D g, int left, int top, int right, int bottom) {
    this.g = g;
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
  }

  int draw(List<Map<String, Object>> traces, Map<String, Object> xAxis, Map<String, Object> yAxis,
      int colour) {
    List<double[]> histograms = new ArrayList<>();
    for (Map<String, Object> t : traces) {
      String type = ChartPainter.str(t.get("type"), "scatter");
      if (type.equals("contour")) {
        double[][] xy = ContourPainter.axes(t);
        filled = true;
        xWhole = false;
        grow(xy[0][0], xy[0][xy[0].length - 1], xy[1][0], xy[1][xy[1].length - 1]);
      } else if (type.equals("heatmap")) {
        List<Object> z = ChartPainter.list(t.get("z"));
        int rows = z.size();
        int cols = rows == 0 ? 0 : ChartPainter.list(z.get(0)).size();
        xCategories = ChartPainter.labels(t.get("x"), cols);
        yCategories = ChartPainter.labels(t.get("y"), rows);
        grow(-0.5, cols - 0.5, -0.5, rows - 0.5);
      } else if (type.equals("histogram")) {
        xWhole = false;
        double[] bars = ChartPainter.histogram(t);
        histograms.add(bars);
        double lo = bars[0];
        double w = bars[1];
        double maxCount = 0;
        for (int i = 2; i < bars.length; i++) {
          maxCount = Math.max(maxCount, bars[i]);
        }
        grow(lo, lo + w * (bars.length - 2), 0, maxCount);
      } else {
        double[] x = ChartPainter.numbers(t.get("x"), ChartPainter.list(t.get("y")).size());
        double[] y = ChartPainter.numbers(t.get("y"), 0);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
          if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
            grow(x[i], x[i], y[i], y[i]);
            xWhole &= x[i] == Math.rint(x[i]);
          }
        }
      }
    }
    if (xMin > xMax) {
      xMin = 0;
      xMax = 1;
    }
    if (yMin > yMax) {
      yMin = 0;
      yMax = 1;
    }
    if (xMin == xMax) {
      xMin -= 0.5;
      xMax += 0.5;
    }
    if (yMin == yMax) {
      yMin -= 0.5;
      yMax += 0.5;
    }
    if (yAxis.get("range") instanceof List<?> r && r.size() == 2 && r.get(0) instanceof Number a
        && r.get(1) instanceof Number b) {
      yMin = a.doubleValue();
      yMax = b.doubleValue();
    }
    if (xAxis.get("range") instanceof List<?> r && r.size() == 2 && r.get(0) instanceof Number a
        && r.get(1) instanceof Number b) {
      xMin = a.doubleValue();
      xMax = b.doubleValue();
    }
    yReversed = "reversed".equals(yAxis.get("autorange"));
    yPercent = String.valueOf(yAxis.get("tickformat")).endsWith("%");
    yLog = LogAxis.is(yAxis);
    boolean heatmap = xCategories != null;
    if (!heatmap && !filled) {
      double pad = (yMax - yMin) * 0.05;
      yMin -= pad;
      yMax += pad;
    }
    if (!heatmap && !filled) {
      g.setColor(new Color(0xeeeeee));
      for (double v : ChartPainter.ticks(yMin, yMax)) {
        g.drawLine(left + 1, py(v), right - 1, py(v)); // grid under the data
      }
    }
    int histogram = 0;
    List<String[]> legend = new ArrayList<>();
    java.awt.Shape clip = g.getClip();
    g.clipRect(left, top, right - left + 1, bottom - top + 1); // a path that leaves the axes' range is cut off
    for (Map<String, Object> t : traces) {
      String type = ChartPainter.str(t.get("type"), "scatter");
      Color c = ChartPainter.colourOf(t, ChartPainter.PALETTE[colour % ChartPainter.PALETTE.length]);
      if (type.equals("heatmap")) {
        drawHeatmap(t);
        continue;
      }
      if (type.equals("contour")) {
        ContourPainter.paint(this, t);
        continue;
      }
      colour++;
      if (type.equals("histogram")) {
        drawBars(histograms.get(histogram++), c);
      } else {
        drawLine(t, c);
      }
      String name = ChartPainter.str(t.get("name"), "");
      if (!name.isEmpty()) {
        legend.add(new String[] {name, Integer.toString(c.getRGB())});
      }
    }
    g.setClip(clip);
    drawAxes(heatmap, ChartPainter.titleText(xAxis.get("title")), ChartPainter.titleText(yAxis.get("title")));
    ChartLegend.draw(this, legend);
    return colour;
  }

  void grow(double x0, double x1, double y0, double y1) {
    xMin = Math.min(xMin, x0);
    xMax = Math.max(xMax, x1);
    yMin = Math.min(yMin, y0);
    yMax = Math.max(yMax, y1);
  }

  int px(double x) {
    return (int) Math.round(left + (x - xMin) / (xMax - xMin) * (right - left));
  }

  int py(double y) {
    double f = (y - yMin) / (yMax - yMin);
    return (int) Math.round(yReversed ? top + f * (bottom - top) : bottom - f * (bottom - top));
  }

  void drawLine(Map<String, Object> t, Color c) {
    double[] y = ChartPainter.numbers(t.get("y"), 0);
    double[] x = ChartPainter.numbers(t.get("x"), y.length);
    String mode = ChartPainter.str(t.get("mode"), "lines");
    int dot = ChartPainter.markerSize(t);
    g.setColor(c);
    g.setStroke(new BasicStroke(2f));
    Path2D path = new Path2D.Double();
    boolean penDown = false;
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        penDown = false; // a gap in the data is a gap in the line
        continue;
      }
      if (penDown && !drawnPoints.isEmpty()) {
        int[] from = drawnPoints.get(drawnPoints.size() - 1);
        for (int k = 1; k < 20; k++) { // points along the segment, so the legend avoids lines too
          drawnPoints.add(new int[] {
            from[0] + (px(x[i]) - from[0]) * k / 20, from[1] + (py(y[i]) - from[1]) * k / 20});
        }
      }
      drawnPoints.add(new int[] {px(x[i]), py(y[i])});
      if (penDown) {
        path.lineTo(px(x[i]), py(y[i]));
      } else {
        path.moveTo(px(x[i]), py(y[i]));
        penDown = true;
      }
      if (mode.contains("markers") || x.length == 1) {
        g.fillOval(px(x[i]) - dot / 2, py(y[i]) - dot / 2, dot, dot);
      }
    }
    if (mode.contains("lines")) {
      g.draw(path);
    }
  }

  void drawBars(double[] bars, Color c) {
    double lo = bars[0];
    double w = bars[1];
    for (int i = 2; i < bars.length; i++) {
      double x0 = lo + w * (i - 2);
      int a = px(x0);
      int b = px(x0 + w);
      int yTop = py(bars[i]);
      g.setColor(c);
      g.fillRect(a, yTop, Math.max(1, b - a), py(0) - yTop);
      g.setColor(Color.WHITE);
      g.drawRect(a, yTop, Math.max(1, b - a), py(0) - yTop);
    }
  }

  void drawHeatmap(Map<String, Object> t) {
    List<Object> z = ChartPainter.list(t.get("z"));
    double[] range = ChartPainter.range(z);
    double lo = range[0];
    double hi = range[1];
    if (t.get("zmin") instanceof Number a) {
      lo = a.doubleValue();
    }
    if (t.get("zmax") instanceof Number b) {
      hi = b.doubleValue();
    }
    boolean diverging = t.get("zmid") instanceof Number;
    for (int r = 0; r < z.size(); r++) {
      double[] row = ChartPainter.numbers(z.get(r), 0);
      for (int k = 0; k < row.length; k++) {
        double v = row[k];
        double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        g.setColor(Double.isNaN(v) ? Color.WHITE : diverging ? Colors.diverging(2 * f - 1) : Colors.sequential(f));
        int x0 = px(k - 0.5);
        int x1 = px(k + 0.5);
        int y0 = Math.min(py(r + 0.5), py(r - 0.5));
        int y1 = Math.max(py(r + 0.5), py(r - 0.5));
        g.fillRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
      }
    }
  }

  void drawAxes(boolean categories, String xTitle, String yTitle) {
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.GRAY);
    g.drawRect(left, top, right - left, bottom - top);
    g.setFont(ChartPainter.TICK);
    FontMetrics fm = g.getFontMetrics();
    if (xCategories != null) {
      int step = Math.max(1, xCategories.size() / 10);
      for (int i = 0; i < xCategories.size(); i += step) {
        String s = xCategories.get(i);
        g.drawString(s, px(i) - fm.stringWidth(s) / 2, bottom + 15);
      }
      step = Math.max(1, yCategories.size() / 10);
      for (int i = 0; i < yCategories.size(); i += step) {
        String s = yCategories.get(i);
        g.drawString(s, left - 6 - fm.stringWidth(s), py(i) + 4);
      }
    } else {
      for (double v : ChartPainter.ticks(xMin, xMax)) {
        if (xWhole && v != Math.rint(v)) {
          continue; // epochs and other counts: whole-number ticks only
        }
        String s = ChartPainter.tickLabel(v);
        g.drawLine(px(v), bottom, px(v), bottom + 4);
        g.drawString(s, px(v) - fm.stringWidth(s) / 2, bottom + 16);
      }
      for (double v : ChartPainter.ticks(yMin, yMax)) {
        String s = yLog ? LogAxis.label(v) : yPercent ? ChartPainter.tickLabel(Math.round(v * 1000) / 10.0) + "%"
            : ChartPainter.tickLabel(v);
        g.drawLine(left - 4, py(v), left, py(v));
        g.drawString(s, left - 7 - fm.stringWidth(s), py(v) + 4);
      }
    }
    g.setFont(ChartPainter.LABEL);
    g.setColor(Color.DARK_GRAY);
    fm = g.getFontMetrics();
    if (!xTitle.isEmpty()) {
      g.drawString(xTitle, (left + right) / 2 - fm.stringWidth(xTitle) / 2, bottom + 36);
    }
    if (!yTitle.isEmpty()) {
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2);
      r.drawString(yTitle, -((top + bottom) / 2 + fm.stringWidth(yTitle) / 2), left - 48);
      r.dispose();
    }
  }
}
