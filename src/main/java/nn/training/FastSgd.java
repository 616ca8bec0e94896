package nn.training;

import java.util.Arrays;
import nn.blas.Blas;
import nn.data.Dataset;
import nn.model.Activation;
import nn.model.Cost;
import nn.model.Gradients;
import nn.model.Model;
import nn.model.Output;
import org.jblas.DoubleMatrix;

/**
 * The same mini-batch SGD step as {@link Trainer} + {@link Model#backprop}, arranged for speed.
 *
 * <p>The maths is unchanged (the gradient agrees with {@code backprop} to about 1e-15); only the
 * bookkeeping differs:
 * <ul>
 *   <li><b>One example per row inside.</b> The lessons hold a batch as {@code sizes[l] x m} (one example per
 *       column). Here every work matrix is its transpose, {@code m x sizes[l]}, and so is every weight matrix:
 *       {@code wt[l] = weights[l]^T}, {@code sizes[l-1] x sizes[l]}. The products are the same products,
 *       transposed ({@code z^T = a^T W^T}); BLAS runs them faster this way round because the long side
 *       (the batch, or the 784 inputs) becomes the rows of the result, which is what its kernels are built
 *       for (about 1.4x at mini-batch 10 and 100, measured). The network's own {@code weights} keep the
 *       convention: they are copied in before each epoch ({@link #beginEpoch}) and back after it
 *       ({@link #endEpoch}).
 *   <li>Every buffer is allocated once per mini-batch size, not once per product.
 *   <li>The mini-batch is copied into its own small {@code inputs x m} matrix, in shuffled order.
 *   <li>Products with a transpose pass BLAS the transpose flag instead of building a transposed copy.
 *   <li>The weight update is fused into the gradient product: {@code W^T <- decay W^T - (eta/m) a delta^T}
 *       is one {@code gemm} with {@code alpha = -eta/m} and {@code beta = decay} (1 without L2).
 *   <li>A batch larger than {@link #CHUNK} columns (full-batch gradient descent) is walked in chunks whose
 *       gradients are summed into one buffer per layer, then applied once: every chunk sees the old weights.
 * </ul>
 * Products go through {@link Blas}: the system's OpenBLAS when there is one (no copies), jblas's otherwise.
 *
 * <p>Layout of the work matrices (column-major, like jblas): for a batch of {@code m} examples, {@code zt[l]},
 * {@code at[l]} and {@code dt[l]} are {@code m x sizes[l]}: element {@code (c, j)}, neuron {@code j} of
 * example {@code c}, is at {@code j*m + c}. The inputs {@code x} are {@code sizes[0] x m}, as in the lessons.
 */
final class FastSgd implements Step {
  /**
   * Columns per chunk of a large batch. Small chunks keep the work buffers small, and OpenBLAS multiplies
   * them faster than big ones: the two products of a 784-10-10 net's first layer took 5.0 ms per 8,000
   * examples in chunks of 100 against 9.0 ms in chunks of 1,000 (measured with the system's OpenBLAS 0.3.21).
   */
  static final int CHUNK = 100;
  /** Full-batch training keeps its chunks of inputs between steps when they take at most this many doubles. */
  static final long KEEP_CHUNKS_LIMIT = 8_000_000; // 64 MB: 8,000 MNIST images; not 60,000 (376 MB)

  private final Model net;
  private final Sgd sgd;
  private final int layers;
  private final double[][] wt; // wt[l] = weights[l]^T: sizes[l-1] x sizes[l] (slot 0 unused)
  private Buffers full; // for the usual batch size
  private Buffers rest; // for the last, shorter batch of an epoch (or a chunk remainder)
  private double[][] sumWt; // gradient sums of a chunked batch, like wt; allocated on first need
  private double[][] sumB;
  private Dataset keptFor;     // the training set whose chunks are kept, in natural order, for full batches
  private double[][] keptInputs;
  private int[][] keptLabels;

  FastSgd(Model net, Sgd sgd) {
    if (net == null || sgd == null) {
      throw new IllegalArgumentException("FastSgd needs a network and its Sgd options; got "
          + (net == null ? "no network" : "no Sgd") + ".");
    }
    this.net = net;
    this.sgd = sgd;
    this.layers = net.layers();
    wt = new double[layers + 1][];
    wt[0] = new double[0];
    for (int l = 1; l <= layers; l++) {
      wt[l] = new double[net.sizes[l] * net.sizes[l - 1]];
    }
    beginEpoch();
  }

