package nn.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import nn.data.Dataset;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsTest {
  /** Example i has one ink pixel at row i, column 0. */
  private static Dataset dataset(int n) {
    DoubleMatrix images = new DoubleMatrix(784, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      images.put(28 * i, i, 1.0);
      labels[i] = i % 10;
    }
    return new Dataset(images, labels, 10, "test");
  }

  @Test
  void singleDigitIsScaledAndRowMajor() {
    BufferedImage image = Digits.image(dataset(3).image(2));
    assertEquals(28 * Digits.SCALE, image.getWidth());
    assertEquals(28 * Digits.SCALE, image.getHeight());
    assertEquals(Color.BLACK.getRGB(), image.getRGB(1, 2 * Digits.SCALE + 1), "ink at row 2, column 0");
    assertEquals(Color.WHITE.getRGB(), image.getRGB(2 * Digits.SCALE + 1, 1), "not at row 0, column 2");
  }

  @Test
  void gridHasTenColumnsAndOneRowPerTen() {
    int cellW = 28 * Digits.GRID_SCALE + 2 * Digits.GAP;
    int cellH = 28 * Digits.GRID_SCALE + Digits.CAPTION + 2 * Digits.GAP;
    BufferedImage twelve = Digits.grid(dataset(12), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    assertEquals(10 * cellW, twelve.getWidth());
    assertEquals(2 * cellH, twelve.getHeight());
    BufferedImage three = Digits.grid(dataset(12), new int[] {0, 1, 2}, new int[] {0, 1, 2});
    assertEquals(3 * cellW, three.getWidth());
    assertEquals(cellH, three.getHeight());
  }

  @Test
  void mistakesAreFramedInRed() {
    Dataset d = dataset(2);
    BufferedImage right = Digits.grid(d, new int[] {0, 1}, new int[] {0, 1});
    BufferedImage wrong = Digits.grid(d, new int[] {0, 1}, new int[] {0, 7});
    int cellW = 28 * Digits.GRID_SCALE + 2 * Digits.GAP;
    int frameX = cellW + Digits.GAP - 2;
    int frameY = Digits.GAP + 20;
    assertEquals(Color.WHITE.getRGB(), right.getRGB(frameX, frameY));
    Color c = new Color(wrong.getRGB(frameX, frameY));
    assertTrue(c.getRed() > 150 && c.getGreen() < 100, "frame colour " + c);
    assertEquals(Color.WHITE.getRGB(), wrong.getRGB(Digits.GAP - 2, frameY), "the right one has no frame");
  }

  @Test
  void gridRefusesBadArguments() {
    Dataset d = dataset(3);
    assertThrows(IllegalArgumentException.class, () -> Digits.grid(d, new int[] {5}));
    assertThrows(IllegalArgumentException.class, () -> Digits.grid(d, new int[] {0, 1}, new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> Digits.grid(d, new int[0]));
    Dataset small = new Dataset(new DoubleMatrix(4, 2), new int[] {0, 1});
    assertThrows(IllegalArgumentException.class, () -> Digits.grid(small, new int[] {0}));
  }

  @Test
  void weightsAreRedPositiveBlueNegativeWhiteZero() {
    DoubleMatrix w = new DoubleMatrix(1, 784);
    w.put(0, 0, 2.0);   // row 0, column 0
    w.put(0, 1, -1.0);  // row 0, column 1
    BufferedImage image = Digits.weights(w);
    assertEquals(28 * Digits.SCALE, image.getWidth());
    assertEquals(new Color(255, 0, 0).getRGB(), image.getRGB(0, 0));
    Color negative = new Color(image.getRGB(Digits.SCALE, 0));
    assertTrue(negative.getBlue() == 255 && negative.getRed() < 200, "half-strength blue " + negative);
    assertEquals(Color.WHITE.getRGB(), image.getRGB(5 * Digits.SCALE, 5 * Digits.SCALE));
    assertThrows(IllegalArgumentException.class, () -> Digits.weights(new DoubleMatrix(1, 10)));
  }

  @Test
  void confidenceFollowsThePredictionAndMustMatchTheIndices() {
    Dataset d = dataset(2);
    BufferedImage with = Digits.grid(d, new int[] {0, 1}, new int[] {0, 7}, new double[] {0.5, 0.99});
    BufferedImage without = Digits.grid(d, new int[] {0, 1}, new int[] {0, 7});
    assertEquals(without.getWidth(), with.getWidth());
    int differing = 0;
    for (int y = 0; y < with.getHeight(); y++) {
      for (int x = 0; x < with.getWidth(); x++) {
        differing += with.getRGB(x, y) != without.getRGB(x, y) ? 1 : 0;
      }
    }
    assertTrue(differing > 20, "the captions gain the confidence: " + differing + " pixels differ");
    assertEquals("Digits.grid needs one prediction and one confidence per index: 2 indices, 2 predictions and 1 "
        + "confidences.", assertThrows(IllegalArgumentException.class,
            () -> Digits.grid(d, new int[] {0, 1}, new int[] {0, 7}, new double[] {0.5})).getMessage());
  }

  @Test
  void mapsAreSignedAndEachScaledByItsOwnLargestValue() {
    DoubleMatrix maps = new DoubleMatrix(784, 2);
    maps.put(0, 0, 2.0);      // map 0: +2 at pixel (0, 0), -1 at (0, 1)
    maps.put(1, 0, -1.0);
    maps.put(0, 1, 0.001);    // map 1: tiny, still full red at its largest value
    BufferedImage image = Digits.maps(maps, new String[] {"neuron 0", "neuron 1"});
    int cellW = 28 * Digits.GRID_SCALE + 2 * Digits.GAP;
    assertEquals(2 * cellW, image.getWidth());
    assertEquals(new Color(255, 0, 0).getRGB(), image.getRGB(Digits.GAP, Digits.GAP));
    Color negative = new Color(image.getRGB(Digits.GAP + Digits.GRID_SCALE, Digits.GAP));
    assertTrue(negative.getBlue() == 255 && negative.getRed() < 200, "half-strength blue " + negative);
    assertEquals(new Color(255, 0, 0).getRGB(), image.getRGB(cellW + Digits.GAP, Digits.GAP), "own scale");
    assertEquals(Color.WHITE.getRGB(), image.getRGB(Digits.GAP + 10 * Digits.GRID_SCALE, Digits.GAP + 40));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Digits.maps(new DoubleMatrix(3, 784), null))
        .getMessage().endsWith("Use weights[1].transpose() for the weights."));
    assertThrows(IllegalArgumentException.class, () -> Digits.maps(maps, new String[] {"one"}));
  }
}
