package nn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.Network;
import nn.cli.Cli.Run;
import nn.data.DataFormatException;
import nn.data.Dataset;
import nn.data.Split;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line on a small synthetic dataset: every wrong argument, runtime errors, train and evaluate. */
class MainTest {
  /** An epoch line's time: milliseconds below a second ({@code 35 ms}), else seconds ({@code 1.2 s}). */
  static final String EPOCH_TIME = "(?:[0-9]{1,3} ms|[1-9][0-9]*\\.[0-9] s)";

  @TempDir
  Path dir;

  /** Which names the data source was asked for. */
  private final List<String> loaded = new ArrayList<>();

  /** Three well-separated classes in 4 dimensions: learnable in one epoch. */
  static Dataset blobs(int n, long seed, String name) {
    Random r = new Random(seed);
    DoubleMatrix x = new DoubleMatrix(4, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(3);
      for (int k = 0; k < 4; k++) {
        x.put(k, i, (k == labels[i] ? 0.8 : 0.2) + 0.1 * r.nextGaussian());
      }
    }
    return new Dataset(x, labels, 3, name);
  }

  private final DataSource blobs = name -> {
    loaded.add(name);
    return new Split(blobs(600, 1, "blobs (train)"), blobs(200, 3, "blobs (validation)"), blobs(200, 2, "blobs (test)"),
        "blobs: 600 train / 200 validation / 200 test");
  };

  private static Run run(DataSource data, String... args) {
    return Cli.run(data, args);
  }

  private Run run(String... args) {
    return run(blobs, args);
  }

  /** Exit 2, nothing on stdout, stderr = "error: <message>", a blank line, the usage; no data loaded. */
  private void assertUsageError(String message, String... args) {
    Run r = run(args);
    assertEquals(2, r.status(), r::toString);
    assertEquals("", r.out());
    assertEquals(Cli.usageError(message), r.err());
  }

  // ------------------------------------------------------------ wrong command lines: exit 2

  @Test
  void commandErrors() {
    assertUsageError("no command given; use train, evaluate or help");
    assertUsageError("unknown command \"trian\"; use train, evaluate or help", "trian", "--epochs", "1");
    assertUsageError("unexpected argument \"30\": options look like --name value", "train", "--epochs", "1", "30");
  }

  @Test
  void optionErrors() {
    assertUsageError("unknown option --epoch for train; its options are --batch, --cost, --data, --dropout, "
        + "--early-stop, --epochs, --eta, --hidden, --init, --l1, --lambda, --optimizer, --output, --precision, "
        + "--save, --seed, --shift, --sizes", "train", "--epoch", "3");
    assertUsageError("unknown option --eta for evaluate; its options are --data, --model", "evaluate", "--model",
        "m.npz", "--eta", "3");
    assertUsageError("--eta needs a value, e.g. --eta 3.0", "train", "--eta");
    assertUsageError("--eta needs a value, e.g. --eta 3.0", "train", "--eta", "--batch", "10");
    assertUsageError("--epochs is given twice; give it once", "train", "--epochs", "1", "--epochs=2");
  }

  @Test
  void numberErrors() {
    assertUsageError("--eta needs a number, got \"fast\"", "train", "--eta", "fast");
    assertUsageError("--eta needs a finite number, got \"NaN\"", "train", "--eta", "NaN");
    assertUsageError("--epochs needs a whole number, got \"2.5\"", "train", "--epochs", "2.5");
    assertUsageError("--eta (the learning rate) must be greater than 0, got 0", "train", "--eta", "0");
    assertUsageError("--eta (the learning rate) must be greater than 0, got -1", "train", "--eta=-1");
    assertUsageError("--batch (mini-batch size) must be at least 1, got 0", "train", "--batch", "0");
    assertUsageError("--epochs (number of passes over the training set) must be at least 1, got 0", "train",
        "--epochs", "0");
    assertUsageError("--lambda (the L2 regularisation strength) must be 0 or more, got -5", "train", "--lambda",
        "-5");
    assertUsageError("--seed needs a whole number, got \"abc\"", "train", "--seed", "abc");
  }

  @Test
  void sizesErrors() {
    assertUsageError("--sizes needs at least two comma-separated layer sizes (inputs and outputs), e.g. "
        + "784,30,10; got \"784\"", "train", "--sizes", "784");
    assertUsageError("--sizes: \"x\" in \"784,x,10\" is not a whole number; write the layer sizes like 784,30,10",
        "train", "--sizes", "784,x,10");
    assertUsageError("--sizes: \"\" in \"784,,10\" is not a whole number; write the layer sizes like 784,30,10",
        "train", "--sizes", "784,,10");
    assertUsageError("--sizes: every layer needs at least one neuron, got 0 in \"784,0,10\"", "train", "--sizes",
        "784,0,10");
  }

