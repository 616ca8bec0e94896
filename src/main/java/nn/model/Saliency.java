package nn.model;

import org.jblas.DoubleMatrix;

/**
 * How much each input pixel moves one output neuron: the gradient {@code ∂ a^L_j / ∂ x}, by backpropagation
 * all the way down to layer 0. It is backprop with two changes: the quantity differentiated is the output
 * activation {@code a^L_j} itself (not the cost), and the last step goes one layer further, to the input.
 *
 * <pre>
 *   delta[L] = ∂ a^L_j / ∂ zs[L]              sizes[L] x m
 *              sigmoid output: σ'(zs[L]_j) in row j, 0 in the other rows
 *              softmax output: a^L_j (e_j - a^L)  (row i: a_j (1 - a_j) for i = j, -a_j a_i otherwise)
 *   delta[l] = (weights[l+1]ᵀ · delta[l+1]) ⊙ f'(zs[l])      l = L-1 .. 1   (BP2)
 *   ∂ a^L_j / ∂ x = weights[1]ᵀ · delta[1]                   sizes[0] x m  (BP2 once more, to layer 0,
 *                                                              where there is no activation function)
 * </pre>
 * Column c is the saliency map of example c: reshaped to 28 x 28 for MNIST, it shows which pixels would
 * raise (positive) or lower (negative) output j if they were made a little darker. Each example's gradient
 * is its own (the batch is not averaged, unlike {@link Model#backprop}).
 */
public final class Saliency {
  private Saliency() {}

  /**
   * The gradient of output neuron {@code j} with respect to the inputs, for every column of {@code x}.
   *
   * @param net the network
   * @param x inputs, {@code sizes[0] x m}, one example per column
   * @param j the output neuron, {@code 0 <= j < sizes[L]} (for a digit classifier: the digit)
   * @return {@code sizes[0] x m}: column c is {@code ∂ a^L_j / ∂ x} at example c
   */
  public static DoubleMatrix of(Model net, DoubleMatrix x, int j) {
    ModelChecks.input(net, x, "Saliency.of");
    int[] neurons = new int[x.columns];
    java.util.Arrays.fill(neurons, checkNeuron(net, j));
    return of(net, x, neurons);
  }

  /**
   * The same with one output neuron per example: column c is {@code ∂ a^L_{neurons[c]} / ∂ x} at example c
   * (e.g. {@code neurons = net.predict(x)}: each image's map for the digit the network answers).
   */
  public static DoubleMatrix of(Model net, DoubleMatrix x, int[] neurons) {
    ModelChecks.input(net, x, "Saliency.of");
    if (neurons == null || neurons.length != x.columns) {
      throw new IllegalArgumentException("Saliency.of needs one output neuron per example: x has " + x.columns
          + " columns but " + (neurons == null ? "no neurons (null)" : neurons.length + " neurons") + " were given.");
    }
    for (int n : neurons) {
      checkNeuron(net, n);
    }
    Forward f = net.forward(x);
    int last = net.layers();
    DoubleMatrix delta = outputDelta(net, f, neurons);
    for (int l = last - 1; l >= 1; l--) {
      delta = net.weights[l + 1].transpose().mmul(delta).muli(net.hidden().prime(f.zs()[l])); // BP2
    }
    return net.weights[1].transpose().mmul(delta); // to layer 0: the inputs have no activation function
  }

  /** {@code ∂ a^L_j / ∂ zs[L]} for each column, {@code j = neurons[c]}: {@code sizes[L] x m}. */
  private static DoubleMatrix outputDelta(Model net, Forward f, int[] neurons) {
    DoubleMatrix z = f.zs()[net.layers()];
    DoubleMatrix a = f.output();
    DoubleMatrix delta = new DoubleMatrix(a.rows, a.columns);
    for (int c = 0; c < a.columns; c++) {
      int j = neurons[c];
      if (net.output() == Output.SIGMOID) {
        delta.put(j, c, Activation.SIGMOID.prime(z.get(j, c))); // a_j depends on z_j alone
      } else {
        double aj = a.get(j, c);
        for (int i = 0; i < a.rows; i++) {
          delta.put(i, c, aj * ((i == j ? 1 : 0) - a.get(i, c))); // softmax: every z_i moves a_j
        }
      }
    }
    return delta;
  }

  private static int checkNeuron(Model net, int j) {
    int outputs = net.sizes[net.layers()];
    if (j < 0 || j >= outputs) {
      throw new IllegalArgumentException("The output neuron must be in 0.." + (outputs - 1) + " (one per class), "
          + "got " + j + ".");
    }
    return j;
  }
}
