package nn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import nn.Network;
import nn.blas.Jblas;
import nn.data.Dataset;
import nn.data.Split;
import nn.io.ModelFile;
import nn.io.ModelFormatException;
import nn.model.ConfusionMatrix;

/** {@code evaluate}: loads a saved model and prints its accuracy and confusion matrix on a test set. */
final class EvaluateCommand {
  static final Set<String> OPTIONS = Set.of("--model", "--data");

  private EvaluateCommand() {}

  static int run(Arguments a, DataSource data, PrintStream out) throws UsageException {
    if (!a.has("--model")) {
      throw new UsageException("evaluate needs --model FILE, the .npz written by train --save");
    }
    Path model = a.path("--model");
    if (Files.isDirectory(model)) {
      throw new UsageException("--model " + model + " is a directory; give the .npz file inside it");
    }
    if (!Files.exists(model)) {
      throw new UsageException("--model " + model + ": no such file; train one with train --save " + model);
    }
    String dataName = Main.dataName(a);

    Jblas.check();
    Network net = Network.load(model);
    Split split = data.load(dataName);
    Dataset test = split.test();
    if (net.sizes[0] != test.inputs() || net.sizes[net.layers()] < test.classes()) {
      throw new ModelFormatException("Cannot evaluate model file " + model + " on " + split.description()
          + ": the model has sizes " + java.util.Arrays.toString(net.sizes) + " (" + net.sizes[0] + " inputs, "
          + net.sizes[net.layers()] + " outputs) but the data has " + test.inputs() + " inputs per example and "
          + test.classes() + " classes. Fix: evaluate it on the data it was trained on, or train a model for "
          + "this data with --sizes " + test.inputs() + ",30," + test.classes() + ".");
    }

    ConfusionMatrix confusion = net.confusion(test);
    out.println("Model: " + model + ": " + net.toString().lines().findFirst().orElse(""));
    out.println("Data: " + split.description() + "; evaluating on the test set");
    out.println("Accuracy: " + net.evaluate(test));
    out.println("Confusion matrix (rows: true label, columns: predicted):");
    out.println(confusion);
    String confused = confusion.mostConfused(3).stream().map(Object::toString)
        .collect(Collectors.joining("; "));
    out.println("Most confused: " + (confused.isEmpty() ? "none" : confused));
    return Main.OK;
  }
}
