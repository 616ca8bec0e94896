package nn.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two tiers of every exercise's hint: the idea (shown by {@link Check} with a failure, no code) and the
 * code (shown only by {@link Check#hint(String)}). Kept here, out of the notebooks, so that running a check
 * never puts the answer on screen.
 */
final class Hints {
  /** A hint: what to think about, and the lines that do it. */
  record Hint(String idea, String code) {}

  private static final Map<String, Hint> ALL = new LinkedHashMap<>();

  static {
    // Lesson 01
    add("sigmoidPrime",
        "Differentiate σ(z) = 1 / (1 + e^(-z)) with the chain rule, then write the result in terms of σ(z) "
            + "itself (Activation.sigmoid(z)). That form needs no exponential of its own, so it also works at "
            + "z = ±800, where e^800 overflows to Infinity.",
        """
        double s = Activation.sigmoid(z);
        return s * (1 - s);""");
    // Lesson 02
    add("parameterCount",
        "Every layer l from 1 to L (the input layer has no parameters) has weights[l], sizes[l] x sizes[l-1], "
            + "and biases[l], sizes[l] x 1: add up both for every layer. Mind the loop bounds, and count in long.",
        """
        long count = 0;
        for (int l = 1; l < sizes.length; l++) {
            count += (long) sizes[l] * sizes[l - 1] + sizes[l];   // weights[l] and biases[l]
        }
        return count;""");
    add("weightedInput",
        "z_j sums over the neurons k of the previous layer: start from neuron j's bias and add one product "
            + "w_jk a_k for each k. Row j of w belongs to neuron j; its columns run over layer l-1.",
        """
        double z = b.get(j);
        for (int k = 0; k < w.columns; k++) {
            z += w.get(j, k) * aPrev.get(k);
        }
        return z;""");
    // Lesson 03
    add("feedforward",
        "Start from a = x (layer 0) and go through the layers l = 1..L: each multiplies by its weights, adds "
            + "its biases to every column and applies the sigmoid. One matrix product per layer handles all m "
            + "examples at once.",
        """
        for (int l = 1; l <= net.layers(); l++) {
            a = Activation.SIGMOID.apply(net.weights[l].mmul(a).addiColumnVector(net.biases[l]));
        }
        return a;""");
    add("softmax",
        "Each column is one example: exponentiate it and divide by the column's sum. Subtract the column's "
            + "largest value first (softmax does not change), or exp(1000) overflows to Infinity.",
        """
        DoubleMatrix a = new DoubleMatrix(z.rows, z.columns);
        for (int c = 0; c < z.columns; c++) {
            DoubleMatrix column = z.getColumn(c);
            DoubleMatrix e = MatrixFunctions.exp(column.sub(column.max()));
            a.putColumn(c, e.div(e.sum()));
        }
        return a;""");
    // Lesson 04
    add("backprop",
        "BP1 gives delta for layer L: (a^L - y) times σ'(z^L), element by element. In the loop, layer l's "
            + "gradients come from delta: BP3 is the mean of delta's columns, BP4 is delta times the previous "
            + "layer's activations transposed, divided by m. Then, while l > 1, BP2 carries delta back through "
            + "weights[l] transposed and multiplies it by σ'(zs[l - 1]).",
        """
        DoubleMatrix delta = activations[L].sub(y).muli(Activation.SIGMOID.prime(zs[L]));   // BP1
        for (int l = L; l >= 1; l--) {
            nablaB[l] = delta.rowSums().divi(m);                                  // BP3
            nablaW[l] = delta.mmul(activations[l - 1].transpose()).divi(m);       // BP4
            if (l > 1) {
                delta = net.weights[l].transpose().mmul(delta).muli(Activation.SIGMOID.prime(zs[l - 1]));   // BP2
            }
        }""");
    add("outputError",
        "For softmax with the log-likelihood cost, softmax's Jacobian and dC/da = -y/a combine so that no "
            + "derivative factor is left: BP1 is the output minus the target, with the outputs computed by "
            + "softmax, not by the sigmoid.",
        """
        return Output.SOFTMAX.apply(z).sub(y);""");
    add("backpropRelu",
        "Two lines of your backprop change. BP1: with softmax and the log-likelihood cost, delta^L = a^L - y "
            + "(exercise 2, outputError). BP2: the hidden layers use ReLU now, so multiply by ReLU's derivative "
            + "(1 where z > 0, else 0) instead of σ'.",
        """
        DoubleMatrix delta = activations[L].sub(y);                                          // BP1
        ...
                delta = net.weights[l].transpose().mmul(delta).muli(Activation.RELU.prime(zs[l - 1]));   // BP2""");
    // Lesson 05
    add("sgdStep",
        "Get the mini-batch's gradients with net.backprop, then change the network's own matrices in place, "
            + "for every layer l = 1..L: the weights first shrink by the factor (1 - eta * lambda / n), n the "
            + "size of the training set, then move by eta times their gradient; the biases only move by eta "
            + "times theirs.",
        """
        Gradients g = net.backprop(x, y);
        for (int l = 1; l <= net.layers(); l++) {
            net.weights[l].muli(1 - eta * lambda / n).subi(g.nablaW()[l].mul(eta));
            net.biases[l].subi(g.nablaB()[l].mul(eta));
        }""");
    // Lesson 06
    add("decayPerEpoch",
        "Each SGD step multiplies every weight by (1 - eta * lambda / n), n the size of the training set; an "
            + "epoch takes one step per mini-batch, ceil(n / m) steps. Use the notebook's ETA_L2, small.size() "
            + "and BATCH_L2, not the numbers they hold today.",
        """
        int steps = (small.size() + BATCH_L2 - 1) / BATCH_L2;
        return Math.pow(1 - ETA_L2 * lambda / small.size(), steps);""");
    // Lesson 11
    add("bestRow",
        "Walk the rows once, keeping the index of the best so far: a row replaces it when its validation "
            + "accuracy is higher, or equal and its seconds fewer. Start from row 0, read the two columns by "
            + "their names, and never look at a test figure (the table has none).",
        """
        int best = 0;
        for (int i = 1; i < table.rowCount(); i++) {
            double accuracy = table.doubleColumn("validation accuracy").get(i);
            double bestAccuracy = table.doubleColumn("validation accuracy").get(best);
            boolean faster = table.doubleColumn("seconds").get(i) < table.doubleColumn("seconds").get(best);
            if (accuracy > bestAccuracy || accuracy == bestAccuracy && faster) best = i;
        }
        return best;""");
    add("ensemble",
        "Feed x forward through each network (feedforward gives the output activations a^L, 10 x m), add the "
            + "two matrices element by element and halve the sum. Average the outputs, not the answers: the "
            + "argmax comes after the mean.",
        """
        return a.feedforward(x).add(b.feedforward(x)).div(2);""");
  }

  private Hints() {}

  private static void add(String name, String idea, String code) {
    ALL.put(name, new Hint(idea, code));
  }

  /** The hint of exercise {@code name}, or null if there is none. */
  static Hint of(String name) {
    return ALL.get(name);
  }

  /** The exercises that have hints, in lesson order. */
  static List<String> names() {
    return new ArrayList<>(ALL.keySet());
  }
}
