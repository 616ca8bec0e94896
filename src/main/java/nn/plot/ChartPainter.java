package nn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

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
        ChartPanel drawn = new ChartPanel(g, left, plotTop, right, bottom);
        colour = drawn.draw(LogAxis.traces(panel.getValue(), yAxis), xAxis, yAxis, colour);
        ChartMarks.paint(drawn, layout, axes[0]); // vertical markers (the epoch early stopping kept)
      }
    } finally {
      g.dispose();
    }
    return image;
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

  static String tickLabel(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String s = String.format("%.3g", v);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static List<String> labels(Object values, int count) {
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

  /** The trace's own {@code line.color} when it is written {@code rgb(r,g,b)}, else {@code otherwise}. */
  static Color colourOf(Map<String, Object> trace, Color otherwise) {
    Object colour = map(trace.get("line")).get("color");
    colour = colour == null ? map(trace.get("marker")).get("color") : colour; // a dots-only trace's colour
    if (colour instanceof String s && s.matches("rgb\\(\\d+,\\d+,\\d+\\)")) {
      String[] parts = s.substring(4, s.length() - 1).split(",");
      return new Color(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
    return otherwise;
  }

  /** The diameter in pixels of a trace's dots: its {@code marker.size}, else 7. */
  static int markerSize(Map<String, Object> trace) {
    return map(trace.get("marker")).get("size") instanceof Number n ? Math.max(2, Math.min(20, n.intValue())) : 7;
  }

  static String str(Object value, String otherwise) {
    return value == null ? otherwise : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  /** The smallest and largest number in the rows of a heatmap's or contour's z, NaNs skipped: {lo, hi}. */
  static double[] range(List<Object> z) {
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
    return new double[] {lo, hi};
  }

  static List<Object> list(Object value) {
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
