package nn.plot;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * Paints a plotly {@code contour} trace into a {@link ChartPanel}: the grid's cells filled in
 * {@link Colors#viridis}, quantised to the trace's {@code ncontours} levels, so the bands between contour lines
 * show as they do in plotly.
 */
final class ContourPainter {
  private ContourPainter() {}

  /** The trace's grid: {x values, y values}; z has one row per y value. */
  static double[][] axes(Map<String, Object> trace) {
    List<Object> z = ChartPainter.list(trace.get("z"));
    int rows = z.size();
    int cols = rows == 0 ? 0 : ChartPainter.list(z.get(0)).size();
    return new double[][] {ChartPainter.numbers(trace.get("x"), cols), ChartPainter.numbers(trace.get("y"), rows)};
  }

  static void paint(ChartPanel panel, Map<String, Object> trace) {
    List<Object> z = ChartPainter.list(trace.get("z"));
    double[][] xy = axes(trace);
    double[] x = xy[0];
    double[] y = xy[1];
    double[] range = ChartPainter.range(z);
    double lo = range[0];
    double hi = range[1];
    int levels = trace.get("ncontours") instanceof Number n && n.intValue() > 1 ? n.intValue() : 15;
    for (int r = 0; r < z.size() && r < y.length; r++) {
      double[] row = ChartPainter.numbers(z.get(r), 0);
      int y0 = panel.py(edge(y, r, -1));
      int y1 = panel.py(edge(y, r, +1));
      for (int k = 0; k < row.length && k < x.length; k++) {
        double f = hi > lo ? (row[k] - lo) / (hi - lo) : 0.5;
        double band = Math.min(levels - 1, Math.floor(f * levels)) / (levels - 1);
        panel.g.setColor(Double.isNaN(row[k]) ? Color.WHITE : Colors.viridis(band));
        int x0 = panel.px(edge(x, k, -1));
        int x1 = panel.px(edge(x, k, +1));
        panel.g.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 1, Math.abs(y1 - y0) + 1);
      }
    }
  }

  /** Half way from grid point {@code i} to its neighbour on {@code side} (-1 or +1); the grid's own end beyond. */
  private static double edge(double[] grid, int i, int side) {
    int j = i + side;
    if (j < 0 || j >= grid.length) {
      return grid[i];
    }
    return (grid[i] + grid[j]) / 2;
  }
}
