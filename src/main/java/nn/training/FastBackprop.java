package nn.training;

import nn.model.Activation;
import nn.model.Cost;
import nn.model.Model;
import nn.model.Output;

/**
 * The forward pass and BP1-BP4 of {@link FastSgd} on one {@link Batch}, in its one-example-per-row layout:
 * the same equations as {@link Model#backprop}, on the step's own weights {@code wt[l] = weights[l]^T} and
 * biases, in float64 or float32 ({@link Buffer}).
 */
final class FastBackprop {
  private final Model net;
  private final int layers;
  private final Buffer[] wt;   // the step's weights, transposed: sizes[l-1] x sizes[l]
  private final Buffer[] bias; // the step's biases: sizes[l]
  /** Sgd.dropout: masks the hidden activations and their deltas; null without dropout (the plain path). */
  DropoutMasks dropout;

  FastBackprop(Model net, Buffer[] wt, Buffer[] bias) {
    this.net = net;
    this.layers = net.layers();
    this.wt = wt;
    this.bias = bias;
  }

  /** z[l]^T = a[l-1]^T W[l]^T + b[l]^T (each row); a[l] = f(z[l]). */
  void forward(Batch b) {
    int m = b.m;
    for (int l = 1; l <= layers; l++) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      Buffer z = b.zt[l];
      for (int j = 0; j < out; j++) {
        z.fill(j * m, (j + 1) * m, bias[l].get(j)); // start from the bias; gemm adds the product (beta = 1)
      }
      if (l == 1) { // x is sizes[0] x m, so a[0]^T is x with the transpose flag
        Buffer.gemm('T', 'N', m, out, in, 1.0, b.x, 0, in, wt[l], 0, in, 1.0, z, 0, m);
      } else {
        Buffer.gemm('N', 'N', m, out, in, 1.0, b.at[l - 1], 0, m, wt[l], 0, in, 1.0, z, 0, m);
      }
      Buffer a = b.at[l];
      if (l < layers) {
        Activation f = net.hidden();
        for (int i = 0; i < a.length(); i++) {
          a.set(i, f.apply(z.get(i)));
        }
        if (dropout != null) {
          dropout.drop(b, l, out); // a[l] ⊙ mask[l], kept neurons scaled by 1/(1-p)
        }
      } else if (net.output() == Output.SIGMOID) {
        for (int i = 0; i < a.length(); i++) {
          a.set(i, Activation.sigmoid(z.get(i)));
        }
      } else {
        softmaxRows(z, a, m, out);
      }
    }
  }

  /** Softmax of each example (row {@code c}: elements {@code c, c+m, c+2m, ...}) of the {@code m x out} z. */
  private static void softmaxRows(Buffer z, Buffer a, int m, int out) {
    for (int c = 0; c < m; c++) {
      // Subtracting the example's largest z leaves softmax unchanged and keeps exp from overflowing.
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < out; j++) {
        max = Math.max(max, z.get(j * m + c));
      }
      double sum = 0;
      for (int j = 0; j < out; j++) {
        double e = Math.exp(z.get(j * m + c) - max);
        a.set(j * m + c, e);
        sum += e;
      }
      for (int j = 0; j < out; j++) {
        a.set(j * m + c, a.get(j * m + c) / sum);
      }
    }
  }

  /** delta[L] (BP1): (a - y) ⊙ σ'(z) for the quadratic cost, a - y for cross-entropy. */
  void outputDelta(Batch b) {
    int out = net.sizes[layers];
    int m = b.m;
    Buffer a = b.at[layers];
    Buffer d = b.dt[layers];
    boolean quadratic = net.cost() == Cost.QUADRATIC;
    for (int j = 0; j < out; j++) {
      for (int c = 0; c < m; c++) {
        int i = j * m + c;
        double ai = a.get(i);
        double diff = ai - (j == b.labels[c] ? 1.0 : 0.0);
        d.set(i, quadratic ? diff * (ai * (1.0 - ai)) : diff);
      }
    }
  }

  /**
   * BP2-BP4 from the output layer down. Unless {@code summing}: the fused update
   * {@code W[l]^T <- beta W[l]^T + alpha a[l-1] delta[l]^T}, {@code b[l] += alpha Σ delta}, each layer updated only
   * after its weights have carried delta one layer back. When {@code summing}, the same products are added into
   * the sums ({@code beta = 1}) and the weights stay as they are.
   */
  void backward(Batch b, double alpha, double beta, boolean summing, Buffer[] sumWt, Buffer[] sumB) {
    int m = b.m;
    for (int l = layers; l >= 1; l--) {
      int out = net.sizes[l];
      int in = net.sizes[l - 1];
      Buffer delta = b.dt[l];
      if (l > 1) {
        // delta[l-1]^T = (delta[l]^T W[l]) ⊙ f'(z[l-1])^T, with the weights from before this step.
        Buffer back = b.dt[l - 1];
        Buffer.gemm('N', 'T', m, in, out, 1.0, delta, 0, m, wt[l], 0, in, 0.0, back, 0, m);
        Buffer below = b.at[l - 1];
        if (net.hidden() == Activation.SIGMOID && dropout == null) { // with dropout a[l-1] is masked: use z
          for (int i = 0; i < back.length(); i++) {
            double a = below.get(i);
            back.set(i, back.get(i) * (a * (1.0 - a))); // σ'(z) = σ(z)(1 - σ(z)) = a(1 - a)
          }
        } else {
          Buffer zBelow = b.zt[l - 1];
          Activation f = net.hidden();
          for (int i = 0; i < back.length(); i++) {
            back.set(i, back.get(i) * f.prime(zBelow.get(i)));
          }
        }
        if (dropout != null) {
          dropout.mask(b, l - 1, back); // delta[l-1] ⊙ mask[l-1]: a dropped neuron passes no error back
        }
      }
      Buffer target = summing ? sumWt[l] : wt[l];
      Buffer biasTarget = summing ? sumB[l] : bias[l];
      if (l == 1) { // a[0] = x, sizes[0] x m as it is
        Buffer.gemm('N', 'N', in, out, m, alpha, b.x, 0, in, delta, 0, m, summing ? 1.0 : beta, target, 0, in);
      } else {
        Buffer.gemm('T', 'N', in, out, m, alpha, b.at[l - 1], 0, m, delta, 0, m, summing ? 1.0 : beta, target, 0,
            in);
      }
      for (int j = 0; j < out; j++) {
        double s = 0;
        for (int c = 0; c < m; c++) {
          s += delta.get(j * m + c);
        }
        biasTarget.set(j, biasTarget.get(j) + alpha * s);
      }
    }
  }
}
