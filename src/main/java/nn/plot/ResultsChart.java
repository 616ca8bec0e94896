package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The results table of lesson 11 as a chart: each set-up one dot, its validation accuracy against the seconds
 * it took to train, so a row that buys a little accuracy for a lot of time shows as far right; where other
 * seeds were tried, a vertical line from their lowest to their highest accuracy.
 */
final class ResultsChart {
  private ResultsChart() {}

  /** From a table with columns {@code setup}, {@code validation accuracy}, {@code seconds} (and min, max). */
  static Chart of(Table results) {
    for (String column : List.of("setup", "validation accuracy", "seconds")) {
      if (results == null || !results.containsColumn(column)) {
        throw new IllegalArgumentException("The results chart needs a table with the column \"" + column
            + "\"; got " + (results == null ? "null" : results.columnNames()) + ". Use Results.table().");
      }
    }
    boolean spread = results.containsColumn("min") && results.containsColumn("max");
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < results.rowCount(); i++) {
      String setup = results.stringColumn("setup").get(i);
      double seconds = results.numberColumn("seconds").getDouble(i);
      double accuracy = results.numberColumn("validation accuracy").getDouble(i);
      data.add(trace(setup, "markers", List.of(seconds), List.of(accuracy)));
      if (spread && !results.numberColumn("min").isMissing(i)) {
        double lo = results.numberColumn("min").getDouble(i);
        double hi = results.numberColumn("max").getDouble(i);
        data.add(trace(setup + ": other seeds, lowest to highest", "lines", List.of(seconds, seconds),
            List.of(lo, hi)));
      }
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", Map.of("text", "Results: validation accuracy against training time"));
    layout.put("width", 900);
    layout.put("height", 450);
    layout.put("xaxis", Map.of("title", Map.of("text", "training seconds"), "rangemode", "tozero"));
    layout.put("yaxis", Map.of("title", Map.of("text", "validation accuracy"), "tickformat", ".1%"));
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("data", data);
    figure.put("layout", layout);
    return new Chart(figure);
  }

  private static Map<String, Object> trace(String name, String mode, List<Double> x, List<Double> y) {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("type", "scatter");
    trace.put("mode", mode);
    trace.put("name", name);
    trace.put("x", x);
    trace.put("y", y);
    if (mode.equals("markers")) {
      trace.put("marker", Map.of("size", 12));
    }
    return trace;
  }
}
