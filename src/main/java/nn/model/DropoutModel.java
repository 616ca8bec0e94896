package nn.model;

import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * A network with some hidden neurons dropped, written plainly: the readable reference of inverted dropout
 * (lesson 07), which the fast training step ({@code Sgd.dropout(p)}) is tested against.
 *
 * <p>It is the same network (the same weight and bias matrices, not copies) seen through fixed masks:
 * {@code masks[l]} ({@code sizes[l] x m}, one column per example, for the hidden layers {@code l = 1..L-1})
 * holds 0 where neuron {@code j} of example {@code c} is dropped and {@code 1/(1-p)} where it is kept. Then
 * <pre>
 *   forward   zs[l] = weights[l] · activations[l-1] + biases[l]
 *             activations[l] = f(zs[l]) ⊙ masks[l]            (hidden layers; the output layer as usual)
 *   BP1  delta[L] = ∇_a C ⊙ f'(zs[L])                         (as without dropout)
 *   BP2  delta[l] = (weights[l+1]ᵀ · delta[l+1]) ⊙ f'(zs[l]) ⊙ masks[l]
 *   BP3  nablaB[l] = (1/m) Σ_columns delta[l]
 *   BP4  nablaW[l] = (1/m) delta[l] · activations[l-1]ᵀ       (the masked activations)
 * </pre>
 * BP2 gains the mask because {@code activations[l]} enters the cost only through {@code zs[l+1]}, and
 * {@code ∂ activations[l] / ∂ zs[l] = f'(zs[l]) ⊙ masks[l]}. The kept activations are scaled by
 * {@code 1/(1-p)} so that their expected value is that of the whole network's, which is what predict and
 * evaluate use (every neuron, no scaling). Its cost and backprop are those of this fixed masked network, so
 * {@code GradientCheck.run(new DropoutModel(net, masks), x, y)} checks BP1-BP4 with the masks.
 */
public final class DropoutModel extends Model {
  private final DoubleMatrix[] masks;

  /** {@code net} seen through {@code masks} (see the class comment): the masks fix the number of examples m. */
  public DropoutModel(Model net, DoubleMatrix[] masks) {
    super(net);
    if (masks == null || masks.length != net.layers() + 1) {
      throw new IllegalArgumentException("DropoutModel needs masks[0..L] (L + 1 = " + (net.layers() + 1)
          + " slots, like weights; only the hidden layers 1..L-1 are used), got "
          + (masks == null ? "null" : masks.length + " slots") + ". Make them with DropoutModel.masks(..).");
    }
    int m = net.layers() > 1 && masks[1] != null ? masks[1].columns : -1;
    for (int l = 1; l < net.layers(); l++) {
      if (masks[l] == null || masks[l].rows != net.sizes[l] || masks[l].columns != m) {
        throw new IllegalArgumentException("masks[" + l + "] must be " + net.sizes[l] + " x m (a row per neuron "
            + "of layer " + l + ", a column per example, the same m for every layer), got "
            + (masks[l] == null ? "null" : masks[l].rows + " x " + masks[l].columns) + ".");
      }
    }
    this.masks = masks;
  }

  /**
   * Masks for {@code m} examples: each hidden neuron of each example dropped (0) with probability {@code p},
   * else kept and scaled ({@code 1/(1-p)}), drawn from a generator seeded with {@code seed}.
   */
  public static DoubleMatrix[] masks(int[] sizes, int m, double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("p (the probability of dropping a neuron) must be at least 0 and below "
          + "1, got " + p + ".");
    }
    Random random = new Random(seed);
    DoubleMatrix[] masks = new DoubleMatrix[sizes.length];
    masks[0] = new DoubleMatrix(0, 0);
    masks[sizes.length - 1] = new DoubleMatrix(0, 0);
    for (int l = 1; l < sizes.length - 1; l++) {
      masks[l] = new DoubleMatrix(sizes[l], m);
      for (int i = 0; i < masks[l].length; i++) {
        masks[l].data[i] = random.nextDouble() < p ? 0.0 : 1.0 / (1.0 - p);
      }
    }
    return masks;
  }

  /** The masks, {@code masks[l]} of {@code sizes[l] x m} (shared, not copied). */
  public DoubleMatrix[] masks() {
    return masks;
  }

  private void checkColumns(DoubleMatrix x) {
    if (layers() > 1 && x.columns != masks[1].columns) {
      throw new IllegalArgumentException("These masks are for " + masks[1].columns + " examples, got "
          + x.columns + ": make masks for as many examples as x has columns.");
    }
  }

  /** The forward pass with the hidden activations masked. */
  @Override
  public Forward forward(DoubleMatrix x) {
    ModelChecks.input(this, x, "forward");
    checkColumns(x);
    DoubleMatrix[] zs = new DoubleMatrix[sizes.length];
    DoubleMatrix[] activations = new DoubleMatrix[sizes.length];
    zs[0] = new DoubleMatrix(0, 0);
    activations[0] = x;
    for (int l = 1; l <= layers(); l++) {
      zs[l] = weights[l].mmul(activations[l - 1]).addiColumnVector(biases[l]);
      activations[l] = activate(l, zs[l]);
      if (l < layers()) {
        activations[l].muli(masks[l]); // dropped neurons give 0, kept ones f(z) / (1 - p)
      }
    }
    return new Forward(zs, activations);
  }

  /** The masked network's output (what {@code cost} and {@code predict} of this view use). */
  @Override
  public DoubleMatrix feedforward(DoubleMatrix x) {
    return forward(x).output();
  }

  /** BP1-BP4 of the masked network (see the class comment): the gradient of its mean cost. */
  @Override
  public Gradients backprop(DoubleMatrix x, DoubleMatrix y) {
    ModelChecks.target(this, x, y, "backprop");
    Forward f = forward(x);
    int last = layers();
    int m = x.columns;
    DoubleMatrix[] nablaW = new DoubleMatrix[last + 1];
    DoubleMatrix[] nablaB = new DoubleMatrix[last + 1];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);
    DoubleMatrix delta = cost().delta(output(), f.zs()[last], f.activations()[last], y); // BP1
    for (int l = last; l >= 1; l--) {
      if (l < last) {
        delta = weights[l + 1].transpose().mmul(delta).muli(hidden().prime(f.zs()[l])).muli(masks[l]); // BP2
      }
      nablaB[l] = delta.rowSums().divi(m); // BP3
      nablaW[l] = delta.mmul(f.activations()[l - 1].transpose()).divi(m); // BP4
    }
    return new Gradients(nablaW, nablaB);
  }
}
