package nn.training;

import java.util.Arrays;
import nn.data.Dataset;
import nn.model.Gradients;
import nn.model.Model;
import org.jblas.DoubleMatrix;

/**
 * The mini-batch SGD step of {@link Trainer}: the maths of {@link Model#backprop} followed by
 * {@code w ← (1 - eta·lambda/n) w - eta ∇w}, {@code b ← b - eta ∇b}, arranged for speed. Written once for
 * float64 and float32 ({@code Sgd.float32(true)}): the numbers live in {@link Buffer}s of either precision.
 *
 * <p>The maths is that of {@code backprop} (in float64 the gradient agrees with it to about 1e-15); only the
 * bookkeeping differs:
 * <ul>
 *   <li><b>One example per row inside</b> ({@link Batch}). Every work matrix is the transpose of the lessons'
 *       {@code sizes[l] x m}, and so is every weight matrix: {@code wt[l] = weights[l]^T}. The products are the
 *       same, transposed ({@code z^T = a^T W^T}); BLAS runs them about 1.4x faster this way round (the long
 *       side becomes the rows of the result). The network keeps its float64 weights and biases in the
 *       convention: they are copied in before each epoch ({@link #beginEpoch}) and back after it
 *       ({@link #endEpoch}), so between epochs (measuring, saving, the divergence guard) it is an ordinary
 *       network, and during one it is untouched.
 *   <li>Buffers are allocated once per mini-batch size; products with a transpose pass BLAS the flag.
 *   <li>Plain SGD fuses the update into the gradient product: {@code W^T <- decay W^T - (eta/m) a delta^T} is
 *       one {@code gemm} with {@code alpha = -eta/m}, {@code beta = decay}.
 *   <li>A batch larger than {@link #CHUNK} (full-batch descent) is walked in chunks whose gradients are summed,
 *       then applied once by {@link #apply}: every chunk sees the old weights.
 * </ul>
 *
 * <p><b>Where optimisers and regularisers go.</b> Plain SGD's update lives in {@link #apply}, which gets the
 * summed gradient of the whole mini-batch. A rule that needs the gradient itself (an {@link Optimizer} other
 * than {@code sgd()}, L1) turns {@link #fused} off, so every batch takes that path, and is an
 * {@link UpdateRule}, which keeps its state (velocities, moments) next to {@code wt}, in the step's precision;
 * dropout masks {@code at[l]} and {@code dt[l]} in {@link FastBackprop}.
 */
final class FastSgd {
  /**
   * Columns per chunk of a large batch. Small chunks keep the work buffers small, and OpenBLAS multiplies
   * them faster than big ones: the two products of a 784-10-10 net's first layer took 5.0 ms per 8,000
   * examples in chunks of 100 against 9.0 ms in chunks of 1,000 (measured with the system's OpenBLAS 0.3.21).
   */
  static final int CHUNK = 100;
  /** Full-batch training keeps its chunks of inputs between steps when they take at most this many numbers. */
  static final long KEEP_CHUNKS_LIMIT = 8_000_000; // 64 MB of float64: 8,000 MNIST images; not 60,000

  private final Model net;
  private final Sgd sgd;
  private final int layers;
  private final boolean float32;
  /** Plain SGD (with L2 decay): the update rides on the last product of {@link FastBackprop#backward}. */
  private final boolean fused;
  /** Any other update (an optimiser's, or L1): applied to the summed gradient by {@link #apply}; else null. */
  private final UpdateRule rule;
  /** This epoch's learning rate: {@code sgd.eta}, or what the schedule gives ({@link #rate}). */
  private double eta;
  private final Buffer[] wt;   // wt[l] = weights[l]^T: sizes[l-1] x sizes[l] (slot 0 unused)
  private final Buffer[] bias; // bias[l] = biases[l]: sizes[l]
  private final FastBackprop passes;
  private Batch full;          // for the usual batch size
  private Batch rest;          // for the last, shorter batch of an epoch (or a chunk remainder)
  private Buffer[] sumWt;      // summed gradients, like wt and bias; allocated on first need
  private Buffer[] sumB;
  private Dataset imagesFor;   // the training set whose images `images` holds (float64: the same array)
  private Buffer images;
  private Dataset keptFor;     // the training set whose chunks are kept, in natural order, for full batches
  private Buffer[] keptInputs;
  private int[][] keptLabels;

