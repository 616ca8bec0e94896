package nn.model;

import java.util.Random;

/**
 * How a new network's weights and biases are drawn.
 *
 * <ul>
 *   <li>{@code GAUSSIAN}: weights and biases N(0, 1), as in Nielsen's {@code network.py} and the NumPy tutorials.
 *   <li>{@code SCALED_GAUSSIAN}: weights N(0, 1) / sqrt(n_in), biases N(0, 1), where {@code n_in = sizes[l-1]}:
 *       keeps {@code z} small so sigmoid neurons do not start saturated.
 *   <li>{@code UNIFORM}: weights and biases uniform in [-0.5, 0.5].
 *   <li>{@code TINY_UNIFORM}: weights and biases uniform in [-5e-4, 5e-4], as the deep sigmoid "MSE" tutorial
 *       of lesson 06 starts (nearly zero: every z starts near 0, and so does every gradient of a deep net).
 *   <li>{@code HE}: weights N(0, 1) · sqrt(2 / n_in), biases 0 (He et al. 2015): a ReLU zeroes about half of
 *       its inputs, so twice the variance of {@code SCALED_GAUSSIAN} keeps {@code Var(z)} the same from layer
 *       to layer.
 *   <li>{@code ZERO}: every weight and bias 0. Every hidden neuron of a layer then computes the same thing and
 *       gets the same gradient, so they stay identical for ever (the symmetry lesson 08 shows); no random
 *       number is drawn.
 * </ul>
 */
public enum Init {
  GAUSSIAN,
  SCALED_GAUSSIAN,
  UNIFORM,
  TINY_UNIFORM,
  HE,
  ZERO;

  /** Half-width of {@code TINY_UNIFORM}'s interval. */
  static final double TINY = 5e-4;

  /** One weight entering a layer whose neurons each have {@code fanIn} inputs. */
  double weight(Random random, int fanIn) {
    switch (this) {
      case GAUSSIAN:
        return random.nextGaussian();
      case SCALED_GAUSSIAN:
        return random.nextGaussian() / Math.sqrt(fanIn);
      case TINY_UNIFORM:
        return (2 * random.nextDouble() - 1) * TINY;
      case HE:
        return random.nextGaussian() * Math.sqrt(2.0 / fanIn);
      case ZERO:
        return 0.0;
      default:
        return random.nextDouble() - 0.5;
    }
  }

  /** One bias. */
  double bias(Random random) {
    switch (this) {
      case UNIFORM:
        return random.nextDouble() - 0.5;
      case TINY_UNIFORM:
        return (2 * random.nextDouble() - 1) * TINY;
      case HE:
      case ZERO:
        return 0.0;
      default:
        return random.nextGaussian();
    }
  }
}
