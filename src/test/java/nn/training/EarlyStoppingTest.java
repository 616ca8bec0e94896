package nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nn.Network;
import nn.data.Dataset;
import org.junit.jupiter.api.Test;

/** Sgd.earlyStop: when it stops, which weights it keeps (exactly), what it says, and what it refuses. */
class EarlyStoppingTest {
  private static final Dataset TRAIN = TrainerTest.blobs(600, 1);
  private static final Dataset VALIDATION = TrainerTest.blobs(200, 2);

  private static Network net() {
    return Network.builder(4, 8, 3).seed(3).build();
  }

  private static Sgd sgd() {
    return new Sgd().epochs(30).batchSize(10).eta(3.0).seed(7).verbose(false);
  }

  /** Bit for bit: the weights and biases of a and b. */
  private static void assertSameWeights(Network a, Network b) {
    for (int l = 1; l <= a.layers(); l++) {
      assertArrayEquals(b.weights[l].data, a.weights[l].data, "weights[" + l + "]");
      assertArrayEquals(b.biases[l].data, a.biases[l].data, "biases[" + l + "]");
    }
  }

  /** The epoch (1-based) with the first strictly best validation accuracy of a run. */
  private static int firstBest(History h) {
    int best = 0;
    for (Epoch e : h.epochs()) {
      if (best == 0 || e.validationAccuracy() > h.epochs().get(best - 1).validationAccuracy()) {
        best = e.epoch();
      }
    }
    return best;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutBetterAndKeepsTheBestEpochsWeightsExactly() {
    Network all = net();
    History full = all.fit(TRAIN, VALIDATION, sgd());
    int best = firstBest(full);
    assertTrue(best + 3 < 30, "the test needs a run that stops improving: " + full);

    Network stopped = net();
    History h = stopped.fit(TRAIN, VALIDATION, sgd().earlyStop(3));
    assertTrue(h.stoppedEarly(), h::toString);
    assertTrue(h.stopped());
    assertFalse(h.diverged());
    assertEquals(best, h.bestEpoch());
    assertEquals(best + 3, h.size(), "three epochs without better after the best one");
    // The epochs it ran are those of the full run, bit for bit.
    for (int e = 0; e < h.size(); e++) {
      assertEquals(full.epochs().get(e).validationAccuracy(), h.epochs().get(e).validationAccuracy());
    }
    Network reference = net();
    reference.fit(TRAIN, VALIDATION, sgd().epochs(best));
    assertSameWeights(stopped, reference);
    assertEquals(String.format(Locale.ROOT, "Stopped early after epoch %d: validation accuracy had not improved "
        + "for 3 epochs; kept epoch %d's weights (%.1f%%).", best + 3, best,
        100 * h.epochs().get(best - 1).validationAccuracy()), h.message());
    assertEquals(reference.evaluate(VALIDATION).accuracy(), h.epochs().get(best - 1).validationAccuracy(), 1e-15);
  }

  @Test
  void whenTheEpochsRunOutFirstTheBestEpochIsStillKept() {
    Network all = net();
    History full = all.fit(TRAIN, VALIDATION, sgd().epochs(12));
    int best = firstBest(full);
    assertTrue(best < 12, full::toString);
    Network kept = net();
    History h = kept.fit(TRAIN, VALIDATION, sgd().epochs(12).earlyStop(50));
    assertFalse(h.stoppedEarly());
    assertFalse(h.stopped());
    assertEquals("", h.message());
    assertEquals(12, h.size());
    assertEquals(best, h.bestEpoch());
    Network reference = net();
    reference.fit(TRAIN, VALIDATION, sgd().epochs(best));
    assertSameWeights(kept, reference);
  }

  @Test
  void bestEpochIsZeroWhenOffAndTheBestSoFarDuringTraining() {
    assertEquals(0, net().fit(TRAIN, VALIDATION, sgd().epochs(2)).bestEpoch());
    List<Integer> seen = new ArrayList<>();
    History h = net().fit(TRAIN, VALIDATION, sgd().earlyStop(2).onEpoch(soFar -> seen.add(soFar.bestEpoch())));
    assertEquals(h.size(), seen.size());
    assertEquals(h.bestEpoch(), seen.get(seen.size() - 1));
    assertEquals(1, seen.get(0));
  }

  @Test
  void needsValidationDataAndAPatienceOfZeroOrMore() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net().fit(TRAIN, null, sgd().earlyStop(5)));
    assertEquals("Sgd.earlyStop(5) watches the validation accuracy, but fit got no validation set. Pass one: "
        + "net.fit(data.train(), data.validation(), sgd) (or net.fit(data, sgd) with a Split such as "
        + "Mnist.sample()), or drop .earlyStop(..).", e.getMessage());
    assertEquals("earlyStop(patience) needs the number of epochs to wait for a better validation accuracy, at "
        + "least 1 (0 turns early stopping off), got -1. Try 5.",
        assertThrows(IllegalArgumentException.class, () -> new Sgd().earlyStop(-1)).getMessage());
    assertEquals(0, new Sgd().earlyStop());
    assertTrue(new Sgd().earlyStop(5).toString().contains(", earlyStop=5"));
  }

  @Test
  void verboseLinesSayTheBestSoFarAndTheMessageComesLast() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    History h;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      h = net().fit(TRAIN, VALIDATION, sgd().earlyStop(3).verbose(true));
    } finally {
      System.setOut(saved);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(h.size() + 1, lines.size(), lines::toString);
    assertTrue(lines.get(0).endsWith("  best so far"), lines.get(0));
    int best = h.bestEpoch();
    assertTrue(lines.get(best - 1).endsWith("  best so far"), lines.get(best - 1));
    for (int k = 1; k <= 3; k++) {
      assertTrue(lines.get(best - 1 + k).endsWith("  best: epoch " + best + " (" + k + " of 3 epochs without "
          + "better)"), lines.get(best - 1 + k));
    }
    assertEquals(h.message(), lines.get(lines.size() - 1));
  }
}
