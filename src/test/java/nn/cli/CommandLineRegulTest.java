package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.cli.Cli.Run;
import org.junit.jupiter.api.Test;

/** Rows CL29-CL32 of docs/bad-inputs.md: --dropout, --early-stop and --shift, their exact messages and runs. */
class CommandLineRegulTest {
  private final Cli.Blobs blobs = new Cli.Blobs();

  private void assertUsageError(String message, String... args) {
    Run r = Cli.run(blobs, args);
    assertEquals(new Run(2, "", Cli.usageError(message)), r);
    assertTrue(blobs.loaded.isEmpty(), "no data loaded: " + blobs.loaded);
  }

  @Test
  void badValuesAreNamedBeforeAnyDataIsLoaded() {
    assertUsageError("--dropout (the probability of dropping each hidden neuron) must be below 1 (1 drops them "
        + "all), got 1; try 0.2 or 0.5", "train", "--dropout", "1");
    assertUsageError("--dropout (the probability of dropping each hidden neuron) must be 0 or more, got -0.1",
        "train", "--dropout", "-0.1");
    assertUsageError("--dropout needs a number, got \"20%\"", "train", "--dropout", "20%");
    assertUsageError("--dropout needs a value, e.g. --dropout 0.2", "train", "--dropout");
    assertUsageError("--early-stop (epochs to wait for a better validation accuracy) must be at least 1, got 0",
        "train", "--early-stop", "0");
    assertUsageError("--early-stop needs a whole number, got \"2.5\"", "train", "--early-stop", "2.5");
    assertUsageError("--shift (how many pixels an image may move) must be at least 0, got -1", "train", "--shift",
        "-1");
    assertUsageError("--shift needs a value, e.g. --shift 1", "train", "--shift");
  }

  @Test
  void aShiftTooLargeForTheImagesIsAWrongCommandLine() {
    // The blobs have 4 inputs, a 2 x 2 "image": a shift of 2 moves every pixel away.
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--shift", "2");
    assertEquals(new Run(2, "", Cli.usageError("--shift 2: A shift must be 0 or more pixels and less than the "
        + "image side (2), got 2. Try 1.")), r);
    assertEquals(List.of("sample"), blobs.loaded);
  }

  @Test
  void earlyStoppingIsASuccessThatSaysWhichEpochItKept() {
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "40", "--early-stop", "2", "--dropout", "0.2",
        "--shift", "1");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().contains(", dropout=0.2, earlyStop=2, shift=1)"), r.out());
    assertTrue(r.out().matches("(?s).*Stopped early after epoch [0-9]+: validation accuracy had not improved for 2 "
        + "epochs; kept epoch [0-9]+'s weights \\([0-9.]+%\\)\\.\\R"
        + "Test accuracy \\(measured once, after training\\): .*"), r.out());
    assertEquals("", r.err());
  }
}
