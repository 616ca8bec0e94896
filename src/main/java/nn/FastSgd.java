package nn;

import org.jblas.DoubleMatrix;

/**
 * The same mini-batch SGD step as {@link Trainer} + {@link Network#backprop}, arranged for speed.
 *
 * <p>The maths is unchanged (the gradient agrees with {@code backprop} to about 1e-15); only the
 * bookkeeping differs:
 * <ul>
 *   <li>Every buffer ({@code zs}, {@code activations}, {@code deltas}, one per layer, {@code sizes[l] x m})
 *       is allocated once per mini-batch size, not once per product.
 *   <li>The mini-batch is copied into its own small {@code inputs x m} matrix: jblas copies every Java
 *       array it hands to native code, so it must never see the whole training set.
 *   <li>Products with a transpose call {@code dgemm} with the transpose flag instead of building a
 *       transposed copy ({@code W^T delta}: 'T','N'; {@code delta a^T}: 'N','T').
 *   <li>The weight update is fused into the gradient product: {@code W <- decay W - (eta/m) delta a^T} is one
 *       {@code dgemm} with {@code alpha = -eta/m} and {@code beta = decay} (1 without L2).
 *   <li>A batch larger than {@link #CHUNK} columns (full-batch gradient descent) is walked in chunks whose
 *       gradients are summed into one buffer per layer, then applied once: every chunk sees the old weights.
 * </ul>
 *
 * <p>{@link Trainer} (behind {@link Network#fit}) keeps one {@code FastSgd} per call and takes every step with
 * {@link #step}.
 */
final class FastSgd implements Step {
  /** Columns per chunk of a large batch; 1000 keeps the buffers of a 784-100-10 net under 10 MB. */
  static final int CHUNK = 1000;
  /** Full-batch training keeps its chunks of inputs between steps when they take at most this many doubles. */
  static final long KEEP_CHUNKS_LIMIT = 8_000_000; // 64 MB: 8,000 MNIST images; not 60,000 (376 MB)

  private final Network net;
  private final Sgd sgd;
  private final int layers;
  private Buffers full; // for the usual batch size
  private Buffers rest; // for the last, shorter batch of an epoch (or a chunk remainder)
  private DoubleMatrix[] sumW; // gradient sums of a chunked batch, allocated on first need
  private double[][] sumB;
  private Dataset keptFor;     // the training set whose chunks are kept, in natural order, for full batches
  private double[][] keptInputs;
  private int[][] keptLabels;

  FastSgd(Network net, Sgd sgd) {
    if (net == null || sgd == null) {
      throw new IllegalArgumentException("FastSgd needs a network and its Sgd options; got "
          + (net == null ? "no network" : "no Sgd") + ".");
    }
    this.net = net;
    this.sgd = sgd;
    this.layers = net.layers();
  }

  /** Per-layer work matrices for batches of exactly {@code m} columns. */
  private static final class Buffers {
    final int m;
    final double[][] z;      // z[l]: sizes[l] x m (slot 0 unused)
    final double[][] a;      // a[0]: the batch's inputs; a[l]: activations, sizes[l] x m
    final double[][] delta;  // delta[l]: sizes[l] x m
    final int[] labels;

