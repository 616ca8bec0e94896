package nn.model;

import org.jblas.DoubleMatrix;

/**
 * The gradient of the mean cost over a mini-batch, in the workbook's indexing.
 *
 * @param nablaW {@code nablaW[l] = ∂C/∂weights[l]}, {@code sizes[l] x sizes[l-1]}; slot 0 unused (0x0)
 * @param nablaB {@code nablaB[l] = ∂C/∂biases[l]}, {@code sizes[l] x 1}; slot 0 unused (0x0)
 */
public record Gradients(DoubleMatrix[] nablaW, DoubleMatrix[] nablaB) {}
