package nn.model;

import org.jblas.DoubleMatrix;

/**
 * Everything a forward pass computed, in the workbook's indexing.
 *
 * @param zs weighted inputs: {@code zs[l] = weights[l] · activations[l-1] + biases[l]}, {@code sizes[l] x m};
 *     {@code zs[0]} is unused (an empty 0x0 matrix): the input layer has no weighted input
 * @param activations {@code activations[0]} is the input {@code x} ({@code sizes[0] x m});
 *     {@code activations[l] = f(zs[l])}, {@code sizes[l] x m}; {@code activations[L]} is the output
 */
public record Forward(DoubleMatrix[] zs, DoubleMatrix[] activations) {
  /** The network's output {@code activations[L]}, {@code sizes[L] x m}. */
  public DoubleMatrix output() {
    return activations[activations.length - 1];
  }
}
