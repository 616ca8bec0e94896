package nn.training;

import java.util.Arrays;
import nn.blas.Blas;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Model;
import nn.model.Output;

/**
 * {@link FastSgd} in float32: the same steps, in the same order and the same layout (one example per row
 * inside), on {@code float} copies of the weights and biases. Chosen with {@code new Sgd().float32(true)}.
 *
 * <p>Why: a float is half the bytes of a double, so every product moves half the memory and the BLAS does
 * twice as many multiply-adds per instruction. The price is about 7 significant digits instead of 16, which
 * SGD does not notice (its own noise is far larger), but a gradient check would: lesson 04 checks gradients in
 * float64, and {@code Network.backprop} always works in float64.
 *
 * <p>The network keeps its float64 weights. At the start of each epoch they are copied into floats, and at
 * the end the trained floats are copied back, so everything outside the epoch (measuring, saving, the
 * divergence guard) sees an ordinary network. The code mirrors {@link FastSgd} line by line; it is a second
 * class because Java cannot write one loop for both {@code float[]} and {@code double[]}.
 */
final class FastSgd32 implements Step {
  private final Model net;
  private final Sgd sgd;
  private final int layers;
  private final float[][] wt;   // wt[l] = weights[l]^T in float: sizes[l-1] x sizes[l] (slot 0 unused)
  private final float[][] bias; // bias[l] = biases[l] in float: sizes[l]
  private Buffers full; // for the usual batch size
  private Buffers rest; // for the last, shorter batch of an epoch (or a chunk remainder)
  private float[][] sumWt; // gradient sums of a chunked batch, like wt; allocated on first need
  private float[][] sumB;
  private Dataset floatFor;      // the training set whose images floatImages holds, rounded to float
  private float[] floatImages;   // sizes[0] x n: made once per fit, so a mini-batch is a plain copy of floats
  private Dataset keptFor;     // the training set whose chunks are kept, in natural order, for full batches
  private float[][] keptInputs;
  private int[][] keptLabels;

  FastSgd32(Model net, Sgd sgd) {
    if (net == null || sgd == null) {
      throw new IllegalArgumentException("FastSgd32 needs a network and its Sgd options; got "
          + (net == null ? "no network" : "no Sgd") + ".");
    }
    this.net = net;
    this.sgd = sgd;
    this.layers = net.layers();
    wt = new float[layers + 1][];
    bias = new float[layers + 1][];
    wt[0] = new float[0];
    bias[0] = new float[0];
    for (int l = 1; l <= layers; l++) {
      wt[l] = new float[net.sizes[l] * net.sizes[l - 1]];
      bias[l] = new float[net.sizes[l]];
    }
    beginEpoch();
  }

