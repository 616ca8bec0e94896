package nn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class NetworkDiagramTest {
  @Test
  void textNamesEveryLayerAndWeightShape() {
    String t = NetworkDiagram.text(2, 3, 1);
    assertTrue(t.contains("layer 0 (input)"), t);
    assertTrue(t.contains("layer 1 (hidden)"), t);
    assertTrue(t.contains("layer 2 (output)"), t);
    assertTrue(t.contains("weights[1]: 3 x 2"), t);
    assertTrue(t.contains("weights[2]: 1 x 3"), t);
    assertTrue(t.contains("biases[2]: 1 x 1"), t);
    // One "o j" per neuron in the drawing: 2 + 3 + 1.
    assertEquals(6, java.util.regex.Pattern.compile("\\bo \\d+").matcher(t).results().count(), t);
  }

  @Test
  void bigLayersAreAbbreviated() {
    assertArrayEquals(new int[] {0, 1, 2}, NetworkDiagram.shown(3));
    int[] shown = NetworkDiagram.shown(784);
    assertEquals(NetworkDiagram.MAX_SHOWN, shown.length);
    assertEquals(-1, shown[shown.length - 2]);
    assertEquals(783, shown[shown.length - 1]);
    assertTrue(NetworkDiagram.text(784, 30, 10).contains("o 783"));
  }

  @Test
  void imageHasInkAndGrowsWithLayers() {
    BufferedImage small = NetworkDiagram.image(2, 3, 1);
    BufferedImage big = NetworkDiagram.image(784, 30, 10, 10);
    assertTrue(big.getWidth() > small.getWidth());
    assertTrue(ink(small) > 500, "the picture should not be blank");
  }

  @Test
  void highlightedWeightIsRed() {
    BufferedImage plain = NetworkDiagram.image(2, 3, 1);
    BufferedImage lit = NetworkDiagram.image(new int[] {2, 3, 1}, 2, 0, 1);
    assertEquals(0, red(plain));
    assertTrue(red(lit) > 50, "the highlighted connection is drawn in red");
  }

  @Test
  void rejectsWhatDoesNotExist() {
    assertThrows(IllegalArgumentException.class, () -> NetworkDiagram.image(2));
    assertThrows(IllegalArgumentException.class, () -> NetworkDiagram.text(2, 0, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkDiagram.image(new int[] {2, 3, 1}, 0, 0, 0));
    assertTrue(e.getMessage().contains("layer 0 is the input"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NetworkDiagram.image(new int[] {2, 3, 1}, 1, 0, 2));
  }

  private static int ink(BufferedImage image) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          n++;
        }
      }
    }
    return n;
  }

  private static int red(BufferedImage image) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 180 && g < 90 && b < 90) {
          n++;
        }
      }
    }
    return n;
  }
}
