package nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;

/**
 * Digits and weights as pictures ({@link BufferedImage}; {@code display(image)} shows a PNG in JJava and
 * IJava). Works headless. An image is 784 values in [0, 1], row by row (pixel (r, c) is value
 * {@code 28 * r + c}), as MNIST stores them; ink is drawn dark on white.
 */
public final class Digits {
  /** Pixels per image pixel in {@link #image}. */
  public static final int SCALE = 4;
  /** Pixels per image pixel in {@link #grid}. */
  public static final int GRID_SCALE = 3;
  /** Height of the caption under each digit in {@link #grid}. */
  public static final int CAPTION = 30;
  /** Gap around each cell of {@link #grid}. */
  public static final int GAP = 6;
  /** Digits per row in {@link #grid}. */
  public static final int COLUMNS = 10;

  private static final Color MISTAKE = new Color(0xd62728);
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Digits() {}

  /** One digit, {@code 112 x 112}: {@code pixels} is a 784 x 1 column (e.g. {@code dataset.image(i)}). */
  public static BufferedImage image(DoubleMatrix pixels) {
    double[][] square = square(check(pixels, "Digits.image").toArray());
    return single(g -> paintDigit(g, square, 0, 0, SCALE));
  }

  /**
   * Examples {@code indices} of {@code data} in rows of {@link #COLUMNS}, each with its true label under it;
   * with {@code predicted} (one per index, may be null) also the prediction, and mistakes framed in red.
   * Size: {@code columns * (84 + 2 * GAP)} wide, {@code rows * (84 + CAPTION + 2 * GAP)} high.
   */
  public static BufferedImage grid(Dataset data, int[] indices, int[] predicted) {
    return grid(data, indices, predicted, null);
  }

  /**
   * The same, with the network's confidence in each prediction (e.g. its softmax output for the predicted
   * digit, one per index, in [0, 1]) after the prediction: "pred 7 99%".
   */
  public static BufferedImage grid(Dataset data, int[] indices, int[] predicted, double[] confidence) {
    if (confidence != null && (predicted == null || confidence.length != indices.length)) {
      throw new IllegalArgumentException("Digits.grid needs one prediction and one confidence per index: "
          + (indices == null ? 0 : indices.length) + " indices, " + (predicted == null ? "no" : predicted.length)
          + " predictions and " + confidence.length + " confidences.");
    }
    if (data == null || indices == null || indices.length == 0) {
      throw new IllegalArgumentException("Digits.grid needs a dataset and at least one index; got "
          + (data == null ? "no dataset" : "no indices") + ".");
    }
    if (data.inputs() != 784) {
      throw new IllegalArgumentException("Digits.grid draws 28 x 28 images (784 inputs); " + data.name()
          + " has " + data.inputs() + " inputs per example.");
    }
    if (predicted != null && predicted.length != indices.length) {
      throw new IllegalArgumentException("Digits.grid needs one prediction per index: " + indices.length
          + " indices but " + predicted.length + " predictions.");
    }
    for (int i : indices) {
      if (i < 0 || i >= data.size()) {
        throw new IllegalArgumentException("Index " + i + " is outside " + data.name() + " (0.."
            + (data.size() - 1) + ").");
      }
    }
    int side = 28 * GRID_SCALE;
    return cells(indices.length, CAPTION, (g, fm, n, x, y) -> {
      int i = indices[n];
      paintDigit(g, square(data.image(i).toArray()), x, y, GRID_SCALE);
      int label = data.label(i);
      boolean wrong = predicted != null && predicted[n] != label;
      String first = "true " + label;
      String second = predicted == null ? "" : "pred " + predicted[n]
          + (confidence == null ? "" : String.format(java.util.Locale.ROOT, " %.0f%%", 100 * confidence[n]));
      g.setColor(wrong ? MISTAKE : Color.DARK_GRAY);
      g.drawString(first, x + (side - fm.stringWidth(first)) / 2, y + side + 12);
      g.drawString(second, x + (side - fm.stringWidth(second)) / 2, y + side + 25);
      if (wrong) {
        g.setStroke(new BasicStroke(2f));
        g.drawRect(x - 2, y - 2, side + 3, side + 3);
      }
    });
  }

  /** Examples {@code indices} of {@code data} with their true labels. */
  public static BufferedImage grid(Dataset data, int[] indices) {
    return grid(data, indices, null);
  }

  /**
   * The 784 weights into one neuron as a {@code 112 x 112} picture: red positive, blue negative, white
   * zero, scaled by the largest absolute weight. {@code weights} is 784 values (a row of {@code weights[1]}
   * via {@code getRow(j)}, or a column).
   */
  public static BufferedImage weights(DoubleMatrix weights) {
    double[] values = check(weights, "Digits.weights").toArray();
    return single(g -> paintSigned(g, values, 0, 0, SCALE));
  }