  FastSgd(Model net, Sgd sgd) {
    if (net == null || sgd == null) {
      throw new IllegalArgumentException("FastSgd needs a network and its Sgd options; got "
          + (net == null ? "no network" : "no Sgd") + ".");
    }
    this.net = net;
    this.sgd = sgd;
    this.layers = net.layers();
    this.float32 = sgd.float32;
    wt = new Buffer[layers + 1];
    bias = new Buffer[layers + 1];
    for (int l = 1; l <= layers; l++) {
      wt[l] = Buffer.zeros(float32, net.sizes[l] * net.sizes[l - 1]);
      bias[l] = Buffer.zeros(float32, net.sizes[l]);
    }
    passes = new FastBackprop(net, wt, bias);
    fused = sgd.optimizer.kind() == Optimizer.Kind.SGD && sgd.lambda1 == 0;
    rule = fused ? null : new UpdateRule(sgd.optimizer, net.sizes, float32);
    eta = sgd.eta;
    beginEpoch();
    passes.dropout = DropoutMasks.of(sgd); // regul: null without dropout
  }

  /** Before the epoch's first step: copies the network's weights in, transposed, and its biases. */
  void beginEpoch() {
    for (int l = 1; l <= layers; l++) {
      wt[l].transposeOf(net.weights[l].data, net.sizes[l], net.sizes[l - 1]);
      double[] b = net.biases[l].data;
      for (int j = 0; j < b.length; j++) {
        bias[l].set(j, b[j]);
      }
    }
  }

  /** The learning rate of the steps from now on (the schedule's rate for the coming epoch). */
  void rate(double eta) {
    this.eta = eta;
  }

  /** After the epoch's last step: the trained weights and biases back into the network's convention. */
  void endEpoch() {
    for (int l = 1; l <= layers; l++) {
      wt[l].transposeInto(net.weights[l].data, net.sizes[l - 1], net.sizes[l]);
      double[] b = net.biases[l].data;
      for (int j = 0; j < b.length; j++) {
        b[j] = bias[l].get(j);
      }
    }
  }

  /**
   * One SGD step on the examples {@code order[from .. from+count)} of {@code train} ({@code n} examples in all,
   * for the L2 decay {@code 1 - eta lambda / n}).
   */
  void step(Dataset train, int[] order, int from, int count, int n) {
    double decay = 1.0 - eta * sgd.lambda / n;
    if (fused && count <= CHUNK) {
      Batch b = batch(count);
      load(train, order, from, b);
      passes.forward(b);
      passes.outputDelta(b);
      passes.backward(b, -eta / count, decay, false, sumWt, sumB);
      return;
    }
    // Sum (1/count) * gradient over chunks, with the weights held still, then step once.
    clearSums();
    if (count == n && (long) n * net.sizes[0] <= KEEP_CHUNKS_LIMIT) {
      // Full batch: the order of the examples does not change the gradient, so the chunks are copied once
      // (in natural order) and kept, instead of being copied out of the training set at every step.
      keepChunks(train);
      for (int k = 0; k < keptInputs.length; k++) {
        Batch b = batch(keptLabels[k].length);
        Buffer own = b.x;
        b.x = keptInputs[k];
        System.arraycopy(keptLabels[k], 0, b.labels, 0, b.m);
        sum(b, 1.0 / count);
        b.x = own;
      }
    } else {
      for (int start = 0; start < count; start += CHUNK) {
        Batch b = batch(Math.min(CHUNK, count - start));
        load(train, order, from + start, b);
        sum(b, 1.0 / count);
      }
    }
    if (rule != null) {
      rule.apply(wt, bias, sumWt, sumB, eta, sgd.lambda / n, sgd.lambda1 / n);
      return;
    }
    apply(decay);
  }

  /** The update rule on the summed gradient: {@code w ← decay·w - eta ∇w}, {@code b ← b - eta ∇b}. */
  private void apply(double decay) {
    for (int l = 1; l <= layers; l++) {
      Buffer w = wt[l];
      Buffer g = sumWt[l];
      for (int i = 0; i < w.length(); i++) {
        w.set(i, decay * w.get(i) - eta * g.get(i));
      }
      for (int j = 0; j < bias[l].length(); j++) {
        bias[l].set(j, bias[l].get(j) - eta * sumB[l].get(j));
      }
    }
  }

  /** Adds {@code scale} times the gradient of the batch's cost to the sums; the weights stay as they are. */
  private void sum(Batch b, double scale) {
    passes.forward(b);
    passes.outputDelta(b);
    passes.backward(b, scale, 1.0, true, sumWt, sumB);
  }

  /**
   * The gradient of the mean cost over the columns of {@code x} ({@code sizes[0] x m}) for one-hot
   * {@code y} ({@code sizes[L] x m}), computed by the fast path in float64; the same as {@link Model#backprop}.
   */
  static Gradients gradient(Model net, DoubleMatrix x, DoubleMatrix y) {
    return gradient(net, x, y, null);
  }

