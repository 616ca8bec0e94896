package nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.data.Dataset;
import nn.data.Mnist;
import nn.model.Ensemble;
import nn.model.Evaluation;
import nn.model.Init;
import nn.model.Model;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Output;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test set is measured once per session: the same weights again are allowed, other networks refused. */
class TestSetTest {
  private static final Dataset TEST = Mnist.sample().test().head(300);

  private static Model net(long seed) {
    return new Model(new int[] {784, 20, 10}, Activation.SIGMOID, Output.SIGMOID, Cost.QUADRATIC,
        Init.SCALED_GAUSSIAN, seed);
  }

  @BeforeEach
  void freshSession() {
    TestSet.forgetAll();
  }

  @Test
  void firstMeasurementIsTheNetworksAccuracy() {
    Model a = net(1);
    assertNull(TestSet.measured(TEST));
    Evaluation e = TestSet.measureOnce("a", a, TEST);
    assertEquals(a.evaluate(TEST), e);
    assertEquals("a", TestSet.measured(TEST).setup());
  }

  @Test
  void theSameWeightsAgainGiveTheSameFigureEvenFromAnotherCopyOfTheData() {
    Model a = net(1);
    Evaluation first = TestSet.measureOnce("a", a, TEST);
    Model again = net(1);   // rebuilt from the same seed: the same weights, as after re-running the cells
    Dataset copy = Mnist.sample().test().head(300);
    assertSame(first, TestSet.measureOnce("a, run again", again, copy));
  }

  @Test
  void anotherNetworkIsRefusedWithTheReasonAndTheFirstFigure() {
    Model a = net(1);
    Evaluation first = TestSet.measureOnce("first choice", a, TEST);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TestSet.measureOnce("second choice", net(2), TEST));
    assertTrue(e.getMessage().startsWith("Not measured: the test set " + TEST.name() + " was already measured "
        + "once in this session, for \"first choice\" (" + first + ")."), e.getMessage());
    assertTrue(e.getMessage().contains("second validation set"), e.getMessage());
    assertTrue(e.getMessage().contains("restart the kernel"), e.getMessage());
    // A changed weight is another network too.
    a.weights[1].put(0, 0, a.weights[1].get(0, 0) + 1e-3);
    assertThrows(IllegalStateException.class, () -> TestSet.measureOnce("first choice, tweaked", a, TEST));
    // An ensemble that contains the first choice is another choice.
    assertThrows(IllegalStateException.class,
        () -> TestSet.measureOnce("ensemble", Ensemble.of(net(1), net(2)), TEST));
  }

  @Test
  void eachTestSetIsMeasuredOnceOnItsOwn() {
    Dataset other = Mnist.sample().test().slice(300, 600);
    TestSet.measureOnce("a", net(1), TEST);
    Evaluation e = TestSet.measureOnce("b", net(2), other);
    assertEquals(net(2).evaluate(other), e);
  }

  @Test
  void nullsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestSet.measureOnce("x", (Model) null, TEST));
    assertTrue(e.getMessage().contains("needs the trained network"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestSet.measureOnce("x", net(1), null));
    assertTrue(e.getMessage().contains("no test set"), e.getMessage());
  }
}
