package nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nn.checks.Check;
import nn.checks.GradientCheck;
import nn.data.Dataset;
import nn.model.ConfusionMatrix;
import nn.model.Cost;
import nn.model.Gradients;
import nn.model.Output;
import nn.training.History;
import nn.training.Sgd;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's rows of docs/bad-inputs.md: each bad input, the exception type and the exact message a learner
 * sees. If a message changes, change the table too. Row ids (H1, I2, ...) are the table's.
 */
class BadInputsTest {
  private record Row(String id, Class<? extends Throwable> type, String message, Executable action) {}

  private static final List<Row> ROWS = new ArrayList<>();

  private static void row(String id, Class<? extends Throwable> type, String message, Executable action) {
    ROWS.add(new Row(id, type, message, action));
  }

  private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  private static final Class<IllegalStateException> ISE = IllegalStateException.class;

  /** 3 examples of 4 inputs, labels 0..2, 3 classes. */
  private static Dataset tiny() {
    return new Dataset(DoubleMatrix.rand(4, 3), new int[] {0, 1, 2}, 3, "tiny");
  }

  private static Network net() {
    return new Network(4, 5, 3);
  }

  private static Sgd quiet() {
    return new Sgd().verbose(false).epochs(1);
  }

  static {
    // ---- hyperparameters ----
    row("H1", IAE, "A network needs at least two layer sizes (inputs and outputs), e.g. new Network(784, 30, 10); "
        + "got [784].", () -> new Network(784));
    row("H2", IAE, "A network needs at least two layer sizes (inputs and outputs), e.g. new Network(784, 30, 10); "
        + "got null.", () -> new Network((int[]) null));
    row("H3", IAE, "sizes[1] is 0 but every layer needs at least one neuron; got sizes [784, 0, 10].",
        () -> new Network(784, 0, 10));
    row("H4", IAE, "sizes[1] is -5 but every layer needs at least one neuron; got sizes [784, -5, 10].",
        () -> new Network(784, -5, 10));
    row("H5", IAE, "weights[1] would be 50000 x 50000 = 2500000000 numbers, but one matrix holds at most "
        + "2147483639; got sizes [50000, 50000, 10]. Use smaller layers.", () -> new Network(50000, 50000, 10));
    row("H6", IAE, "A network with sizes [784, 1000000, 10] has 795000010 weights and biases (6065 MB), more "
        + "than the Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB. Use smaller layers (or "
        + "start Java with a larger -Xmx).", () -> new Network(784, 1_000_000, 10));
    row("H7", IAE, "A softmax output pairs with the cross-entropy (log-likelihood) cost: use "
        + ".cost(Cost.CROSS_ENTROPY), or .output(Output.SIGMOID) to keep the quadratic cost.",
        () -> Network.builder(4, 3).output(Output.SOFTMAX).build());
    row("H8", IAE, "The hidden activation must not be null.", () -> Network.builder(4, 3).hidden(null));
    for (double eta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      row("H9", IAE, "eta (the learning rate) must be a positive finite number, got " + eta + ". Typical values: "
          + "3.0 for sigmoid + quadratic cost, 0.1 to 0.5 for softmax + cross-entropy.", () -> new Sgd().eta(eta));
    }
    for (double lambda : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      row("H10", IAE, "lambda (L2 weight decay) must be 0 or a positive finite number, got " + lambda + ". Try 0 "
          + "(no regularisation) or 1.0.", () -> new Sgd().lambda(lambda));
    }
    for (int batch : new int[] {0, -10}) {
      row("H11", IAE, "batchSize must be at least 1 (1 = one example at a time; Sgd.FULL_BATCH = the whole "
          + "training set), got " + batch + ".", () -> new Sgd().batchSize(batch));
    }
    for (int epochs : new int[] {0, -3}) {
      row("H12", IAE, "epochs must be at least 1, got " + epochs + ".", () -> new Sgd().epochs(epochs));
    }
    row("H13", IAE, "fit needs the hyperparameters: pass new Sgd().epochs(..).eta(..).",
        () -> net().fit(tiny(), null, null));

    // ---- NaN / Infinity in inputs ----
    row("I1", IAE, "feedforward: input element (2, 0) is NaN. Inputs must be finite numbers (MNIST pixels are in "
        + "[0, 1]).", () -> net().feedforward(new DoubleMatrix(new double[] {0, 0, Double.NaN, 0})));
    row("I2", IAE, "feedforward: input element (0, 1) is Infinity. Inputs must be finite numbers (MNIST pixels "
        + "are in [0, 1]).", () -> net().feedforward(new DoubleMatrix(4, 2, 0, 0, 0, 0, Double.POSITIVE_INFINITY,
            0, 0, 0)));
    row("I3", IAE, "fit (training set): tiny example 1, input 3 is NaN. Inputs must be finite numbers (MNIST "
        + "pixels are in [0, 1]).", () -> {
          Dataset d = tiny();
          d.images().put(3, 1, Double.NaN);
          net().fit(d, null, quiet());
        });
    row("I4", IAE, "fit (validation set): tiny example 2, input 0 is -Infinity. Inputs must be finite numbers (MNIST "
        + "pixels are in [0, 1]).", () -> {
          Dataset test = tiny();
          test.images().put(0, 2, Double.NEGATIVE_INFINITY);
          net().fit(tiny(), test, quiet());
        });
    row("I5", IAE, "predict: big example 1500, input 1 is NaN. Inputs must be finite numbers (MNIST pixels are "
        + "in [0, 1]).", () -> {
          Dataset big = new Dataset(DoubleMatrix.zeros(4, 2000), new int[2000], 3, "big");
          big.images().put(1, 1500, Double.NaN);
          net().predict(big);
        });

    // ---- wrong shapes ----
    row("S1", IAE, "feedforward expects 4 rows (one example per column, 4 inputs each) but got a 784 x 1 "
        + "matrix.", () -> net().feedforward(new DoubleMatrix(784, 1)));
    row("S2", IAE, "feedforward expects 4 rows (one example per column, 4 inputs each) but got a 10 x 4 matrix. "
        + "It looks transposed: use x.transpose(), so that each example is a column.",
        () -> net().feedforward(new DoubleMatrix(10, 4)));
    row("S3", IAE, "feedforward expects 4 rows (one example per column, 4 inputs each) but got a 2 x 2 matrix. "
        + "Reshape the example into one column: x.reshape(4, 1).", () -> net().feedforward(new DoubleMatrix(2, 2)));
    row("S4", IAE, "feedforward needs an input matrix, got null.", () -> net().feedforward(null));
    row("S5", IAE, "feedforward expects 4 rows (one example per column, 4 inputs each) but got a 3 x 1 matrix.",
        () -> net().predict(new DoubleMatrix(3, 1)));
    row("S6", IAE, "fit (training set): the network takes 5 inputs but tiny has 4 per example. Build the network "
        + "with sizes[0] = 4.", () -> new Network(5, 3, 3).fit(tiny(), null, quiet()));
    // Was "Build the network with sizes[0] = 6", which the training set (4 inputs) would then refuse.
    row("S7", IAE, "fit: the training set tiny has 4 inputs per example but the validation set other has 6: both must "
        + "hold the same kind of examples (were they read from different files, or one of them resized?).", () -> net().fit(tiny(), new Dataset(new DoubleMatrix(6, 2), new int[] {0, 1}, 3,
            "other"), quiet()));
    row("S8", IAE, "fit (training set): tiny has 3 classes but the network has only 2 outputs. Build it with "
        + "sizes[L] = 3.", () -> new Network(4, 2).fit(tiny(), null, quiet()));
    row("S9", IAE, "fit (training set): empty is empty.", () -> net().fit(new Dataset(new DoubleMatrix(4, 0),
        new int[0], 3, "empty"), null, quiet()));
    row("S10", IAE, "backprop expects y to be 3 x m, one desired output column per input column (m = 2), but got "
        + "3 x 1. For labels, Dataset.oneHot(labels, 3) makes it.",
        () -> net().backprop(new DoubleMatrix(4, 2), new DoubleMatrix(3, 1)));
    row("S11", IAE, "cost needs an input matrix x, got null.", () -> net().cost(null, new DoubleMatrix(3, 1)));
    row("S12", ISE, "weights[1] must be 5 x 4 (sizes[1] x sizes[0]: one row per neuron of layer 1, one column per "
        + "neuron of layer 0) but is null.", () -> {
          Network n = net();
          n.weights[1] = null;
          n.feedforward(new DoubleMatrix(4, 1));
        });
    row("S13", ISE, "weights[1] must be 5 x 4 (sizes[1] x sizes[0]: one row per neuron of layer 1, one column per "
        + "neuron of layer 0) but is 4 x 5. Did you transpose it?", () -> {
          Network n = net();
          n.weights[1] = n.weights[1].transpose();
          n.fit(tiny(), null, quiet());
        });
    row("S14", ISE, "biases[2] must be a column of 3 (3 x 1) but is 1 x 3.", () -> {
          Network n = net();
          n.biases[2] = n.biases[2].transpose();
          n.copy();
        });
    row("S15", IAE, "predict needs a dataset, got null.", () -> net().evaluate(null));
    row("S16", IAE, "confusion needs a dataset, got null.", () -> net().confusion(null));

    // ---- labels and counts ----
    row("L1", IAE, "Label 2 is 10 but labels must be in 0..9. Check the label file, or pass the right number of "
        + "classes.", () -> new Dataset(new DoubleMatrix(4, 3), new int[] {0, 9, 10}));
    row("L2", IAE, "Label 0 is -1 but labels must be in 0..2. Check the label file, or pass the right number of "
        + "classes.", () -> new Dataset(new DoubleMatrix(4, 1), new int[] {-1}, 3, "x"));
    row("L3", IAE, "oneHot: label 1 is 10 but labels must be in 0..9 for 10 classes. Check the labels (were they "
        + "changed?) or the number of classes.", () -> Dataset.oneHot(new int[] {3, 10}, 10));
    row("L4", IAE, "fit (training set): tiny example 0 has label 7 but its labels must be in 0..2. Were the "
        + "labels changed after the Dataset was made? (labels() is shared, not copied.)", () -> {
          Dataset d = tiny();
          d.labels()[0] = 7; // labels() is shared, not copied
          net().fit(d, null, quiet().batchSize(Sgd.FULL_BATCH));
        });
    row("L5", IAE, "ConfusionMatrix: example 1 has label 1 and prediction 12, but both must be in 0..9 for 10 "
        + "classes.", () -> new ConfusionMatrix(new int[] {0, 1}, new int[] {0, 12}, 10));
    row("C1", IAE, "Dataset has 5 images (columns) but 4 labels: every column of images needs exactly one label. "
        + "Check that the image and label files belong together.",
        () -> new Dataset(new DoubleMatrix(4, 5), new int[4]));
    row("C2", IAE, "ConfusionMatrix needs one prediction per label: got 3 labels and 2 predictions.",
        () -> new ConfusionMatrix(new int[3], new int[2], 10));

    // ---- indices into a dataset ----
    row("D1", IndexOutOfBoundsException.class, "Example -1 does not exist: tiny has 3 examples, numbered 0..2.",
        () -> tiny().image(-1));
    row("D2", IndexOutOfBoundsException.class, "Example 3 does not exist: tiny has 3 examples, numbered 0..2.",
        () -> tiny().label(3));
    row("D3", IAE, "slice(2, 1) is outside 0..3: use 0 <= from <= to <= size().", () -> tiny().slice(2, 1));
    row("D4", IndexOutOfBoundsException.class, "Example 99 does not exist: tiny has 3 examples, numbered 0..2.",
        () -> tiny().select(new int[] {0, 99}));
    row("D5", IAE, "select needs an array of example numbers, got null.", () -> tiny().select(null));
    row("D6", IAE, "copyColumns(indices, 1, 3, into) reads indices[1 .. 4) but indices has 3 entries: use 0 <= "
        + "from, 0 <= count, from + count <= indices.length.",
        () -> tiny().copyColumns(new int[] {0, 1, 2}, 1, 3, new DoubleMatrix(4, 3)));

    // ---- other entry points a lesson calls ----
    row("O1", IAE, "QUADRATIC.sum needs z, a and y of the same shape (outputs x examples), got z 10 x 2, a 10 x 2, "
        + "y 10 x 1. For labels, Dataset.oneHot(labels, outputs) makes y.",
        () -> Cost.QUADRATIC.sum(Output.SIGMOID, new DoubleMatrix(10, 2), new DoubleMatrix(10, 2),
            new DoubleMatrix(10, 1)));
    row("O2", IAE, "The gradients must hold arrays nablaW and nablaB of length 3 (L + 1, slot 0 unused, like "
        + "weights and biases), got nablaW of length 2 and nablaB of length 2.", () -> {
          Network n = net();
          DoubleMatrix x = DoubleMatrix.rand(4, 2);
          GradientCheck.compare(n, x, Dataset.oneHot(new int[] {0, 1}, 3),
              new Gradients(new DoubleMatrix[2], new DoubleMatrix[2]));
        });
    row("O3", IAE, "nablaW[2] and nablaB[2] must be matrices (like weights[2] and biases[2]), but nablaW[2] is "
        + "null: compute every layer from 1 to L.", () -> {
          Network n = net();
          DoubleMatrix x = DoubleMatrix.rand(4, 2);
          DoubleMatrix y = Dataset.oneHot(new int[] {0, 1}, 3);
          Gradients g = n.backprop(x, y);
          g.nablaW()[2] = null;
          GradientCheck.compare(n, x, y, g);
        });
    row("O4", IAE, "mostConfused(k) needs k >= 0 (how many cells to list), got -1.",
        () -> new ConfusionMatrix(new int[] {0}, new int[] {1}, 2).mostConfused(-1));
    row("O5", ISE, "History is empty: no epoch has finished yet.", () -> new History().last());
    row("O6", IAE, "argmaxColumns needs a matrix (one column per example), got null.",
        () -> Network.argmaxColumns(null));
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputGivesItsMessage() {
    return ROWS.stream().map(r -> DynamicTest.dynamicTest(r.id() + " " + r.message(), () -> {
      Throwable t = assertThrows(r.type(), r.action(), r.id());
      assertEquals(r.type(), t.getClass(), r.id() + ": exactly this type, not a subclass");
      assertEquals(r.message(), t.getMessage(), r.id());
    }));
  }

  @Test
  void aBrokenNetworkStillPrints() {
    Network n = net();
    n.weights[1] = null;
    n.biases[2] = new DoubleMatrix(1, 3);
    String s = n.toString();
    assertTrue(s.contains("layer 1: weights[1] null, biases[1] 5 x 1"), s);
    assertTrue(s.contains("layer 2: weights[2] 3 x 5, biases[2] 1 x 3"), s);
  }

  @Test
  void checkBackpropReportsWrongLengthsInsteadOfThrowing() {
    Network n = net();
    DoubleMatrix x = DoubleMatrix.rand(4, 2);
    DoubleMatrix y = Dataset.oneHot(new int[] {0, 1}, 3);
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Check.backprop("backprop", (net, a, b) -> new Gradients(new DoubleMatrix[2], new DoubleMatrix[3]), n, x, y);
      Check.backprop("backprop", (net, a, b) -> new Gradients(null, null), n, x, y);
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(printed.contains("✘ The gradients must hold arrays nablaW and nablaB of length 3 (L + 1, slot 0 "
        + "unused, like weights and biases), got nablaW of length 2 and nablaB of length 3."), printed);
    assertTrue(printed.contains("got nablaW null and nablaB null."), printed);
    assertEquals(2, printed.split("RESULT exercise_backprop = fail", -1).length - 1, printed);
  }
}
