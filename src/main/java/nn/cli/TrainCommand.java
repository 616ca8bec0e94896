package nn.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nn.Network;
import nn.blas.Jblas;
import nn.data.Dataset;
import nn.data.Shift;
import nn.data.Split;
import nn.io.ModelFile;
import nn.io.SaveTarget;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Evaluation;
import nn.model.Init;
import nn.model.Output;
import nn.training.Epoch;
import nn.training.History;
import nn.training.Optimizer;
import nn.training.Sgd;

/**
 * {@code train}: builds a network from the options, trains it by mini-batch SGD on a dataset's training set,
 * prints the validation accuracy after every epoch and the test accuracy once at the end, and optionally saves
 * it.
 *
 * <p>{@code --seed} seeds both the initial weights ({@code Network.builder(..).seed(s)}) and the shuffles
 * ({@code new Sgd().seed(s)}), so the same command gives bit-identical weights, the same as that code in Java.
 */
final class TrainCommand {
  static final Set<String> OPTIONS = Set.of("--sizes", "--epochs", "--batch", "--eta", "--lambda", "--hidden",
      "--output", "--cost", "--init", "--seed", "--data", "--save", "--precision", "--dropout", "--early-stop",
      "--shift", "--optimizer", "--l1");

  private static final Map<String, Activation> HIDDEN = ordered("sigmoid", Activation.SIGMOID, "relu",
      Activation.RELU);
  private static final Map<String, Output> OUTPUT = ordered("sigmoid", Output.SIGMOID, "softmax", Output.SOFTMAX);
  private static final Map<String, Cost> COST = ordered("quadratic", Cost.QUADRATIC, "cross-entropy",
      Cost.CROSS_ENTROPY);
  private static final Map<String, Init> INIT = new LinkedHashMap<>();
  /** float32 (Sgd.float32) trains faster; float64 is the default and what the lessons use. */
  private static final Map<String, Boolean> PRECISION = ordered("float64", false, "float32", true);

  /** Issue 15: the update rules, with their usual hyperparameters. */
  private static final Map<String, Optimizer> OPTIMIZER = new LinkedHashMap<>();

  static {
    OPTIMIZER.put("sgd", Optimizer.sgd());
    OPTIMIZER.put("momentum", Optimizer.momentum(0.9));
    OPTIMIZER.put("rmsprop", Optimizer.rmsprop(0.9));
    OPTIMIZER.put("adam", Optimizer.adam());
    INIT.put("gaussian", Init.GAUSSIAN);
    INIT.put("scaled", Init.SCALED_GAUSSIAN);
    INIT.put("uniform", Init.UNIFORM);
    INIT.put("tiny-uniform", Init.TINY_UNIFORM);
    INIT.put("he", Init.HE);
    INIT.put("zero", Init.ZERO);
    HIDDEN.put("tanh", Activation.TANH);
    HIDDEN.put("identity", Activation.IDENTITY);
  }

  private TrainCommand() {}

