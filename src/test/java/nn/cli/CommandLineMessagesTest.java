package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.cli.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows CL1.. of docs/bad-inputs.md: command lines whose message used to mislead (issue 13, item 6). Every one
 * is a wrong command line: exit 2, the exact message, the usage, and no data loaded.
 */
class CommandLineMessagesTest {
  @TempDir
  Path dir;

  private final Cli.Blobs blobs = new Cli.Blobs();
  private final List<String> loaded = blobs.loaded;

  private void assertUsageError(String message, String... args) {
    Run r = Cli.run(blobs, args);
    assertEquals(new Run(2, "", Cli.usageError(message)), r);
    assertTrue(loaded.isEmpty(), "no data loaded: " + loaded);
  }

  @Test
  void emptyValuesAreMissingValuesNotTheCurrentDirectory() {
    assertUsageError("--data needs a value, got an empty one; e.g. --data sample", "train", "--data=");
    assertUsageError("--save needs a value, got an empty one; e.g. --save model.npz", "train", "--save=");
    assertUsageError("--model needs a value, got an empty one; e.g. --model model.npz", "evaluate", "--model=");
    assertUsageError("--eta needs a value, got an empty one; e.g. --eta 3.0", "train", "--eta", " ");
  }

  @Test
  void dataThatIsAFileOrAMissingDirectorySaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "x");
    assertUsageError("--data " + file + " is a file, not a directory; give the directory that holds the four "
        + "MNIST-style IDX files, e.g. --data " + dir, "train", "--data", file.toString());
    Path missing = dir.resolve("mnist-files");
    assertUsageError("--data " + missing + ": no such directory; give an existing directory holding the four "
        + "MNIST-style IDX files, or sample, mnist or fashion", "train", "--data", missing.toString());
    assertUsageError("--data ./nope: no such directory; give an existing directory holding the four "
        + "MNIST-style IDX files, or sample, mnist or fashion", "train", "--data", "./nope");
  }

  @Test
  void dataNamesInAnyCaseAreTheNames() {
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--data", "SAMPLE");
    assertEquals(0, r.status(), r::toString);
    assertEquals(List.of("sample"), loaded);
  }

  @Test
  void tildeIsTheHomeDirectoryAsInAShell() {
    String home = System.getProperty("user.home");
    assertUsageError("--model " + Path.of(home, "nn-no-such-model.npz") + ": no such file; train one with train "
        + "--save " + Path.of(home, "nn-no-such-model.npz"), "evaluate", "--model=~/nn-no-such-model.npz");
  }

  @Test
  void numbersTooLargeOrTooSmallAreNamedSo() {
    assertUsageError("--epochs 99999999999 is too large: number of passes over the training set can be at most "
        + "2147483647", "train", "--epochs", "99999999999");
    assertUsageError("--seed 99999999999999999999 is too large: a seed can be at most 9223372036854775807",
        "train", "--seed", "99999999999999999999");
    assertUsageError("--eta 1e-400 is too small: it rounds to 0 (the smallest positive number Java can hold is "
        + "about 4.9E-324)", "train", "--eta", "1e-400");
    assertUsageError("--eta 1e400 is too large: the largest number Java can hold is about 1.8E308", "train",
        "--eta", "1e400");
    assertUsageError("--sizes: 99999999999 in \"784,99999999999,10\" is too large for a layer; a layer has at "
        + "most 2147483647 neurons (and memory runs out long before)", "train", "--sizes", "784,99999999999,10");
  }

  @Test
  void digitsOfOtherScriptsAreRefusedByEveryOption() {
    assertUsageError("--epochs \"\u0663\": write numbers with the digits 0-9 (found \u0663, ARABIC-INDIC DIGIT "
        + "THREE)", "train", "--epochs", "\u0663");
    assertUsageError("--eta \"\u0663\": write numbers with the digits 0-9 (found \u0663, ARABIC-INDIC DIGIT "
        + "THREE)", "train", "--eta", "\u0663");
    assertUsageError("--sizes \"784,\uff13\uff10,10\": write numbers with the digits 0-9 (found \uff13, "
        + "FULLWIDTH DIGIT THREE)", "train", "--sizes", "784,\uff13\uff10,10");
    assertUsageError("--seed \"\u096a\u096b\": write numbers with the digits 0-9 (found \u096a, DEVANAGARI DIGIT "
        + "FOUR)", "train", "--seed", "\u096a\u096b");
  }

  @Test
  void sizesSeparatedBySpacesGetTheCommaHint() {
    assertUsageError("--sizes: separate the layer sizes with commas, e.g. --sizes 784,30,10; got \"784 30 10\"",
        "train", "--sizes", "784 30 10");
    assertUsageError("unexpected argument \"30\": layer sizes are separated by commas, not spaces, e.g. --sizes "
        + "784,30,10", "train", "--sizes", "784", "30", "10");
    assertUsageError("--sizes: separate the layer sizes with commas, e.g. --sizes 784,30,10; got \"784;30;10\"",
        "train", "--sizes", "784;30;10");
  }

  @Test
  void sizesAdviceThatWorks() {
    assertUsageError("--sizes: every layer needs at least one neuron, got 0 in \"0,30,10\"; the first size is the "
        + "number of inputs per example (784 for MNIST)", "train", "--sizes", "0,30,10");
    assertUsageError("--sizes: every layer needs at least one neuron, got 0 in \"784,30,0\"; the last size is the "
        + "number of classes (10 for MNIST)", "train", "--sizes", "784,30,0");
  }

  @Test
  void decimalCommaAndOneDashAndPastedDashesAreExplained() {
    assertUsageError("--eta needs a number, got \"0,5\"; write the decimal point as a dot, e.g. 0.5", "train",
        "--eta", "0,5");
    assertUsageError("unexpected argument \"-epochs\": options start with two hyphens, e.g. --epochs", "train",
        "-epochs", "3");
    assertUsageError("unexpected argument \"\u2014epochs\": it starts with the dash EM DASH (often pasted from a "
        + "document), not two hyphens; type --epochs", "train", "\u2014epochs", "3");
    assertUsageError("--eta needs a number, got \"0x1p3\"", "train", "--eta", "0x1p3");
    assertUsageError("--eta needs a finite number, got \"-Infinity\"", "train", "--eta", "-Infinity");
  }

  @Test
  void pathsThatAreNotPathsAreNamed() {
    assertUsageError("--save: \"a\u0000b.npz\" is not a valid path (Nul character not allowed)", "train",
        "--save", "a\u0000b.npz");
  }

  @Test
  void wholeNumbersWrittenOtherwiseGetTheirWholeForm() {
    assertUsageError("--batch needs a whole number, got \"1,000\"; write it without separators: 1000", "train",
        "--batch", "1,000");
    assertUsageError("--epochs needs a whole number, got \"1e3\"; write it as a whole number: 1000", "train",
        "--epochs", "1e3");
    assertUsageError("--seed needs a whole number, got \"3.0\"; write it as a whole number: 3", "train", "--seed",
        "3.0");
    assertUsageError("--sizes: separate the layer sizes with commas, e.g. --sizes 784,30,10; got \"784x30x10\"",
        "train", "--sizes", "784x30x10");
  }

  @Test
  void aDeviceAsAModelIsRefusedWithoutReadingIt() {
    Run r = Cli.run(blobs, "evaluate", "--model", "/dev/zero"); // was read until an OutOfMemoryError
    assertEquals(new Run(1, "", "error: Cannot load model file /dev/zero: it is a character device, not a regular "
        + "file. Fix: pass the .npz file written by net.save(path) or train --save." + System.lineSeparator()), r);
  }

  @Test
  void aLearningRateFarAboveTheUsualValuesIsWarnedAbout() {
    // Sigmoid neurons saturate at eta = 1E+300: chance accuracy, no NaN, exit 0 and not a word before.
    Run r = Cli.run(blobs, "train", "--sizes", "4,5,3", "--epochs", "1", "--eta", "1e300");
    assertEquals(0, r.status(), r::toString);
    assertEquals("Warning: eta = 1E+300 is far above the usual values (about 3 for this network): the first steps "
        + "throw the weights so far that the neurons saturate and stop learning, often without any NaN to stop "
        + "training. Try eta = 3." + System.lineSeparator(), r.err());
  }
}
