package nn.data;

import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Data augmentation by small shifts: every call to {@link #next()} gives a copy of the training set in which
 * each image is moved by its own random {@code (dx, dy)}, each in {@code -pixels..pixels}, the pixels moved in
 * from outside being 0. Labels stay. The generator is seeded, so the sequence of copies repeats bit for bit.
 *
 * <p>An image is a column of {@code side x side} pixels stored row by row (pixel {@code (r, c)} at
 * {@code r * side + c}), as MNIST's are: {@code dx > 0} moves the digit right, {@code dy > 0} down.
 * Used by {@code Sgd.shift(pixels)}; validation and test images are never shifted.
 */
public final class Shift {
  private final Dataset data;
  private final int pixels;
  private final int side;
  private final Random random;
  private DoubleMatrix reused; // with reusing(..): the one matrix every next() overwrites

  /** Shifts of the images of {@code data} by up to {@code pixels} in each direction, drawn from {@code seed}. */
  public Shift(Dataset data, int pixels, long seed) {
    if (data == null) {
      throw new IllegalArgumentException("Shift needs a dataset, got null.");
    }
    this.side = side(data.inputs());
    if (side < 0) {
      throw new IllegalArgumentException("Shifting moves square images (28 x 28 = 784 inputs for MNIST), but "
          + data.name() + " has " + data.inputs() + " inputs per example, which is not a square number. Use "
          + "shift(0) (no shift) for data that are not square images.");
    }
    if (pixels < 0 || pixels >= side) {
      throw new IllegalArgumentException("A shift must be 0 or more pixels and less than the image side ("
          + side + "), got " + pixels + ". Try " + (side > 2 ? "1 or 2" : side == 2 ? "1" : "0 (no shift)") + ".");
    }
    this.data = data;
    this.pixels = pixels;
    // Its own generator (not the shuffle's), so turning shifts on leaves the order of the mini-batches alone.
    this.random = new Random(seed ^ 0x5DEECE66DL);
  }

  /**
   * Shifts whose {@link #next()} copies all share one matrix, each call overwriting the previous copy's
   * images: a training loop that uses one copy at a time ({@code Sgd.shift}) then holds two training sets in
   * memory, not three (60,000 MNIST images take 376 MB).
   */
  public static Shift reusing(Dataset data, int pixels, long seed) {
    Shift s = new Shift(data, pixels, seed);
    s.reused = new DoubleMatrix(data.inputs(), data.size());
    return s;
  }

  /** The next copy of the dataset, every image moved by a fresh random {@code (dx, dy)}. */
  public Dataset next() {
    DoubleMatrix images = data.images();
    int inputs = images.rows;
    DoubleMatrix out = reused != null ? reused : new DoubleMatrix(inputs, images.columns);
    if (reused != null) {
      java.util.Arrays.fill(out.data, 0.0); // move() writes only the pixels that stay in the picture
    }
    for (int i = 0; i < images.columns; i++) {
      int dx = random.nextInt(2 * pixels + 1) - pixels;
      int dy = random.nextInt(2 * pixels + 1) - pixels;
      move(images.data, i * inputs, out.data, i * inputs, side, dx, dy);
    }
    return new Dataset(out, data.labels(), data.classes(), data.name() + " (shifted)");
  }

  /**
   * One image ({@code side * side} pixels, row by row) moved {@code dx} pixels right and {@code dy} down, zeros
   * filling; a new array.
   */
  public static double[] shifted(double[] image, int side, int dx, int dy) {
    if (image == null || side < 1 || image.length != side * side) {
      throw new IllegalArgumentException("shifted needs an image of side x side pixels; got "
          + (image == null ? "null" : image.length + " pixels") + " for side " + side + ".");
    }
    double[] out = new double[image.length];
    move(image, 0, out, 0, side, dx, dy);
    return out;
  }

  /** out(r, c) = in(r - dy, c - dx), or 0 where that is outside the image. {@code out} starts as zeros. */
  private static void move(double[] in, int from, double[] out, int to, int side, int dx, int dy) {
    for (int r = Math.max(0, dy); r < Math.min(side, side + dy); r++) {
      int c0 = Math.max(0, dx);
      int c1 = Math.min(side, side + dx);
      if (c1 > c0) {
        System.arraycopy(in, from + (r - dy) * side + (c0 - dx), out, to + r * side + c0, c1 - c0);
      }
    }
  }

  /** The side of a square image of {@code inputs} pixels, or -1 if {@code inputs} is not a square. */
  static int side(int inputs) {
    int s = (int) Math.round(Math.sqrt(inputs));
    return s * s == inputs ? s : -1;
  }
}
