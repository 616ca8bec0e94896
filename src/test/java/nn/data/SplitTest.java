package nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The two rules that hold a validation set out of a training set, and the sample's use of the first. */
class SplitTest {
  /** Column i of the images holds the number i, so a test can see which example went where. */
  private static Dataset numbered(int... labels) {
    DoubleMatrix x = new DoubleMatrix(1, labels.length);
    for (int i = 0; i < labels.length; i++) {
      x.put(0, i, i);
    }
    return new Dataset(x, labels, 3, "numbered");
  }

  private static int[] numbers(Dataset d) {
    return Arrays.stream(d.images().data).mapToInt(v -> (int) v).toArray();
  }

  @Test
  void stratifiedGivesEachClassItsShareFromItsLastExamplesInFileOrder() {
    // Class 0 has 6 examples, class 1 has 3, class 2 has 1; 5 of 10 held out: quotas 3, 1.5, 0.5 -> 3, 2, 0
    // (largest remainder first, the lower class on a tie).
    Dataset all = numbered(0, 1, 0, 0, 2, 1, 0, 0, 1, 0);
    Split s = Split.stratified(all, 5, numbered(0), "toy");
    assertArrayEquals(new int[] {3, 2, 0}, s.validation().classCounts());
    assertArrayEquals(new int[] {5, 6, 7, 8, 9}, numbers(s.validation()));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, numbers(s.train()));
    assertEquals("toy: 5 train / 5 validation / 1 test", s.description());
    assertEquals("toy (validation)", s.validation().name());
    // Deterministic: the same data, the same split.
    assertArrayEquals(numbers(s.validation()), numbers(Split.stratified(all, 5, numbered(0), "toy").validation()));
  }

  @Test
  void lastExamplesIsNielsensRule() {
    Split s = Split.lastExamples(numbered(0, 1, 2, 0, 1, 2), 2, numbered(0), "toy");
    assertArrayEquals(new int[] {0, 1, 2, 3}, numbers(s.train()));
    assertArrayEquals(new int[] {4, 5}, numbers(s.validation()));
  }

  @Test
  void impossibleSizesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Split.stratified(numbered(0, 1), 2, numbered(0), "toy"));
    assertEquals("Cannot hold out 2 validation examples of numbered, which has 2: use 1 .. 1 (a sixth is usual).",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Split(numbered(0), null, numbered(0), "x"));
  }

  @Test
  void theSampleHoldsOutTheLastDigitsOfEachClassOfItsTrainingFile() {
    int[] file;
    try (InputStream in = Mnist.class.getResourceAsStream(Sample.FOLDER + "train-labels-idx1-ubyte.gz")) {
      file = Idx.readLabels(in, "train labels");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Split s = Mnist.sample();
    int[] quota = s.validation().classCounts();
    int[] expected = new int[1000];
    int k = expected.length;
    for (int i = file.length - 1; i >= 0; i--) {
      if (quota[file[i]] > 0) {
        quota[file[i]]--;
        expected[--k] = file[i];
      }
    }
    assertArrayEquals(expected, s.validation().labels());
    assertEquals(0, k);
  }
}
