package nn;

import java.util.Arrays;

/**
 * {@link FastSgd} in float32: the same steps, in the same order, on {@code float} copies of the weights.
 * Chosen with {@code new Sgd().float32(true)}.
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
  private final Network net;
  private final Sgd sgd;
  private final int layers;
  private final float[][] w;    // w[l]: sizes[l] x sizes[l-1], column-major like jblas (slot 0 unused)
  private final float[][] bias; // bias[l]: sizes[l]
  private Buffers full;
  private Buffers rest;
  private float[][] sumW;
  private float[][] sumB;
  private Dataset keptFor;
  private float[][] keptInputs;
  private int[][] keptLabels;

  FastSgd32(Network net, Sgd sgd) {
    if (net == null || sgd == null) {
      throw new IllegalArgumentException("FastSgd32 needs a network and its Sgd options; got "
          + (net == null ? "no network" : "no Sgd") + ".");
    }
    this.net = net;
    this.sgd = sgd;
    this.layers = net.layers();
    w = new float[layers + 1][];
    bias = new float[layers + 1][];
    w[0] = new float[0];
    bias[0] = new float[0];
    for (int l = 1; l <= layers; l++) {
      w[l] = new float[net.sizes[l] * net.sizes[l - 1]];
      bias[l] = new float[net.sizes[l]];
    }
    beginEpoch();
  }

  @Override
  public void beginEpoch() {
    for (int l = 1; l <= layers; l++) {
      toFloat(net.weights[l].data, w[l]);
      toFloat(net.biases[l].data, bias[l]);
    }
  }

  @Override
  public void endEpoch() {
    for (int l = 1; l <= layers; l++) {
      toDouble(w[l], net.weights[l].data);
      toDouble(bias[l], net.biases[l].data);
    }
  }

  private static final class Buffers {
    final int m;
    final float[][] z;
    final float[][] a;
    final float[][] delta;
    final int[] labels;

    Buffers(int[] sizes, int m) {
      this.m = m;
      int n = sizes.length;
      z = new float[n][];
      a = new float[n][];
      delta = new float[n][];
      for (int l = 0; l < n; l++) {
        a[l] = new float[sizes[l] * m];
        z[l] = l == 0 ? new float[0] : new float[sizes[l] * m];
        delta[l] = l == 0 ? new float[0] : new float[sizes[l] * m];
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
    if (count <= FastSgd.CHUNK) {
      Buffers b = buffers(count);
      load(train, order, from, b);
      forward(b);
      outputDelta(b);
      backward(b, (float) (-sgd.eta / count), decay, false);
      return;
    }
    clearSums();
    if (count == n && (long) n * net.sizes[0] <= FastSgd.KEEP_CHUNKS_LIMIT) {
      keepChunks(train);
      for (int k = 0; k < keptInputs.length; k++) {
        Buffers b = buffers(keptLabels[k].length);
        float[] own = b.a[0];
        b.a[0] = keptInputs[k];
        System.arraycopy(keptLabels[k], 0, b.labels, 0, b.m);
        forward(b);
        outputDelta(b);
        backward(b, 1f / count, 1f, true);
        b.a[0] = own;
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
    float eta = (float) sgd.eta;
    for (int l = 1; l <= layers; l++) {
      float[] weights = w[l];
      float[] g = sumW[l];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = decay * weights[i] - eta * g[i];
      }
      for (int j = 0; j < bias[l].length; j++) {
        bias[l][j] -= eta * sumB[l][j];
      }
    }
  }

  private void keepChunks(Dataset data) {
    if (keptFor == data) {
      return;
    }
    int n = data.size();
    int rows = net.sizes[0];
    int chunks = (n + FastSgd.CHUNK - 1) / FastSgd.CHUNK;
    keptInputs = new float[chunks][];
    keptLabels = new int[chunks][];
    double[] images = data.images().data;
    for (int k = 0; k < chunks; k++) {
      int from = k * FastSgd.CHUNK;
      int m = Math.min(FastSgd.CHUNK, n - from);
      keptInputs[k] = new float[rows * m];
      for (int i = 0; i < rows * m; i++) {
        keptInputs[k][i] = (float) images[from * rows + i];
      }
      keptLabels[k] = Arrays.copyOfRange(data.labels(), from, from + m);
    }
    keptFor = data;
  }

  /** Copies (and rounds to float) the columns {@code order[from .. from+m)} and their labels. */
  private void load(Dataset data, int[] order, int from, Buffers b) {
    int rows = net.sizes[0];
    double[] images = data.images().data;
    int[] labels = data.labels();
    float[] x = b.a[0];
    for (int c = 0; c < b.m; c++) {
      int example = order[from + c];
      int src = example * rows;
      int dst = c * rows;
      for (int r = 0; r < rows; r++) {
        x[dst + r] = (float) images[src + r];
      }
      b.labels[c] = labels[example];
    }
  }

  /** z[l] = W[l] a[l-1] + b[l]; a[l] = f(z[l]). */
  private void forward(Buffers b) {
    int m = b.m;
    for (int l = 1; l <= layers; l++) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      float[] z = b.z[l];
      for (int c = 0; c < m; c++) {
        System.arraycopy(bias[l], 0, z, c * out, out);
      }
      Blas.gemm('N', 'N', out, m, in, 1f, w[l], 0, out, b.a[l - 1], 0, in, 1f, z, 0, out);
      float[] a = b.a[l];
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
        softmaxColumns(z, a, out, m);
      }
    }
  }

  /** As {@link Output#softmaxColumns}, in float, each column's sum taken in double. */
  private static void softmaxColumns(float[] z, float[] a, int rows, int m) {
    for (int c = 0; c < m; c++) {
      int base = c * rows;
      float max = Float.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        max = Math.max(max, z[base + r]);
      }
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        double e = Math.exp(z[base + r] - max);
        a[base + r] = (float) e;
        sum += e;
      }
      for (int r = 0; r < rows; r++) {
        a[base + r] = (float) (a[base + r] / sum);
      }
    }
  }

  /** delta[L] (BP1): (a - y) ⊙ σ'(z) for the quadratic cost, a - y for cross-entropy. */
  private void outputDelta(Buffers b) {
    int out = net.sizes[layers];
    float[] a = b.a[layers];
    float[] d = b.delta[layers];
    boolean quadratic = net.cost() == Cost.QUADRATIC;
    for (int c = 0; c < b.m; c++) {
      int base = c * out;
      for (int r = 0; r < out; r++) {
        float ar = a[base + r];
        float diff = ar - (r == b.labels[c] ? 1f : 0f);
        d[base + r] = quadratic ? diff * (ar * (1f - ar)) : diff;
      }
    }
  }

  /** BP2-BP4 from the output layer down; into the sums when {@code summing}, else the fused update. */
  private void backward(Buffers b, float alpha, float beta, boolean summing) {
    int m = b.m;
    for (int l = layers; l >= 1; l--) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      float[] delta = b.delta[l];
      if (l > 1) {
        float[] back = b.delta[l - 1];
        Blas.gemm('T', 'N', in, m, out, 1f, w[l], 0, out, delta, 0, out, 0f, back, 0, in);
        float[] below = b.a[l - 1];
        if (net.hidden() == Activation.SIGMOID) {
          for (int i = 0; i < back.length; i++) {
            back[i] *= below[i] * (1f - below[i]);
          }
        } else {
          float[] zBelow = b.z[l - 1];
          Activation f = net.hidden();
          for (int i = 0; i < back.length; i++) {
            back[i] *= (float) f.prime(zBelow[i]);
          }
        }
      }
      float[] target = summing ? sumW[l] : w[l];
      float[] biasTarget = summing ? sumB[l] : bias[l];
      Blas.gemm('N', 'T', out, in, m, alpha, delta, 0, out, b.a[l - 1], 0, in, summing ? 1f : beta, target, 0, out);
      for (int r = 0; r < out; r++) {
        float s = 0;
        for (int c = 0; c < m; c++) {
          s += delta[c * out + r];
        }
        biasTarget[r] += alpha * s;
      }
    }
  }

  private void clearSums() {
    if (sumW == null) {
      sumW = new float[layers + 1][];
      sumB = new float[layers + 1][];
      sumW[0] = new float[0];
      sumB[0] = new float[0];
      for (int l = 1; l <= layers; l++) {
        sumW[l] = new float[net.sizes[l] * net.sizes[l - 1]];
        sumB[l] = new float[net.sizes[l]];
      }
    } else {
      for (int l = 1; l <= layers; l++) {
        Arrays.fill(sumW[l], 0f);
        Arrays.fill(sumB[l], 0f);
      }
    }
  }

  private static void toFloat(double[] from, float[] to) {
    for (int i = 0; i < to.length; i++) {
      to[i] = (float) from[i];
    }
  }

  private static void toDouble(float[] from, double[] to) {
    for (int i = 0; i < from.length; i++) {
      to[i] = from[i];
    }
  }
}
