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
 * </ul>
 */
public enum Init {
  GAUSSIAN,
  SCALED_GAUSSIAN,
  UNIFORM;

  /** One weight entering a layer whose neurons each have {@code fanIn} inputs. */
  double weight(Random random, int fanIn) {
    switch (this) {
      case GAUSSIAN:
        return random.nextGaussian();
      case SCALED_GAUSSIAN:
        return random.nextGaussian() / Math.sqrt(fanIn);
      default:
        return random.nextDouble() - 0.5;
    }
  }

  /** One bias. */
  double bias(Random random) {
    return this == UNIFORM ? random.nextDouble() - 0.5 : random.nextGaussian();
  }
}
