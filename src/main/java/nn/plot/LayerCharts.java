package nn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.training.History;

/**
 * Charts of what {@code Sgd.recordLayers(true)} records, one line per layer against the epoch (0 = before
 * training): the gradient norm {@code ‖∇_{weights[l]} C‖} on a log axis (the vanishing gradient of lesson 08:
 * layer 1's line far below the last layer's), and the share of saturated or dead hidden neurons.
 */
final class LayerCharts {
  private LayerCharts() {}

  /** The gradient norm of every layer l = 1..L per epoch, log y axis. */
  static Chart gradientNorms(History history) {
    int layers = layers(history, "Plots.layers");
    List<Object> data = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      data.add(line("layer " + l, history.gradientNorms(l)));
    }
    Map<String, Object> y = axis("gradient norm ‖∇ weights[l] C‖");
    y.put("type", "log");
    return chart(data, "Gradient norm per layer (first 1,000 training examples)", y);
  }

  /** The share of saturated (or dead) neurons of every hidden layer per epoch, 0% to 100%. */
  static Chart saturation(History history) {
    int layers = layers(history, "Plots.saturation");
    if (layers < 2) {
      throw new IllegalArgumentException("Plots.saturation charts the hidden layers, and this network has none "
          + "(sizes has two entries): give it a hidden layer, e.g. Network(784, 30, 10).");
    }
    List<Object> data = new ArrayList<>();
    for (int l = 1; l < layers; l++) {
      data.add(line("layer " + l, history.saturation(l)));
    }
    Map<String, Object> y = axis("share of hidden neurons");
    y.put("tickformat", ".0%");
    y.put("range", List.of(-0.02, 1.02));
    return chart(data, "Saturated hidden neurons (" + history.saturationRule() + ")", y);
  }

  private static int layers(History history, String method) {
    if (history == null) {
      throw new IllegalArgumentException(method + " needs the History that fit returned, got null.");
    }
    if (history.recordedLayers() == 0) {
      throw new IllegalArgumentException(method + " needs layer records, and this run did not keep them: train "
          + "with new Sgd().recordLayers(true).");
    }
    return history.recordedLayers();
  }

  private static Map<String, Object> line(String name, double[] values) {
    List<Object> x = new ArrayList<>();
    List<Object> y = new ArrayList<>();
    for (int e = 0; e < values.length; e++) {
      x.add((double) e);
      y.add(values[e]);
    }
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("type", "scatter");
    trace.put("mode", "lines+markers");
    trace.put("name", name);
    trace.put("x", x);
    trace.put("y", y);
    return trace;
  }

  private static Map<String, Object> axis(String title) {
    Map<String, Object> axis = new LinkedHashMap<>();
    axis.put("title", Map.of("text", title));
    return axis;
  }

  private static Chart chart(List<Object> data, String title, Map<String, Object> yAxis) {
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", Map.of("text", title));
    layout.put("width", 700);
    layout.put("height", 420);
    layout.put("xaxis", axis("epoch (0 = before training)"));
    layout.put("yaxis", yAxis);
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("data", data);
    figure.put("layout", layout);
    return new Chart(figure);
  }
}
