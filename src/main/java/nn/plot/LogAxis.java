package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logarithmic y axis ({@code yaxis.type: "log"}) in {@link ChartPainter}'s pictures: the traces are painted
 * on {@code log10(y)} (plotly's own coordinates for such an axis, its {@code range} included), and
 * {@link ChartPanel} labels the ticks with the powers of ten they stand for.
 */
final class LogAxis {
  private LogAxis() {}

  static boolean is(Map<String, Object> axis) {
    return "log".equals(axis.get("type"));
  }

  /** The traces as painted on {@code yAxis}: unchanged on a linear axis, copies on {@code log10(y)} on a log one. */
  static List<Map<String, Object>> traces(List<Map<String, Object>> traces, Map<String, Object> yAxis) {
    if (!is(yAxis)) {
      return traces;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> t : traces) {
      Map<String, Object> copy = new LinkedHashMap<>(t);
      double[] y = ChartPainter.numbers(t.get("y"), 0);
      List<Object> logs = new ArrayList<>();
      for (double v : y) {
        logs.add(v > 0 ? Math.log10(v) : null); // zero and below have no place on a log axis: a gap
      }
      copy.put("y", logs);
      if (t.get("x") == null) {
        copy.put("x", ChartPainter.list(ChartPainter.numbers(null, y.length)));
      }
      out.add(copy);
    }
    return out;
  }

  /** The label of tick {@code v} (an exponent) on a log axis: 0.001, 0.01, ..., 1, 10, 100. */
  static String label(double v) {
    return ChartPainter.tickLabel(Math.pow(10, v));
  }
}
