package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nn.Network;
import nn.cli.Cli.Run;
import nn.model.Activation;
import nn.model.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choices of issue 15 on the command line: --hidden tanh|identity, --init he|zero, --optimizer, --l1; rows
 * CL26.. of docs/bad-inputs.md.
 */
class CommandLineChoicesTest {
  @TempDir
  Path dir;

  private final Cli.Blobs blobs = new Cli.Blobs();

  @Test
  void tanhAndHeReachTheNetworkAndTheSavedModel() {
    Path model = dir.resolve("tanh.npz");
    Run r = Cli.run(blobs, "train", "--sizes", "4,6,3", "--epochs", "2", "--hidden", "tanh", "--init", "he",
        "--eta", "0.5", "--save", model.toString());
    assertEquals(0, r.status(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("Network [4, 6, 3]: TANH hidden, SIGMOID output, QUADRATIC cost, HE init, seed 42", lines.get(1));
    Network back = Network.load(model);
    assertEquals(Activation.TANH, back.hidden());
    assertEquals(Init.HE, back.init());
    // The blobs are well separated: two epochs of a tanh net learn them.
    assertTrue(r.out().contains("Test accuracy (measured once, after training): "), r.out());
    double accuracy = Network.load(model).evaluate(blobs.load("sample").test()).accuracy();
    assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
  }

  @Test
  void identityAndZeroAreAccepted() {
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--hidden", "Identity", "--init", "ZERO",
        "--eta", "0.5");
    assertEquals(0, r.status(), r::toString);
    assertEquals("Network [4, 5, 3]: IDENTITY hidden, SIGMOID output, QUADRATIC cost, ZERO init, seed 42",
        r.out().lines().toList().get(1));
  }

  private void assertUsageError(String message, String... args) {
    Run r = Cli.run(blobs, args);
    assertEquals(new Run(2, "", Cli.usageError(message)), r);
    assertTrue(blobs.loaded.isEmpty(), "no data loaded: " + blobs.loaded);
  }

  @Test
  void badOptimiserAndL1ValuesAreWrongCommandLines() {
    assertUsageError("--optimizer must be sgd, momentum, rmsprop or adam, got \"adagrad\"", "train", "--optimizer",
        "adagrad");
    assertUsageError("--optimizer needs a value, e.g. --optimizer adam", "train", "--optimizer");
    assertUsageError("--l1 (the L1 regularisation strength) must be 0 or more, got -0.5", "train", "--l1", "-0.5");
    assertUsageError("--l1 needs a number, got \"lots\"", "train", "--l1", "lots");
    assertUsageError("--l1 needs a value, e.g. --l1 1.0", "train", "--l1");
  }

  @Test
  void theOptimiserAndL1ReachTheTraining() {
    Run r = Cli.run(blobs, "train", "--sizes", "4,6,3", "--epochs", "2", "--optimizer", "ADAM", "--l1", "0.5",
        "--hidden", "relu", "--init", "he", "--output", "softmax");
    assertEquals(0, r.status(), r::toString);
    // Adam's default learning rate is 0.001 (SGD's 3.0 would throw the weights about).
    assertTrue(r.out().contains("Sgd(epochs=2, batchSize=10, eta=0.001, lambda=0.0, seed=42, "
        + "optimizer=adam(0.9, 0.999), l1=0.5)"), r.out());
    Run momentum = Cli.run(blobs, "train", "--sizes", "4,6,3", "--epochs", "2", "--optimizer", "momentum",
        "--eta", "0.3");
    assertEquals(0, momentum.status(), momentum::toString);
    assertTrue(momentum.out().contains("eta=0.3, lambda=0.0, seed=42, optimizer=momentum(0.9))"), momentum.out());
    assertTrue(momentum.out().matches(
        "(?s).*Test accuracy \\(measured once, after training\\): (1[89][0-9]|200) / 200.*"), momentum.out());
  }

  @Test
  void anL1PushThatFlipsEveryWeightIsARunErrorNamingL1() {
    Run r = Cli.run(blobs, "train", "--sizes", "4,6,3", "--epochs", "2", "--l1", "1000", "--init", "scaled");
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.err().startsWith("error: fit: eta·lambda1/n = 3 · 1000 / 600 = 5 is at least the largest weight"),
        r.err());
  }

  @Test
  void theUsageListsTheNewChoices() {
    assertTrue(Main.USAGE.contains("--hidden sigmoid|relu|tanh|identity"), Main.USAGE);
    assertTrue(Main.USAGE.contains("--init gaussian|scaled|uniform|tiny-uniform|he|zero"), Main.USAGE);
    assertTrue(Main.USAGE.contains("--optimizer sgd|momentum|rmsprop|adam"), Main.USAGE);
    assertTrue(Main.USAGE.contains("--l1 X"), Main.USAGE);
  }
}