  /** Copies the network's weights in, transposed. (Biases are updated in place: no copy needed.) */
  @Override
  public void beginEpoch() {
    for (int l = 1; l <= layers; l++) {
      transpose(net.weights[l].data, net.sizes[l], net.sizes[l - 1], wt[l]);
    }
  }

  /** Copies the trained weights back into the network, in its {@code sizes[l] x sizes[l-1]} convention. */
  @Override
  public void endEpoch() {
    for (int l = 1; l <= layers; l++) {
      transpose(wt[l], net.sizes[l - 1], net.sizes[l], net.weights[l].data);
    }
  }

  /** Per-layer work matrices for batches of exactly {@code m} examples. */
  private static final class Buffers {
    final int m;
    double[] x;             // the batch's inputs, sizes[0] x m (one example per column)
    final double[][] zt;    // zt[l]: m x sizes[l] (slot 0 unused)
    final double[][] at;    // at[l]: m x sizes[l] (slot 0 unused: the inputs are x)
    final double[][] dt;    // dt[l], delta transposed: m x sizes[l] (slot 0 unused)
    final int[] labels;

    Buffers(int[] sizes, int m) {
      this.m = m;
      int n = sizes.length;
      x = new double[sizes[0] * m];
      zt = new double[n][];
      at = new double[n][];
      dt = new double[n][];
      zt[0] = at[0] = dt[0] = new double[0];
      for (int l = 1; l < n; l++) {
        zt[l] = new double[m * sizes[l]];
        at[l] = new double[m * sizes[l]];
        dt[l] = new double[m * sizes[l]];
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
      backward(b, -sgd.eta / count, decay, false);
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
        double[] own = b.x;
        b.x = keptInputs[k];
        System.arraycopy(keptLabels[k], 0, b.labels, 0, b.m);
        forward(b);
        outputDelta(b);
        backward(b, 1.0 / count, 1.0, true);
        b.x = own;
      }
    } else {
      for (int start = 0; start < count; start += CHUNK) {
        Buffers b = buffers(Math.min(CHUNK, count - start));
        load(train, order, from + start, b);
        forward(b);
        outputDelta(b);
        backward(b, 1.0 / count, 1.0, true);
      }
    }
    for (int l = 1; l <= layers; l++) {
      double[] w = wt[l];
      double[] g = sumWt[l];
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
   * {@code y} ({@code sizes[L] x m}), computed by the fast path; the same result as {@link Model#backprop}.
   */
  static Gradients gradient(Model net, DoubleMatrix x, DoubleMatrix y) {
    net.checkShapes();
    if (x.rows != net.sizes[0] || y.rows != net.sizes[net.layers()] || x.columns != y.columns) {
      throw new IllegalArgumentException("FastSgd.gradient: x must be " + net.sizes[0] + " x m and y "
          + net.sizes[net.layers()] + " x m; got " + x.rows + "x" + x.columns + " and " + y.rows + "x" + y.columns
          + ".");
    }
    int[] labels = Model.argmaxColumns(y);
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
      fast.backward(b, 1.0 / x.columns, 1.0, true);
    }
    DoubleMatrix[] nablaW = new DoubleMatrix[net.sizes.length];
    DoubleMatrix[] nablaB = new DoubleMatrix[net.sizes.length];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);
    for (int l = 1; l < net.sizes.length; l++) {
      nablaW[l] = new DoubleMatrix(net.sizes[l], net.sizes[l - 1]);
      transpose(fast.sumWt[l], net.sizes[l - 1], net.sizes[l], nablaW[l].data);
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
      keptLabels[k] = Arrays.copyOfRange(data.labels(), from, from + m);
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
      System.arraycopy(images, example * rows, b.x, c * rows, rows);
      b.labels[c] = labels[example];
    }
  }

