package nn.training;

import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Inverted dropout in {@link FastBackprop} ({@code Sgd.dropout(p)}): for every batch and hidden layer a mask
 * of 0 (dropped, with probability {@code p}) and {@code 1/(1-p)} (kept, scaled) per neuron and example.
 * The forward pass multiplies the hidden activations by it ({@link #drop}); the backward pass multiplies the
 * same mask into delta ({@link #mask}), because {@code z[l+1] = W[l+1] (a[l] ⊙ mask[l]) + b[l+1]} gives
 * {@code delta[l] = (W[l+1]^T delta[l+1]) ⊙ mask[l] ⊙ f'(z[l])}. The readable version of the same maths is
 * {@link nn.model.DropoutModel}, which the tests hold this against.
 *
 * <p>The masks live in the batch ({@code Batch.mask[l]}, {@code m x sizes[l]} like {@code at[l]}), drawn from
 * one generator seeded by {@code Sgd.seed}, its own (so turning dropout on leaves the shuffles alone): the same
 * seed gives the same masks, bit for bit.
 */
final class DropoutMasks {
  private final double p;
  private final double scale;
  private final Random random;
  private DoubleMatrix[] given; // tests: masks to use instead of drawing, sizes[l] x m (DropoutModel's layout)
  private int offset;           // with given masks: the column of the batch's first example

  DropoutMasks(double p, long seed) {
    this.p = p;
    this.scale = 1.0 / (1.0 - p);
    this.random = new Random(seed ^ 0x2545F4914F6CDD1DL);
  }

  /** The dropout {@code sgd} asks for, or null without it (plain SGD keeps its exact code path). */
  static DropoutMasks of(Sgd sgd) {
    return sgd.dropout > 0 ? new DropoutMasks(sgd.dropout, sgd.seed) : null;
  }

  /** Uses {@code masks[l]} ({@code sizes[l] x m}, values 0 or 1/(1-p)) instead of drawing: for the tests. */
  static DropoutMasks given(DoubleMatrix[] masks) {
    DropoutMasks d = new DropoutMasks(0, 0);
    d.given = masks;
    return d;
  }

  /** Draws layer {@code l}'s mask for batch {@code b} and multiplies it into {@code at[l]}. */
  void drop(Batch b, int l, int neurons) {
    if (b.mask == null) {
      b.mask = new Buffer[b.at.length];
    }
    Buffer mask = b.mask[l];
    if (mask == null) {
      mask = b.mask[l] = Buffer.zeros(b.at[l] instanceof Buffer.F32, b.at[l].length());
    }
    Buffer a = b.at[l];
    int m = b.m;
    for (int j = 0; j < neurons; j++) {
      for (int c = 0; c < m; c++) {
        int i = j * m + c; // neuron j of example c, one example per row
        double keep = given != null ? given[l].get(j, offset + c) : random.nextDouble() >= p ? scale : 0.0;
        mask.set(i, keep);
        a.set(i, a.get(i) * keep);
      }
    }
    if (given != null && l == given.length - 2) {
      offset += m; // the last hidden layer: the next batch (chunk) starts at the next columns
    }
  }

  /** Multiplies layer {@code l}'s mask of batch {@code b} into {@code delta} ({@code m x sizes[l]}). */
  void mask(Batch b, int l, Buffer delta) {
    Buffer mask = b.mask[l];
    for (int i = 0; i < delta.length(); i++) {
      delta.set(i, delta.get(i) * mask.get(i));
    }
  }
}
