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

/** The choices of issue 15 on the command line: --hidden tanh|identity, --init he|zero. */
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

  @Test
  void theUsageListsTheNewChoices() {
    assertTrue(Main.USAGE.contains("--hidden sigmoid|relu|tanh|identity"), Main.USAGE);
    assertTrue(Main.USAGE.contains("--init gaussian|scaled|uniform|tiny-uniform|he|zero"), Main.USAGE);
  }
}
