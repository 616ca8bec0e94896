/**
 * A network and its maths in the workbook's indexing: {@link nn.model.Model} (sizes, weights, biases,
 * feedforward, forward, backprop, cost, predict, evaluate), the choices {@link nn.model.Activation},
 * {@link nn.model.Output}, {@link nn.model.Cost}, {@link nn.model.Init}, and what a pass returns
 * ({@link nn.model.Forward}, {@link nn.model.Gradients}). Uses only {@code nn.data} and {@code nn.blas}.
 */
package nn.model;
