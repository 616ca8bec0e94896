package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** Shift: each image moved by its own seeded (dx, dy), zeros filling, labels kept. */
class ShiftTest {
  private static final double[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // a 3 x 3 image, row by row

  @Test
  void aShiftedImageIsTheHandShiftedOne() {
    assertArrayEquals(new double[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, Shift.shifted(NINE, 3, 1, 0), "right by 1");
    assertArrayEquals(new double[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, Shift.shifted(NINE, 3, -1, 1), "left 1, down 1");
    assertArrayEquals(new double[] {5, 6, 0, 8, 9, 0, 0, 0, 0}, Shift.shifted(NINE, 3, -1, -1), "left, up");
    assertArrayEquals(NINE, Shift.shifted(NINE, 3, 0, 0));
    assertArrayEquals(new double[9], Shift.shifted(NINE, 3, 3, 0), "moved out of sight");
  }

  /** n random 5 x 5 images. */
  private static Dataset images(int n) {
    DoubleMatrix x = DoubleMatrix.rand(25, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    return new Dataset(x, labels, 3, "squares");
  }

  @Test
  void everyImageMovesByAtMostPixelsAndTheLabelsStay() {
    Dataset d = images(200);
    Dataset moved = new Shift(d, 2, 7).next();
    assertArrayEquals(d.labels(), moved.labels());
    assertEquals("squares (shifted)", moved.name());
    int[] seen = new int[25];
    for (int i = 0; i < d.size(); i++) {
      double[] image = d.image(i).data;
      double[] got = moved.image(i).data;
      boolean found = false;
      for (int dx = -2; dx <= 2 && !found; dx++) {
        for (int dy = -2; dy <= 2 && !found; dy++) {
          if (Arrays.equals(got, Shift.shifted(image, 5, dx, dy))) {
            found = true;
            seen[(dx + 2) * 5 + dy + 2]++;
          }
        }
      }
      assertTrue(found, "image " + i + " is one of the 25 shifts of the original");
    }
    assertTrue(Arrays.stream(seen).allMatch(c -> c > 0), "all 25 shifts occur in 200 images: " + Arrays.toString(seen));
  }

  @Test
  void reproducibleBySeedNewEachCallAndZeroIsNoChange() {
    Dataset d = images(50);
    DoubleMatrix before = d.images().dup();
    Shift a = new Shift(d, 1, 3);
    Shift b = new Shift(d, 1, 3);
    DoubleMatrix first = a.next().images();
    assertArrayEquals(first.data, b.next().images().data, "same seed, same shifts");
    assertFalse(Arrays.equals(first.data, a.next().images().data), "the next epoch draws new shifts");
    assertFalse(Arrays.equals(first.data, new Shift(d, 1, 4).next().images().data), "another seed, others");
    assertArrayEquals(d.images().data, new Shift(d, 0, 3).next().images().data, "shift(0) changes nothing");
    assertArrayEquals(before.data, d.images().data, "the dataset itself is never changed");
  }

  @Test
  void aReusingShiftGivesTheSameCopiesInOneMatrix() {
    Dataset d = images(40);
    Shift fresh = new Shift(d, 2, 9);
    Shift reusing = Shift.reusing(d, 2, 9);
    for (int epoch = 0; epoch < 3; epoch++) {
      Dataset expected = fresh.next();
      Dataset got = reusing.next();
      assertArrayEquals(expected.images().data, got.images().data, "epoch " + epoch);
      assertArrayEquals(expected.labels(), got.labels());
    }
    assertTrue(reusing.next().images() == reusing.next().images(), "one matrix, overwritten");
  }

  @Test
  void onlySquareImagesAndShiftsBelowTheirSide() {
    Dataset notSquare = new Dataset(DoubleMatrix.rand(10, 4), new int[4], 3, "ten inputs");
    assertEquals("Shifting moves square images (28 x 28 = 784 inputs for MNIST), but ten inputs has 10 inputs per "
        + "example, which is not a square number. Use shift(0) (no shift) for data that are not square images.",
        assertThrows(IllegalArgumentException.class, () -> new Shift(notSquare, 1, 0)).getMessage());
    assertEquals("A shift must be 0 or more pixels and less than the image side (5), got 5. Try 1 or 2.",
        assertThrows(IllegalArgumentException.class, () -> new Shift(images(3), 5, 0)).getMessage());
  }
}