  @Test
  void sizesThatDoNotFitTheData() {
    assertUsageError("--sizes starts with 784 inputs but blobs (train) has 4 per example; start the sizes with "
        + "4, e.g. --sizes 4,30,3", "train", "--sizes", "784,30,10", "--epochs", "1");
    assertUsageError("--sizes ends with 2 outputs but blobs (train) has 3 classes; end the sizes with 3, e.g. "
        + "--sizes 4,30,3", "train", "--sizes", "4,5,2", "--epochs", "1");
  }

  @Test
  void choiceErrors() {
    assertUsageError("--hidden must be sigmoid, relu, tanh or identity, got \"softsign\"", "train", "--hidden",
        "softsign");
    assertUsageError("--init must be gaussian, scaled, uniform, tiny-uniform, he or zero, got \"xavier\"", "train",
        "--init", "xavier");
    assertUsageError("--precision must be float64 or float32, got \"half\"", "train", "--precision", "half");
    assertUsageError("--precision needs a value, e.g. --precision float32", "train", "--precision");
    assertUsageError("--output softmax needs --cost cross-entropy (softmax pairs with the log-likelihood cost); "
        + "or use --output sigmoid with the quadratic cost", "train", "--output", "softmax", "--cost",
        "quadratic");
  }

  @Test
  void dataAndModelErrors() {
    assertUsageError("--data mnsit: unknown dataset; use sample, mnist, fashion, or a directory holding the four "
        + "MNIST-style IDX files", "train", "--data", "mnsit");
    Path missing = dir.resolve("missing.npz");
    assertUsageError("--model " + missing + ": no such file; train one with train --save " + missing, "evaluate",
        "--model", missing.toString());
    assertUsageError("evaluate needs --model FILE, the .npz written by train --save", "evaluate");
    assertUsageError("--save " + dir + " is a directory; give a file name such as " + dir.resolve("model.npz"),
        "train", "--save", dir.toString());
    assertTrue(loaded.isEmpty(), "no data is loaded when the command line is wrong: " + loaded);
  }

  @Test
  void helpPrintsUsageToStdout() {
    for (String[] args : new String[][] {{"help"}, {"--help"}, {"-h"}, {"train", "--help"}}) {
      Run r = run(args);
      assertEquals(new Run(0, Main.USAGE, ""), r);
    }
    assertTrue(Main.USAGE.contains("train --sizes 784,30,10 --epochs 30 --batch 10 --eta 3.0"));
  }

  // ------------------------------------------------------------ errors while running: exit 1, no stack trace

  @Test
  void corruptDataFileIsOneMessageAndExit1() {
    DataSource corrupt = name -> {
      throw new DataFormatException("t10k-labels-idx1-ubyte.gz: SHA-256 mismatch. Fix: delete it and run again.");
    };
    Run r = run(corrupt, "train", "--sizes", "4,5,3");
    assertEquals(new Run(1, "", "error: t10k-labels-idx1-ubyte.gz: SHA-256 mismatch. Fix: delete it and run "
        + "again." + System.lineSeparator()), r);
  }

  @Test
  void missingDatasetOrNativeCodeIsOneMessageAndExit1() {
    DataSource notInstalled = name -> {
      throw new IllegalStateException("Fashion-MNIST is not installed. Fix: apt-get install dataset-fashion-mnist.");
    };
    Run r = run(notInstalled, "train", "--data", "fashion");
    assertEquals(1, r.status());
    assertEquals("error: Fashion-MNIST is not installed. Fix: apt-get install dataset-fashion-mnist."
        + System.lineSeparator(), r.err());
  }