    Buffers(int[] sizes, int m) {
      this.m = m;
      int n = sizes.length;
      z = new double[n][];
      a = new double[n][];
      delta = new double[n][];
      for (int l = 0; l < n; l++) {
        a[l] = new double[sizes[l] * m];
        z[l] = l == 0 ? new double[0] : new double[sizes[l] * m];
        delta[l] = l == 0 ? new double[0] : new double[sizes[l] * m];
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
    double decay = 1.0 - sgd.eta * sgd.lambda / n;
    if (count <= CHUNK) {
      Buffers b = buffers(count);
      load(train, order, from, b);
      forward(b);
      outputDelta(b);
      backward(b, -sgd.eta / count, decay, null, null);
      return;
    }
    // Large batch: sum (1/count) * gradient over chunks, with the weights held still, then step once.
    clearSums();
    if (count == n && (long) n * net.sizes[0] <= KEEP_CHUNKS_LIMIT) {
      // Full batch: the order of the examples does not change the gradient, so the chunks are copied once
      // (in natural order) and kept, instead of being copied out of the training set at every step.
      keepChunks(train);
      for (int k = 0; k < keptInputs.length; k++) {
        Buffers b = buffers(keptLabels[k].length);
        double[] own = b.a[0];
        b.a[0] = keptInputs[k];
        System.arraycopy(keptLabels[k], 0, b.labels, 0, b.m);
        forward(b);
        outputDelta(b);
        backward(b, 1.0 / count, 1.0, sumW, sumB);
        b.a[0] = own;
      }
    } else {
      for (int start = 0; start < count; start += CHUNK) {
        Buffers b = buffers(Math.min(CHUNK, count - start));
        load(train, order, from + start, b);
        forward(b);
        outputDelta(b);
        backward(b, 1.0 / count, 1.0, sumW, sumB);
      }
    }
    for (int l = 1; l <= layers; l++) {
      double[] w = net.weights[l].data;
      double[] g = sumW[l].data;
      for (int i = 0; i < w.length; i++) {
        w[i] = decay * w[i] - sgd.eta * g[i];
      }
      double[] bias = net.biases[l].data;
      for (int j = 0; j < bias.length; j++) {
        bias[j] -= sgd.eta * sumB[l][j];
      }
    }
  }

  /**
   * The gradient of the mean cost over the columns of {@code x} ({@code sizes[0] x m}) for one-hot
   * {@code y} ({@code sizes[L] x m}), computed by the fast path; the same result as {@link Network#backprop}.
   */
  static Gradients gradient(Network net, DoubleMatrix x, DoubleMatrix y) {
    net.checkShapes();
    if (x.rows != net.sizes[0] || y.rows != net.sizes[net.layers()] || x.columns != y.columns) {
      throw new IllegalArgumentException("FastSgd.gradient: x must be " + net.sizes[0] + " x m and y "
          + net.sizes[net.layers()] + " x m; got " + x.rows + "x" + x.columns + " and " + y.rows + "x" + y.columns
          + ".");
    }
    int[] labels = Network.argmaxColumns(y);
    int[] order = new int[x.columns];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Dataset data = new Dataset(x, labels, y.rows, "gradient");
    FastSgd fast = new FastSgd(net, new Sgd().eta(1.0));
    fast.clearSums();
    for (int start = 0; start < x.columns; start += CHUNK) {
      Buffers b = fast.buffers(Math.min(CHUNK, x.columns - start));
      fast.load(data, order, start, b);
      fast.forward(b);
      fast.outputDelta(b);
      fast.backward(b, 1.0 / x.columns, 1.0, fast.sumW, fast.sumB);
    }
    DoubleMatrix[] nablaW = new DoubleMatrix[net.sizes.length];
    DoubleMatrix[] nablaB = new DoubleMatrix[net.sizes.length];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);
    for (int l = 1; l < net.sizes.length; l++) {
      nablaW[l] = fast.sumW[l];
      nablaB[l] = new DoubleMatrix(fast.sumB[l].length, 1, fast.sumB[l]);
    }
    return new Gradients(nablaW, nablaB);
  }

  /** Copies {@code data} once into chunks of at most CHUNK columns, in natural order. */
  private void keepChunks(Dataset data) {
    if (keptFor == data) {
      return;
    }
    int n = data.size();
    int rows = net.sizes[0];
    int chunks = (n + CHUNK - 1) / CHUNK;
    keptInputs = new double[chunks][];
    keptLabels = new int[chunks][];
    for (int k = 0; k < chunks; k++) {
      int from = k * CHUNK;
      int m = Math.min(CHUNK, n - from);
      keptInputs[k] = new double[rows * m];
      System.arraycopy(data.images().data, from * rows, keptInputs[k], 0, rows * m);
      keptLabels[k] = java.util.Arrays.copyOfRange(data.labels(), from, from + m);
    }
    keptFor = data;
  }

  /** Copies the columns {@code order[from .. from+m)} and their labels into the batch buffer. */
  private void load(Dataset data, int[] order, int from, Buffers b) {
    int rows = net.sizes[0];
    double[] images = data.images().data;
    int[] labels = data.labels();
    for (int c = 0; c < b.m; c++) {
      int example = order[from + c];
      System.arraycopy(images, example * rows, b.a[0], c * rows, rows);
      b.labels[c] = labels[example];
    }
  }

