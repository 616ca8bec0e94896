package nn.training;

/**
 * The work matrices of {@link FastSgd} for mini-batches of exactly {@code m} examples, allocated once.
 *
 * <p>Layout (column-major, like jblas): {@code zt[l]}, {@code at[l]} and {@code dt[l]} are {@code m x sizes[l]},
 * one example per row: element {@code (c, j)}, neuron {@code j} of example {@code c}, is at {@code j*m + c}.
 * The inputs {@code x} are {@code sizes[0] x m}, one example per column, as in the lessons.
 */
final class Batch {
  final int m;
  Buffer x;             // the batch's inputs, sizes[0] x m (one example per column)
  final Buffer[] zt;    // zt[l]: weighted inputs, m x sizes[l] (slot 0 unused)
  final Buffer[] at;    // at[l]: activations, m x sizes[l] (slot 0 unused: the inputs are x)
  final Buffer[] dt;    // dt[l]: delta (the error of layer l), m x sizes[l] (slot 0 unused)
  final int[] labels;   // labels[c]: the class of example c
  Buffer[] mask;        // Sgd.dropout's masks, m x sizes[l] for hidden l (null without dropout; DropoutMasks)

  Batch(int[] sizes, int m, boolean float32) {
    this.m = m;
    int n = sizes.length;
    x = Buffer.zeros(float32, sizes[0] * m);
    zt = new Buffer[n];
    at = new Buffer[n];
    dt = new Buffer[n];
    zt[0] = at[0] = dt[0] = Buffer.zeros(float32, 0);
    for (int l = 1; l < n; l++) {
      zt[l] = Buffer.zeros(float32, m * sizes[l]);
      at[l] = Buffer.zeros(float32, m * sizes[l]);
      dt[l] = Buffer.zeros(float32, m * sizes[l]);
    }
    labels = new int[m];
  }
}