  @Test
  void corruptModelFileIsOneMessageAndExit1() throws Exception {
    Path model = dir.resolve("model.npz");
    Files.writeString(model, "not a model");
    Run r = run("evaluate", "--model", model.toString());
    assertEquals(1, r.status());
    assertEquals("error: Cannot load model file " + model + ": it is not an .npz file (a zip archive, starting "
        + "with the bytes PK); its first bytes are 6e 6f 74 20 61 20 6d 6f. Fix: pass the .npz file written by "
        + "net.save(path) or train --save." + System.lineSeparator(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void modelOfOtherSizesThanTheDataIsOneMessageAndExit1() {
    Path model = dir.resolve("other.npz");
    new Network(5, 3, 3).save(model);
    Run r = run("evaluate", "--model", model.toString());
    assertEquals(1, r.status());
    assertEquals("error: Cannot evaluate model file " + model + " on blobs: 600 train / 200 validation / 200 test: the model has "
        + "sizes [5, 3, 3] (5 inputs, 3 outputs) but the data has 4 inputs per example and 3 classes. Fix: "
        + "evaluate it on the data it was trained on, or train a model for this data with --sizes 4,30,3."
        + System.lineSeparator(), r.err());
  }

  // ------------------------------------------------------------ train and evaluate

  @Test
  void trainPrintsOneLinePerEpochThenSavesAndEvaluateReloads() throws Exception {
    Path model = dir.resolve("blobs.npz");
    Run train = run("train", "--sizes", "4,8,3", "--epochs", "3", "--batch", "10", "--eta", "3.0", "--data",
        "sample", "--save", model.toString());
    assertEquals(0, train.status(), train::toString);
    assertEquals("", train.err());
    List<String> lines = train.out().lines().toList();
    assertEquals("Data: blobs: 600 train / 200 validation / 200 test", lines.get(0));
    assertEquals("Network [4, 8, 3]: SIGMOID hidden, SIGMOID output, QUADRATIC cost, GAUSSIAN init, seed 42",
        lines.get(1));
    for (int e = 1; e <= 3; e++) {
      assertTrue(lines.get(2 + e).matches("Epoch " + e + ": validation [0-9]+ / 200 \\([0-9.]+%\\)  " + EPOCH_TIME),
          lines.get(2 + e));
    }
    assertTrue(lines.get(6).matches("Test accuracy \\(measured once, after training\\): [0-9]+ / 200 \\([0-9.]+%\\) "
        + "on blobs \\(test\\)"), lines.get(6));
    assertEquals("Saved " + model + " (evaluate it with: evaluate --model " + model + ")", lines.get(7));
    assertEquals(List.of("sample"), loaded);

    Run evaluate = run("evaluate", "--model", model.toString(), "--data", "sample");
    assertEquals(0, evaluate.status(), evaluate::toString);
    List<String> ev = evaluate.out().lines().toList();
    String testAccuracy = lines.get(6).replaceAll("^.*: (.*\\)) on .*$", "$1");
    assertEquals("Accuracy: " + testAccuracy, ev.get(2), "the reloaded model scores what training printed");
    assertEquals("Confusion matrix (rows: true label, columns: predicted):", ev.get(3));
    assertEquals("true\\pred     0     1     2", ev.get(4));
    assertEquals(4 + 1 + 3 + 1, ev.size(), evaluate.out());
    assertTrue(ev.get(8).startsWith("Most confused: "), ev.get(8));
  }

  @Test
  void softmaxDefaultsToCrossEntropyAndOptionsReachTheNetwork() throws Exception {
    Path model = dir.resolve("softmax.npz");
    Run r = run("train", "--sizes", "4,6,3", "--epochs", "1", "--hidden", "RELU", "--output", "softmax",
        "--init", "scaled", "--eta", "0.5", "--lambda", "0.1", "--seed", "-3", "--save", model.toString());
    assertEquals(0, r.status(), r::toString);
    Network net = Network.load(model);
    assertEquals("Network [4, 6, 3]: RELU hidden, SOFTMAX output, CROSS_ENTROPY cost, SCALED_GAUSSIAN init, "
        + "seed -3", net.toString().lines().findFirst().orElseThrow());
    assertTrue(r.out().contains("Sgd(epochs=1, batchSize=10, eta=0.5, lambda=0.1, seed=-3)"), r.out());
  }

  @Test
  void precisionFloat32ReachesSgdAndStillLearns() {
    Run r = run("train", "--sizes", "4,6,3", "--epochs", "2", "--eta", "3.0", "--precision", "float32");
    assertEquals(0, r.status(), r::toString);
    assertTrue(r.out().contains("Sgd(epochs=2, batchSize=10, eta=3.0, lambda=0.0, seed=42, float32)"), r.out());
    String last = r.out().lines().filter(l -> l.startsWith("Epoch 2: ")).findFirst().orElseThrow();
    int correct = Integer.parseInt(last.substring("Epoch 2: validation ".length(), last.indexOf(" /")));
    assertTrue(correct >= 180, "three well-separated blobs, 200 validation points: " + last);
  }

  @Test
  void divergingTrainingIsReportedAndNotSaved() {
    Path model = dir.resolve("diverged.npz");
    Run r = run("train", "--sizes", "4,8,3", "--epochs", "2", "--hidden", "relu", "--output", "softmax",
        "--eta", "1e300", "--save", model.toString());
    assertEquals(1, r.status(), r::toString);
    assertTrue(r.err().startsWith("Warning: eta = 1E+300 is far above the usual values"), r.err());
    assertTrue(r.err().lines().toList().get(1).startsWith("Training diverged in epoch 1: "), r.err());
    assertTrue(r.err().endsWith("Not saved to " + model + ": training diverged." + System.lineSeparator()),
        r.err());
    assertFalse(Files.exists(model));
  }
}