  /**
   * Signed 28 x 28 maps side by side, each with its caption under it: red positive, blue negative, white
   * zero, each map scaled by its own largest absolute value. {@code maps} is {@code 784 x k}, one map per
   * column: {@code net.weights[1].transpose()} (the weights into each hidden neuron), or a saliency map per
   * image ({@code Saliency.of(net, x, j)}). {@code captions} has one line per map (may be null).
   */
  public static BufferedImage maps(DoubleMatrix maps, String[] captions) {
    if (maps == null || maps.rows != 784 || maps.columns == 0) {
      throw new IllegalArgumentException("Digits.maps needs 784 x k values, one 28 x 28 map per column; got "
          + (maps == null ? "null" : maps.rows + " x " + maps.columns) + "."
          + (maps != null && maps.columns == 784 ? " Use weights[1].transpose() for the weights." : ""));
    }
    if (captions != null && captions.length != maps.columns) {
      throw new IllegalArgumentException("Digits.maps needs one caption per map: " + maps.columns + " maps but "
          + captions.length + " captions.");
    }
    int side = 28 * GRID_SCALE;
    return cells(maps.columns, captions == null ? 0 : CAPTION / 2, (g, fm, n, x, y) -> {
      paintSigned(g, maps.getColumn(n).toArray(), x, y, GRID_SCALE);
      if (captions != null && captions[n] != null) {
        g.setColor(Color.DARK_GRAY);
        g.drawString(captions[n], x + (side - fm.stringWidth(captions[n])) / 2, y + side + 12);
      }
    });
  }

  /** A {@code 112 x 112} canvas ({@link #SCALE} pixels per image pixel) that {@code paint} fills. */
  private static BufferedImage single(java.util.function.Consumer<Graphics2D> paint) {
    BufferedImage image = new BufferedImage(28 * SCALE, 28 * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      paint.accept(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Paints cell {@code n} of a {@link #cells} canvas with its top-left corner at ({@code x}, {@code y}). */
  private interface Cell {
    void paint(Graphics2D g, FontMetrics fm, int n, int x, int y);
  }

  /**
   * A white canvas of {@code count} cells of {@code 28 * GRID_SCALE} pixels square plus {@code caption}
   * pixels under each, {@link #COLUMNS} to a row, with {@link #GAP} around each; {@code cell} paints each one
   * with the caption font set.
   */
  private static BufferedImage cells(int count, int caption, Cell cell) {
    int columns = Math.min(COLUMNS, count);
    int rows = (count + columns - 1) / columns;
    int side = 28 * GRID_SCALE;
    int cellW = side + 2 * GAP;
    int cellH = side + caption + 2 * GAP;
    BufferedImage image = new BufferedImage(columns * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(CAPTION_FONT);
      FontMetrics fm = g.getFontMetrics();
      for (int n = 0; n < count; n++) {
        cell.paint(g, fm, n, (n % columns) * cellW + GAP, (n / columns) * cellH + GAP);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** 784 signed values at ({@code x}, {@code y}): red positive, blue negative, scaled by the largest |value|. */
  private static void paintSigned(Graphics2D g, double[] values, int x, int y, int scale) {
    double limit = 1e-12;
    for (double v : values) {
      limit = Math.max(limit, Math.abs(v));
    }
    for (int p = 0; p < 784; p++) {
      g.setColor(Colors.diverging(values[p] / limit));
      g.fillRect(x + (p % 28) * scale, y + (p / 28) * scale, scale, scale);
    }
  }

  /** 784 values, row by row, as {@code [28][28]} (row r, column c). */
  static double[][] square(double[] values) {
    if (values.length != 784) {
      throw new IllegalArgumentException("A 28 x 28 image has 784 values, got " + values.length + ".");
    }
    double[][] out = new double[28][28];
    for (int r = 0; r < 28; r++) {
      System.arraycopy(values, 28 * r, out[r], 0, 28);
    }
    return out;
  }

  private static DoubleMatrix check(DoubleMatrix m, String who) {
    if (m == null || m.length != 784) {
      throw new IllegalArgumentException(who + " needs 784 values (a 28 x 28 image, e.g. dataset.image(i)); got "
          + (m == null ? "null" : m.rows + " x " + m.columns) + ".");
    }
    return m;
  }

  private static void paintDigit(Graphics2D g, double[][] square, int x, int y, int scale) {
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        double ink = Math.max(0, Math.min(1, square[r][c]));
        int level = (int) Math.round(255 * (1 - ink));
        g.setColor(new Color(level, level, level));
        g.fillRect(x + c * scale, y + r * scale, scale, scale);
      }
    }
  }
}
