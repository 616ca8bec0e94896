package nn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.Network;
import nn.data.Mnist;
import nn.data.Split;
import nn.training.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real command line on the MNIST sample shipped in the jar: train one epoch, save, evaluate, reproduce. */
class SampleRunTest {
  @TempDir
  Path dir;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, () -> o + e);
    assertEquals("", e);
    return o.lines().toArray(String[]::new);
  }

  @Test
  void sameSeedThroughTheCommandLineAndThroughFitGivesBitIdenticalWeights() throws Exception {
    Path cli = dir.resolve("cli.npz");
    String[] lines = run("train", "--sizes", "784,30,10", "--epochs", "1", "--batch", "10", "--eta", "3.0",
        "--cost", "quadratic", "--seed", "7", "--data", "sample", "--save", cli.toString());
    assertTrue(lines[3].matches("Epoch 1: validation [0-9]+ / 1000 \\(([0-9.]+)%\\)  " + MainTest.EPOCH_TIME), lines[3]);
    double percent = Double.parseDouble(lines[3].replaceAll(".*\\(([0-9.]+)%\\).*", "$1"));
    assertTrue(percent > 50, "one epoch on the sample learns something (chance is 10%): " + lines[3]);

    // The same run in Java, as a notebook would write it.
    Split sample = Mnist.sample();
    Network net = Network.builder(784, 30, 10).seed(7).build();
    net.fit(sample.train(), sample.validation(), new Sgd().epochs(1).batchSize(10).eta(3.0).seed(7).verbose(false));
    Path java = dir.resolve("java.npz");
    net.save(java);

    assertEquals(-1, Files.mismatch(cli, java), "byte-identical model files");
    Network fromCli = Network.load(cli);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(net.weights[l].data, fromCli.weights[l].data, 0.0);
      assertArrayEquals(net.biases[l].data, fromCli.biases[l].data, 0.0);
    }

    // evaluate reloads it and reports what Java measures, and what the epoch line said.
    List<String> evaluation = List.of(run("evaluate", "--model", cli.toString(), "--data", "sample"));
    String accuracy = net.evaluate(sample.test()).toString();
    assertEquals("Accuracy: " + accuracy, evaluation.get(2));
    // train printed validation after the epoch, and the test accuracy once, at the end.
    String validation = net.evaluate(sample.validation()).toString();
    assertTrue(lines[3].startsWith("Epoch 1: validation " + validation + "  "), lines[3] + " vs " + validation);
    assertEquals("Test accuracy (measured once, after training): " + accuracy + " on MNIST sample (test)",
        lines[4]);
    assertEquals(net.confusion(sample.test()).toString(),
        String.join(System.lineSeparator(), evaluation.subList(4, 15)));
  }

  @Test
  void aRunThatStopsLearningSaysWhyOnStderrAndSavesNothing() {
    Path target = dir.resolve("stuck.npz");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"train", "--epochs", "10", "--eta", "100", "--data", "sample", "--save",
        target.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(Main.RUN_ERROR, status, e);
    List<String> lines = e.lines().toList();
    assertTrue(lines.get(0).startsWith("Training stopped in epoch 3: the network is not learning."), e);
    assertTrue(lines.get(0).contains("Fix: start again from a new network with a smaller learning rate, e.g. eta = 3 "
        + "(a usual value for this network)."), e);
    assertEquals("Not saved to " + target + ": training stopped learning.", lines.get(1));
    assertTrue(Files.notExists(target));
    assertEquals(3, out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Epoch ")).count());
  }
}
