package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nn.Network;
import nn.data.Dataset;
import nn.data.Shift;
import org.junit.jupiter.api.Test;

/** Sgd.shift in fit: each epoch trains on a fresh shifted copy; validation and the data themselves untouched. */
class ShiftTrainingTest {
  private static final Dataset TRAIN = FastSgdTest.randomData(16, 300, 3, 1); // 4 x 4 "images"
  private static final Dataset VALIDATION = FastSgdTest.randomData(16, 100, 3, 2);

  @Test
  void anEpochWithShiftsIsAnEpochOnTheShiftedCopy() {
    Sgd sgd = new Sgd().epochs(1).batchSize(10).eta(0.5).seed(5).verbose(false);
    Network shifted = Network.builder(16, 6, 3).seed(1).build();
    Network byHand = shifted.copy();
    double[] before = TRAIN.images().data.clone();
    History h = shifted.fit(TRAIN, VALIDATION, sgd.shift(1));
    byHand.fit(new Shift(TRAIN, 1, 5).next(), VALIDATION, new Sgd().epochs(1).batchSize(10).eta(0.5).seed(5)
        .verbose(false));
    assertArrayEquals(byHand.weights[1].data, shifted.weights[1].data);
    assertArrayEquals(byHand.biases[2].data, shifted.biases[2].data);
    assertArrayEquals(before, TRAIN.images().data, "the training set itself is not changed");
    assertEquals(shifted.evaluate(VALIDATION).accuracy(), h.last().validationAccuracy(), 1e-15,
        "validation is measured on the unshifted images");
  }

  @Test
  void shiftZeroIsPlainTrainingAndRunsRepeat() {
    Network plain = Network.builder(16, 6, 3).seed(1).build();
    Network zero = plain.copy();
    Network a = plain.copy();
    Network b = plain.copy();
    Sgd sgd = new Sgd().epochs(2).batchSize(10).eta(0.5).seed(5).verbose(false);
    plain.fit(TRAIN, VALIDATION, sgd);
    zero.fit(TRAIN, VALIDATION, sgd.shift(0));
    assertArrayEquals(plain.weights[1].data, zero.weights[1].data);
    a.fit(TRAIN, VALIDATION, sgd.shift(1));
    b.fit(TRAIN, VALIDATION, sgd.shift(1));
    assertArrayEquals(a.weights[1].data, b.weights[1].data);
    assertFalse(Arrays.equals(a.weights[1].data, plain.weights[1].data));
  }

  @Test
  void badShiftsAreRefusedBeforeTraining() {
    assertEquals("shift(pixels) needs how far an image may move, 0 or more pixels (0 = no shift), got -1. Try 1 "
        + "or 2.", assertThrows(IllegalArgumentException.class, () -> new Sgd().shift(-1)).getMessage());
    Network net = new Network(4, 3, 3);
    double[] weights = net.weights[1].data.clone();
    Dataset fourInputs = TrainerTest.blobs(50, 1); // 4 = 2 x 2: a shift of 2 moves everything away
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.fit(fourInputs, null, new Sgd().shift(2).verbose(false)));
    assertEquals("A shift must be 0 or more pixels and less than the image side (2), got 2. Try 1.", e.getMessage());
    assertArrayEquals(weights, net.weights[1].data, "weights untouched");
    assertTrue(new Sgd().shift(2).toString().contains(", shift=2"));
  }
}
