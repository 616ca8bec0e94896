package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ContourTrace;

/**
 * A function of two parameters as a contour plot, with paths drawn over it: a cost surface {@code C(w, b)}
 * and the steps gradient descent takes on it. The interactive chart is plotly's {@code contour} trace (made with
 * Tablesaw's {@link ContourTrace}); the still picture paints the same levels as bands ({@link ContourPainter}).
 *
 * <pre>{@code
 * Chart c = Contour.of("Cost C(w, b)", "w", "b", (w, b) -> cost(w, b), -1.5, 2, -0.5, 3.5,
 *     new Contour.Path("eta = 0.1", ws, bs));
 * }</pre>
 */
public final class Contour {
  /** Points on a side of the grid the function is sampled on. */
  public static final int GRID = 81;

  /** Plotly's colour scale of {@link Colors#VIRIDIS}, the same stops the Java picture uses. */
  private static List<Object> colorscale() {
    List<Object> scale = new ArrayList<>();
    int[][] stops = Colors.VIRIDIS;
    for (int i = 0; i < stops.length; i++) {
      scale.add(List.of((double) i / (stops.length - 1),
          "rgb(" + stops[i][0] + "," + stops[i][1] + "," + stops[i][2] + ")"));
    }
    return scale;
  }

  /**
   * A path: the points {@code (x[i], y[i])} joined in order, e.g. the parameters after each step of gradient
   * descent. Points outside the plotted window are clipped, not dropped: a path that runs away leaves it.
   */
  public record Path(String name, double[] x, double[] y) {
    public Path {
      if (x == null || y == null || x.length != y.length || x.length == 0) {
        throw new IllegalArgumentException("A path needs as many x as y values, at least one; got "
            + (x == null ? "null" : x.length) + " x and " + (y == null ? "null" : y.length) + " y values.");
      }
      name = name == null ? "" : name;
    }
  }

  private Contour() {}

  /**
   * {@code f(x, y)} on a {@value #GRID} x {@value #GRID} grid over {@code [xFrom, xTo] x [yFrom, yTo]} as
   * filled contours (dark = low), with {@code paths} drawn over it as lines with a marker at every point.
   */
  public static Chart of(String title, String xTitle, String yTitle, DoubleBinaryOperator f, double xFrom,
      double xTo, double yFrom, double yTo, Path... paths) {
    if (f == null) {
      throw new IllegalArgumentException("Contour.of needs the function to draw, e.g. (w, b) -> cost(w, b); got "
          + "null.");
    }
    if (!(xFrom < xTo) || !(yFrom < yTo)) {
      throw new IllegalArgumentException("Contour.of needs xFrom < xTo and yFrom < yTo; got x from " + xFrom
          + " to " + xTo + ", y from " + yFrom + " to " + yTo + ".");
    }
    double[] x = grid(xFrom, xTo);
    double[] y = grid(yFrom, yTo);
    double[][] z = new double[GRID][GRID];
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        z[i][j] = f.applyAsDouble(x[j], y[i]); // plotly's z: one row per y value
      }
    }
    Figure figure = new Figure(
        Layout.builder(title == null ? "" : title, xTitle == null ? "" : xTitle, yTitle == null ? "" : yTitle)
            .width(640).height(600).build(),
        ContourTrace.builder(boxed(x), boxed(y), z).build());
    Map<String, Object> plot = PlotlyJson.of(figure);
    @SuppressWarnings("unchecked")
    List<Object> data = (List<Object>) plot.get("data");
    @SuppressWarnings("unchecked")
    Map<String, Object> surface = (Map<String, Object>) data.get(0);
    surface.put("colorscale", colorscale());
    surface.put("ncontours", 25);
    surface.put("showscale", true);
    surface.put("name", "cost");
    int colour = 0;
    for (Path p : paths) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "scatter");
      line.put("mode", "lines+markers");
      line.put("name", p.name());
      line.put("x", list(p.x()));
      line.put("y", list(p.y()));
      line.put("line", Map.of("color", PATH_COLOURS[colour % PATH_COLOURS.length], "width", 2));
      line.put("marker", Map.of("color", PATH_COLOURS[colour % PATH_COLOURS.length], "size", 5));
      colour++;
      data.add(line);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = (Map<String, Object>) plot.get("layout");
    layout.put("xaxis", range(layout.get("xaxis"), xFrom, xTo));
    layout.put("yaxis", range(layout.get("yaxis"), yFrom, yTo));
    // Below the plot, in a row: inside it would hide part of a path, and the colour bar is on the right.
    layout.put("legend", Map.of("orientation", "h", "x", 0.0, "y", -0.18, "yanchor", "top"));
    return new Chart(plot);
  }

  /** Colours of the paths: they must stand out on Viridis and on the legend's white (so no blue or green). */
  static final String[] PATH_COLOURS = {"rgb(214,39,40)", "rgb(255,127,14)", "rgb(227,119,194)",
      "rgb(23,190,207)", "rgb(140,86,75)"};

  private static double[] grid(double from, double to) {
    double[] g = new double[GRID];
    for (int i = 0; i < GRID; i++) {
      g[i] = from + (to - from) * i / (GRID - 1);
    }
    return g;
  }

  private static Object[] boxed(double[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static List<Object> list(double[] values) {
    List<Object> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static Map<String, Object> range(Object axis, double from, double to) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (axis instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    out.put("range", List.of(from, to));
    return out;
  }
}
