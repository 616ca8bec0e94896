package nn.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import nn.data.DataFormatException;
import nn.data.Dataset;
import nn.data.Mnist;
import nn.io.ModelFormatException;

/**
 * The command line of {@code nn-workbook.jar}: {@code train} a network and save it, {@code evaluate} a saved
 * one. Run {@code java -jar target/nn-workbook.jar help} for the options.
 *
 * <p>Exit status: 0 done; 1 an error while running (corrupt data or model file, jblas native code missing,
 * training diverged), printed as one message; 2 a wrong command line, printed as one line plus the usage.
 * Neither prints a stack trace: the messages say what to do.
 */
public final class Main {
  static final int OK = 0;
  static final int RUN_ERROR = 1;
  static final int USAGE_ERROR = 2;

  /** Names {@code --data} accepts besides a directory. */
  static final Set<String> DATA_NAMES = Set.of("sample", "mnist", "fashion");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar nn-workbook.jar <command> [options]",
      "",
      "Commands:",
      "  train       train a network by mini-batch SGD; prints the validation accuracy after every epoch",
      "              and the test accuracy once, at the end",
      "  evaluate    load a saved model; prints its accuracy and confusion matrix on the test set",
      "  help        print this help",
      "",
      "train options [default]:",
      "  --sizes 784,30,10               layer sizes, inputs first [784,30,10]",
      "  --epochs N                      passes over the training set [30]",
      "  --batch N                       mini-batch size, at least 1 [10]",
      "  --eta X                         learning rate, greater than 0 [3.0; 0.001 with rmsprop or adam]",
      "  --lambda X                      L2 regularisation, 0 or more [0]",
      "  --l1 X                          L1 regularisation, 0 or more [0]",
      "  --optimizer sgd|momentum|rmsprop|adam  the update rule: plain SGD, momentum 0.9, RMSProp 0.9,",
      "                                  Adam 0.9/0.999 [sgd]",
      "  --hidden sigmoid|relu|tanh|identity  activation of the hidden layers [sigmoid]",
      "  --output sigmoid|softmax        activation of the output layer [sigmoid]",
      "  --cost quadratic|cross-entropy  cost function [quadratic; cross-entropy with softmax]",
      "  --init gaussian|scaled|uniform|tiny-uniform|he|zero  initial weights: N(0,1), N(0,1)/sqrt(n_in),",
      "                                  U[-0.5,0.5], U[-5e-4,5e-4], N(0,1)*sqrt(2/n_in) with biases 0",
      "                                  (for ReLU), all 0 [gaussian]",
      "  --seed N                        seed of the initial weights and of the shuffles [42]",
      "  --precision float64|float32     arithmetic of the training steps; float32 is faster [float64]",
      "  --dropout P                     drop hidden neurons with probability P in training, 0 <= P < 1 [0]",
      "  --early-stop PATIENCE           stop after PATIENCE epochs without a better validation accuracy and",
      "                                  keep the best epoch's weights [off]",
      "  --shift PIXELS                  move every training image by up to PIXELS each epoch [0]",
      "  --data NAME                     sample, mnist, fashion, or a directory holding the four",
      "                                  MNIST-style IDX files [sample]",
      "  --save FILE                     save the trained network to FILE (.npz, readable by numpy.load)",
      "",
      "evaluate options:",
      "  --model FILE                    a model saved by train --save or net.save(path) (required)",
      "  --data NAME                     as for train; its test set is used [sample]",
      "",
      "Examples:",
      "  java -jar target/nn-workbook.jar train --sizes 784,30,10 --epochs 30 --batch 10 --eta 3.0 --save model.npz",
      "  java -jar target/nn-workbook.jar evaluate --model model.npz --data sample",
      "",
      "Exit status: 0 done, 1 error while running, 2 wrong command line.",
      "");

  private final DataSource data;

  /** A command line that reads datasets from {@code data} (tests pass a small synthetic one). */
  Main(DataSource data) {
    this.data = data;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command with the real datasets; returns the exit status (0, 1 or 2). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Main(Mnist::load).execute(args, out, err);
  }

  /** Runs one command; returns the exit status (0, 1 or 2). Never throws for a user's mistake. */
  int execute(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0) {
        throw new UsageException("no command given; use train, evaluate or help");
      }
      String command = args[0];
      if (command.equals("help") || command.equals("--help") || command.equals("-h")
          || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
        out.print(USAGE);
        return OK;
      }
      switch (command) {
        case "train":
          return TrainCommand.run(Arguments.parse(command, args, 1, TrainCommand.OPTIONS), data, out, err);
        case "evaluate":
          return EvaluateCommand.run(Arguments.parse(command, args, 1, EvaluateCommand.OPTIONS), data, out);
        default:
          throw new UsageException("unknown command \"" + command + "\"; use train, evaluate or help");
      }
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(USAGE);
      return USAGE_ERROR;
    } catch (ModelFormatException | DataFormatException | IllegalStateException | IllegalArgumentException
        | UncheckedIOException e) {
      // The modules' messages name the file or setting, what was wrong and the fix: that is all to show.
      err.println("error: " + e.getMessage());
      return RUN_ERROR;
    } catch (OutOfMemoryError e) {
      err.println("error: out of memory (" + e.getMessage() + "). Fix: give Java more heap, e.g. "
          + "java -Xmx2g -jar nn-workbook.jar ..., or use smaller --sizes.");
      return RUN_ERROR;
    } catch (RuntimeException e) {
      // Not a user's mistake but a bug: keep the stack trace so it can be reported.
      err.println("error: unexpected " + e + " (a bug in nn-workbook; please report it with this trace)");
      e.printStackTrace(err);
      return RUN_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The {@code --data} value, checked: a known name (any case) or an existing directory; a file, a missing
   * directory and an unknown name each get their own message.
   */
  static String dataName(Arguments a) throws UsageException {
    if (!a.has("--data")) {
      return "sample";
    }
    String typed = a.text("--data", "sample");
    String lower = typed.strip().toLowerCase(java.util.Locale.ROOT);
    if (DATA_NAMES.contains(lower)) {
      return lower;
    }
    Path dir = a.path("--data");
    if (Files.isDirectory(dir)) {
      return dir.toString();
    }
    if (Files.exists(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      throw new UsageException("--data " + typed + " is a file, not a directory; give the directory that holds "
          + "the four MNIST-style IDX files" + (parent == null ? "" : ", e.g. --data " + parent));
    }
    if (typed.contains("/") || typed.contains(java.io.File.separator) || typed.startsWith(".")
        || typed.startsWith("~")) {
      throw new UsageException("--data " + typed + ": no such directory" + (dir.toString().equals(typed) ? ""
          : " (" + dir + ")") + "; give an existing directory holding the four MNIST-style IDX files, or "
          + "sample, mnist or fashion");
    }
    throw new UsageException("--data " + typed + ": unknown dataset; use sample, mnist, fashion, or a "
        + "directory holding the four MNIST-style IDX files");
  }

  /** The network's first and last layer fit the data: one input per pixel, an output per class. */
  static void checkFits(int[] sizes, Dataset train, String option) throws UsageException {
    int last = sizes.length - 1;
    if (sizes[0] != train.inputs()) {
      throw new UsageException(option + " starts with " + sizes[0] + " inputs but " + train.name() + " has "
          + train.inputs() + " per example; start the sizes with " + train.inputs() + ", e.g. --sizes "
          + train.inputs() + ",30," + train.classes());
    }
    if (sizes[last] < train.classes()) {
      throw new UsageException(option + " ends with " + sizes[last] + " outputs but " + train.name() + " has "
          + train.classes() + " classes; end the sizes with " + train.classes() + ", e.g. --sizes "
          + train.inputs() + ",30," + train.classes());
    }
  }
}
