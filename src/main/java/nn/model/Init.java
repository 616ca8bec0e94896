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
 * </ul>
 */
public enum Init {
  GAUSSIAN,
  SCALED_GAUSSIAN,
  UNIFORM,
  TINY_UNIFORM;

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
      default:
        return random.nextGaussian();
    }
  }
}