  /** The same with hidden neurons dropped by {@code masks} (as {@code nn.model.DropoutModel}'s). */
  static Gradients gradient(Model net, DoubleMatrix x, DoubleMatrix y, DoubleMatrix[] masks) {
    net.checkShapes();
    if (x.rows != net.sizes[0] || y.rows != net.sizes[net.layers()] || x.columns != y.columns) {
      throw new IllegalArgumentException("FastSgd.gradient: x must be " + net.sizes[0] + " x m and y "
          + net.sizes[net.layers()] + " x m; got " + x.rows + "x" + x.columns + " and " + y.rows + "x" + y.columns
          + ".");
    }
    int[] order = new int[x.columns];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Dataset data = new Dataset(x, Model.argmaxColumns(y), y.rows, "gradient");
    FastSgd fast = new FastSgd(net, new Sgd().eta(1.0));
    fast.passes.dropout = masks == null ? null : DropoutMasks.given(masks);
    fast.clearSums();
    for (int start = 0; start < x.columns; start += CHUNK) {
      Batch b = fast.batch(Math.min(CHUNK, x.columns - start));
      fast.load(data, order, start, b);
      fast.sum(b, 1.0 / x.columns);
    }
    DoubleMatrix[] nablaW = new DoubleMatrix[net.sizes.length];
    DoubleMatrix[] nablaB = new DoubleMatrix[net.sizes.length];
    nablaW[0] = new DoubleMatrix(0, 0);
    nablaB[0] = new DoubleMatrix(0, 0);
    for (int l = 1; l < net.sizes.length; l++) {
      nablaW[l] = new DoubleMatrix(net.sizes[l], net.sizes[l - 1]);
      fast.sumWt[l].transposeInto(nablaW[l].data, net.sizes[l - 1], net.sizes[l]);
      nablaB[l] = new DoubleMatrix(net.sizes[l], 1, ((Buffer.F64) fast.sumB[l]).data.clone());
    }
    return new Gradients(nablaW, nablaB);
  }

  private Batch batch(int m) {
    if (full == null) {
      full = new Batch(net.sizes, m, float32);
    }
    if (full.m == m) {
      return full;
    }
    if (rest == null || rest.m != m) {
      rest = new Batch(net.sizes, m, float32);
    }
    return rest;
  }

  /** Copies {@code data} once into chunks of at most CHUNK columns, in natural order. */
  private void keepChunks(Dataset data) {
    if (keptFor == data) {
      return;
    }
    Buffer all = images(data);
    int n = data.size();
    int rows = net.sizes[0];
    int chunks = (n + CHUNK - 1) / CHUNK;
    keptInputs = new Buffer[chunks];
    keptLabels = new int[chunks][];
    for (int k = 0; k < chunks; k++) {
      int from = k * CHUNK;
      int m = Math.min(CHUNK, n - from);
      keptInputs[k] = Buffer.zeros(float32, rows * m);
      keptInputs[k].copy(all, from * rows, 0, rows * m);
      keptLabels[k] = Arrays.copyOfRange(data.labels(), from, from + m);
    }
    keptFor = data;
  }

  /** The training set's images in this step's precision: float64 shares them, float32 rounds them once. */
  private Buffer images(Dataset data) {
    if (imagesFor != data) {
      images = Buffer.of(float32, data.images().data);
      imagesFor = data;
    }
    return images;
  }

  /** Copies the columns {@code order[from .. from+m)} and their labels into the batch buffer. */
  private void load(Dataset data, int[] order, int from, Batch b) {
    Buffer all = images(data);
    int rows = net.sizes[0];
    int[] labels = data.labels();
    for (int c = 0; c < b.m; c++) {
      int example = order[from + c];
      b.x.copy(all, example * rows, c * rows, rows);
      b.labels[c] = labels[example];
    }
  }

  private void clearSums() {
    if (sumWt == null) {
      sumWt = new Buffer[layers + 1];
      sumB = new Buffer[layers + 1];
      for (int l = 1; l <= layers; l++) {
        sumWt[l] = Buffer.zeros(float32, net.sizes[l] * net.sizes[l - 1]);
        sumB[l] = Buffer.zeros(float32, net.sizes[l]);
      }
    } else {
      for (int l = 1; l <= layers; l++) {
        sumWt[l].fill(0, sumWt[l].length(), 0.0);
        sumB[l].fill(0, sumB[l].length(), 0.0);
      }
    }
  }
}
