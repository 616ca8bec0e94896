package nn.training;

/**
 * The update of {@link FastSgd} when it is not plain SGD fused into the gradient product: an {@link Optimizer}
 * other than {@code sgd()}, or L1. Works on the step's own buffers (weights transposed, in the step's
 * precision) and keeps each optimiser's state in buffers of the same layout and precision, next to them; the
 * arithmetic is that of {@link Optimizer#update}, element by element, in the same order (tested to 1e-12).
 *
 * <p>Regularisation enters through the gradient of the regularised cost: the weights' gradient is
 * {@code g + (lambda/n)·w + (lambda1/n)·sign(w)}. For plain SGD this is written as the lessons write it,
 * {@code w ← (1 − eta·lambda/n)·w − eta·(lambda1/n)·sign(w) − eta·g}; biases are never regularised.
 */
final class UpdateRule {
  private final Optimizer opt;
  private final int layers;
  // First and second state per layer, for weights (w) and biases (b): momentum's v; RMSProp's s; Adam's m and v.
  private final Buffer[] w1;
  private final Buffer[] w2;
  private final Buffer[] b1;
  private final Buffer[] b2;
  private int t;

  /** A rule for a network of {@code sizes}, its state in float32 if {@code float32}. */
  UpdateRule(Optimizer opt, int[] sizes, boolean float32) {
    this.opt = opt;
    this.layers = sizes.length - 1;
    int states = buffers(opt);
    w1 = new Buffer[layers + 1];
    w2 = new Buffer[layers + 1];
    b1 = new Buffer[layers + 1];
    b2 = new Buffer[layers + 1];
    for (int l = 1; l <= layers; l++) {
      if (states >= 1) {
        w1[l] = Buffer.zeros(float32, sizes[l] * sizes[l - 1]);
        b1[l] = Buffer.zeros(float32, sizes[l]);
      }
      if (states >= 2) {
        w2[l] = Buffer.zeros(float32, sizes[l] * sizes[l - 1]);
        b2[l] = Buffer.zeros(float32, sizes[l]);
      }
    }
  }

  /** How many state buffers of the parameters' size the optimiser keeps: 0, 1 or 2 (for the memory check). */
  static int buffers(Optimizer opt) {
    switch (opt.kind()) {
      case MOMENTUM:
      case RMSPROP:
        return 1;
      case ADAM:
        return 2;
      default:
        return 0;
    }
  }

  /**
   * One update of every layer from the summed mean gradients {@code gw}, {@code gb}; {@code l2} and {@code l1}
   * are {@code lambda/n} and {@code lambda1/n}.
   */
  void apply(Buffer[] wt, Buffer[] bias, Buffer[] gw, Buffer[] gb, double eta, double l2, double l1) {
    t++;
    // Adam's bias corrections, the same for every element of this step.
    double c1 = 1 - Math.pow(opt.beta1(), t);
    double c2 = 1 - Math.pow(opt.beta2(), t);
    for (int l = 1; l <= layers; l++) {
      layer(wt[l], gw[l], w1[l], w2[l], eta, l2, l1, c1, c2);
      layer(bias[l], gb[l], b1[l], b2[l], eta, 0, 0, c1, c2);
    }
  }

  private void layer(Buffer p, Buffer g, Buffer s1, Buffer s2, double eta, double l2, double l1, double c1,
      double c2) {
    int n = p.length();
    if (opt.kind() == Optimizer.Kind.SGD) {
      double decay = 1.0 - eta * l2;
      for (int i = 0; i < n; i++) {
        double w = p.get(i);
        p.set(i, decay * w - eta * (l1 * Math.signum(w)) - eta * g.get(i));
      }
      return;
    }
    // One loop per rule, so the JIT sees a plain loop; the arithmetic is Optimizer.update's, in its order.
    boolean regularised = l2 != 0 || l1 != 0;
    switch (opt.kind()) {
      case MOMENTUM:
        for (int i = 0; i < n; i++) {
          double w = p.get(i);
          double gi = regularised ? g.get(i) + l2 * w + l1 * Math.signum(w) : g.get(i);
          s1.set(i, opt.mu() * s1.get(i) - gi * eta);                          // v ← mu·v − eta·g
          p.set(i, w + s1.get(i));                                             // w ← w + v
        }
        break;
      case RMSPROP:
        for (int i = 0; i < n; i++) {
          double w = p.get(i);
          double gi = regularised ? g.get(i) + l2 * w + l1 * Math.signum(w) : g.get(i);
          s1.set(i, opt.rho() * s1.get(i) + gi * gi * (1 - opt.rho()));        // s ← rho·s + (1 − rho)·g²
          p.set(i, w - gi * eta / (Math.sqrt(s1.get(i)) + Optimizer.EPS));     // w ← w − eta·g / (√s + eps)
        }
        break;
      default: // ADAM
        for (int i = 0; i < n; i++) {
          double w = p.get(i);
          double gi = regularised ? g.get(i) + l2 * w + l1 * Math.signum(w) : g.get(i);
          s1.set(i, opt.beta1() * s1.get(i) + gi * (1 - opt.beta1()));         // m ← β1·m + (1 − β1)·g
          s2.set(i, opt.beta2() * s2.get(i) + gi * gi * (1 - opt.beta2()));    // v ← β2·v + (1 − β2)·g²
          double mHat = s1.get(i) / c1;                                        // m̂ = m / (1 − β1^t)
          double vHat = s2.get(i) / c2;                                        // v̂ = v / (1 − β2^t)
          p.set(i, w - mHat * eta / (Math.sqrt(vHat) + Optimizer.EPS));        // w ← w − eta·m̂ / (√v̂ + eps)
        }
    }
  }
}
