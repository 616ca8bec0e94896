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
    // Lesson 07
    add("bestEpoch",
        "Walk through the epochs from 1 (epoch e is validationAccuracy[e - 1]), remembering the best epoch so far: "
            + "a later epoch replaces it only with a strictly higher accuracy. When the current epoch is patience "
            + "epochs after the best one, training stops: return the best. If the epochs run out first, the best "
            + "is still the answer.",
        """
        int best = 0;
        for (int e = 1; e <= validationAccuracy.length; e++) {
            if (best == 0 || validationAccuracy[e - 1] > validationAccuracy[best - 1]) best = e;
            else if (e - best >= patience) break;
        }
        return best;""");
    add("l1Step",
        "As sgdStep of lesson 05, with another pull towards zero: take the gradients from net.backprop, then in "
            + "every layer subtract eta * lambda1 / n times the sign of each weight (MatrixFunctions.signum of "
            + "the weights before they change) and eta times the gradient; the biases move by their gradient only.",
        """
        Gradients g = net.backprop(x, y);
        for (int l = 1; l <= net.layers(); l++) {
            DoubleMatrix pull = MatrixFunctions.signum(net.weights[l]).muli(eta * lambda1 / n);
            net.weights[l].subi(pull).subi(g.nablaW()[l].mul(eta));
            net.biases[l].subi(g.nablaB()[l].mul(eta));
        }""");
    add("dropoutBackprop",
        "Dropout changes one equation. The hidden activations are activations[l] = σ(zs[l]) ⊙ masks[l], so "
            + "d activations[l] / d zs[l] is σ'(zs[l]) ⊙ masks[l]: in BP2 the error of layer l - 1 gets the factor "
            + "masks[l - 1] as well, element by element (0 for a dropped neuron, 1/(1-p) for a kept one). BP1, BP3 "
            + "and BP4 stay as in lesson 04; BP4 already takes the masked activations of the forward pass.",
        """
        delta = net.weights[l].transpose().mmul(delta).muli(Activation.SIGMOID.prime(zs[l - 1]))
            .muli(masks[l - 1]);   // BP2 with the mask of layer l - 1""");
    add("shift",
        "Pixel (r, c) of the moved image comes from pixel (r - dy, c - dx) of the original, if that is inside "
            + "0..27 in both directions; otherwise it stays 0. Loop over the 28 x 28 pixels of the result and copy "
            + "from index 28 * (r - dy) + (c - dx).",
        """
        DoubleMatrix moved = new DoubleMatrix(784, 1);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
                if (r - dy >= 0 && r - dy < 28 && c - dx >= 0 && c - dx < 28)
                    moved.put(28 * r + c, image.get(28 * (r - dy) + (c - dx)));
        return moved;""");
    // Lesson 08
    add("oneNeuron",
        "The 30 hidden activations are equal, a_j = a for every j, so output neuron i computes "
            + "z_i = (w_i0 + w_i1 + ... + w_i29) a + b_i: one weight per output neuron, the sum of its row of "
            + "weights[2]. The hidden neuron itself is any of the 30: row 0 of weights[1] and entry 0 of biases[1].",
        """
        one.weights[1] = zero.weights[1].getRow(0);                  // 1 x 784
        one.biases[1] = zero.biases[1].getRange(0, 1, 0, 1);         // 1 x 1
        one.weights[2] = zero.weights[2].rowSums();                  // 10 x 1
        one.biases[2] = zero.biases[2].dup();""");
    add("collapse",
        "Keep the map from x to z^l as a matrix W and a bias b, starting with W = weights[1], b = biases[1]. "
            + "Layer l + 1 takes a^l = z^l = W x + b and computes weights[l+1] (W x + b) + biases[l+1]: multiply "
            + "W by weights[l+1] on the left, and b too, then add biases[l+1] to b.",
        """
        DoubleMatrix W = net.weights[1].dup();
        DoubleMatrix b = net.biases[1].dup();
        for (int l = 2; l <= net.layers(); l++) {
            W = net.weights[l].mmul(W);
            b = net.weights[l].mmul(b).addi(net.biases[l]);
        }
        return new DoubleMatrix[] {W, b};""");
    add("heStd",
        "Var(z) = n_in times Var(w) times the mean of a^2 over the inputs. A ReLU zeroes the negative half of "
            + "a symmetric z, so the mean of a^2 is half the variance of the z before it: the variance stays "
            + "the same from layer to layer when n_in times Var(w) times 1/2 is 1. The standard deviation is the "
            + "square root of that Var(w).",
        """
        return Math.sqrt(2.0 / nIn);""");
    // Lesson 09
    add("momentumStep",
        "Two in-place changes, in this order: the velocity v first decays by the factor mu and takes a step of "
            + "-eta times the gradient; then w moves by the new v. Change v and w themselves (muli, subi, addi): "
            + "v must still hold this step's velocity when the next step comes.",
        """
        v.muli(mu).subi(grad.mul(eta));   // v <- mu v - eta grad
        w.addi(v);                        // w <- w + v""");
    add("adamStep",
        "Update the running averages in place: m <- beta1 m + (1 - beta1) grad, v <- beta2 v + (1 - beta2) grad^2 "
            + "(element by element). Then correct both into new matrices, m / (1 - beta1^t) and v / (1 - beta2^t), "
            + "and move w by -eta times the corrected m divided, element by element, by (the square root of the "
            + "corrected v) + 1e-8.",
        """
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        DoubleMatrix mHat = m.div(1 - Math.pow(beta1, t));
        DoubleMatrix vHat = v.div(1 - Math.pow(beta2, t));
        w.subi(mHat.divi(MatrixFunctions.sqrt(vHat).addi(1e-8)).muli(eta));""");
    // Lesson 10
    add("project",
        "Centre first: subtract the mean column pca.mean() from every column of h. Then each coordinate is a dot "
            + "product with one direction, a unit column of pca.components(): all of them at once are the first two "
            + "columns, transposed, times the centred h, which makes 2 x m.",
        """
        DoubleMatrix centred = h.subColumnVector(pca.mean());
        return pca.components().getColumns(new int[] {0, 1}).transpose().mmul(centred);""");
    add("saliencyByHand",
        "It is backprop of a^2_j instead of the cost: start at the output with delta2 = d a2_j / d z2 (for softmax, "
            + "a2_j times (1 - a2_j) in row j and -a2_j a2_i in row i), go back through w2 and sigmoid'(z1) as BP2 "
            + "does, then once more through w1, transposed, with no activation at the input.",
        """
        DoubleMatrix z1 = net.weights[1].mmul(x).addi(net.biases[1]);
        DoubleMatrix z2 = net.weights[2].mmul(Activation.SIGMOID.apply(z1)).addi(net.biases[2]);
        DoubleMatrix a2 = Output.SOFTMAX.apply(z2);
        DoubleMatrix delta2 = new DoubleMatrix(10, 1);
        for (int i = 0; i < 10; i++) delta2.put(i, a2.get(j) * ((i == j ? 1 : 0) - a2.get(i)));
        DoubleMatrix delta1 = net.weights[2].transpose().mmul(delta2).muli(Activation.SIGMOID.prime(z1));
        return net.weights[1].transpose().mmul(delta1);""");
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
