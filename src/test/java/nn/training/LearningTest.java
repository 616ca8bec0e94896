package nn.training;

import nn.Network;
import nn.data.Mnist;
import nn.data.Split;
import nn.model.Cost;
import nn.model.Init;
import nn.model.Output;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning on real data: the shipped MNIST sample, 8,000 training and 2,000 test digits. */
class LearningTest {
  private static final Split SAMPLE = Mnist.sample();

  @Test
  void nielsenNetworkReaches90PercentWithinTenEpochs() {
    Network net = new Network(784, 30, 10);
    History h = net.fit(SAMPLE.train(), SAMPLE.validation(), new Sgd().epochs(10).batchSize(10).eta(3.0));
    double best = h.epochs().stream().mapToDouble(Epoch::validationAccuracy).max().orElse(0);
    assertTrue(best >= 0.90, h::toString);
    assertEquals(net.evaluate(SAMPLE.validation()).accuracy(), h.last().validationAccuracy(), 1e-12);
    assertEquals(net.evaluate(SAMPLE.validation()).toString(), net.validate(SAMPLE).toString());
  }

  @Test
  void softmaxWithCrossEntropyDoesAtLeastAsWell() {
    Network sigmoid = new Network(784, 30, 10);
    History hs = sigmoid.fit(SAMPLE.train(), SAMPLE.validation(),
        new Sgd().epochs(10).batchSize(10).eta(3.0).verbose(false));
    Network softmax = Network.builder(784, 30, 10).output(Output.SOFTMAX).cost(Cost.CROSS_ENTROPY)
        .init(Init.SCALED_GAUSSIAN).build();
    History hx = softmax.fit(SAMPLE.train(), SAMPLE.validation(),
        new Sgd().epochs(10).batchSize(10).eta(0.5).verbose(false));
    assertTrue(hx.last().validationAccuracy() >= hs.last().validationAccuracy(),
        "softmax + cross-entropy:\n" + hx + "sigmoid + quadratic:\n" + hs);
  }
}
