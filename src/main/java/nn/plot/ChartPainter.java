package nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paints a plotly figure (the maps of {@link PlotlyJson}) into a picture with plain Java2D: the still
 * picture shown where no plotly renderer runs (static HTML export, other kernels, GitHub's viewer).
 *
 * <p>It knows what this workbook draws: line/marker scatter traces, heatmaps and histograms, on one or more
 * panels (plotly's {@code xaxis2}/{@code yaxis2} with {@code domain}), with chart and axis titles. It needs
 * no screen (works headless).
 */
final class ChartPainter {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private ChartPainter() {}

  /** Paints {@code figure} ({@code {data, layout}}) into a {@code width x height} RGB picture. */
  static BufferedImage paint(Map<String, Object> figure, int width, int height) {
    if (width < 50 || height < 50) {
      throw new IllegalArgumentException("Chart picture must be at least 50 x 50 pixels, got " + width + " x "
          + height + ".");
    }
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      Map<String, Object> layout = map(figure.get("layout"));
      int top = 20;
      String title = titleText(layout.get("title"));
      if (!title.isEmpty()) {
        g.setFont(TITLE);
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, 20, 26);
        top = 45;
      }
      // Group traces by the panel (x axis, y axis) they are drawn on, keeping the order of first use.
      Map<String, List<Map<String, Object>>> panels = new LinkedHashMap<>();
      for (Object t : list(figure.get("data"))) {
        Map<String, Object> trace = map(t);
        String key = str(trace.get("xaxis"), "x") + "," + str(trace.get("yaxis"), "y");
        panels.computeIfAbsent(key, k -> new ArrayList<>()).add(trace);
      }
      int colour = 0;
      for (Map.Entry<String, List<Map<String, Object>>> panel : panels.entrySet()) {
        String[] axes = panel.getKey().split(",");
        Map<String, Object> xAxis = map(layout.get(axisName(axes[0], "xaxis")));
        Map<String, Object> yAxis = map(layout.get(axisName(axes[1], "yaxis")));
        double[] xDomain = domain(xAxis);
        double[] yDomain = domain(yAxis);
        int left = (int) (xDomain[0] * width) + 70;
        int right = (int) (xDomain[1] * width) - 20;
        int plotTop = top + (int) ((1 - yDomain[1]) * (height - top));
        int bottom = top + (int) ((1 - yDomain[0]) * (height - top)) - 55;
        if (right - left < 20 || bottom - plotTop < 20) {
          continue; // too small to draw anything readable
        }
        colour = new Panel(g, left, plotTop, right, bottom).draw(panel.getValue(), xAxis, yAxis, colour);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** One set of axes and what is drawn on it. */
  private static final class Panel {
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
    boolean xWhole = true;
    final List<int[]> drawnPoints = new ArrayList<>();

    Panel(Graphics2D g, int left, int top, int right, int bottom) {
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
        String type = str(t.get("type"), "scatter");
        if (type.equals("heatmap")) {
          List<Object> z = list(t.get("z"));
          int rows = z.size();
          int cols = rows == 0 ? 0 : list(z.get(0)).size();
          xCategories = labels(t.get("x"), cols);
          yCategories = labels(t.get("y"), rows);
          grow(-0.5, cols - 0.5, -0.5, rows - 0.5);
        } else if (type.equals("histogram")) {
          xWhole = false;
          double[] bars = histogram(t);
          histograms.add(bars);
          double lo = bars[0];
          double w = bars[1];
          double maxCount = 0;
          for (int i = 2; i < bars.length; i++) {
            maxCount = Math.max(maxCount, bars[i]);
          }
          grow(lo, lo + w * (bars.length - 2), 0, maxCount);
        } else {
          double[] x = numbers(t.get("x"), list(t.get("y")).size());
          double[] y = numbers(t.get("y"), 0);
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
      Map<String, Object> yRange = yAxis;
      if (yRange.get("range") instanceof List<?> r && r.size() == 2 && r.get(0) instanceof Number a
          && r.get(1) instanceof Number b) {
        yMin = a.doubleValue();
        yMax = b.doubleValue();
      }
      yReversed = "reversed".equals(yAxis.get("autorange"));
      yPercent = String.valueOf(yAxis.get("tickformat")).endsWith("%");
      boolean heatmap = xCategories != null;
      if (!heatmap) {
        double pad = (yMax - yMin) * 0.05;
        yMin -= pad;
        yMax += pad;
      }
      if (!heatmap) {
        g.setColor(new Color(0xeeeeee));
        for (double v : ticks(yMin, yMax)) {
          g.drawLine(left + 1, py(v), right - 1, py(v)); // grid under the data
        }
      }
      int histogram = 0;
      List<String[]> legend = new ArrayList<>();
      for (Map<String, Object> t : traces) {
        String type = str(t.get("type"), "scatter");
        Color c = PALETTE[colour % PALETTE.length];
        if (type.equals("heatmap")) {
          drawHeatmap(t);
          continue;
        }
        colour++;
        if (type.equals("histogram")) {
          drawBars(histograms.get(histogram++), c);
        } else {
          drawLine(t, c);
        }
        String name = str(t.get("name"), "");
        if (!name.isEmpty()) {
          legend.add(new String[] {name, Integer.toString(colour - 1)});
        }
      }
      drawAxes(heatmap, titleText(xAxis.get("title")), titleText(yAxis.get("title")));
      drawLegend(legend);
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
      double[] y = numbers(t.get("y"), 0);
      double[] x = numbers(t.get("x"), y.length);
      String mode = str(t.get("mode"), "lines");
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
          g.fillOval(px(x[i]) - 3, py(y[i]) - 3, 7, 7);
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
      List<Object> z = list(t.get("z"));
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Object row : z) {
        for (double v : numbers(row, 0)) {
          if (!Double.isNaN(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      if (t.get("zmin") instanceof Number a) {
        lo = a.doubleValue();
      }
      if (t.get("zmax") instanceof Number b) {
        hi = b.doubleValue();
      }
      boolean diverging = t.get("zmid") instanceof Number;
      for (int r = 0; r < z.size(); r++) {
        double[] row = numbers(z.get(r), 0);
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
      g.setFont(TICK);
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
        for (double v : ticks(xMin, xMax)) {
          if (xWhole && v != Math.rint(v)) {
            continue; // epochs and other counts: whole-number ticks only
          }
          String s = tickLabel(v);
          g.drawLine(px(v), bottom, px(v), bottom + 4);
          g.drawString(s, px(v) - fm.stringWidth(s) / 2, bottom + 16);
        }
        for (double v : ticks(yMin, yMax)) {
          String s = yPercent ? tickLabel(Math.round(v * 1000) / 10.0) + "%" : tickLabel(v);
          g.drawLine(left - 4, py(v), left, py(v));
          g.drawString(s, left - 7 - fm.stringWidth(s), py(v) + 4);
        }
      }
      g.setFont(LABEL);
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

    void drawLegend(List<String[]> legend) {
      if (legend.isEmpty()) {
        return;
      }
      g.setFont(TICK);
      FontMetrics fm = g.getFontMetrics();
      int w = 0;
      for (String[] e : legend) {
        w = Math.max(w, fm.stringWidth(e[0]));
      }
      int boxW = w + 34;
      int boxH = legend.size() * 16 + 4;
      // Put the legend in the corner with the fewest data points under it.
      int[][] corners = {
        {right - boxW - 2, top + 8}, {left + 8, top + 8},
        {right - boxW - 2, bottom - boxH - 4}, {left + 8, bottom - boxH - 4}};
      int x = corners[0][0];
      int y = corners[0][1];
      int fewest = Integer.MAX_VALUE;
      for (int[] corner : corners) {
        int under = 0;
        for (int[] p : drawnPoints) {
          if (p[0] >= corner[0] - 10 && p[0] <= corner[0] + boxW + 10 && p[1] >= corner[1] - 10
              && p[1] <= corner[1] + boxH + 10) {
            under++;
          }
        }
        if (under < fewest) {
          fewest = under;
          x = corner[0] + 4;
          y = corner[1] + 2;
        }
      }
      g.setColor(new Color(255, 255, 255, 220));
      g.fillRect(x - 4, y - 2, w + 34, legend.size() * 16 + 4);
      for (String[] e : legend) {
        g.setColor(PALETTE[Integer.parseInt(e[1]) % PALETTE.length]);
        g.fillRect(x, y + 6, 20, 3);
        g.setColor(Color.DARK_GRAY);
        g.drawString(e[0], x + 26, y + 12);
        y += 16;
      }
    }
  }

  /** Bins a histogram trace: {lowest edge, bin width, count of bin 0, count of bin 1, ...}. */
  static double[] histogram(Map<String, Object> trace) {
    double[] x = numbers(trace.get("x"), 0);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        n++;
      }
    }
    if (n == 0) {
      return new double[] {0, 1};
    }
    int bins = trace.get("nbinsx") instanceof Number b && b.intValue() > 0
        ? b.intValue()
        : Math.max(1, Math.min(60, (int) Math.ceil(Math.sqrt(n))));
    double width = hi > lo ? (hi - lo) / bins : 1;
    double[] out = new double[bins + 2];
    out[0] = lo;
    out[1] = width;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        int b = Math.min(bins - 1, (int) ((v - lo) / width));
        out[2 + b]++;
      }
    }
    return out;
  }

  /** About five round tick values covering [lo, hi]. */
  static List<Double> ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      step = m * magnitude;
      if (raw <= step) {
        break;
      }
    }
    List<Double> out = new ArrayList<>();
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return out;
  }

  private static String tickLabel(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format("%.3g", v);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static List<String> labels(Object values, int count) {
    List<String> out = new ArrayList<>();
    List<Object> given = list(values);
    for (int i = 0; i < count; i++) {
      Object v = i < given.size() ? given.get(i) : null;
      out.add(v == null ? Integer.toString(i)
          : v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v));
    }
    return out;
  }

  /** Values as doubles (NaN where missing); if {@code values} is absent, 0, 1, ..., defaultCount - 1. */
  static double[] numbers(Object values, int defaultCount) {
    if (values == null) {
      double[] index = new double[defaultCount];
      for (int i = 0; i < defaultCount; i++) {
        index[i] = i;
      }
      return index;
    }
    if (values instanceof double[] array) {
      return array;
    }
    List<Object> list = list(values);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = list.get(i);
      out[i] = v instanceof Number n ? n.doubleValue() : Double.NaN;
      if (v instanceof String s) {
        try {
          out[i] = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          out[i] = i; // a category: place it by position
        }
      }
    }
    return out;
  }

  static String titleText(Object title) {
    if (title instanceof Map<?, ?> m) {
      return str(m.get("text"), "");
    }
    return str(title, "");
  }

  private static String axisName(String shortName, String prefix) {
    String number = shortName.length() > 1 ? shortName.substring(1) : "";
    return prefix + number;
  }

  private static double[] domain(Map<String, Object> axis) {
    if (axis.get("domain") instanceof List<?> d && d.size() == 2 && d.get(0) instanceof Number a
        && d.get(1) instanceof Number b) {
      return new double[] {a.doubleValue(), b.doubleValue()};
    }
    return new double[] {0, 1};
  }

  private static String str(Object value, String otherwise) {
    return value == null ? otherwise : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    if (value instanceof List) {
      return (List<Object>) value;
    }
    if (value instanceof double[] a) {
      List<Object> out = new ArrayList<>();
      for (double d : a) {
        out.add(d);
      }
      return out;
    }
    return List.of();
  }
}