  static int run(Arguments a, DataSource data, PrintStream out, PrintStream err) throws UsageException {
    // Every option is checked before the (possibly long) data loading and training start.
    int[] sizes = a.sizes("--sizes", new int[] {784, 30, 10});
    int epochs = a.integer("--epochs", 30, 1, "number of passes over the training set");
    int batch = a.integer("--batch", 10, 1, "mini-batch size");
    double eta = a.number("--eta", 3.0, true, "the learning rate");
    double lambda = a.number("--lambda", 0.0, false, "the L2 regularisation strength");
    Activation hidden = a.choice("--hidden", Activation.SIGMOID, HIDDEN);
    Output output = a.choice("--output", Output.SIGMOID, OUTPUT);
    // Softmax pairs with the log-likelihood cost, so it is the default there; quadratic everywhere else.
    Cost cost = a.choice("--cost", output == Output.SOFTMAX ? Cost.CROSS_ENTROPY : Cost.QUADRATIC, COST);
    if (output == Output.SOFTMAX && cost == Cost.QUADRATIC) {
      throw new UsageException("--output softmax needs --cost cross-entropy (softmax pairs with the "
          + "log-likelihood cost); or use --output sigmoid with the quadratic cost");
    }
    Init init = a.choice("--init", Init.GAUSSIAN, INIT);
    long seed = a.seed("--seed", 42L);
    boolean float32 = a.choice("--precision", false, PRECISION);
    // Issue 15: RMSProp and Adam scale each step themselves and take a much smaller eta (0.001 by default).
    Optimizer optimizer = a.choice("--optimizer", Optimizer.sgd(), OPTIMIZER);
    Optimizer.Kind kind = optimizer.kind();
    eta = a.has("--eta") || (kind != Optimizer.Kind.ADAM && kind != Optimizer.Kind.RMSPROP) ? eta : 0.001;
    double l1 = a.number("--l1", 0.0, false, "the L1 regularisation strength");
    // regul: dropout, early stopping, shifts (checked here, before any data is loaded)
    double dropout = a.number("--dropout", 0.0, false, "the probability of dropping each hidden neuron");
    if (dropout >= 1) {
      throw new UsageException("--dropout (the probability of dropping each hidden neuron) must be below 1 (1 "
          + "drops them all), got " + a.text("--dropout", "") + "; try 0.2 or 0.5");
    }
    int patience = a.integer("--early-stop", 0, 1, "epochs to wait for a better validation accuracy");
    int shift = a.integer("--shift", 0, 0, "how many pixels an image may move");
    String dataName = Main.dataName(a);
    Path save = a.has("--save") ? a.path("--save") : null;
    if (save != null && Files.isDirectory(save)) {
      throw new UsageException("--save " + save + " is a directory; give a file name such as "
          + save.resolve("model.npz"));
    }
    if (save != null) {
      // Before the first epoch: a target that cannot be saved to would otherwise throw the trained network away.
      try {
        SaveTarget.check(save);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    Jblas.check();
    Split split = data.load(dataName);
    Dataset train = split.train();
    Dataset validation = split.validation();
    Main.checkFits(sizes, train, "--sizes");
    if (shift > 0) {
      try {
        new Shift(train, shift, seed); // square images, and a shift below their side
      } catch (IllegalArgumentException e) {
        throw new UsageException("--shift " + shift + ": " + e.getMessage());
      }
    }
    Network net = Network.builder(sizes).hidden(hidden).output(output).cost(cost).init(init).seed(seed).build();
    Sgd sgd = new Sgd().epochs(epochs).batchSize(batch).eta(eta).lambda(lambda).seed(seed).float32(float32)
        .verbose(false) // fit would print to System.out; we print the same line to `out`
        .monitorTraining(false) // the line shows validation only; skip the extra pass over the training set
        .onEpoch(soFar -> out.println(line(soFar.last(), validation.size())));
    sgd.optimizer(optimizer).l1(l1);
    sgd.dropout(dropout).earlyStop(patience).shift(shift); // regul

    out.println("Data: " + split.description());
    out.println(net.toString().lines().findFirst().orElse(""));
    out.println(sgd);
    History history = net.fit(train, validation, sgd);
    history.warnings().forEach(err::println);
    if (history.stoppedEarly()) {
      out.println(history.message()); // not an error: early stopping did its job
    } else if (history.bestEpoch() > 0 && history.bestEpoch() < history.size() && !history.stopped()) {
      out.println("Early stopping kept epoch " + history.bestEpoch() + "'s weights, the best validation accuracy "
          + "of the " + history.size() + " epochs.");
    }
    if (history.stopped() && !history.stoppedEarly()) {
      err.println(history.message());
      err.println("Not saved" + (save == null ? "" : " to " + save) + ": training "
          + (history.diverged() ? "diverged." : history.stuck() ? "stopped learning." : "stopped early."));
      return Main.RUN_ERROR;
    }
    // The test set is measured once, now that every choice is made (choices are made on validation).
    out.println("Test accuracy (measured once, after training): " + net.evaluate(split.test()) + " on "
        + split.test().name());
    if (save != null) {
      try {
        ModelFile.save(net, save);
      } catch (UncheckedIOException | IllegalArgumentException e) {
        // The target was fine before training but is not now (disk full, directory removed): keep the network.
        err.println("error: " + e.getMessage());
        Path rescue = Path.of(System.getProperty("java.io.tmpdir"), "nn-rescued-" + ProcessHandle.current().pid()
            + ".npz");
        ModelFile.save(net, rescue);
        err.println("The trained network is saved to " + rescue + " instead; move it where you want it.");
        return Main.RUN_ERROR;
      }
      out.println("Saved " + save + " (evaluate it with: evaluate --model " + save + ")");
    }
    return Main.OK;
  }

  /** {@code Epoch 3: validation 921 / 1000 (92.1%)  35 ms}, the line {@code fit} prints. */
  static String line(Epoch e, int validationSize) {
    int correct = (int) Math.round(e.validationAccuracy() * validationSize);
    return "Epoch " + e.epoch() + ": validation " + new Evaluation(correct, validationSize) + "  " + e.time();
  }

  private static <T> Map<String, T> ordered(String k1, T v1, String k2, T v2) {
    Map<String, T> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
