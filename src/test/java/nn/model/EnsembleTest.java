package nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.data.Dataset;
import nn.data.Mnist;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class EnsembleTest {
  private static final Dataset DATA = Mnist.sample().test();   // 2,000: two chunks

  private static Model net(int hidden, long seed) {
    return new Model(new int[] {784, hidden, 10}, Activation.SIGMOID, Output.SOFTMAX, Cost.CROSS_ENTROPY,
        Init.SCALED_GAUSSIAN, seed);
  }

  @Test
  void outputIsTheMeanOfTheMembersOutputs() {
    Model a = net(20, 1);
    Model b = net(30, 2);
    DoubleMatrix x = DATA.head(50).images();
    DoubleMatrix mean = a.feedforward(x).add(b.feedforward(x)).mul(0.5);
    assertEquals(0, Ensemble.of(a, b).feedforward(x).sub(mean).normmax(), 1e-15);
  }

  @Test
  void anEnsembleOfOneAnswersLikeItsNetworkOverSeveralChunks() {
    Model a = net(20, 1);
    assertArrayEquals(a.predict(DATA), Ensemble.of(a).predict(DATA));
    assertEquals(a.evaluate(DATA), Ensemble.of(a).evaluate(DATA));
    assertArrayEquals(a.confusion(DATA).counts(), Ensemble.of(a).confusion(DATA).counts());
  }

  @Test
  void fingerprintFollowsEveryWeight() {
    Model a = net(20, 1);
    long before = Ensemble.of(a).fingerprint();
    assertEquals(before, Ensemble.of(net(20, 1)).fingerprint());
    a.biases[2].put(3, 0, a.biases[2].get(3, 0) + 1e-12);
    assertNotEquals(before, Ensemble.of(a).fingerprint());
    assertNotEquals(Ensemble.of(net(20, 1)).fingerprint(), Ensemble.of(net(20, 1), net(20, 1)).fingerprint());
  }

  @Test
  void badMembersAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Ensemble::of);
    assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(net(20, 1), null));
    assertTrue(e.getMessage().startsWith("Network 2 of the ensemble is null"), e.getMessage());
    Model small = new Model(new int[] {784, 20, 5}, Activation.SIGMOID, Output.SOFTMAX, Cost.CROSS_ENTROPY,
        Init.SCALED_GAUSSIAN, 3);
    e = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(net(20, 1), small));
    assertTrue(e.getMessage().contains("network 1 is 784 -> 10, network 2 is 784 -> 5"), e.getMessage());
  }
}