  /** Copies the network's weights in, transposed and rounded to float, and its biases. */
  @Override
  public void beginEpoch() {
    for (int l = 1; l <= layers; l++) {
      int rows = net.sizes[l];
      int cols = net.sizes[l - 1];
      double[] w = net.weights[l].data;
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          wt[l][r * cols + c] = (float) w[c * rows + r];
        }
      }
      for (int j = 0; j < rows; j++) {
        bias[l][j] = (float) net.biases[l].data[j];
      }
    }
  }

  /** Copies the trained weights back into the network, in its {@code sizes[l] x sizes[l-1]} convention. */
  @Override
  public void endEpoch() {
    for (int l = 1; l <= layers; l++) {
      int rows = net.sizes[l];
      int cols = net.sizes[l - 1];
      double[] w = net.weights[l].data;
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          w[c * rows + r] = wt[l][r * cols + c];
        }
      }
      for (int j = 0; j < rows; j++) {
        net.biases[l].data[j] = bias[l][j];
      }
    }
  }

  /** Per-layer work matrices for batches of exactly {@code m} examples. */
  private static final class Buffers {
    final int m;
    float[] x;             // the batch's inputs, sizes[0] x m (one example per column)
    final float[][] zt;    // zt[l]: m x sizes[l] (slot 0 unused)
    final float[][] at;    // at[l]: m x sizes[l] (slot 0 unused: the inputs are x)
    final float[][] dt;    // dt[l], delta transposed: m x sizes[l] (slot 0 unused)
    final int[] labels;

    Buffers(int[] sizes, int m) {
      this.m = m;
      int n = sizes.length;
      x = new float[sizes[0] * m];
      zt = new float[n][];
      at = new float[n][];
      dt = new float[n][];
      zt[0] = at[0] = dt[0] = new float[0];
      for (int l = 1; l < n; l++) {
        zt[l] = new float[m * sizes[l]];
        at[l] = new float[m * sizes[l]];
        dt[l] = new float[m * sizes[l]];
      }
      labels = new int[m];
    }
  }

  private Buffers buffers(int m) {
    if (full == null) {
      full = new Buffers(net.sizes, m);
    }
    if (full.m == m) {
      return full;
    }
    if (rest == null || rest.m != m) {
      rest = new Buffers(net.sizes, m);
    }
    return rest;
  }

  @Override
  public void step(Dataset train, int[] order, int from, int count, int n) {
    float decay = (float) (1.0 - sgd.eta * sgd.lambda / n);
    float eta = (float) sgd.eta;
    if (count <= FastSgd.CHUNK) {
      Buffers b = buffers(count);
      load(train, order, from, b);
      forward(b);
      outputDelta(b);
      backward(b, -eta / count, decay, false);
      return;
    }
    // Large batch: sum (1/count) * gradient over chunks, with the weights held still, then step once.
    clearSums();
    if (count == n && (long) n * net.sizes[0] <= FastSgd.KEEP_CHUNKS_LIMIT) {
      // Full batch: the order of the examples does not change the gradient, so the chunks are copied once
      // (in natural order) and kept, instead of being copied out of the training set at every step.
      keepChunks(train);
      for (int k = 0; k < keptInputs.length; k++) {
        Buffers b = buffers(keptLabels[k].length);
        float[] own = b.x;
        b.x = keptInputs[k];
        System.arraycopy(keptLabels[k], 0, b.labels, 0, b.m);
        forward(b);
        outputDelta(b);
        backward(b, 1f / count, 1f, true);
        b.x = own;
      }
    } else {
      for (int start = 0; start < count; start += FastSgd.CHUNK) {
        Buffers b = buffers(Math.min(FastSgd.CHUNK, count - start));
        load(train, order, from + start, b);
        forward(b);
        outputDelta(b);
        backward(b, 1f / count, 1f, true);
      }
    }
    for (int l = 1; l <= layers; l++) {
      float[] w = wt[l];
      float[] g = sumWt[l];
      for (int i = 0; i < w.length; i++) {
        w[i] = decay * w[i] - eta * g[i];
      }
      for (int j = 0; j < bias[l].length; j++) {
        bias[l][j] -= eta * sumB[l][j];
      }
    }
  }

  /** Copies {@code data} once into chunks of at most FastSgd.CHUNK columns, in natural order. */
  private void keepChunks(Dataset data) {
    if (keptFor == data) {
      return;
    }
    int n = data.size();
    int rows = net.sizes[0];
    int chunks = (n + FastSgd.CHUNK - 1) / FastSgd.CHUNK;
    keptInputs = new float[chunks][];
    keptLabels = new int[chunks][];
    for (int k = 0; k < chunks; k++) {
      int from = k * FastSgd.CHUNK;
      int m = Math.min(FastSgd.CHUNK, n - from);
      keptInputs[k] = new float[rows * m];
      double[] images = data.images().data;
      for (int i = 0; i < rows * m; i++) {
        keptInputs[k][i] = (float) images[from * rows + i];
      }
      keptLabels[k] = Arrays.copyOfRange(data.labels(), from, from + m);
    }
    keptFor = data;
  }

  /**
   * Copies the columns {@code order[from .. from+m)} and their labels into the batch buffer. The training
   * set is rounded to float once, on the first step (half its size again in memory), because converting
   * every mini-batch as it is copied made each epoch slower than float64 (measured).
   */
  private void load(Dataset data, int[] order, int from, Buffers b) {
    if (floatFor != data) {
      double[] images = data.images().data;
      floatImages = new float[images.length];
      for (int i = 0; i < images.length; i++) {
        floatImages[i] = (float) images[i];
      }
      floatFor = data;
    }
    int rows = net.sizes[0];
    int[] labels = data.labels();
    for (int c = 0; c < b.m; c++) {
      int example = order[from + c];
      System.arraycopy(floatImages, example * rows, b.x, c * rows, rows);
      b.labels[c] = labels[example];
    }
  }

  /** z[l]^T = a[l-1]^T W[l]^T + b[l]^T (each row); a[l] = f(z[l]). */
  private void forward(Buffers b) {
    int m = b.m;
    for (int l = 1; l <= layers; l++) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      float[] z = b.zt[l];
      for (int j = 0; j < out; j++) {
        Arrays.fill(z, j * m, (j + 1) * m, bias[l][j]); // start from the bias; gemm adds the product (beta = 1)
      }
      if (l == 1) { // x is sizes[0] x m, so a[0]^T is x with the transpose flag
        Blas.gemm('T', 'N', m, out, in, 1f, b.x, 0, in, wt[l], 0, in, 1f, z, 0, m);
      } else {
        Blas.gemm('N', 'N', m, out, in, 1f, b.at[l - 1], 0, m, wt[l], 0, in, 1f, z, 0, m);
      }
      float[] a = b.at[l];
      if (l < layers) {
        Activation f = net.hidden();
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) f.apply(z[i]);
        }
      } else if (net.output() == Output.SIGMOID) {
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) Activation.sigmoid(z[i]);
        }
      } else {
        softmaxRows(z, a, m, out);
      }
    }
  }

  /** Softmax of each example (row {@code c}: elements {@code c, c+m, c+2m, ...}) of the {@code m x out} z. */
  private static void softmaxRows(float[] z, float[] a, int m, int out) {
    for (int c = 0; c < m; c++) {
      // Subtracting the example's largest z leaves softmax unchanged and keeps exp from overflowing.
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < out; j++) {
        max = Math.max(max, z[j * m + c]);
      }
      double sum = 0;
      for (int j = 0; j < out; j++) {
        double e = Math.exp(z[j * m + c] - max);
        a[j * m + c] = (float) e;
        sum += e;
      }
      for (int j = 0; j < out; j++) {
        a[j * m + c] = (float) (a[j * m + c] / sum);
      }
    }
  }

  /** delta[L] (BP1): (a - y) ⊙ σ'(z) for the quadratic cost, a - y for cross-entropy. */
  private void outputDelta(Buffers b) {
    int out = net.sizes[layers];
    int m = b.m;
    float[] a = b.at[layers];
    float[] d = b.dt[layers];
    boolean quadratic = net.cost() == Cost.QUADRATIC;
    for (int j = 0; j < out; j++) {
      for (int c = 0; c < m; c++) {
        int i = j * m + c;
        float diff = a[i] - (j == b.labels[c] ? 1f : 0f);
        d[i] = quadratic ? diff * (a[i] * (1f - a[i])) : diff;
      }
    }
  }

  /**
   * BP2-BP4 from the output layer down. Unless {@code summing}: the fused update
   * {@code W[l]^T <- beta W[l]^T + alpha a[l-1] delta[l]^T}, {@code b[l] += alpha Σ delta}, each layer updated only
   * after its weights have carried delta one layer back. When {@code summing}, the same products are added into
   * the sums ({@code beta = 1}) and the weights stay as they are.
   */
  private void backward(Buffers b, float alpha, float beta, boolean summing) {
    int m = b.m;
    for (int l = layers; l >= 1; l--) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      float[] delta = b.dt[l];
      if (l > 1) {
        // delta[l-1]^T = (delta[l]^T W[l]) ⊙ f'(z[l-1])^T, with the weights from before this step.
        float[] back = b.dt[l - 1];
        Blas.gemm('N', 'T', m, in, out, 1f, delta, 0, m, wt[l], 0, in, 0f, back, 0, m);
        float[] below = b.at[l - 1];
        if (net.hidden() == Activation.SIGMOID) {
          for (int i = 0; i < back.length; i++) {
            back[i] *= below[i] * (1f - below[i]); // σ'(z) = σ(z)(1 - σ(z)) = a(1 - a)
          }
        } else {
          float[] zBelow = b.zt[l - 1];
          Activation f = net.hidden();
          for (int i = 0; i < back.length; i++) {
            back[i] *= (float) f.prime(zBelow[i]);
          }
        }
      }
      float[] target = summing ? sumWt[l] : wt[l];
      float[] biasTarget = summing ? sumB[l] : bias[l];
      if (l == 1) { // a[0] = x, sizes[0] x m as it is
        Blas.gemm('N', 'N', in, out, m, alpha, b.x, 0, in, delta, 0, m, summing ? 1f : beta, target, 0, in);
      } else {
        Blas.gemm('T', 'N', in, out, m, alpha, b.at[l - 1], 0, m, delta, 0, m, summing ? 1f : beta, target, 0, in);
      }
      for (int j = 0; j < out; j++) {
        float s = 0;
        for (int c = 0; c < m; c++) {
          s += delta[j * m + c];
        }
        biasTarget[j] += alpha * s;
      }
    }
  }

  private void clearSums() {
    if (sumWt == null) {
      sumWt = new float[layers + 1][];
      sumB = new float[layers + 1][];
      sumWt[0] = new float[0];
      sumB[0] = new float[0];
      for (int l = 1; l <= layers; l++) {
        sumWt[l] = new float[net.sizes[l] * net.sizes[l - 1]];
        sumB[l] = new float[net.sizes[l]];
      }
    } else {
      for (int l = 1; l <= layers; l++) {
        Arrays.fill(sumWt[l], 0f);
        Arrays.fill(sumB[l], 0f);
      }
    }
  }
}