  /** z[l] = W[l] a[l-1] + b[l]; a[l] = f(z[l]). */
  private void forward(Buffers b) {
    int m = b.m;
    for (int l = 1; l <= layers; l++) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      double[] z = b.z[l];
      double[] bias = net.biases[l].data;
      for (int c = 0; c < m; c++) {
        System.arraycopy(bias, 0, z, c * out, out); // start from the bias; dgemm adds W a (beta = 1)
      }
      Blas.gemm('N', 'N', out, m, in, 1.0, net.weights[l].data, 0, out, b.a[l - 1], 0, in, 1.0, z, 0, out);
      double[] a = b.a[l];
      if (l < layers) {
        Activation f = net.hidden();
        for (int i = 0; i < a.length; i++) {
          a[i] = f.apply(z[i]);
        }
      } else if (net.output() == Output.SIGMOID) {
        for (int i = 0; i < a.length; i++) {
          a[i] = Activation.sigmoid(z[i]);
        }
      } else {
        Output.softmaxColumns(z, a, out, m);
      }
    }
  }

  /** delta[L] (BP1): (a - y) ⊙ σ'(z) for the quadratic cost, a - y for cross-entropy. */
  private void outputDelta(Buffers b) {
    int out = net.sizes[layers];
    double[] a = b.a[layers];
    double[] d = b.delta[layers];
    boolean quadratic = net.cost() == Cost.QUADRATIC;
    for (int c = 0; c < b.m; c++) {
      int base = c * out;
      for (int r = 0; r < out; r++) {
        double ar = a[base + r];
        double diff = ar - (r == b.labels[c] ? 1.0 : 0.0);
        d[base + r] = quadratic ? diff * (ar * (1.0 - ar)) : diff;
      }
    }
  }

  /**
   * BP2-BP4 from the output layer down. With {@code sumW == null}: the fused update
   * {@code W[l] <- beta W[l] + alpha delta a^T}, {@code b[l] += alpha Σ delta}, each layer updated only after
   * its weights have carried delta one layer back. Otherwise the same products are added into the sums
   * ({@code beta = 1}) and the weights stay as they are.
   */
  private void backward(Buffers b, double alpha, double beta, DoubleMatrix[] sumW, double[][] sumB) {
    int m = b.m;
    for (int l = layers; l >= 1; l--) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      double[] delta = b.delta[l];
      double[] w = net.weights[l].data;
      if (l > 1) {
        // delta[l-1] = (W[l]^T delta[l]) ⊙ f'(z[l-1]), with the weights from before this step.
        double[] back = b.delta[l - 1];
        Blas.gemm('T', 'N', in, m, out, 1.0, w, 0, out, delta, 0, out, 0.0, back, 0, in);
        double[] below = b.a[l - 1];
        if (net.hidden() == Activation.SIGMOID) {
          for (int i = 0; i < back.length; i++) {
            back[i] *= below[i] * (1.0 - below[i]); // σ'(z) = σ(z)(1 - σ(z)) = a(1 - a)
          }
        } else {
          double[] zBelow = b.z[l - 1];
          Activation f = net.hidden();
          for (int i = 0; i < back.length; i++) {
            back[i] *= f.prime(zBelow[i]);
          }
        }
      }
      double[] target = sumW == null ? w : sumW[l].data;
      double[] bias = sumB == null ? net.biases[l].data : sumB[l];
      Blas.gemm('N', 'T', out, in, m, alpha, delta, 0, out, b.a[l - 1], 0, in,
          sumW == null ? beta : 1.0, target, 0, out);
      for (int r = 0; r < out; r++) {
        double s = 0;
        for (int c = 0; c < m; c++) {
          s += delta[c * out + r];
        }
        bias[r] += alpha * s;
      }
    }
  }

  private void clearSums() {
    if (sumW == null) {
      sumW = new DoubleMatrix[layers + 1];
      sumB = new double[layers + 1][];
      sumW[0] = new DoubleMatrix(0, 0);
      sumB[0] = new double[0];
      for (int l = 1; l <= layers; l++) {
        sumW[l] = new DoubleMatrix(net.sizes[l], net.sizes[l - 1]);
        sumB[l] = new double[net.sizes[l]];
      }
    } else {
      for (int l = 1; l <= layers; l++) {
        java.util.Arrays.fill(sumW[l].data, 0.0);
        java.util.Arrays.fill(sumB[l], 0.0);
      }
    }
  }
}
