package nn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Pictures of a network's layers in the workbook's indexing: layer 0 (the input) on the left, layer
 * {@code L} on the right, neuron 0 of each layer at the top, and between layers {@code l-1} and {@code l}
 * the label {@code weights[l]} with its shape {@code sizes[l] x sizes[l-1]}.
 *
 * <p>{@link #image} draws a {@link BufferedImage} ({@code display(...)} shows it in a notebook; works
 * headless); {@link #text} the same facts as plain text. Layers with more than {@link #MAX_SHOWN} neurons
 * show the first few and the last, with a gap marked "⋮".
 */
public final class NetworkDiagram {
  /** Most neurons drawn per layer; bigger layers are abbreviated. */
  public static final int MAX_SHOWN = 8;

  private static final int RADIUS = 16;
  private static final int ROW = 46;
  private static final int COLUMN = 190;
  private static final int MARGIN = 30;
  private static final int HEADER = 58;
  private static final int FOOTER = 40;
  private static final Color EDGE = new Color(0xb0b0b0);
  private static final Color HIGHLIGHT = new Color(0xd62728);
  private static final Color INPUT_FILL = new Color(0xdfe9f5);
  private static final Color HIDDEN_FILL = new Color(0xfdf0d5);
  private static final Color OUTPUT_FILL = new Color(0xdff2df);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);

  private NetworkDiagram() {}

  /** The network {@code sizes} (e.g. {@code 2, 3, 1}) as a picture, every connection in grey. */
  public static BufferedImage image(int... sizes) {
    return draw(sizes, -1, -1, -1);
  }

  /**
   * The network {@code sizes} with one weight {@code w^l_{jk}} drawn in red and named under the picture:
   * the connection from neuron {@code k} of layer {@code l-1} to neuron {@code j} of layer {@code l}.
   */
  public static BufferedImage image(int[] sizes, int l, int j, int k) {
    checkSizes(sizes);
    if (l < 1 || l >= sizes.length) {
      throw new IllegalArgumentException("NetworkDiagram.image: layer l = " + l + " has no weights; use 1.."
          + (sizes.length - 1) + " (weights[l] enters layer l, layer 0 is the input).");
    }
    if (j < 0 || j >= sizes[l] || k < 0 || k >= sizes[l - 1]) {
      throw new IllegalArgumentException("NetworkDiagram.image: w^" + l + "_{" + j + k + "} does not exist: j"
          + " must be in 0.." + (sizes[l] - 1) + " (neurons of layer " + l + ") and k in 0.."
          + (sizes[l - 1] - 1) + " (neurons of layer " + (l - 1) + "); got j = " + j + ", k = " + k + ".");
    }
    return draw(sizes, l, j, k);
  }

  /**
   * The layers as text, one line per layer, e.g. for {@code 2, 3, 1}:
   * <pre>
   * layer 0 (input)  : 2 neurons
   *         weights[1]: 3 x 2, biases[1]: 3 x 1
   * layer 1 (hidden) : 3 neurons
   * ...
   * </pre>
   * followed by a small drawing with one {@code o j} per neuron {@code j} (at most {@link #MAX_SHOWN} per layer).
   */
  public static String text(int... sizes) {
    checkSizes(sizes);
    int last = sizes.length - 1;
    StringBuilder s = new StringBuilder();
    for (int l = 0; l <= last; l++) {
      if (l > 0) {
        s.append(String.format("        weights[%d]: %d x %d, biases[%d]: %d x 1%n", l, sizes[l], sizes[l - 1], l,
            sizes[l]));
      }
      s.append(String.format("layer %d %-9s: %d neuron%s%n", l, "(" + role(l, last) + ")", sizes[l],
          sizes[l] == 1 ? "" : "s"));
    }
    s.append(System.lineSeparator());
    // A small drawing: one column per layer, neurons centred vertically.
    int width = 12;
    int rows = 0;
    for (int size : sizes) {
      rows = Math.max(rows, shown(size).length);
    }
    StringBuilder header = new StringBuilder();
    for (int l = 0; l <= last; l++) {
      header.append(pad("layer " + l, width));
    }
    s.append(header.toString().stripTrailing()).append(System.lineSeparator());
    for (int r = 0; r < rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int l = 0; l <= last; l++) {
        int[] neurons = shown(sizes[l]);
        int top = (rows - neurons.length) / 2;
        int i = r - top;
        String cell = "";
        if (i >= 0 && i < neurons.length) {
          cell = neurons[i] < 0 ? "   :" : "  o " + neurons[i];
        }
        line.append(pad(cell, width));
      }
      s.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return s.toString();
  }

  // ---- drawing ----

  private static BufferedImage draw(int[] sizes, int hl, int hj, int hk) {
    checkSizes(sizes);
    int last = sizes.length - 1;
    int rows = 0;
    for (int size : sizes) {
      rows = Math.max(rows, shown(size).length);
    }
    int width = 2 * (MARGIN + 60) + last * COLUMN;
    if (hl > 0) {
      width = Math.max(width, 640); // room for the caption naming the red weight
    }
    int height = HEADER + rows * ROW + FOOTER + (hl > 0 ? 22 : 0);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int left = MARGIN + 60;
      // Centres of the drawn neurons: x per layer, y per shown neuron (-1 = the "⋮" gap).
      int[][] ys = new int[sizes.length][];
      for (int l = 0; l <= last; l++) {
        int[] neurons = shown(sizes[l]);
        ys[l] = new int[neurons.length];
        int top = HEADER + (rows - neurons.length) * ROW / 2 + ROW / 2;
        for (int i = 0; i < neurons.length; i++) {
          ys[l][i] = top + i * ROW;
        }
      }
      // Connections first, so the neurons are drawn over them; the highlighted one last of all.
      g.setStroke(new BasicStroke(1f));
      for (int l = 1; l <= last; l++) {
        int[] to = shown(sizes[l]);
        int[] from = shown(sizes[l - 1]);
        for (int a = 0; a < to.length; a++) {
          for (int b = 0; b < from.length; b++) {
            if (to[a] >= 0 && from[b] >= 0) {
              g.setColor(EDGE);
              g.drawLine(x(left, l - 1) + RADIUS, ys[l - 1][b], x(left, l) - RADIUS, ys[l][a]);
            }
          }
        }
      }
      if (hl > 0) {
        int a = indexOf(shown(sizes[hl]), hj);
        int b = indexOf(shown(sizes[hl - 1]), hk);
        if (a >= 0 && b >= 0) {
          g.setColor(HIGHLIGHT);
          g.setStroke(new BasicStroke(3f));
          g.drawLine(x(left, hl - 1) + RADIUS, ys[hl - 1][b], x(left, hl) - RADIUS, ys[hl][a]);
          g.setStroke(new BasicStroke(1f));
        }
      }
      // Neurons, labelled with their index j inside the layer.
      for (int l = 0; l <= last; l++) {
        int[] neurons = shown(sizes[l]);
        for (int i = 0; i < neurons.length; i++) {
          int cx = x(left, l);
          int cy = ys[l][i];
          if (neurons[i] < 0) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(BOLD);
            centre(g, "⋮", cx, cy + 5);
            continue;
          }
          g.setColor(l == 0 ? INPUT_FILL : l == last ? OUTPUT_FILL : HIDDEN_FILL);
          g.fillOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
          boolean lit = hl > 0 && ((l == hl && neurons[i] == hj) || (l == hl - 1 && neurons[i] == hk));
          g.setColor(lit ? HIGHLIGHT : Color.DARK_GRAY);
          g.setStroke(new BasicStroke(lit ? 2.5f : 1.2f));
          g.drawOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
          g.setFont(SMALL);
          centre(g, String.valueOf(neurons[i]), cx, cy + 4);
        }
        // Header: layer number, role, size.
        g.setColor(Color.BLACK);
        g.setFont(BOLD);
        centre(g, "layer " + l, x(left, l), 20);
        g.setFont(SMALL);
        centre(g, role(l, last) + ", sizes[" + l + "] = " + sizes[l], x(left, l), 38);
      }
      // Between layers: which matrix the connections are.
      g.setFont(LABEL);
      g.setColor(Color.BLACK);
      int bottom = HEADER + rows * ROW + 24;
      for (int l = 1; l <= last; l++) {
        int mid = (x(left, l - 1) + x(left, l)) / 2;
        centre(g, "weights[" + l + "]: " + sizes[l] + " x " + sizes[l - 1], mid, bottom);
      }
      if (hl > 0) {
        g.setColor(HIGHLIGHT);
        centre(g, "red: w^" + hl + "_" + hj + "," + hk + " = weights[" + hl + "].get(" + hj + ", " + hk
            + "), from neuron " + hk + " of layer " + (hl - 1) + " to neuron " + hj + " of layer " + hl,
            width / 2, bottom + 22);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static int x(int left, int layer) {
    return left + layer * COLUMN;
  }

  private static void centre(Graphics2D g, String text, int cx, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, cx - fm.stringWidth(text) / 2, baseline);
  }

  /** The neuron indices drawn for a layer of {@code size}; -1 marks the gap of an abbreviated layer. */
  static int[] shown(int size) {
    if (size <= MAX_SHOWN) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] some = new int[MAX_SHOWN];
    for (int i = 0; i < MAX_SHOWN - 2; i++) {
      some[i] = i;
    }
    some[MAX_SHOWN - 2] = -1;
    some[MAX_SHOWN - 1] = size - 1;
    return some;
  }

  private static int indexOf(int[] values, int v) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == v) {
        return i;
      }
    }
    return -1;
  }

  private static String role(int l, int last) {
    return l == 0 ? "input" : l == last ? "output" : "hidden";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static void checkSizes(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException("NetworkDiagram needs at least two layer sizes (inputs and outputs), "
          + "e.g. NetworkDiagram.image(2, 3, 1); got " + Arrays.toString(sizes) + ".");
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        throw new IllegalArgumentException("NetworkDiagram: sizes[" + l + "] is " + sizes[l] + " but every "
            + "layer needs at least one neuron; got " + Arrays.toString(sizes) + ".");
      }
    }
  }
}
