package nn.training;

import nn.data.Dataset;

/**
 * One way of taking the mini-batch steps of {@link Trainer}: {@link FastSgd} (float64, the default) or
 * {@link FastSgd32} (float32, {@code Sgd.float32(true)}).
 */
interface Step {
  /**
   * One SGD step on the examples {@code order[from .. from+count)} of {@code train} ({@code n} examples in all,
   * for the L2 decay {@code 1 - eta lambda / n}).
   */
  void step(Dataset train, int[] order, int from, int count, int n);

  /** Before the epoch's first step: pick up the network's weights (they may have been changed in between). */
  default void beginEpoch() {}

  /** After the epoch's last step: make the network's weights and biases the trained ones. */
  default void endEpoch() {}
}
