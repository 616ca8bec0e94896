package nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import nn.Network;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import org.junit.jupiter.api.Test;

/**
 * Training that stops learning says so: a run at chance level with saturated sigmoids or dead ReLUs stops with
 * one message naming the cause and a fix, and the fix, tried, learns. (These runs used to end at about 11%
 * without a word: nothing becomes NaN.)
 */
class StuckTest {
  private static final Split DATA = Mnist.sample();

  private static Network relu() {
    return Network.builder(784, 10, 10).hidden(Activation.RELU).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
        .init(Init.UNIFORM).build();
  }

  @Test
  void saturatedSigmoidsAtEtaHundredStopAfterThreeEpochsAndTheVerboseLineSaysWhy() {
    PrintStream old = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    History h;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      h = new Network(784, 30, 10).fit(DATA, new Sgd().epochs(10).batchSize(10).eta(100));
    } finally {
      System.setOut(old);
    }
    assertTrue(h.stuck() && h.stopped() && !h.diverged(), h::toString);
    assertEquals(3, h.size());
    assertEquals("Training stopped in epoch 3: the network is not learning. The validation accuracy has stayed at "
        + "chance level (8.6% now; always answering the most common class gives 11.3%) for 3 epochs, and 89% of "
        + "the sigmoids of hidden layer 1 are saturated (|z| > 5 on 1,000 validation examples, where σ'(z) < "
        + "0.007): their gradients all but vanish, so more epochs would not help. Likely cause: the learning rate "
        + "eta = 100 is too large for this network; its first steps threw the weights where the gradient "
        + "vanishes. Fix: start again from a new network with a smaller learning rate, e.g. eta = 3 (a usual "
        + "value for this network). The network keeps its weights after epoch 3.", h.message());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains(h.message()), "verbose prints the message");
    assertTrue(h.toString().endsWith(h.message() + System.lineSeparator()), "and the History's table ends with it");
  }

  @Test
  void deadReluUnitsAtEtaThreeStopAndTheSuggestedEtaLearns() {
    History h = relu().fit(DATA, new Sgd().epochs(50).batchSize(Sgd.FULL_BATCH).eta(3).verbose(false));
    assertTrue(h.stuck(), h::toString);
    assertTrue(h.message().contains("of the 10 ReLUs of hidden layer 1 are dead (z <= 0 on every one of 1,000 "
        + "validation examples): a dead ReLU passes no gradient and never comes back"), h.message());
    assertTrue(h.message().contains("Fix: start again from a new network with a smaller learning rate, e.g. "
        + "eta = 0.1 (a usual value for this network)."), h.message());
    // The fix, tried: the same network and 50 full-batch steps at eta = 0.1 learn steadily (measured 45.4%,
    // still rising; lesson 06 runs its 750 steps to about 87%).
    History fixed = relu().fit(DATA, new Sgd().epochs(50).batchSize(Sgd.FULL_BATCH).eta(0.1)
        .monitorTraining(false).verbose(false));
    assertFalse(fixed.stopped(), fixed::message);
    assertTrue(fixed.last().validationAccuracy() > 0.4, fixed::toString);
    assertTrue(fixed.last().validationAccuracy() > fixed.epochs().get(39).validationAccuracy(), fixed::toString);
  }

  @Test
  void aSlowButHealthyRunIsLeftAlone() {
    // Full batch at eta = 3: only 10 steps, 19% after 10 epochs, but nothing saturated: no message.
    History h = new Network(784, 30, 10).fit(DATA, new Sgd().epochs(10).batchSize(Sgd.FULL_BATCH).eta(3)
        .monitorTraining(false).verbose(false));
    assertFalse(h.stopped(), h::message);
    assertEquals(10, h.size());
    // The deep sigmoid net from near-zero weights sits at chance but is not saturated: no message either.
    History tiny = Network.builder(784, 20, 20, 20, 10).init(Init.TINY_UNIFORM).build().fit(DATA,
        new Sgd().epochs(5).batchSize(32).eta(1.2).shuffle(false).monitorTraining(false).verbose(false));
    assertFalse(tiny.stopped(), tiny::message);
  }
}