  /** z[l]^T = a[l-1]^T W[l]^T + b[l]^T (each row); a[l] = f(z[l]). */
  private void forward(Buffers b) {
    int m = b.m;
    for (int l = 1; l <= layers; l++) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      double[] z = b.zt[l];
      double[] bias = net.biases[l].data;
      for (int j = 0; j < out; j++) {
        Arrays.fill(z, j * m, (j + 1) * m, bias[j]); // start from the bias; gemm adds the product (beta = 1)
      }
      if (l == 1) { // x is sizes[0] x m, so a[0]^T is x with the transpose flag
        Blas.gemm('T', 'N', m, out, in, 1.0, b.x, 0, in, wt[l], 0, in, 1.0, z, 0, m);
      } else {
        Blas.gemm('N', 'N', m, out, in, 1.0, b.at[l - 1], 0, m, wt[l], 0, in, 1.0, z, 0, m);
      }
      double[] a = b.at[l];
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
        softmaxRows(z, a, m, out);
      }
    }
  }

  /** Softmax of each example (row {@code c}: elements {@code c, c+m, c+2m, ...}) of the {@code m x out} z. */
  private static void softmaxRows(double[] z, double[] a, int m, int out) {
    for (int c = 0; c < m; c++) {
      // Subtracting the example's largest z leaves softmax unchanged and keeps exp from overflowing.
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < out; j++) {
        max = Math.max(max, z[j * m + c]);
      }
      double sum = 0;
      for (int j = 0; j < out; j++) {
        double e = Math.exp(z[j * m + c] - max);
        a[j * m + c] = e;
        sum += e;
      }
      for (int j = 0; j < out; j++) {
        a[j * m + c] /= sum;
      }
    }
  }

  /** delta[L] (BP1): (a - y) ⊙ σ'(z) for the quadratic cost, a - y for cross-entropy. */
  private void outputDelta(Buffers b) {
    int out = net.sizes[layers];
    int m = b.m;
    double[] a = b.at[layers];
    double[] d = b.dt[layers];
    boolean quadratic = net.cost() == Cost.QUADRATIC;
    for (int j = 0; j < out; j++) {
      for (int c = 0; c < m; c++) {
        int i = j * m + c;
        double diff = a[i] - (j == b.labels[c] ? 1.0 : 0.0);
        d[i] = quadratic ? diff * (a[i] * (1.0 - a[i])) : diff;
      }
    }
  }

  /**
   * BP2-BP4 from the output layer down. Unless {@code summing}: the fused update
   * {@code W[l]^T <- beta W[l]^T + alpha a[l-1] delta[l]^T}, {@code b[l] += alpha Σ delta}, each layer updated only
   * after its weights have carried delta one layer back. When {@code summing}, the same products are added into
   * the sums ({@code beta = 1}) and the weights stay as they are.
   */
  private void backward(Buffers b, double alpha, double beta, boolean summing) {
    int m = b.m;
    for (int l = layers; l >= 1; l--) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      double[] delta = b.dt[l];
      if (l > 1) {
        // delta[l-1]^T = (delta[l]^T W[l]) ⊙ f'(z[l-1])^T, with the weights from before this step.
        double[] back = b.dt[l - 1];
        Blas.gemm('N', 'T', m, in, out, 1.0, delta, 0, m, wt[l], 0, in, 0.0, back, 0, m);
        double[] below = b.at[l - 1];
        if (net.hidden() == Activation.SIGMOID) {
          for (int i = 0; i < back.length; i++) {
            back[i] *= below[i] * (1.0 - below[i]); // σ'(z) = σ(z)(1 - σ(z)) = a(1 - a)
          }
        } else {
          double[] zBelow = b.zt[l - 1];
          Activation f = net.hidden();
          for (int i = 0; i < back.length; i++) {
            back[i] *= f.prime(zBelow[i]);
          }
        }
      }
      double[] target = summing ? sumWt[l] : wt[l];
      double[] bias = summing ? sumB[l] : net.biases[l].data;
      if (l == 1) { // a[0] = x, sizes[0] x m as it is
        Blas.gemm('N', 'N', in, out, m, alpha, b.x, 0, in, delta, 0, m, summing ? 1.0 : beta, target, 0, in);
      } else {
        Blas.gemm('T', 'N', in, out, m, alpha, b.at[l - 1], 0, m, delta, 0, m, summing ? 1.0 : beta, target, 0, in);
      }
      for (int j = 0; j < out; j++) {
        double s = 0;
        for (int c = 0; c < m; c++) {
          s += delta[j * m + c];
        }
        bias[j] += alpha * s;
      }
    }
  }

  private void clearSums() {
    if (sumWt == null) {
      sumWt = new double[layers + 1][];
      sumB = new double[layers + 1][];
      sumWt[0] = new double[0];
      sumB[0] = new double[0];
      for (int l = 1; l <= layers; l++) {
        sumWt[l] = new double[net.sizes[l] * net.sizes[l - 1]];
        sumB[l] = new double[net.sizes[l]];
      }
    } else {
      for (int l = 1; l <= layers; l++) {
        Arrays.fill(sumWt[l], 0.0);
        Arrays.fill(sumB[l], 0.0);
      }
    }
  }

  /** {@code to} ({@code cols x rows}) = the transpose of {@code from} ({@code rows x cols}), both column-major. */
  static void transpose(double[] from, int rows, int cols, double[] to) {
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        to[r * cols + c] = from[c * rows + r];
      }
    }
  }
}
